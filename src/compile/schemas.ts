import type { TSchema } from '@sinclair/typebox';
import type { Operation, WorkflowsType } from '../model/operation.ts';
import { RAW_RECORD } from '../model/answers.ts';

export const SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';
export type JsonSchema = Record<string, unknown>;

/** TypeBox schemas carry symbols; JSON round-tripping leaves plain JSON Schema. */
export function plain(schema: TSchema | JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

export function inputSchema(op: Operation): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(op.inputs)) {
    properties[key] = { ...plain(field.schema), title: field.label, description: field.help };
    if (field.required) required.push(key);
  }
  const example = Object.fromEntries(
    Object.entries(op.inputs).filter(([, f]) => f.example !== undefined && !f.advanced).map(([k, f]) => [k, f.example]),
  );
  const schema: JsonSchema = {
    $schema: SCHEMA_DIALECT,
    $id: `https://oig-connector.dev/schemas/${op.id}.input.json`,
    title: `${op.title} — input`,
    description: op.description,
    type: 'object',
    properties,
    additionalProperties: false,
  };
  if (required.length) schema.required = required;
  const groups: JsonSchema[] = [
    ...(op.oneOf ?? []).map((group) => ({ oneOf: group.map((key) => ({ properties: { [key]: true }, required: [key] })) })),
    // "At most one" = no two of the group together.
    ...(op.atMostOne ?? []).flatMap((group) =>
      group.flatMap((a, i) => group.slice(i + 1).map((b) => ({ not: { properties: { [a]: true, [b]: true }, required: [a, b] } }))),
    ),
  ];
  if (groups.length === 1) Object.assign(schema, groups[0]);
  else if (groups.length > 1) schema.allOf = groups;
  if (Object.keys(example).length) schema.examples = [example];
  return schema;
}

export function outputSchema(op: Operation): JsonSchema {
  const base = {
    $schema: SCHEMA_DIALECT,
    $id: `https://oig-connector.dev/schemas/${op.id}.output.json`,
    title: `${op.title} — output`,
    type: 'object',
  };
  const { answer } = op;
  if (answer.kind === 'list') {
    const record = plain(answer.item);
    const item: Record<string, JsonSchema> = {};
    for (const [key, field] of Object.entries(answer.itemOutputs)) item[key] = { ...(schemaAt(record, field.from) ?? {}), title: field.label };
    item[RAW_RECORD] = { ...record, title: 'Raw record' };
    return {
      ...base,
      properties: {
        items: { type: 'array', title: 'Records', items: { type: 'object', properties: item, required: [RAW_RECORD] } },
        count: { type: 'integer', minimum: 0, title: 'Number of records' },
      },
      required: ['items', 'count'],
    };
  }
  const body = answer.kind === 'object' ? plain(answer.schema) : undefined;
  const properties: Record<string, JsonSchema> = {};
  for (const [key, field] of Object.entries(answer.outputs)) {
    if ('header' in field) {
      properties[key] = { type: 'string', title: field.label, description: field.link ? `Path and query of the ${field.header} header, on the org` : `The ${field.header} header` };
      continue;
    }
    const at = body ? schemaAt(body, field.from) : undefined;
    properties[key] = { ...(at ?? {}), title: field.label };
  }
  if (body) properties.response = { ...body, title: 'Full response' };
  return { ...base, properties };
}

/** The subschema a JSON pointer reaches inside a response schema (through properties and items). */
export function schemaAt(schema: JsonSchema, pointer: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node) return undefined;
    if (node.type === 'array' && /^\d+$/.test(key)) node = node.items as JsonSchema;
    else node = (node.properties as Record<string, JsonSchema> | undefined)?.[key];
  }
  return node;
}

export function workflowsTypeOf(schema: JsonSchema | undefined): WorkflowsType {
  if (!schema) return 'object';
  const type = schema.type;
  if (type === 'string') return schema.format === 'date-time' ? 'date & time' : 'text';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'boolean') return 'true/false';
  if (type === 'array') {
    const item = workflowsTypeOf(schema.items as JsonSchema | undefined);
    if (item === 'text') return 'list of text';
    if (item === 'number') return 'list of numbers';
    if (item === 'true/false') return 'list of true/false';
    if (item === 'date & time') return 'list of date & time';
    return 'list of objects';
  }
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants?.length) {
    const kinds = new Set(variants.map((v) => workflowsTypeOf(v)));
    if (kinds.size === 1) return [...kinds][0]!;
  }
  return 'object';
}
