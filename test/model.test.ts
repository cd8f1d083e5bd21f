/** Invariants every declaration keeps (n8n-style structure test over all operations). */
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/model/ajv.ts';
import { compileCard } from '../src/compile/card.ts';
import { inputSchema, outputSchema, plain } from '../src/compile/schemas.ts';
import { operations } from '../src/operations/index.ts';
import { prepareCard } from '../src/runtime/run-card.ts';
import { exampleOf, NOW, refusal } from './support/cards.ts';

const ajv = createAjv();

const pathNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

describe.each(operations.map((op) => [op.id, op] as const))('%s', (_id, op) => {
  const validate = ajv.compile(inputSchema(op));

  it('is a humane card: title "Verb noun", description, label and help on every input', () => {
    expect(op.title).toMatch(/^[A-Z][a-z]+( [A-Za-z0-9'’-]+)+$/);
    expect(op.description.length).toBeGreaterThan(20);
    for (const [key, f] of Object.entries(op.inputs)) {
      expect(f.label, key).toBeTruthy();
      expect(f.help.length, key).toBeGreaterThan(10);
    }
    // Only Okta's public well-known documents need no scope.
    expect(op.scopes.length > 0 || op.path.startsWith('/.well-known/'), 'scopes').toBe(true);
  });

  it('declares exactly the path parameters its path has, all required', () => {
    const declared = Object.values(op.inputs).flatMap((f) => (f.to.in === 'path' ? [f.to.name] : []));
    expect(declared.sort()).toEqual(pathNames(op.path).sort());
    for (const f of Object.values(op.inputs)) if (f.to.in === 'path') expect(f.required).toBe(true);
  });

  it('oneOf groups and rules name real inputs', () => {
    for (const group of op.oneOf ?? []) for (const key of group) expect(op.inputs[key], key).toBeDefined();
    for (const rule of op.rules ?? []) expect(op.inputs[rule.field], rule.id).toBeDefined();
  });

  it('input and output schemas compile under ajv strict mode', () => {
    expect(() => ajv.compile(outputSchema(op))).not.toThrow();
  });

  const example = exampleOf(op);
  const required = Object.entries(op.inputs).filter(([, f]) => f.required).map(([key]) => key);

  it('rejects an unknown key, naming it, in the schema and in the runtime', () => {
    expect(validate({ ...example, notAField: 1 })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('notAField');
    const error = refusal(op.id, { ...example, notAField: 1 });
    expect(error.field).toBe('notAField');
    expect(error.message).toContain('notAField');
  });

  it.skipIf(!required.length)('rejects a missing required input, naming it', () => {
    expect(validate({})).toBe(false);
    const missing = (validate.errors ?? []).map((e) => (e.params as { missingProperty?: string }).missingProperty);
    for (const key of required) expect(missing).toContain(key);
  });

  it.skipIf(!required.length)('rejects its example without each required input, naming that input', () => {
    for (const key of required) {
      const { [key]: _dropped, ...rest } = example;
      expect(validate(rest), key).toBe(false);
      const error = refusal(op.id, rest);
      expect(error.field, key).toBe(key);
      expect(error.message, key).toContain(key);
    }
  });

  it.skipIf(!op.oneOf?.length)('wants one of each friendly input and its API form, the API form marked advanced', () => {
    for (const group of op.oneOf ?? []) {
      const given = group.find((key) => key in example)!;
      const { [given]: _dropped, ...rest } = example;
      const error = refusal(op.id, rest);
      expect(error.rule).toBe('oneOf');
      expect(group).toContain(error.field);
      expect(compileCard(op).inputs.find((i) => i.key !== given && group.includes(i.key))?.advanced).toBe(true);
    }
  });

  const bounded = Object.entries(op.inputs).find(([, f]) => {
    const s = plain(f.schema);
    return s.type === 'string' && s.maxLength !== undefined && !s.pattern && !s.format && !s.enum;
  });
  it.skipIf(!bounded)('rejects text over its maximum length, naming the field', () => {
    const [key, f] = bounded!;
    expect(validate({ [key]: 'x'.repeat(Number(plain(f.schema).maxLength) + 1) })).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === `/${key}` && e.keyword === 'maxLength')).toBe(true);
  });

  const patterned = Object.entries(op.inputs).find(([, f]) => typeof plain(f.schema).pattern === 'string');
  it.skipIf(!patterned)('rejects an id of the wrong shape, naming the field', () => {
    const [key] = patterned!;
    expect(validate({ [key]: '../../etc/passwd' })).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === `/${key}`)).toBe(true);
  });

  it('has an example input that gives every required input and passes the schema and the business rules', () => {
    for (const key of required) expect(example, key).toHaveProperty(key);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(() => prepareCard(op.id, example, NOW)).not.toThrow();
  });

  it('compiles to a card whose list cards offer the result-set option when the API pages', () => {
    const card = compileCard(op);
    expect(card.options.length > 0).toBe(op.answer.kind === 'list' && op.answer.paginated);
    expect(card.outputs.every((o) => o.label && o.type)).toBe(true);
  });
});
