/**
 * Help text read off an input's JSON Schema, for `oig describe` and `oig flow <name> --help`: each
 * key with its type, required or optional, what it is, an example, and the keys inside objects and
 * lists of objects — so nobody has to open the sources to learn that a value's key is `color`.
 */
type Schema = Record<string, unknown>;

const props = (schema: Schema) => (schema.properties ?? {}) as Record<string, Schema>;
const variants = (schema: Schema) => (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;

/** "text", "whole number", "list of objects", "one of "a", "b"", "text or list of text", … */
export function typeLabel(schema: Schema): string {
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const alternatives = variants(schema);
  if (alternatives) return [...new Set(alternatives.map(typeLabel))].join(' or ');
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' ? 'date & time (ISO 8601)' : 'text';
    case 'integer':
      return 'whole number';
    case 'number':
      return 'number';
    case 'boolean':
      return 'true/false';
    case 'array': {
      const item = typeLabel((schema.items ?? {}) as Schema);
      return `list of ${item === 'object' ? 'objects' : item.includes(' or ') ? `(${item})` : item}`;
    }
    default:
      return 'object';
  }
}

/** The object schemas whose keys a person needs to know: the value itself, list items, and the alternatives of either. */
function nestedObjects(schema: Schema): { prefix: string; object: Schema }[] {
  const alternatives = variants(schema);
  if (alternatives) return alternatives.flatMap(nestedObjects);
  if (schema.type === 'array' && schema.items) return nestedObjects(schema.items as Schema).map((n) => ({ ...n, prefix: `[]${n.prefix}` }));
  if (schema.type === 'object' && Object.keys(props(schema)).length) return [{ prefix: '', object: schema }];
  return [];
}

/** One line per key (with its sub-keys indented below it), as `--help` prints them. */
export function keyLines(schema: Schema, indent = '  '): string[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(props(schema)).flatMap(([key, value]) => {
    const what = [value.title, value.description].filter(Boolean).join(': ');
    const notes = [
      Array.isArray(value.examples) && value.examples.length ? `Example: ${JSON.stringify(value.examples[0])}` : '',
      'default' in value ? `Default: ${JSON.stringify(value.default)}` : '',
    ].filter(Boolean);
    const lines = [`${indent}${key} (${required.has(key) ? 'required' : 'optional'}, ${typeLabel(value)})${what ? ` — ${String(what)}` : ''}${notes.length ? ` ${notes.join(' ')}` : ''}`];
    for (const { prefix, object } of nestedObjects(value)) {
      lines.push(`${indent}  keys of ${key}${prefix}:`, ...keyLines(object, `${indent}    `));
    }
    return lines;
  });
}

/**
 * An example value: the schema's own (`examples`, `default`, `const`), else (with `invent`) one
 * made from its type so an example input is complete.
 */
export function exampleOf(schema: Schema, invent = true): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (!invent) return undefined;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const alternatives = variants(schema);
  if (alternatives?.length) return exampleOf(alternatives[0]!);
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' ? '2027-01-15T17:00:00Z' : `<${String(schema.title ?? 'text')}>`;
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [exampleOf((schema.items ?? {}) as Schema)];
    default:
      return exampleInput(schema, false);
  }
}

/** An input object: the required keys (and, with `all`, every key that has an example of its own). */
export function exampleInput(schema: Schema, all = true): Record<string, unknown> {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const entries = Object.entries(props(schema))
    .filter(([key, value]) => required.has(key) || (all && exampleOf(value, false) !== undefined && !('default' in value)))
    .map(([key, value]) => [key, exampleOf(value)]);
  return Object.fromEntries(entries);
}

/** `--input '<json>'`, quoted for a POSIX shell. */
export function inputFlag(input: unknown): string {
  return `--input '${JSON.stringify(input).replace(/'/g, `'\\''`)}'`;
}
