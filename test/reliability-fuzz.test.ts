/**
 * Fuzzing beyond test/property.test.ts: deep mutations anywhere inside every card's input (wrong
 * types, huge strings, odd unicode, deep nesting, non-JSON values, prototype-pollution keys,
 * path traversal) and loosely generated objects. For each: no exception but a CardInputError
 * naming the card and the field, no request for an input that is refused, and an input that is
 * sent stays inside its path template. Then the CLI: generated argv for invoke, flow, describe and
 * cards, run in-process, always ends with an exit code of 0–3 and never sends a request for exit 2.
 */
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { main } from '../src/cli/main.ts';
import { inputSchema } from '../src/compile/schemas.ts';
import { flows, validateFlowInput } from '../src/flows/index.ts';
import type { Operation } from '../src/model/operation.ts';
import { operations } from '../src/operations/index.ts';
import { CardInputError, runCard, type RunOptions } from '../src/runtime/index.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';
import { inputArbitrary } from './support/arbitraries.ts';
import { startCountingServer, type CountingServer } from './support/counting-server.ts';
import { applyMutation, looseInputArbitrary, mutationArbitrary, TRAVERSALS } from './support/deep-mutations.ts';

const TOKEN = 'fuzz-secret-token-0123456789';
const SEED = 7_707;

const ajv = new Ajv({ strict: false, allErrors: false });
ajvFormats.default(ajv);
const published = new Map(operations.map((op) => [op.id, ajv.compile((({ $id: _id, ...s }) => s)(inputSchema(op)))]));

/** What the published schema says of an input (keys set to undefined count as absent, as in the runtime). */
function schemaAccepts(op: Operation, input: Record<string, unknown>): boolean {
  const defined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) Object.defineProperty(defined, key, { value, enumerable: true, writable: true, configurable: true });
  }
  try {
    return published.get(op.id)!(defined) === true;
  } catch {
    return false;
  }
}

function templateRegex(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/?#]+)')}$`);
}

const pristine = {
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(),
  fn: Object.getOwnPropertyNames(Function.prototype).sort().join(),
};

/** True when any input has left a property on the shared prototypes. */
function polluted(): boolean {
  return (
    Object.getOwnPropertyNames(Object.prototype).sort().join() !== pristine.object ||
    Object.getOwnPropertyNames(Array.prototype).sort().join() !== pristine.array ||
    Object.getOwnPropertyNames(Function.prototype).sort().join() !== pristine.fn
  );
}

let server: CountingServer;
let connection: ReturnType<typeof bearerConnection>;
/** No real waits, no retries: one input, at most one request. */
const options: RunOptions = { clock: { now: () => Date.now(), sleep: async () => undefined }, retry: { maxRetries: 0 } };
const tally = { inputs: 0, refused: 0, sent: 0 };

beforeAll(async () => {
  server = await startCountingServer();
  connection = bearerConnection({ orgUrl: server.url, accessToken: TOKEN });
});
afterAll(() => server.close());

/** Run one input through the runtime and check every promise the suite makes about it. */
async function check(op: Operation, input: Record<string, unknown>): Promise<void> {
  tally.inputs++;
  const before = server.total();
  const seenBefore = server.seen.length;
  const refusedBefore = server.refused;
  const outcome = await runCard(op.id as never, input as never, connection, options).then(
    () => ({ error: undefined as unknown }),
    (error: unknown) => ({ error }),
  );
  expect(polluted(), 'Object.prototype was polluted').toBe(false);
  const accepted = schemaAccepts(op, input);
  const error = outcome.error;

  if (error instanceof CardInputError) {
    tally.refused++;
    expect(error.card).toBe(op.id);
    // The field at fault is named; only an unknown key that is itself "" has an empty name.
    if (error.field === '') expect(Object.keys(input), error.message).toContain('');
    const ruleIds = (op.rules ?? []).map((r) => r.id);
    if (ruleIds.includes(error.rule)) {
      // A business rule's sentence names the input it is about (which may be the friendly one of a pair).
      expect(Object.keys(op.inputs).some((k) => error.message.includes(k)), error.message).toBe(true);
    } else {
      expect(error.message, `the message names the field "${error.field}"`).toContain(error.field);
    }
    expect(server.total(), `a request was sent for an input refused with: ${error.message}`).toBe(before);
    // What the published schema accepts may only be refused by a business rule or the path check.
    if (accepted) expect([...ruleIds, 'path-segment', 'unicode'], error.message).toContain(error.rule);
    return;
  }
  // Accepted: sent once, and the server's 200 {} makes a result, whatever the card.
  expect(error, String((error as Error | undefined)?.stack ?? error)).toBeUndefined();
  tally.sent++;
  expect(accepted, `the runtime sent an input its published schema refuses: ${show(input)}`).toBe(true);
  expect(server.refused).toBe(refusedBefore);
  expect(server.seen.length).toBe(seenBefore + 1);
  const last = server.seen[seenBefore]!;
  expect(last.method).toBe(op.method);
  const path = last.target.split('?')[0]!;
  expect(path, `${path} leaves the template ${op.path}`).toMatch(templateRegex(op.path));
  for (const segment of path.split('/')) expect(['.', '..']).not.toContain(decodeURIComponent(segment));
  // eslint-disable-next-line no-control-regex
  expect(last.target).not.toMatch(/[\u0000-\u0020\u007f]/);
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}

