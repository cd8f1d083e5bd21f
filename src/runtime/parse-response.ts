import type { Card } from '../compile/card.ts';
import type { RunnableCard } from './card-registry.ts';
import { BodyTooLarge, type HttpAnswer } from '../auth/http-transport.ts';
import { getAt } from './json-pointer.ts';
import { rebaseOnOrg } from './url.ts';
import type { HeaderReader } from '../auth/connection.ts';

/** Thrown by readBody; the pipeline turns it into a TransportError naming the card. */
export class UnreadableResponse extends Error {}

/**
 * The body of an answer, tolerantly: null for 204/205 or an empty body; parsed JSON when it is
 * JSON (whatever the exact content type, e.g. `application/json;charset=utf-8`); the text
 * otherwise. Bodies larger than `maxBytes` are refused.
 */
export async function readBody(answer: HttpAnswer, maxBytes: number): Promise<unknown> {
  if (answer.status === 204 || answer.status === 205 || answer.status === 304) {
    answer.discard();
    return null;
  }
  let text: string;
  try {
    text = await answer.text(maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new UnreadableResponse(error.message);
    throw error;
  }
  const first = firstNonSpace(text);
  if (first === undefined) return null;
  const looksJson = first === '{' || first === '[' || /json/i.test(answer.headers.get('content-type') ?? '');
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (answer.ok) throw new UnreadableResponse(`the answer is not valid JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
    return text;
  }
}

function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') return c;
  }
  return undefined;
}

/**
 * The records of a list answer. `itemsAt` is where the card says they are ('' = the body is the
 * list); without it, the `{data: […]}` envelope or a bare list. Anything else reads as no records.
 */
export function itemsOf(body: unknown, itemsAt?: string): unknown[] {
  if (itemsAt !== undefined) {
    const items = getAt(body, itemsAt);
    return Array.isArray(items) ? items : [];
  }
  if (Array.isArray(body)) return body;
  const data = (body as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? data : [];
}

/**
 * The records of a list answer as the card documents them: each record's item outputs, picked by
 * their pointers (absent when the record lacks them), and `raw`, the record as the API sent it.
 */
export function listItemsOf(card: Card, body: unknown): Record<string, unknown>[] {
  const list = card.list;
  if (!list) return [];
  return itemsOf(body, list.itemsAt).map((record) => {
    const item: Record<string, unknown> = {};
    for (const output of list.itemOutputs) {
      const value = getAt(record, output.from);
      if (value !== undefined) item[output.key] = value;
    }
    return item;
  });
}

/**
 * A non-list card's outputs: each declared output, picked from the body by its pointer or read
 * from its header, plus the full body as `response`. A link header becomes the path and query
 * of the URL, re-based on the org, so a foreign host never reaches the caller as a place to go.
 */
export function outputsOf(entry: RunnableCard, answer: { body: unknown; headers: HeaderReader }, orgUrl: URL): Record<string, unknown> {
  const { body } = answer;
  const outputs: Record<string, unknown> = {};
  const hasBody = body !== null && body !== undefined;
  for (const output of entry.card.outputs) {
    if (output.key === 'response') continue;
    if ('header' in output) {
      const value = answer.headers.get(output.header)?.trim();
      if (value) outputs[output.key] = output.link ? pathOnOrg(orgUrl, value) : value;
      continue;
    }
    if (!hasBody) continue;
    const value = getAt(body, output.from);
    if (value !== undefined) outputs[output.key] = value;
  }
  if (hasBody) outputs.response = body;
  return outputs;
}

function pathOnOrg(orgUrl: URL, href: string): string | undefined {
  try {
    const url = rebaseOnOrg(orgUrl, href);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}
