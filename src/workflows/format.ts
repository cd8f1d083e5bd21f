/**
 * The Okta Workflows export document ("flopack"), as far as we emit it. Okta publishes no schema:
 * shapes and key order follow real exports (see FLOPACK-FORMAT.md in the project's reference
 * material). Objects are built in the key order real exports use, because a serialiser may care.
 */

/** A field's Workflows type: a scalar type name, or an object with declared sub-fields. */
export type ValueType = 'string' | 'number' | 'boolean' | 'Date' | 'object' | 'file' | 'flo' | 'folder' | TypedObject;
export interface TypedObject {
  [field: string]: { type: ValueType; collection: boolean };
}

export interface FieldValue {
  error: boolean;
  proxy: unknown;
  check: boolean;
  type: ValueType;
  collection: boolean;
  data: unknown;
  available: string[];
}

export interface Field {
  id: string;
  group: string | null;
  key: string;
  value: FieldValue;
  ref: boolean;
  metadata: Record<string, unknown>;
  required?: boolean;
  flags?: 'd' | 'p';
  _used?: boolean;
}

export interface FieldSet {
  extensible: boolean;
  rules?: Record<string, unknown>;
  groupRules?: Record<string, unknown>;
  data: Record<string, Field>;
}

export interface Pin {
  input: string;
  transform: Record<string, { convert: string; forceWrapArray: boolean; dest: string }> | null;
}

export interface CardModel {
  type: 'method';
  _v: 2;
  key: string;
  executable: boolean;
  displayed: boolean;
  async: boolean;
  cooperative: boolean;
  mirrored: boolean;
  compat?: boolean;
  inlined: boolean;
  dependencies: unknown[];
  timeout: number;
  idempotent: boolean;
  monitor: boolean;
  webhook: boolean;
  webhookList: boolean;
  webhookConditions: unknown;
  mobile: boolean;
  hooks: Record<string, unknown>;
  policy: { error: { type: string } };
  metadata: { id: number | null; name: string; description: string | null };
  meta: Record<string, unknown>;
  config: string | null;
  partnerChannelKeys: number | null;
  inputs: FieldSet;
  outputs: FieldSet;
  runtime: Record<string, unknown>;
  display?: Record<string, unknown>;
  comments?: string | { title: string; markdown: string };
  enableNewMetadata?: boolean;
}

/** A card. Real exports call it a "method". */
export interface Method {
  joins: Record<string, { output: string; transform: null }[]>;
  address: string;
  parents: {
    version: { address: string; key: string; data: { name: string; id?: number | null } };
    channel: { address: string; key: string; data: { name: string; id?: number | null } };
  };
  uuid: string;
  branches: Record<string, boolean>;
  node: { key: string; data: { name: string }; model: CardModel };
  pins: Record<string, Record<string, Pin[]>>;
}

export interface FlowData {
  id: null;
  uuid: string;
  display: { preview: { module: string; name: string; kernel: boolean }[]; eventConnecterName?: string; isCallable: boolean };
  tree: { id: number; name: string; description: string };
  methods: Method[];
  model: Record<string, never>;
  orderings: Record<string, [string, string]>;
  cron: Record<string, never>;
  security_level: string | null;
  log: boolean;
  inheritLog: boolean;
  scheduled: boolean;
  group: string;
  templateName: null;
  connector_method_meta: { inputs: Record<string, never>; outputs: Record<string, never>; options: Record<string, never> };
  monitor_flo: boolean;
}

/** An inline sub-flow (held in a `flo` input of For Each, If Error, …), in the shape real exports give it. */
export interface InlineFlow {
  id: string;
  uuid: string;
  tree: FlowData['tree'];
  methods: Method[];
  model: Record<string, never>;
  orderings: Record<string, [string, string]>;
  security_level: null;
  log: boolean;
  inheritLog: boolean;
  group: null;
  templateName: null;
  connector_method_meta: FlowData['connector_method_meta'];
  monitor_flo: boolean;
}

export interface FlowRecord {
  id: string;
  name: string;
  description: string;
  data: FlowData;
}

export interface Folder {
  id: string;
  data: { name: string; description: string; media_uri: string; path: string };
}

/** A Workflows Tables definition: its columns travel with the export, its rows don't. */
export interface Table {
  id: string;
  name: string;
  description: string;
  data: { class: 'simple'; group_id: string; structure: { name: string; type: 'str'; default: string }[] };
}

export interface ConnectionPlaceholder {
  id: string;
  name: string;
  module: string;
  data: null;
}

export interface Flopack {
  type: 'flopack';
  version: string;
  created: string;
  flags: typeof FLOPACK_FLAGS;
  data: {
    flos: Record<string, FlowRecord>;
    configs: Record<string, ConnectionPlaceholder>;
    tables: Record<string, Table>;
    groups: Record<string, Folder>;
  };
}

/** The version every console export has carried since April 2024; such exports carry no checksum. */
export const FLOPACK_VERSION = '1.5.0';

/** Present, with these exact values, in every real export. */
export const FLOPACK_FLAGS = { 'auto-transform': true, looseBooleans: true, looseStrings: true, looseNulls: true } as const;

/** The `tree` value of flows built with the current editor. */
export const FLOW_TREE = { id: 3, name: 'empty', description: 'This flow has been build w/o a tree and uses the newer, async, Addressing module.' };

/** The types a user may switch a custom field to (informational in real exports). */
export const ANY_TYPE = ['string', 'number', 'boolean', 'Date', 'Array', 'object', 'file', 'flo', 'folder'];