describe('deeply mutated and loosely generated inputs, every card', () => {
  it.each(operations.map((op) => [op.id, op] as const))('%s', async (_id, op) => {
    await fc.assert(
      fc.asyncProperty(inputArbitrary(op), mutationArbitrary(), async (input, mutation) => {
        await check(op, applyMutation(op, input, mutation));
      }),
      { numRuns: 20, seed: SEED },
    );
    await fc.assert(
      fc.asyncProperty(looseInputArbitrary(op), async (input) => {
        await check(op, input);
      }),
      { numRuns: 10, seed: SEED },
    );
  });

  it('refuses inputs that are not objects, naming the input, with no request', async () => {
    const before = server.total();
    for (const input of [null, undefined, [], ['a'], 'text', 42, true, () => ({})]) {
      const error = await runCard('getLabel', input as never, connection, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CardInputError);
      expect((error as Error).message).toMatch(/the input must be an object of named fields/);
    }
    expect(server.total()).toBe(before);
  });

  it('refuses what this suite once found getting through: an own __proto__ key, half a surrogate pair in the URL', async () => {
    const before = server.total();
    const polluting = await runCard('listLabels', JSON.parse('{"__proto__": {"filter": "name sw \\"x\\""}}') as never, connection, options).catch((e: unknown) => e);
    expect(polluting).toMatchObject({ name: 'CardInputError', card: 'listLabels', field: '__proto__', rule: 'additionalProperties' });
    const halfCharacter = await runCard('listLabelResources', { filter: 'orn eq "\ud800"' }, connection, options).catch((e: unknown) => e);
    expect(halfCharacter).toMatchObject({ name: 'CardInputError', card: 'listLabelResources', field: 'filter', rule: 'unicode' });
    expect(server.total()).toBe(before);
  });

  it('ran thousands of inputs, most refused, and every refusal sent nothing', () => {
    expect(tally.inputs).toBeGreaterThanOrEqual(operations.length * 30);
    expect(tally.refused).toBeGreaterThan(tally.inputs / 2);
    expect(tally.sent).toBeGreaterThan(0);
    // One request per accepted input and none else, each with the configured token.
    expect(server.total()).toBe(tally.sent);
    expect(server.seen.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The CLI, in-process: generated argv through main().

const OTHER_COMMANDS = new Set(['build', 'demo', 'lint', 'sim']);

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

let sim: Simulator;
let simRequests = 0;
/** Requests that could change something (any method but GET). */
let simWrites = 0;
const savedEnv: Record<string, string | undefined> = {};
const ENV_KEYS = ['OKTA_ORG_URL', 'OKTA_ACCESS_TOKEN', 'OKTA_API_TOKEN', 'OKTA_CLIENT_ID', 'OKTA_PRIVATE_KEY', 'OKTA_SCOPES'];

async function cli(argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (chunk: unknown, ...rest: unknown[]) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture(out) as never);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture(err) as never);
  try {
    const code = await main(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('the CLI under generated argv (in-process, against the simulator)', () => {
  beforeAll(async () => {
    // The simulator logs one line per request it answers ("METHOD target → status"), besides its own notes.
    const log = (line: string) => {
      if (line.startsWith('simulator:')) return;
      simRequests++;
      if (!line.startsWith('GET ')) simWrites++;
    };
    sim = await startSimulator({ rateLimits: { '*': 1_000_000 }, activationDelayMs: 0, requestDecisionDelayMs: 0, log });
    for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
    for (const key of ENV_KEYS) delete process.env[key];
    process.env.OKTA_ORG_URL = sim.url;
    process.env.OKTA_ACCESS_TOKEN = sim.token;
  });
  afterAll(async () => {
    for (const key of ENV_KEYS) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
    await sim.close();
  });

  /**
   * Argv as people write it, and as they get it wrong: a command, its positional, `--input` (most
   * often an input made for that card or flow, else mutated, broken or foreign JSON), some of the
   * command's flags with good and bad values, and now and then junk anywhere. Built when the
   * simulator is up: the flow inputs use its seeded users, request types and resources.
   */
  function argvArbitrary(): fc.Arbitrary<string[]> {
    const seed = sim.seed;
    const people = [...seed.users.all.map((u) => u.login), seed.users.target.id, 'nobody@example.com', 'NOBODY', ''];
    const person = fc.constantFrom(...people);
    const persons = fc.oneof(person, fc.array(person, { maxLength: 11 }));

    const safeStringify = (value: unknown): string => {
      try {
        return JSON.stringify(value) ?? 'null';
      } catch {
        return '{"cyclic":';
      }
    };
    const brokenJson = fc.constantFrom('{', '[]', 'null', '"x"', '42', '{"a":', '', ' ', '@/nonexistent/input.json', '@', '{"__proto__":{"filter":"x"}}');

    /** [cardId, --input value]: mostly the card's own generated input, as is or deeply mutated. */
    const cardCall = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...operations).chain((op) => inputArbitrary(op).map((i) => [op.id, JSON.stringify(i)] as const)) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(...operations).chain((op) => fc.tuple(inputArbitrary(op), mutationArbitrary()).map(([i, m]) => [op.id, safeStringify(applyMutation(op, i, m))] as const)),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.oneof(fc.constantFrom(...operations.map((o) => o.id.toLowerCase()), '../getLabel', 'getLabel/x', '', ' ', '--', '-'), fc.string({ maxLength: 12 })),
          fc.oneof(brokenJson, fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v))),
        ),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...operations.map((o) => o.id)), brokenJson) },
    );

    const flowInputs: Record<string, fc.Arbitrary<unknown>> = {
      'launch-security-access-review': fc.record(
        { user: person, reviewers: persons, name: fc.string({ maxLength: 20 }), waitUntilActive: fc.boolean(), endTime: fc.constantFrom('2099-01-01T00:00:00Z', 'tomorrow') },
        { requiredKeys: ['user', 'reviewers'] },
      ),
      'file-access-request': fc.record(
        {
          requester: person,
          requestType: fc.constantFrom(seed.requestTypes.active.name, seed.requestTypes.draft.name, seed.requestTypes.active.id, 'No such type', ''),
          catalogEntry: fc.constantFrom(...seed.catalogEntries.map((e) => e.id), 'cen00000000000000000'),
          subject: fc.string({ maxLength: 300 }),
          justification: fc.string({ maxLength: 30 }),
        },
        { requiredKeys: ['requester', 'subject', 'justification'] },
      ),
      'label-resources': fc.record(
        {
          label: fc.constantFrom('Fuzz tier', 'FUZZ TIER', 'Fuzz region', '', 'x'.repeat(60)),
          values: fc.oneof(
            fc.constantFrom('Gold, Silver', 'Gold,gold', ''),
            fc.array(fc.constantFrom<unknown>('Gold', 'Bronze', { name: 'Red', color: 'red' }, { name: 'Bad', color: 'pink' }), { maxLength: 11 }),
          ),
          resources: fc.oneof(fc.constantFrom(...seed.apps.map((a) => a.orn)), fc.constant([seed.groups[0]!.id]), fc.constant('not-a-resource')),
        },
        { requiredKeys: ['label', 'values', 'resources'] },
      ),
      'review-on-risk-event': fc.record(
        {
          event: fc.record(
            {
              uuid: fc.uuid(),
              eventType: fc.constantFrom('user.risk.change', 'user.session.start', ''),
              target: fc.array(fc.record({ type: fc.constantFrom('User', 'AppInstance'), id: fc.constantFrom(...seed.users.all.map((u) => u.id)), alternateId: person }), { maxLength: 2 }),
            },
            { requiredKeys: ['eventType'] },
          ),
          reviewers: persons,
        },
        { requiredKeys: ['event', 'reviewers'] },
      ),
    };
    const flowNames = Object.keys(flows);
    /** [flow name, --input value]: mostly an input made for that flow. */
    const flowCall = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...flowNames).chain((name) => flowInputs[name]!.map((i) => [name, JSON.stringify(i)] as const)) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...flowNames, '', 'nope', 'label-resources/..'), fc.oneof(brokenJson, fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)))) },
    );

    const limit = fc.constantFrom('1', '3', '0', '-1', '1.5', 'ten', '', '1e3').map((n) => ['--max-records', n]);
    const org = fc.constantFrom('SIM', 'http://example.com', 'ftp://sim', 'not a url', '', 'http://user:pw@127.0.0.1:1', 'SIM/path').map((o) => ['--org', o]);
    const junk = fc.oneof(
      fc.constantFrom<string[]>(['--json'], ['--bogus'], ['-x'], ['--'], ['--input'], ['--limit'], ['--org'], ['--help'], ['-h'], ['extra']),
      fc.string({ maxLength: 10 }).filter((s) => !s.startsWith('--org')).map((s) => [s]),
    );
    const flags = (own: fc.Arbitrary<string[]>[]) =>
      fc.tuple(fc.array(fc.oneof(...own), { maxLength: 2 }), fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: junk })).map(([picked, noise]) => [...picked, ...(noise ? [noise] : [])]);
    const assemble = (head: string[], input: string, inputForm: boolean, rest: string[][]) => [...head, ...(inputForm ? [`--input=${input}`] : ['--input', input]), ...rest.flat()];

    return fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .tuple(cardCall, fc.boolean(), flags([fc.constant(['--all']), limit, org, fc.constant(['--pace'])]))
          .map(([[id, input], inputForm, rest]) => assemble(['invoke', id], input, inputForm, rest)),
      },
      {
        weight: 3,
        arbitrary: fc
          .tuple(flowCall, fc.boolean(), flags([org, fc.constant(['--pace'])]))
          .map(([[name, input], inputForm, rest]) => assemble(['flow', name], input, inputForm, rest)),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.oneof(fc.constantFrom(...operations.map((o) => o.id)), fc.string({ maxLength: 8 })), flags([fc.constant(['--json'])]))
          .map(([id, rest]) => ['describe', id, ...rest.flat()]),
      },
      { weight: 1, arbitrary: flags([fc.constant(['--json'])]).map((rest) => ['cards', ...rest.flat()]) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(fc.constantFrom('', '--help', '-h', 'help', 'INVOKE', 'invoke ', '-'), fc.string({ maxLength: 8 }).filter((s) => !OTHER_COMMANDS.has(s)))
          .map((command) => [command]),
      },
    ).map((argv) => argv.map((a) => a.replace(/^SIM/, sim.url)));
  }

  /** Whether `oig flow` refuses this argv on its own: usage, unreadable input, or the flow's input schema. */
  function flowSchemaRefuses(argv: string[]): boolean {
    const name = argv[1] ?? '';
    let raw: string | undefined;
    for (let i = 2; i < argv.length; i++) {
      if (argv[i] === '--input') raw = argv[i + 1];
      else if (argv[i]!.startsWith('--input=')) raw = argv[i]!.slice('--input='.length);
    }
    if (!flows[name] || raw === undefined) return true;
    try {
      validateFlowInput(name, JSON.parse(raw));
      return false;
    } catch {
      return true;
    }
  }

  it('always exits 0–3, never throws, and never sends a request for exit 2', async () => {
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(argvArbitrary(), async (argv) => {
        const before = { requests: simRequests, writes: simWrites };
        const run = await cli(argv);
        const sent = simRequests - before.requests;
        const writes = simWrites - before.writes;
        codes.set(run.code, (codes.get(run.code) ?? 0) + 1);
        const context = `oig ${argv.map((a) => (a.length > 80 ? `${a.slice(0, 80)}…` : a)).join(' ')} → ${run.code}\n${run.stderr.slice(0, 500)}`;
        expect([0, 1, 2, 3], context).toContain(run.code);
        if (argv[0] === 'describe' || argv[0] === 'cards') expect(sent, context).toBe(0);
        if (run.code !== 0) expect(run.stderr.length + run.stdout.length, context).toBeGreaterThan(0);
        if (run.code === 0 && (argv[0] === 'invoke' || argv[0] === 'flow') && !argv.includes('--help') && !argv.includes('-h')) {
          expect(() => JSON.parse(run.stdout), context).not.toThrow();
        }
        if (run.code === 2) {
          if (argv[0] !== 'flow') {
            expect(sent, context).toBe(0);
          } else {
            // A flow may look people and request types up before it learns that its input can't work
            // (a FlowInputError, or a card's rule on what the lookups found): exit 2 then, having only
            // read. An input the flow's own schema refuses is never sent at all.
            expect(writes, context).toBe(0);
            if (flowSchemaRefuses(argv)) expect(sent, context).toBe(0);
          }
        }
      }),
      { numRuns: 400, seed: SEED },
    );
    // The generated argv reached every outcome: success, API error, usage or input, configuration.
    expect([...codes.keys()].sort()).toEqual([0, 1, 2, 3]);
  });

  it('sends nothing for the traversal ids and polluting inputs the card fuzz uses, through invoke', async () => {
    const before = simRequests;
    for (const labelId of TRAVERSALS) {
      const run = await cli(['invoke', 'getLabel', '--input', JSON.stringify({ labelId })]);
      expect(run.code).toBe(2);
    }
    const polluting = await cli(['invoke', 'listLabels', '--input', '{"__proto__":{"filter":"x"}}']);
    expect(polluting.code).toBe(2);
    expect(polluting.stderr).toContain('__proto__');
    expect(simRequests).toBe(before);
  });
});
