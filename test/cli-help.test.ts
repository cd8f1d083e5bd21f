import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.ts';
import { exampleInput, inputFlag, keyLines, typeLabel } from '../src/cli/schema-help.ts';
import { compiledCard } from '../src/compile/registry.ts';
import { flows } from '../src/flows/index.ts';
import { prepareCard } from '../src/runtime/run-card.ts';

/** `--help` an admin can use: flow inputs, card inputs with nested keys, and an example that runs. */
let stdout = '';
/** Run `oig …` in-process; what it prints on stdout is kept in `stdout` (stderr is muted). */
async function oig(...args: string[]): Promise<number> {
  stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await main(args);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The `--input '…'` of a help text, parsed back. */
const pastedInput = (text: string, command: string) => {
  const line = text.split('\n').find((l) => l.trim().startsWith(command))!;
  return JSON.parse(line.slice(line.indexOf("--input '") + 9, line.lastIndexOf("'")).replace(/'\\''/g, "'")) as Record<string, unknown>;
};

describe('oig flow <name> --help', () => {
  it.each(Object.keys(flows))('%s: lists every input of the template schema with type, required/optional, and an example input', async (name) => {
    expect(await oig('flow', name, '--help')).toBe(0);
    const schema = flows[name]!.input as { properties: Record<string, object>; required?: string[] };
    for (const [key, property] of Object.entries(schema.properties)) {
      const required = schema.required?.includes(key) ? 'required' : 'optional';
      expect(stdout).toContain(`  ${key} (${required}, ${typeLabel(property as Record<string, unknown>)})`);
    }
    const example = pastedInput(stdout, `oig flow ${name}`);
    for (const key of schema.required ?? []) expect(example).toHaveProperty(key);
  });

  it('reads the keys of list-of-object inputs from the schema (label values take color, not colour)', async () => {
    await oig('flow', 'label-resources', '--help');
    expect(stdout).toMatch(/keys of values\[\]:\n\s+name \(required, text\)\n\s+color \(optional, one of "red"/);
  });

  it('without a template name, prints the usage with every template', async () => {
    expect(await oig('flow', '--help')).toBe(0);
    for (const name of Object.keys(flows)) expect(stdout).toContain(name);
  });
});

describe('oig describe <id>', () => {
  it('prints a ready-to-paste example input that the card accepts', async () => {
    for (const id of ['createLabel', 'createSecurityAccessReview', 'assignResourceLabels', 'updateLabel']) {
      expect(await oig('describe', id)).toBe(0);
      const input = pastedInput(stdout, `oig invoke ${id}`);
      expect(() => prepareCard(id, input, new Date('2026-03-01T12:00:00Z'))).not.toThrow();
    }
  });

  it('lists the keys of object inputs and of lists of objects, with their types', async () => {
    await oig('describe', 'createLabel');
    expect(stdout).toMatch(/labelValues \(optional, list of objects\)[^\n]*\n\s+keys of labelValues\[\]:\n\s+name \(required, text\)\n\s+color \(optional, one of "red"/);
    await oig('describe', 'createSecurityAccessReview');
    expect(stdout).toMatch(/keys of reviewerSettings:\n\s+type \(required, one of "USER"\)\n\s+userSettings \(optional, object\)\n\s+keys of userSettings:\n\s+includedUserIds \(optional, list of text\)/);
  });
});

describe('schema help', () => {
  it('names unions and lists, quotes the example for a shell, and invents only what an input lacks', () => {
    expect(typeLabel({ anyOf: [{ type: 'string' }, { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object' }] } }] })).toBe('text or list of (text or object)');
    expect(inputFlag({ name: "O'Brien" })).toBe(`--input '{"name":"O'\\''Brien"}'`);
    const schema = { type: 'object', required: ['a'], properties: { a: { type: 'integer', minimum: 5 }, b: { type: 'string', examples: ['x'] }, c: { type: 'string' } } };
    expect(exampleInput(schema)).toEqual({ a: 5, b: 'x' });
    expect(keyLines(schema)).toEqual(['  a (required, whole number)', '  b (optional, text) Example: "x"', '  c (optional, text)']);
  });

  it('says so for a card with no inputs', async () => {
    expect(compiledCard('getOrgSettings')!.card.inputs).toEqual([]);
    await oig('describe', 'getOrgSettings');
    expect(stdout).toMatch(/Inputs:\n {2}\(none\)/);
  });
});
