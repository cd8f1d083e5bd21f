import type { HeaderOutput, HttpMethod, Lifecycle, Operation, OutputField, Placement, WorkflowsType } from '../model/operation.ts';
import { RAW_RECORD } from '../model/answers.ts';
import { plain, schemaAt, workflowsTypeOf, type JsonSchema } from './schemas.ts';

export interface CardInput {
  key: string;
  label: string;
  help: string;
  type: WorkflowsType;
  required: boolean;
  advanced?: boolean;
  to: Placement;
  example?: unknown;
  /** The runtime also takes app and group ids here and writes them as ORNs (InputField.acceptsIdsFor). */
  acceptsIdsFor?: 'orn';
}

/** An output picked from the response body by a JSON pointer (for list records: from each record). */
export interface BodyCardOutput {
  key: string;
  label: string;
  type: WorkflowsType;
  from: string;
  help?: string;
}

/** An output read from a response header; `link`: only its path and query, re-based on the org. */
export interface HeaderCardOutput {
  key: string;
  label: string;
  type: WorkflowsType;
  header: string;
  link?: boolean;
  help?: string;
}

export type CardOutput = BodyCardOutput | HeaderCardOutput;

export interface ResultSetOption {
  key: 'resultSet';
  label: string;
  choices: { value: 'first' | 'firstN' | 'all'; label: string }[];
  default: 'firstN';
  defaultN: number;
}

/** The compiled, JSON form of a card: what `cards/<id>.json` holds and what the runtime executes. */
export interface Card {
  id: string;
  title: string;
  family: string;
  description: string;
  docs: string;
  lifecycle: Lifecycle;
  method: HttpMethod;
  path: string;
  successStatus: number;
  scopes: string[];
  adminRoles: string[];
  idempotent: boolean;
  inputs: CardInput[];
  oneOf: string[][];
  atMostOne: string[][];
  rules: { id: string; field: string; description: string }[];
  options: ResultSetOption[];
  /**
   * `itemsAt`: where the records are in each page's body ('' = the body is the list); absent = the
   * `{data}` envelope. `itemOutputs`: what each item of `items` carries, the raw record last.
   */
  list: { paginated: boolean; itemsAt?: string; itemOutputs: BodyCardOutput[] } | null;
  outputs: CardOutput[];
  schemas: { input: string; output: string };
}

export const DEFAULT_FIRST_N = 200;

const idempotentByDefault: Record<HttpMethod, boolean> = { GET: true, PUT: true, DELETE: true, POST: false, PATCH: false };

export function compileCard(op: Operation): Card {
  const inputs = Object.entries(op.inputs)
    .map(([key, f]): CardInput => ({
      key,
      label: f.label,
      help: f.help,
      type: f.type ?? workflowsTypeOf(plain(f.schema)),
      required: Boolean(f.required),
      ...(f.advanced ? { advanced: true } : {}),
      to: f.to,
      ...(f.example !== undefined ? { example: f.example } : {}),
      ...(f.acceptsIdsFor ? { acceptsIdsFor: f.acceptsIdsFor } : {}),
    }))
    // API-shaped alternatives come after the friendly fields.
    .sort((a, b) => Number(Boolean(a.advanced)) - Number(Boolean(b.advanced)));

  const fromBody = (key: string, f: OutputField, schema: JsonSchema | undefined): BodyCardOutput => ({
    key,
    label: f.label,
    type: f.type ?? workflowsTypeOf(schema ? schemaAt(schema, f.from) : undefined),
    from: f.from,
    ...(f.help ? { help: f.help } : {}),
  });
  const fromHeader = (key: string, f: HeaderOutput): HeaderCardOutput => ({
    key,
    label: f.label,
    type: f.type ?? 'text',
    header: f.header,
    ...(f.link ? { link: true } : {}),
    ...(f.help ? { help: f.help } : {}),
  });

  const { answer } = op;
  const list = answer.kind === 'list' ? answer : undefined;
  if (list && RAW_RECORD in list.itemOutputs) {
    throw new Error(`${op.id}: item output "${RAW_RECORD}" clashes with the raw record every list item carries; rename the output`);
  }
  const responseSchema = answer.kind === 'object' ? plain(answer.schema) : undefined;
  const outputs: CardOutput[] = answer.kind === 'list'
    ? [
        { key: 'items', label: 'Records', type: 'list of objects', from: answer.itemsAt ?? '/data' },
        { key: 'count', label: 'Number of records', type: 'number', from: '' },
      ]
    : [
        ...Object.entries(answer.outputs).map(([key, f]) => ('header' in f ? fromHeader(key, f) : fromBody(key, f, responseSchema))),
        ...(answer.kind === 'object' ? [{ key: 'response', label: 'Full response', type: 'object' as const, from: '' }] : []),
      ];

  return {
    id: op.id,
    title: op.title,
    family: op.family,
    description: op.description,
    docs: op.docs,
    lifecycle: op.lifecycle,
    method: op.method,
    path: op.path,
    successStatus: op.successStatus,
    scopes: op.scopes,
    adminRoles: op.adminRoles,
    idempotent: op.idempotent ?? idempotentByDefault[op.method],
    inputs,
    oneOf: op.oneOf ?? [],
    atMostOne: op.atMostOne ?? [],
    rules: (op.rules ?? []).map(({ id, field, description }) => ({ id, field, description })),
    options: list?.paginated
      ? [
          {
            key: 'resultSet',
            label: 'Result set',
            choices: [
              { value: 'first', label: 'First matching record' },
              { value: 'firstN', label: `First ${DEFAULT_FIRST_N} matching records (or the number you set)` },
              { value: 'all', label: 'All matching records (streamed page by page)' },
            ],
            default: 'firstN',
            defaultN: DEFAULT_FIRST_N,
          },
        ]
      : [],
    list: list
      ? {
          paginated: list.paginated,
          ...(list.itemsAt !== undefined ? { itemsAt: list.itemsAt } : {}),
          itemOutputs: [
            ...Object.entries(list.itemOutputs).map(([key, f]) => fromBody(key, f, plain(list.item))),
            { key: RAW_RECORD, label: 'Raw record', type: 'object', from: '', help: 'The record as the API sent it.' },
          ],
        }
      : null,
    outputs,
    schemas: { input: `schemas/${op.id}.input.json`, output: `schemas/${op.id}.output.json` },
  };
}
