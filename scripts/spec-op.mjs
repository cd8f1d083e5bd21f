#!/usr/bin/env node
// Dev aid: print one operation of the official OIG spec with every $ref resolved, as YAML.
// Usage: node scripts/spec-op.mjs <operationId> [--spec path]
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const args = process.argv.slice(2);
const specPath = args.includes('--spec') ? args[args.indexOf('--spec') + 1] : new URL('../../shared/oig/governance-openapi.yaml', import.meta.url);
const spec = parse(readFileSync(specPath, 'utf8'));
const resolve = (node, seen = new Set()) => {
  if (Array.isArray(node)) return node.map((n) => resolve(n, seen));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return { $circular: node.$ref };
    const target = node.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    return resolve(target, new Set([...seen, node.$ref]));
  }
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'examples' || args.includes('--examples')).map(([k, v]) => [k, resolve(v, seen)]));
};
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (op?.operationId === args[0]) {
      console.log(`${method.toUpperCase()} ${path}`);
      console.log(stringify(resolve({ ...op, parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])] })));
    }
  }
}
