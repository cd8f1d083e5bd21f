import { FlowInputError, type FlowContext } from './context.ts';

const USER_ID = /^00u[0-9a-zA-Z]{17}$/;

interface OktaUser {
  id: string;
  profile?: { login?: string };
}

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
  if (USER_ID.test(who)) {
    const { body } = await ctx.run('getUser', { id: who }).catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) throw new FlowInputError(flow, field, `names user id ${who}, which this org doesn't have`);
      throw error;
    });
    const user = body as OktaUser;
    return { id: user.id, login: user.profile?.login ?? who };
  }
  const quoted = who.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const searches = [`profile.login eq "${quoted}"`, ...(who.includes('@') ? [`profile.email eq "${quoted}"`] : [])];
  for (const search of searches) {
    const { outputs } = await ctx.run('listUsers', { search }, { resultSet: 'first' });
    const user = (outputs.items as { id: string; login?: string }[])[0];
    if (user) return { id: user.id, login: user.login ?? who };
  }
  throw new FlowInputError(flow, field, `names "${who}", but no user has that login or email; check the spelling or give the 00u… id`);
}
