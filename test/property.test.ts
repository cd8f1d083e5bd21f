/**
 * Property-based checks over every card's input schema:
 * - inputs the published schema accepts build a request that matches the declaration and the
 *   official spec (method, path template, query names, body shape) — or are refused by one of the
 *   card's own business rules;
 * - mutated inputs (unknown key, wrong type, out of bounds) are refused locally, with no request.
 */
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import fc from 'fast-check';
import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { inputSchema, plain, type JsonSchema } from '../src/compile/schemas.ts';
import type { Operation } from '../src/model/operation.ts';
import { operations } from '../src/operations/index.ts';
import { CardInputError, prepareCard, runCard, type PlannedRequest } from '../src/runtime/index.ts';
import { inputArbitrary, outOfBoundsFor, wrongTypeFor } from './support/arbitraries.ts';
import { hasShared } from './support/shared.ts';
import { flatten, loadSpec, type SpecEntry } from './support/spec.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://property.okta.com';
const connection = bearerConnection({ orgUrl: ORG, accessToken: 'property-token-0123456789' });
const NOW = new Date('2026-03-01T12:00:00Z');

const ajv = new Ajv({ strict: false, allErrors: false });
ajvFormats.default(ajv);
const published = new Map(operations.map((op) => [op.id, ajv.compile((({ $id: _id, ...s }) => s)(inputSchema(op)))]));

const spec = hasShared ? loadSpec().entries : new Map<string, SpecEntry>();

function templateRegex(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
}

/** The request agrees with the declaration and, where the spec has the operation, with the spec. */
function checkAgainstDeclaration(op: Operation, input: Record<string, unknown>, request: PlannedRequest): void {
  expect(request.method).toBe(op.method);
  const match = templateRegex(op.path).exec(request.path);
  expect(match, `${request.path} does not fit ${op.path}`).not.toBeNull();
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  pathNames.forEach((name, i) => {
    const key = Object.entries(op.inputs).find(([, f]) => f.to.in === 'path' && f.to.name === name)![0];
    expect(decodeURIComponent(match![i + 1]!)).toBe(String(input[key]));
  });

  const sentQuery = new Set([...new URLSearchParams(request.query).keys()]);
  // An empty list sends no parameter at all.
  const sends = (value: unknown) => value !== undefined && !(Array.isArray(value) && value.length === 0);
  const givenQuery = new Set(Object.entries(op.inputs).filter(([k, f]) => f.to.in === 'query' && sends(input[k])).map(([, f]) => (f.to as { name: string }).name));
  expect(sentQuery).toEqual(givenQuery);

  const bodyGiven = Object.entries(op.inputs).some(([k, f]) => (f.to.in === 'body' || f.to.in === 'body-root') && input[k] !== undefined);
  expect(request.body !== undefined).toBe(bodyGiven);
}

function checkAgainstSpec(entry: SpecEntry, request: PlannedRequest): void {
  expect(request.method).toBe(entry.method);
  const queryNames = new Set(entry.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of new URLSearchParams(request.query).keys()) expect(queryNames, `query ${name}`).toContain(name);
  if (request.body === undefined) return;
  expect(entry.body, 'the spec takes no body here').toBeDefined();
  const schema = flatten(entry.body!.schema);
  if (schema?.type === 'array') {
    expect(Array.isArray(request.body)).toBe(true);
  } else if (schema?.properties) {
    const allowed = Object.keys(schema.properties);
    for (const key of Object.keys(request.body as object)) expect(allowed, `body property ${key}`).toContain(key);
  }
}

/** Any request at all to the org is counted: mutated inputs must make none. */
let requests = 0;
useNock({ perTest: false });
beforeAll(() => {
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    nock(ORG)
      .persist()
      .intercept(() => true, method)
      .reply(() => {
        requests++;
        return [500, {}];
      });
  }
});

describe('valid inputs build requests that fit the declaration and the spec', () => {
  it.each(operations.map((op) => [op.id, op] as const))('%s', (_id, op) => {
    const validate = published.get(op.id)!;
    const ruleIds = new Set((op.rules ?? []).map((r) => r.id));
    const entry = spec.get(op.id);
    fc.assert(
      fc.property(inputArbitrary(op), (input) => {
        fc.pre(validate(input) === true);
        let request: PlannedRequest;
        try {
          request = prepareCard(op.id, input, NOW).request;
        } catch (error) {
          // Only a business rule may refuse what the schema accepts.
          expect(error).toBeInstanceOf(CardInputError);
          expect(ruleIds, (error as Error).message).toContain((error as CardInputError).rule);
          return;
        }
        checkAgainstDeclaration(op, input, request);
        if (entry) checkAgainstSpec(entry, request);
      }),
      { numRuns: 50, seed: 4242 },
    );
  });
});

type Mutation = 'unknown key' | 'wrong type' | 'out of bounds';

function mutate(op: Operation, input: Record<string, unknown>, kind: Mutation, pick: number): Record<string, unknown> | undefined {
  if (kind === 'unknown key') return { ...input, notAnInputOfThisCard: 'x' };
  const keys = Object.keys(input).filter((k) => {
    const schema = plain(op.inputs[k]!.schema);
    return kind === 'wrong type' ? typeof schema.type === 'string' : outOfBoundsFor(schema) !== undefined;
  });
  if (!keys.length) return undefined;
  const key = keys[pick % keys.length]!;
  const schema: JsonSchema = plain(op.inputs[key]!.schema);
  return { ...input, [key]: kind === 'wrong type' ? wrongTypeFor(schema) : outOfBoundsFor(schema) };
}

describe('mutated inputs are refused locally with no request', () => {
  it.each(operations.map((op) => [op.id, op] as const))('%s', async (_id, op) => {
    const validate = published.get(op.id)!;
    await fc.assert(
      fc.asyncProperty(
        inputArbitrary(op),
        fc.constantFrom<Mutation>('unknown key', 'wrong type', 'out of bounds'),
        fc.nat(),
        async (input, kind, pick) => {
          const mutated = mutate(op, input, kind, pick);
          fc.pre(mutated !== undefined && validate(mutated) === false);
          const before = requests;
          const error = await runCard(op.id as never, mutated as never, connection).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(CardInputError);
          expect((error as CardInputError).card).toBe(op.id);
          expect((error as CardInputError).field).not.toBe('');
          expect(requests).toBe(before);
        },
      ),
      { numRuns: 30, seed: 4242 },
    );
  });

  it('made no request at all', () => {
    expect(requests).toBe(0);
  });
});
