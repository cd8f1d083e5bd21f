/**
 * The simulator under load, through the runtime: 50 concurrent clients, 16 operations each, mixing
 * creates (access requests, their messages, security access reviews), gets and lists. No crash,
 * every answer well formed (the card's status and outputs that fit its published output schema),
 * and afterwards the simulator's state agrees with what the clients were told: one record per
 * successful create, no duplicate ids or permalinks, every created request listed exactly once.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputSchema } from '../src/compile/schemas.ts';
import { findOperation } from '../src/operations/index.ts';
import { iterateCard, runCard, type CardResult } from '../src/runtime/index.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

const CLIENTS = 50;
const OPERATIONS_EACH = 16;

type Operation = 'createRequest' | 'getRequest' | 'createRequestMessage' | 'listAllRequests' | 'createSecurityAccessReview' | 'getSecurityAccessReview' | 'listSecurityAccessReviews' | 'listLabels';

/** Each client's sequence, seeded: creates weigh most, then reads of what it made, then lists. */
const scripts: Operation[][] = fc.sample(
  fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<Operation>('createRequest') },
      { weight: 3, arbitrary: fc.constant<Operation>('createSecurityAccessReview') },
      { weight: 2, arbitrary: fc.constantFrom<Operation>('getRequest', 'createRequestMessage', 'getSecurityAccessReview') },
      { weight: 2, arbitrary: fc.constantFrom<Operation>('listAllRequests', 'listSecurityAccessReviews', 'listLabels') },
    ),
    { minLength: OPERATIONS_EACH, maxLength: OPERATIONS_EACH },
  ),
  { seed: 50_016, numRuns: CLIENTS },
);

