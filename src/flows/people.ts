import { PEOPLE_MESSAGES, say } from '../missions/index.ts';
import { FlowInputError, type FlowContext } from './context.ts';

export interface Person {
  id: string;
  login: string;
}

/** Split "a@x.com, b@x.com" or a list into trimmed, non-empty, de-duplicated entries. */
export function listOf(value: string | string[] | undefined): string[] {
  const items = (Array.isArray(value) ? value : (value ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
  return [...new Set(items)];
}

/**
 * A login, an email or a user id → the Okta user. Ids are looked up too, so a typo'd id fails here with
 * the field named rather than later inside the API.
 */
export async function findPerson(ctx: FlowContext, flow: string, field: string, who: string): Promise<Person> {
  // One search for all three forms, as the Workflows templates make it.
  const quoted = who.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const search = `profile.login eq "${quoted}" or profile.email eq "${quoted}" or id eq "${quoted}"`;
  const { outputs } = await ctx.run('listUsers', { search }, { resultSet: 'first' });
  const user = (outputs.items as { id: string; login?: string }[])[0];
  if (user) return { id: user.id, login: user.login ?? who };
  throw new FlowInputError(flow, field, say(PEOPLE_MESSAGES.unknownUser, { who }));
}
