import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';
import { sharedPath } from './shared.ts';

export type SpecOperation = OpenAPIV3.OperationObject & {
  'x-okta-lifecycle'?: { lifecycle?: string };
  'x-okta-iam-admin-roles'?: string[];
};

export interface SpecEntry {
  id: string;
  method: string;
  path: string;
  operation: SpecOperation;
  /** Path-level and operation-level parameters, with $refs resolved. */
  parameters: OpenAPIV3.ParameterObject[];
  /** The JSON request body schema with $refs resolved, if any. */
  body?: { required: boolean; schema: OpenAPIV3.SchemaObject; examples: { name: string; value: unknown }[] };
  successStatus: number;
  scopes: string[];
}

let cached: { doc: OpenAPIV3.Document; entries: Map<string, SpecEntry> } | undefined;

/** Resolve local $refs (the spec has no remote ones); cycles are left as the $ref. */
export function deref<T>(doc: unknown, node: T, seen: ReadonlySet<string> = new Set()): T {
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, seen)) as T;
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    if (seen.has(ref)) return node;
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return deref(doc, target as T, new Set([...seen, ref]));
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(doc, v, seen)])) as T;
}

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/oig-test/', import.meta.url));

/**
 * The spec document. Parsing its 1.5 MB of YAML takes seconds, reading it as JSON milliseconds: the
 * parse is kept as JSON, named by a hash of the YAML, and made once before the workers start
 * (test/support/global-setup.ts) rather than once per worker.
 */
export function specDocument(): OpenAPIV3.Document {
  const text = readFileSync(sharedPath('oig', 'governance-openapi.yaml'), 'utf8');
  const file = join(CACHE, `governance-openapi-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as OpenAPIV3.Document;
  const doc = parse(text) as OpenAPIV3.Document;
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(doc));
  renameSync(partial, file);
  return doc;
}

/** The official OIG spec (../shared/oig/governance-openapi.yaml), indexed by operationId. */
export function loadSpec() {
  if (cached) return cached;
  const doc = specDocument();
  const entries = new Map<string, SpecEntry>();
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    for (const method of methods) {
      const operation = item[method] as SpecOperation | undefined;
      if (!operation?.operationId) continue;
      const parameters = deref(doc, [...(item.parameters ?? []), ...(operation.parameters ?? [])]) as OpenAPIV3.ParameterObject[];
      const requestBody = deref(doc, operation.requestBody) as OpenAPIV3.RequestBodyObject | undefined;
      const media = requestBody?.content?.['application/json'];
      const examples: { name: string; value: unknown }[] = [];
      if (media?.example !== undefined) examples.push({ name: 'example', value: media.example });
      for (const [name, ex] of Object.entries(deref(doc, media?.examples ?? {}))) {
        if ((ex as OpenAPIV3.ExampleObject).value !== undefined) examples.push({ name, value: (ex as OpenAPIV3.ExampleObject).value });
      }
      const successStatus = Number(Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code)));
      const oauth = (operation.security ?? []).find((s) => 'OAuth2' in s);
      entries.set(operation.operationId, {
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        operation,
        parameters,
        ...(media?.schema
          ? { body: { required: Boolean(requestBody?.required), schema: deref(doc, media.schema) as OpenAPIV3.SchemaObject, examples } }
          : {}),
        successStatus,
        scopes: oauth?.OAuth2 ?? [],
      });
    }
  }
  cached = { doc, entries };
  return cached;
}

/** Merge `allOf` members into one object schema (the spec wraps most bodies and items in allOf). */
export function flatten(schema: OpenAPIV3.SchemaObject | undefined): OpenAPIV3.SchemaObject | undefined {
  if (!schema) return schema;
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map((s) => flatten(s as OpenAPIV3.SchemaObject)!);
  const { allOf: _ignored, ...rest } = schema;
  return parts.reduce<OpenAPIV3.SchemaObject>(
    (acc, p) => ({
      ...acc,
      ...p,
      properties: { ...(acc.properties ?? {}), ...(p.properties ?? {}) },
      required: [...new Set([...(acc.required ?? []), ...(p.required ?? [])])],
    }),
    rest as OpenAPIV3.SchemaObject,
  );
}