const ajv = new Ajv({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const outputValidators = new Map<string, ValidateFunction>();
function fitsOutputSchema(card: string, outputs: unknown): string | null {
  let validate = outputValidators.get(card);
  if (!validate) {
    const { $id: _id, ...schema } = outputSchema(findOperation(card)!);
    validate = ajv.compile(schema);
    outputValidators.set(card, validate);
  }
  return validate(outputs) ? null : ajv.errorsText(validate.errors);
}

interface Done {
  client: number;
  card: Operation;
  result?: CardResult;
  error?: unknown;
}

describe(`the simulator under ${CLIENTS} concurrent clients`, () => {
  let sim: Simulator;
  const done: Done[] = [];
  const before = { requests: 0, reviews: 0, messages: 0 };
  let inFlight = 0;
  let peak = 0;

  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { '*': 1_000_000 }, activationDelayMs: 0, requestDecisionDelayMs: 0 });
    before.requests = sim.state.requests.size;
    before.reviews = sim.state.reviews.size;
    before.messages = sim.state.messages.length;
    const connection = { orgUrl: sim.url, accessToken: sim.token };
    const { users, requestTypes } = sim.seed;

    await Promise.all(
      scripts.map(async (script, client) => {
        const mine = { requests: [] as string[], reviews: [] as string[] };
        for (const [step, card] of script.entries()) {
          const input: Record<string, unknown> = (() => {
            switch (card) {
              case 'createRequest':
                return { requestTypeId: requestTypes.active.id, subject: `Load ${client}.${step}`, requesterUserIds: [users.requester.id] };
              case 'getRequest':
              case 'createRequestMessage': {
                const requestId = mine.requests[step % Math.max(1, mine.requests.length)];
                if (!requestId) return { requestTypeId: requestTypes.active.id, subject: `Load ${client}.${step}`, requesterUserIds: [users.requester.id] };
                return card === 'getRequest' ? { requestId } : { requestId, message: `Note ${client}.${step}` };
              }
              case 'createSecurityAccessReview':
                return { principalId: users.target.id, name: `Load ${client}.${step}`, reviewerUserIds: [users.security[client % users.security.length]!.id] };
              case 'getSecurityAccessReview': {
                const id = mine.reviews[step % Math.max(1, mine.reviews.length)];
                return id ? { securityAccessReviewId: id } : { principalId: users.target.id, name: `Load ${client}.${step}`, reviewerUserIds: [users.security[0]!.id] };
              }
              case 'listAllRequests':
              case 'listSecurityAccessReviews':
                return { limit: 20 };
              case 'listLabels':
                return {};
            }
          })();
          // A get or message with nothing made yet becomes the create it needs.
          const run: Operation =
            (card === 'getRequest' || card === 'createRequestMessage') && !('requestId' in input)
              ? 'createRequest'
              : card === 'getSecurityAccessReview' && !('securityAccessReviewId' in input)
                ? 'createSecurityAccessReview'
                : card;
          const outcome: Done = { client, card: run };
          inFlight++;
          peak = Math.max(peak, inFlight);
          try {
            outcome.result = await runCard(run, input as never, connection, run.startsWith('list') ? { resultSet: 'firstN', limit: 20 } : {});
            const id = (outcome.result.outputs as { id?: string }).id;
            if (run === 'createRequest' && id) mine.requests.push(id);
            if (run === 'createSecurityAccessReview' && id) mine.reviews.push(id);
          } catch (error) {
            outcome.error = error;
          } finally {
            inFlight--;
          }
          done.push(outcome);
        }
      }),
    );
  }, 60_000);
  afterAll(() => sim.close());

  it('answered every operation, with the card\'s success status', () => {
    expect(done).toHaveLength(CLIENTS * OPERATIONS_EACH);
    expect(done.filter((d) => d.error).map((d) => `${d.card}: ${String((d.error as Error).message)}`)).toEqual([]);
    for (const { card, result } of done) expect(result!.status, card).toBe(findOperation(card)!.successStatus);
    // The mix really was mixed, and all 50 clients had an operation in flight at once.
    expect(new Set(done.map((d) => d.card)).size).toBe(8);
    expect(peak).toBe(CLIENTS);
  });

  it('every answer is well formed: outputs fit the card\'s published output schema, lists are {items, count}', () => {
    for (const { card, result } of done) {
      expect(fitsOutputSchema(card, result!.outputs), card).toBeNull();
      const outputs = result!.outputs as { items?: unknown[]; count?: number; id?: unknown; response?: unknown };
      if (card.startsWith('list')) {
        expect(outputs.count).toBe(outputs.items!.length);
        expect(outputs.count).toBeLessThanOrEqual(20);
      } else if (card === 'createRequestMessage') {
        // 201 with no body: no outputs at all.
        expect(outputs).toEqual({});
      } else {
        expect(typeof outputs.response).toBe('object');
        expect(typeof outputs.id).toBe('string');
        expect(result!.headers['content-type']).toMatch(/^application\/json/);
      }
    }
  });

  it('the state matches the successful creates: counts, unique ids and permalinks, each request listed once', async () => {
    const created = (card: Operation) => done.filter((d) => d.card === card).map((d) => (d.result!.outputs as { id: string }).id);
    const requestIds = created('createRequest');
    const reviewIds = created('createSecurityAccessReview');
    const state = sim.state;

    expect(new Set(requestIds).size).toBe(requestIds.length);
    expect(new Set(reviewIds).size).toBe(reviewIds.length);
    expect(state.requests.size).toBe(before.requests + requestIds.length);
    expect(state.reviews.size).toBe(before.reviews + reviewIds.length);
    expect(state.messages.length).toBe(before.messages + done.filter((d) => d.card === 'createRequestMessage').length);
    for (const id of requestIds) expect(state.requests.has(id), id).toBe(true);
    for (const id of reviewIds) expect(state.reviews.get(id)?.principalId).toBe(sim.seed.users.target.id);
    const permalinks = [...state.requests.values()].map((r) => r.permalinkId);
    expect(new Set(permalinks).size).toBe(permalinks.length);

    // Every get saw the record its client made, as it was made.
    for (const d of done.filter((x) => x.card === 'getRequest')) expect(requestIds).toContain((d.result!.outputs as { id: string }).id);

    const listed: string[] = [];
    for await (const request of iterateCard('listAllRequests', { limit: 200 }, { orgUrl: sim.url, accessToken: sim.token })) listed.push((request as { id: string }).id);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.filter((id) => requestIds.includes(id)).sort()).toEqual([...requestIds].sort());
  });
});
