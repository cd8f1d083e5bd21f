import type { ErrorObject } from 'ajv';
import type { RunnableCard } from './card-registry.ts';
import { CardInputError } from '../model/errors.ts';
import { wrongIdHint } from '../model/ids.ts';

export type CardInputValues = Record<string, unknown>;

/**
 * Check an input against its card before anything is built or sent: a plain object, known keys,
 * one of each friendly/API-form pair, then the JSON Schema. Keys set to undefined count as absent.
 */
export function validateInput(entry: RunnableCard, input: unknown): CardInputValues {
  const { card } = entry;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CardInputError(card.id, '', 'type', `${card.id}: the input must be an object of named fields, e.g. ${exampleOf(entry)}; got ${show(input)}.`, input);
  }
  // fromEntries, not assignment: an own "__proto__" key stays a key (and is refused below as unknown)
  // instead of silently becoming the prototype whose properties would then pass for inputs.
  const values: CardInputValues = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));

  for (const key of Object.keys(values)) {
    if (!entry.inputs.has(key)) {
      const known = [...entry.inputs.keys()];
      throw new CardInputError(
        card.id,
        key,
        'additionalProperties',
        `${card.id} has no input "${key}". Its inputs are: ${known.length ? known.join(', ') : '(none)'}.`,
        values[key],
      );
    }
  }
  for (const group of card.oneOf) {
    const given = group.filter((key) => key in values);
    if (given.length > 1) {
      throw new CardInputError(
        card.id,
        given[1]!,
        'oneOf',
        `${card.id}: give only one of ${given.map((k) => `"${k}"`).join(' and ')}: they set the same thing (${describeGroup(entry, group)}). Drop one.`,
        values[given[1]!],
      );
    }
    if (given.length === 0) {
      throw new CardInputError(card.id, group[0]!, 'oneOf', `${card.id}: give one of ${group.map((k) => `"${k}"`).join(' or ')} (${describeGroup(entry, group)}).`);
    }
  }
  for (const group of card.atMostOne ?? []) {
    const given = group.filter((key) => key in values);
    if (given.length > 1) {
      throw new CardInputError(
        card.id,
        given[1]!,
        'atMostOne',
        `${card.id}: give at most one of ${given.map((k) => `"${k}"`).join(' and ')}: they set the same thing (${describeGroup(entry, group)}). Drop one.`,
        values[given[1]!],
      );
    }
  }
  if (!entry.validate(values)) throw fromSchemaError(entry, entry.validate.errors ?? []);
  checkUrlText(entry, values);
  return values;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text that goes into the URL must be whole characters: half a surrogate pair can't be percent-encoded. */
function checkUrlText(entry: RunnableCard, values: CardInputValues): void {
  for (const [key, value] of Object.entries(values)) {
    const to = entry.inputs.get(key)?.to;
    if (to?.in !== 'path' && to?.in !== 'query') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' && LONE_SURROGATE.test(item)) {
        throw new CardInputError(
          entry.card.id,
          key,
          'unicode',
          `${entry.card.id}: "${key}" goes into the URL and contains half of a UTF-16 character (a lone surrogate), which can't be sent; got ${show(value)}. Check how the text was cut or decoded.`,
          value,
        );
      }
    }
  }
}

function describeGroup(entry: RunnableCard, group: string[]): string {
  return group.map((k) => `${k}: ${entry.inputs.get(k)?.label ?? k}`).join('; ');
}

function exampleOf(entry: RunnableCard): string {
  const required = entry.card.inputs.filter((i) => i.required).map((i) => `"${i.key}": …`);
  return `{${required.join(', ')}}`;
}

/** `/labelValues/0/name` → labelValues[0].name */
function location(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, key) => (/^\d+$/.test(key) ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), '');
}

function fromSchemaError(entry: RunnableCard, errors: ErrorObject[]): CardInputError {
  const id = entry.card.id;
  // Inside an anyOf the branch errors come first; the anyOf error itself says it best.
  const error = errors.find((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf') ?? errors[0]!;
  const where = location(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    const path = where ? `${where}.${missing}` : missing;
    const field = where ? where.split(/[.[]/)[0]! : missing;
    const label = !where ? ` (${entry.inputs.get(missing)?.label ?? missing})` : '';
    return new CardInputError(id, field, 'required', `${id}: "${path}"${label} is required. Add it to the input.`, undefined, path);
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty);
    const allowed = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
    const field = where ? where.split(/[.[]/)[0]! : extra;
    return new CardInputError(
      id,
      field,
      'additionalProperties',
      `${id}: "${where || 'input'}" has no key "${extra}". Allowed keys: ${allowed.join(', ') || '(none)'}.`,
      undefined,
      where ? `${where}.${extra}` : extra,
    );
  }
  const field = where.split(/[.[]/)[0] ?? '';
  const value = error.data;
  const what = describe(error, params);
  const label = entry.inputs.get(field)?.label;
  const name = where === field && label ? `"${where}" (${label})` : `"${where}"`;
  return new CardInputError(id, field, error.keyword, `${id}: ${name} ${what}; got ${show(value)}.`, value, where);
}

function describe(error: ErrorObject, params: Record<string, unknown>): string {
  const schema = error.parentSchema as Record<string, unknown> | undefined;
  // A login where an id goes, or another kind of id: say which id, and the card that finds it.
  const hint = typeof schema?.pattern === 'string' ? wrongIdHint(schema.pattern, error.data) : null;
  if (hint) return hint;
  switch (error.keyword) {
    case 'type':
      return `must be ${article(String(params.type))}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'pattern':
      return `must have the expected format${schema?.description ? ` (${String(schema.description)})` : ` (pattern ${String(params.pattern)})`}`;
    case 'format':
      return params.format === 'date-time'
        ? 'must be an ISO 8601 date and time with a time zone, e.g. 2026-01-31T17:00:00Z'
        : `must be a valid ${String(params.format)}`;
    case 'minLength':
      return `must be at least ${String(params.limit)} character${params.limit === 1 ? '' : 's'} long`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'minItems':
      return `must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${String(params.limit)} items`;
    case 'uniqueItems':
      return `must not repeat items (items ${String(params.j)} and ${String(params.i)} are the same)`;
    case 'multipleOf':
      return `must be a multiple of ${String(params.multipleOf)}`;
    case 'anyOf':
    case 'oneOf':
      return `matches none of the forms it can take (${schema?.description ? String(schema.description) : 'see `oig describe` for them'})`;
    default:
      return `breaks the rule "${error.keyword}"${error.message ? ` (${error.message})` : ''}`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = { string: 'a text', integer: 'a whole number', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null' };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}

/** A short rendering of a value for a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
