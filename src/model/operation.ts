import type { TSchema } from '@sinclair/typebox';

/** The field types an Okta Workflows card offers. */
export type WorkflowsType =
  | 'text'
  | 'number'
  | 'true/false'
  | 'date & time'
  | 'object'
  | 'list of text'
  | 'list of numbers'
  | 'list of true/false'
  | 'list of date & time'
  | 'list of objects';

export type Lifecycle = 'GA' | 'BETA' | 'EA' | 'NONE';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How each item of a friendly list becomes an item of the API's list (and, for a single value
 * placed at `/list/-` or `/list/0`, how that one value becomes the item).
 * - `each`: object items; friendly key → pointer inside the API's item (unmapped keys keep their name).
 * - `eachValue`: plain items such as ids; the pointer inside the API's item where the value goes.
 * - `eachSet`: constants written into every API item (pointer inside the item → value), e.g. the
 *   `type` a list of `{externalId, type}` principals needs.
 * `each` and `eachValue` exclude each other (an item is either an object or a plain value).
 */
export interface ItemMapping {
  each?: Record<string, string>;
  eachValue?: string;
  eachSet?: Record<string, unknown>;
}

/**
 * Where an input goes on the wire.
 * - `path`/`query`: the named parameter.
 * - `body`: a JSON pointer into the request body. Index tokens build lists: `/requesterUserIds/0`
 *   sends `{requesterUserIds: [value]}`, `/resources/0/resourceOrn` a one-item list of objects, `-`
 *   appends to a list another input filled. `set` adds constants next to it (the API's
 *   discriminators, e.g. reviewerSettings.type = USER). The item mapping reshapes list items.
 * - `body-root`: the input is the whole body (the API takes a JSON array, e.g. updateLabel); the
 *   item mapping may reshape its items (a list of user ids → the API's list of assignments).
 */
export type Placement =
  | { in: 'path'; name: string }
  | { in: 'query'; name: string }
  | ({ in: 'body'; pointer: string; set?: Record<string, unknown> } & ItemMapping)
  | ({ in: 'body-root' } & ItemMapping);

export interface InputField<S extends TSchema = TSchema> {
  label: string;
  help: string;
  schema: S;
  to: Placement;
  required?: boolean;
  /** Defaults to the type inferred from the schema. */
  type?: WorkflowsType;
  example?: unknown;
  /** The API-shaped form of something a friendlier field also offers; shown last. */
  advanced?: boolean;
  /**
   * `orn`: the field takes Okta Resource Names, and the runtime also takes app (0oa…) and group
   * (00g…) ids in them, which it writes as ORNs of the org before validating and sending (model/ids.ts).
   */
  acceptsIdsFor?: 'orn';
}

export interface OutputField {
  label: string;
  /** JSON pointer into the response body (for list cards: into each item). */
  from: string;
  /** Defaults to the type inferred from the response schema at `from`. */
  type?: WorkflowsType;
  help?: string;
}

/** An output read from a response header, e.g. the `Location` of a 202. */
export interface HeaderOutput {
  label: string;
  /** Header name, lower case. */
  header: string;
  /**
   * The header is a URL: the output is its path and query only, re-based on the org (a link on
   * another host, such as `<org>-admin`, never leaks out as a place to send credentials).
   */
  link?: boolean;
  /** Defaults to text. */
  type?: WorkflowsType;
  help?: string;
}

/** What a business rule sees: the request as it will be sent, and the clock. */
export interface RuleContext {
  path: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  now: Date;
}

/**
 * A rule JSON Schema can't say (it spans fields or depends on the clock). `check` returns a
 * sentence naming the field, the rule and the fix, or null when the input is fine.
 */
export interface BusinessRule {
  id: string;
  field: string;
  description: string;
  check: (ctx: RuleContext) => string | null;
}

/** The API answers with no body (204, or a 202 whose news is in its headers). */
export interface NoBodyAnswer<H extends Record<string, HeaderOutput> = Record<string, HeaderOutput>> {
  kind: 'none';
  /** Outputs read from response headers, e.g. the `Location` of a 202. */
  outputs: H;
}

/** The API answers with one JSON object; outputs are picked from it (or from headers). */
export interface ObjectAnswer<S extends TSchema = TSchema, O extends Record<string, OutputField | HeaderOutput> = Record<string, OutputField | HeaderOutput>> {
  kind: 'object';
  /** Schema of the body, tolerant of undeclared fields. */
  schema: S;
  outputs: O;
}

/** The API answers with records: `{data: [item…], _links}`, a bare list, or where `itemsAt` says. */
export interface ListAnswer<S extends TSchema = TSchema, O extends Record<string, OutputField> = Record<string, OutputField>> {
  kind: 'list';
  /** Schema of one record. */
  item: S;
  /** The API accepts `after`/`limit` and returns next links. */
  paginated: boolean;
  /**
   * JSON pointer to the records in each page's body: '' when the body is the list itself (core
   * Okta lists, assignCollection), '/entitlementHistory' for the entitlement history. Default: the
   * `{data: […]}` envelope (a bare list is accepted too).
   */
  itemsAt?: string;
  /** Outputs picked from each record. */
  itemOutputs: O;
}

export type Answer = NoBodyAnswer | ObjectAnswer | ListAnswer;

/** A fully stated operation: what the compiler and the runtime read. */
export interface Operation {
  /** The official operationId; the card id. */
  id: string;
  /** "Verb noun", as people say it. */
  title: string;
  family: string;
  /** One or two sentences in our own words. */
  description: string;
  docs: string;
  lifecycle: Lifecycle;
  method: HttpMethod;
  path: string;
  successStatus: number;
  scopes: string[];
  adminRoles: string[];
  inputs: Record<string, InputField>;
  /** Groups of inputs of which exactly one must be given (a friendly field and its API form). */
  oneOf?: string[][];
  /** Groups of optional inputs of which at most one may be given (a friendly field and its API form on an update). */
  atMostOne?: string[][];
  rules?: BusinessRule[];
  /** What a successful call answers: no body, one object, or records. */
  answer: Answer;
  /** Override the method's default (GET/PUT/DELETE idempotent, POST/PATCH not). */
  idempotent?: boolean;
}
