/**
 * Every card against the official OIG spec (../shared/oig/governance-openapi.yaml): the spec is the
 * oracle, the declarations are ours, and any drift fails here with the card and the difference.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/model/ajv.ts';
import { compileCard } from '../src/compile/card.ts';
import { inputSchema, plain, type JsonSchema } from '../src/compile/schemas.ts';
import type { Operation } from '../src/model/operation.ts';
import { operations } from '../src/operations/index.ts';
import { notInSpec } from '../src/operations/coverage.ts';
import { hasShared } from './support/shared.ts';
import { flatten, loadSpec, type SpecEntry } from './support/spec.ts';
import { loadRecorded, recordedToInput } from './support/recorded.ts';
import { EXPECTED_EXAMPLE_REJECTIONS } from './support/expected-rejections.ts';

/** Core Okta calls the flows need; they live in the management API, not in the OIG spec. */
const NOT_IN_OIG_SPEC = new Set(notInSpec);

const BOUND_KEYS = ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'enum', 'default'] as const;

function bounds(schema: object | undefined): Record<string, unknown> {
  const s = (schema ?? {}) as Record<string, unknown>;
  return Object.fromEntries(BOUND_KEYS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
}

/** Compare the spec's bounds with ours; ours may add bounds the spec leaves open, never drop or change one. */
function boundDrift(where: string, spec: object | undefined, ours: JsonSchema | undefined): string[] {
  const theirs = bounds(spec);
  const mine = bounds(ours);
  const drift: string[] = [];
  for (const [key, value] of Object.entries(theirs)) {
    if (JSON.stringify(mine[key]) !== JSON.stringify(value)) {
      drift.push(`${where}: spec ${key}=${JSON.stringify(value)}, card ${key}=${JSON.stringify(mine[key])}`);
    }
  }
  if (mine.default !== undefined && theirs.default === undefined) drift.push(`${where}: card invents default ${JSON.stringify(mine.default)}`);
  const s = (spec ?? {}) as Record<string, unknown>;
  // Formats such as scim-filter or order-by are labels, not checkable formats; patterns and standard formats are.
  const checkable = s.pattern ?? (['date-time', 'date', 'uuid', 'email', 'uri'].includes(String(s.format)) ? s.format : undefined);
  if (checkable && ours && !ours.pattern && !ours.format && !ours.enum) {
    drift.push(`${where}: spec constrains the format (${String(checkable)}), card accepts any text`);
  }
  return drift;
}

function inputsIn(op: Operation, where: 'path' | 'query') {
  return new Map(
    Object.entries(op.inputs)
      .filter(([, f]) => f.to.in === where)
      .map(([key, f]) => [(f.to as { name: string }).name, { key, field: f }]),
  );
}

/** Every difference between a card and its spec operation, as readable lines. */
function conformanceDrift(op: Operation, spec: SpecEntry): string[] {
  const drift: string[] = [];
  const card = compileCard(op);
  if (card.method !== spec.method) drift.push(`method: spec ${spec.method}, card ${card.method}`);
  if (card.path !== spec.path) drift.push(`path: spec ${spec.path}, card ${card.path}`);
  if (card.successStatus !== spec.successStatus) drift.push(`success status: spec ${spec.successStatus}, card ${card.successStatus}`);
  if (JSON.stringify([...card.scopes].sort()) !== JSON.stringify([...spec.scopes].sort())) {
    drift.push(`scopes: spec ${spec.scopes.join(' ')}, card ${card.scopes.join(' ')}`);
  }
  const lifecycle = spec.operation['x-okta-lifecycle']?.lifecycle ?? 'NONE';
  if (card.lifecycle !== lifecycle) drift.push(`lifecycle: spec ${lifecycle}, card ${card.lifecycle}`);
  const roles = [...(spec.operation['x-okta-iam-admin-roles'] ?? [])].sort();
  if (JSON.stringify([...card.adminRoles].sort()) !== JSON.stringify(roles)) {
    drift.push(`admin roles: spec ${roles.join(' ') || '(none)'}, card ${card.adminRoles.join(' ') || '(none)'}`);
  }

  for (const where of ['path', 'query'] as const) {
    const ours = inputsIn(op, where);
    const theirs = spec.parameters.filter((p) => p.in === where);
    for (const p of theirs) {
      const mine = ours.get(p.name);
      if (!mine) {
        drift.push(`${where} parameter ${p.name}: in the spec, no card input`);
        continue;
      }
      if (Boolean(mine.field.required) !== Boolean(p.required)) {
        drift.push(`${where} parameter ${p.name}: spec required=${Boolean(p.required)}, card required=${Boolean(mine.field.required)}`);
      }
      const schema = p.schema as OpenAPIV3.SchemaObject | undefined;
      const ourSchema = plain(mine.field.schema);
      if (schema?.type === 'array') {
        drift.push(...boundDrift(`${where} parameter ${p.name}`, { ...schema, items: undefined }, ourSchema));
      } else {
        drift.push(...boundDrift(`${where} parameter ${p.name}`, schema, ourSchema));
      }
    }
    for (const name of ours.keys()) {
      if (!theirs.some((p) => p.name === name)) drift.push(`${where} parameter ${name}: card input, not in the spec`);
    }
  }

  const bodyInputs = Object.entries(op.inputs).filter(([, f]) => f.to.in === 'body' || f.to.in === 'body-root');
  if (!spec.body) {
    if (bodyInputs.length) drift.push(`body: the spec takes none, card has body inputs ${bodyInputs.map(([k]) => k).join(', ')}`);
    return drift;
  }
  const bodySchema = mergeVariants(flatten(spec.body.schema)!);
  if (bodySchema.type === 'array') {
    const root = bodyInputs.find(([, f]) => f.to.in === 'body-root');
    if (!root) drift.push('body: the spec takes a JSON array, card has no body-root input');
    else drift.push(...boundDrift(`body ${root[0]}`, { ...bodySchema, items: undefined }, plain(root[1].schema)));
    return drift;
  }
  const topLevel = (pointer: string) => pointer.split('/')[1]!;
  const feeds = new Map<string, string[]>();
  for (const [key, f] of bodyInputs) {
    if (f.to.in !== 'body') continue;
    const prop = topLevel(f.to.pointer);
    feeds.set(prop, [...(feeds.get(prop) ?? []), key]);
  }
  const properties = (bodySchema.properties ?? {}) as Record<string, OpenAPIV3.SchemaObject>;
  for (const prop of Object.keys(properties)) {
    if (!feeds.has(prop)) drift.push(`body property ${prop}: in the spec, no card input fills it`);
  }
  for (const prop of feeds.keys()) {
    if (!(prop in properties)) drift.push(`body property ${prop}: a card input fills it, not in the spec`);
  }
  for (const prop of bodySchema.required ?? []) {
    const keys = feeds.get(prop) ?? [];
    const anyRequired = keys.some((k) => op.inputs[k]?.required);
    const coveredByOneOf = (op.oneOf ?? []).some((group) => group.every((k) => keys.includes(k) || feedsProp(op, k, prop)));
    if (!anyRequired && !coveredByOneOf) drift.push(`body property ${prop}: required by the spec, optional on the card`);
  }
  // API-named inputs carry the spec's bounds (the friendly ones are checked by the examples below).
  for (const [key, f] of bodyInputs) {
    if (f.to.in !== 'body' || f.to.pointer !== `/${key}`) continue;
    const theirs = flatten(properties[key]);
    if (!theirs) continue;
    const mine = plain(f.schema);
    drift.push(...boundDrift(`body ${key}`, { ...theirs, items: undefined, default: undefined }, mine));
    if (theirs.type === 'array' && mine.type === 'array') {
      drift.push(...boundDrift(`body ${key}[]`, { ...flatten(theirs.items as OpenAPIV3.SchemaObject), default: undefined }, mine.items as JsonSchema));
    }
  }
  return drift;
}

/**
 * A body that takes one of several shapes (createGrant: one per grantType) as one object: any
 * variant's property may be filled, only what every variant requires is required, and a property's
 * enum is the union of the variants' enums.
 */
function mergeVariants(schema: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject {
  const variants = (schema.oneOf ?? schema.anyOf) as OpenAPIV3.SchemaObject[] | undefined;
  if (!variants?.length) return schema;
  const flat = variants.map((v) => flatten(v)!);
  const properties: Record<string, OpenAPIV3.SchemaObject> = {};
  for (const variant of flat) {
    for (const [key, prop] of Object.entries((variant.properties ?? {}) as Record<string, OpenAPIV3.SchemaObject>)) {
      const seen = properties[key];
      properties[key] = seen?.enum && prop.enum ? { ...seen, enum: [...new Set([...seen.enum, ...prop.enum])] } : (seen ?? prop);
    }
  }
  const required = flat.map((v) => v.required ?? []).reduce((all, next) => all.filter((k) => next.includes(k)));
  return { ...schema, type: 'object', properties, required };
}

function feedsProp(op: Operation, key: string, prop: string): boolean {
  const to = op.inputs[key]?.to;
  return to?.in === 'body' && to.pointer.split('/')[1] === prop;
}

function validatorFor() {
  const ajv = createAjv();
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (op: Operation) => {
    if (!compiled.has(op.id)) compiled.set(op.id, ajv.compile(inputSchema(op)));
    return compiled.get(op.id)!;
  };
}

describe.skipIf(!hasShared)('conformance with the official OIG spec', () => {
  const { entries } = hasShared ? loadSpec() : { entries: new Map<string, SpecEntry>() };

  it('every card is an operation of the spec (or one of the named core Okta calls)', () => {
    const unknown = operations.filter((op) => !entries.has(op.id) && !NOT_IN_OIG_SPEC.has(op.id)).map((op) => op.id);
    expect(unknown).toEqual([]);
  });

  for (const op of operations.filter((o) => !NOT_IN_OIG_SPEC.has(o.id))) {
    it(`${op.id} matches the spec`, () => {
      const spec = entries.get(op.id);
      expect(spec, `${op.id} is not in the spec`).toBeDefined();
      expect(conformanceDrift(op, spec!)).toEqual([]);
    });
  }

  it('spec and recorded request examples: rejected exactly where expected, and why', () => {
    const compile = validatorFor();
    const byId = new Map(operations.map((o) => [o.id, o]));
    const rejected: Record<string, string> = {};
    const tried: string[] = [];
    const check = (op: Operation, key: string, input: Record<string, unknown>) => {
      tried.push(key);
      const validate = compile(op);
      if (!validate(input)) {
        rejected[key] = (validate.errors ?? [])
          .map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`)
          .join('; ');
      }
    };
    for (const [id, spec] of entries) {
      const op = byId.get(id);
      if (!op) continue;
      const params: Record<string, unknown> = {};
      for (const p of spec.parameters) {
        if (p.in !== 'path' && !(p.in === 'query' && p.required)) continue;
        // Where the spec gives no example for a path parameter, stand in the card's own example id.
        const example = p.example ?? (p.schema as OpenAPIV3.SchemaObject | undefined)?.example ?? inputsIn(op, p.in as 'path' | 'query').get(p.name)?.field.example;
        if (example !== undefined) params[p.name] = example;
      }
      for (const ex of spec.body?.examples ?? []) {
        const root = Object.entries(op.inputs).find(([, f]) => f.to.in === 'body-root');
        const body = root ? { [root[0]]: ex.value } : (ex.value as Record<string, unknown>);
        check(op, `spec ${id} ${ex.name}`, { ...params, ...body });
      }
    }
    for (const { file, interactions } of loadRecorded()) {
      for (const i of interactions) {
        const op = byId.get(i.operation.operationId);
        if (!op) continue;
        check(op, `recorded ${file}#${i.id} ${i.operation.operationId}`, recordedToInput(op, i.request));
      }
    }
    const report = Object.entries(rejected).map(([k, why]) => `${k}: ${why}`);
    if (report.length) process.stdout.write(`examples rejected by the input schemas (${report.length} of ${tried.length}):\n  ${report.join('\n  ')}\n`);
    const unexpected = Object.keys(rejected).filter((k) => !(k in EXPECTED_EXAMPLE_REJECTIONS));
    const nowAccepted = Object.keys(EXPECTED_EXAMPLE_REJECTIONS).filter((k) => tried.includes(k) && !(k in rejected));
    expect(unexpected.map((k) => `${k}: ${rejected[k]}`)).toEqual([]);
    expect(nowAccepted).toEqual([]);
  });
});

describe.skipIf(!hasShared)('the conformance check itself catches drift', () => {
  const spec = hasShared ? loadSpec().entries.get('listLabelResources')! : undefined;
  const op = operations.find((o) => o.id === 'listLabelResources')!;
  const mutate = (change: (copy: Operation) => void) => {
    const copy = structuredClone({ ...op, inputs: Object.fromEntries(Object.entries(op.inputs).map(([k, f]) => [k, { ...f, schema: plain(f.schema) }])) }) as unknown as Operation;
    change(copy);
    return conformanceDrift(copy, spec!);
  };

  it('accepts the declaration as it is', () => {
    expect(conformanceDrift(op, spec!)).toEqual([]);
  });
  it('reports a changed method, path, status or scope', () => {
    expect(mutate((c) => (c.method = 'POST'))).toContain('method: spec GET, card POST');
    expect(mutate((c) => (c.path = '/governance/api/v1/labels'))).toContain('path: spec /governance/api/v1/resource-labels, card /governance/api/v1/labels');
    expect(mutate((c) => (c.successStatus = 201))).toContain('success status: spec 200, card 201');
    expect(mutate((c) => (c.scopes = ['okta.governance.labels.manage']))).toEqual(['scopes: spec okta.governance.labels.read, card okta.governance.labels.manage']);
  });
  it('reports a required filter made optional, a changed bound, a dropped or an invented parameter', () => {
    expect(mutate((c) => (c.inputs.filter!.required = false))).toEqual(['query parameter filter: spec required=true, card required=false']);
    expect(mutate((c) => ((c.inputs.limit!.schema as unknown as JsonSchema).maximum = 500))).toEqual(['query parameter limit: spec maximum=200, card maximum=500']);
    expect(mutate((c) => delete c.inputs.after)).toEqual(['query parameter after: in the spec, no card input']);
    expect(
      mutate((c) => (c.inputs.orderBy = { ...c.inputs.after!, to: { in: 'query', name: 'orderBy' } })),
    ).toEqual(['query parameter orderBy: card input, not in the spec']);
  });
});
