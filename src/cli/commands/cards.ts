import { parseArgs } from 'node:util';
import { compileCard } from '../../compile/card.ts';
import { compiledCard } from '../../compile/registry.ts';
import { operations } from '../../operations/index.ts';
import { UsageError, type Command } from '../command.ts';
import { inputFlag, keyLines } from '../schema-help.ts';

export const cardsCommand: Command = {
  usage: 'Usage: oig cards [--json]',
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
    const cards = operations.map(compileCard);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(cards.map(({ id, title, family, lifecycle, method, path, scopes }) => ({ id, title, family, lifecycle, method, path, scopes })), null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...cards.map((c) => c.id.length));
    for (const c of cards) process.stdout.write(`${c.id.padEnd(width)}  ${c.title} · ${c.family} · ${c.lifecycle}\n`);
    return 0;
  },
};

export const describeCommand: Command = {
  usage: `Usage: oig describe <cardId> [--json]

Shows one card: what it does, its inputs (type, required or optional, the keys inside object and
list-of-object inputs), a ready-to-paste example input, the rules checked before sending, its
outputs, scopes and docs link. --json prints the card definition (cards/<id>.json).`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    const id = positionals[0];
    if (!id) throw new UsageError('name the card to describe, e.g. oig describe createLabel');
    const compiled = compiledCard(id);
    if (!compiled) throw new UsageError(`no card "${id}". \`oig cards\` lists them.`);
    const { card, inputSchema } = compiled;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(card, null, 2)}\n`);
      return 0;
    }
    const example = (inputSchema.examples as unknown[] | undefined)?.[0] ?? {};
    const lines = [
      `${card.title} (${card.id}) — ${card.family}, ${card.lifecycle}`,
      card.description,
      `${card.method} ${card.path} → ${card.successStatus}`,
      `Scopes: ${card.scopes.join(', ')}${card.adminRoles.length ? ` · admin roles: ${card.adminRoles.join(', ')}` : ''}`,
      '',
      'Inputs:',
      ...(card.inputs.length ? keyLines(inputSchema) : ['  (none)']),
      ...card.oneOf.map((g) => `  Give exactly one of: ${g.join(', ')}`),
      ...(card.atMostOne.length ? card.atMostOne.map((g) => `  Give at most one of: ${g.join(', ')}`) : []),
      '',
      'Example:',
      `  oig invoke ${card.id} ${inputFlag(example)}`,
      ...(card.rules.length ? ['', 'Rules checked before sending:', ...card.rules.map((r) => `  ${r.field}: ${r.description}`)] : []),
      '',
      card.list ? 'Each record:' : 'Outputs:',
      ...(card.list ? card.list.itemOutputs : card.outputs).map((o) => `  ${o.key} — ${o.label}, ${o.type}`),
      '',
      `Docs: ${card.docs}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
