import type { Card, CardInput } from '../compile/card.ts';
import type { ItemMapping } from '../model/operation.ts';
import type { RunnableCard } from './card-registry.ts';
import { CardInputError } from '../model/errors.ts';
import { pointerTokens, setAt } from './json-pointer.ts';
import { encodePathSegment, encodeQuery } from './url.ts';
import { show, type CardInputValues } from './validate-input.ts';

/** The HTTP request a card's input becomes, before auth and host are added. */
export interface PlannedRequest {
  method: string;
  /** Percent-encoded path, e.g. /governance/api/v1/labels/lbc123. */
  path: string;
  /** Encoded query string without `?` ('' when none). */
  query: string;
  /** The JSON body, or undefined when the request has none. */
  body: unknown;
  /** Decoded path parameters and raw query values, as business rules see them. */
  pathParams: Record<string, string>;
  queryParams: Record<string, string>;
}

/** Build the request from the declaration's placements: path, query, body (pointer, set, item mapping, body-root). */
export function buildRequest(entry: RunnableCard, values: CardInputValues): PlannedRequest {
  const { card } = entry;
  const pathParams: Record<string, string> = {};
  const queryPairs: [string, string][] = [];
  const queryParams: Record<string, string> = {};
  let body: unknown;
  let bodyObject: Record<string, unknown> | undefined;

  for (const input of placementOrder(card)) {
    const value = values[input.key];
    if (value === undefined) continue;
    const to = input.to;
    if (to.in === 'path') {
      pathParams[to.name] = safePathValue(card.id, input.key, value);
    } else if (to.in === 'query') {
      const list = Array.isArray(value) ? value : [value];
      for (const item of list) queryPairs.push([to.name, queryText(item)]);
      queryParams[to.name] = list.map(queryText).join(',');
    } else if (to.in === 'body-root') {
      body = shapeItems(value, to);
    } else {
      bodyObject ??= {};
      setAt(bodyObject, to.pointer, shapeItems(value, to));
      for (const [pointer, constant] of Object.entries(to.set ?? {})) setAt(bodyObject, pointer, constant);
    }
  }
  if (bodyObject) body = body === undefined ? bodyObject : body;

  const path = card.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = pathParams[name];
    if (value === undefined) {
      throw new CardInputError(card.id, name, 'required', `${card.id}: "${name}" is required; it goes in the URL path.`);
    }
    return encodePathSegment(value);
  });
  return { method: card.method, path, query: encodeQuery(queryPairs), body, pathParams, queryParams };
}

const orders = new WeakMap<Card, readonly CardInput[]>();

/** Inputs in the order they are placed: shallow body pointers first, so deeper ones merge into them. */
function placementOrder(card: Card): readonly CardInput[] {
  let order = orders.get(card);
  if (!order) {
    const depth = (i: CardInput) => (i.to.in === 'body' ? pointerTokens(i.to.pointer).length : 0);
    order = [...card.inputs].sort((a, b) => depth(a) - depth(b));
    orders.set(card, order);
  }
  return order;
}

/**
 * A friendly list in the API's item shape: each item mapped by key (`each`) or placed as a plain
 * value (`eachValue`), then given the per-item constants (`eachSet`). A single value (a field
 * placed at `/list/-` or `/list/0`) becomes one such item. Without a mapping the value is as given.
 */
function shapeItems(value: unknown, mapping: ItemMapping): unknown {
  if (!mapping.each && mapping.eachValue === undefined && !mapping.eachSet) return value;
  return Array.isArray(value) ? value.map((item) => shapeItem(item, mapping)) : shapeItem(value, mapping);
}

function shapeItem(item: unknown, { each, eachValue, eachSet }: ItemMapping): unknown {
  let out: Record<string, unknown>;
  if (eachValue !== undefined) {
    out = {};
    setAt(out, eachValue, item);
  } else if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    out = {};
    // Unmapped keys keep their name.
    for (const [key, value] of Object.entries(item)) {
      if (value !== undefined) setAt(out, (each && Object.hasOwn(each, key) ? each[key] : undefined) ?? `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value);
    }
  } else {
    return item;
  }
  for (const [pointer, constant] of Object.entries(eachSet ?? {})) setAt(out, pointer, constant);
  return out;
}

function queryText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Ids go into the path: they must be one clean segment. `..`, `/`, `\`, `?`, `#` and control
 * characters are refused even when a schema pattern would already keep them out.
 */
function safePathValue(cardId: string, key: string, value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || text.length === 0) {
    throw new CardInputError(cardId, key, 'path-segment', `${cardId}: "${key}" must be a non-empty id; got ${show(value)}.`, value);
  }
  // eslint-disable-next-line no-control-regex
  const bad = text.includes('..') ? '..' : /[/\\?#\u0000-\u001f\u007f]/.exec(text)?.[0];
  if (bad !== undefined) {
    const shown = /[\u0000-\u001f\u007f]/.test(bad) ? 'a control character' : `"${bad}"`;
    throw new CardInputError(
      cardId,
      key,
      'path-segment',
      `${cardId}: "${key}" goes into the URL path and can't contain ${shown}; got ${show(value)}. Give the id exactly as Okta shows it.`,
      value,
    );
  }
  return text;
}
