/**
 * The flow templates under injected faults. The three mission flows and the event flow run 24 times
 * against one simulator; before every request the runtime sends, a seeded plan may arm one fault for
 * it: a 429 of either form, a 5xx, a connection reset before or after the simulator handled it, or
 * a slow answer. Each run either succeeds or ends with a typed error naming a card; afterwards the
 * simulator's state shows no duplicate review, request, label or message, and every request a
 * successful run reported has its message.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowContext, flows, runFlow } from '../src/flows/index.ts';
import { OktaApiError, TransportError, type RuntimeEvent } from '../src/runtime/index.ts';
import { startSimulator, type FaultConfig, type Simulator } from '../src/simulator/index.ts';

type Fault = 'none' | 'rateLimit' | 'concurrencyLimit' | 'serverError' | 'reset' | 'resetAfterHandling' | 'slow';

interface PlannedFault {
  fault: Fault;
  status: 500 | 502 | 503 | 504;
  slowMs: number;
}

/** One decision per request, from a fixed seed: about two requests in five meet a fault. */
const plan: PlannedFault[] = fc.sample(
  fc.array(
    fc.record({
      fault: fc.oneof(
        { weight: 10, arbitrary: fc.constant<Fault>('none') },
        { weight: 7, arbitrary: fc.constantFrom<Fault>('rateLimit', 'concurrencyLimit', 'serverError', 'reset', 'resetAfterHandling', 'slow') },
      ),
      status: fc.constantFrom(500 as const, 502 as const, 503 as const, 504 as const),
      slowMs: fc.integer({ min: 10, max: 60 }),
    }),
    { minLength: 4000, maxLength: 4000 },
  ),
  { seed: 20_260_311, numRuns: 1 },
)[0]!;

const injected = new Map<Fault, number>();
let next = 0;

function armNextFault(sim: Simulator): void {
  const { fault, status, slowMs } = plan[next++ % plan.length]!;
  injected.set(fault, (injected.get(fault) ?? 0) + 1);
  const config: FaultConfig = { slowMs: fault === 'slow' ? slowMs : 0 };
  if (fault === 'serverError') Object.assign(config, { serverError: 1, serverErrorStatus: status });
  else if (fault !== 'none' && fault !== 'slow') config[fault] = 1;
  sim.faults.set(config);
}

/** Real waits, capped: a 429's Reset can be most of a (scaled) minute away. */
const quickClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5))),
};

interface Snapshot {
  reviews: Set<string>;
  requests: Set<string>;
  requestsV2: Set<string>;
  labels: Set<string>;
  messages: number;
}

function snapshot(sim: Simulator): Snapshot {
  const state = sim.state;
  return {
    reviews: new Set(state.reviews.keys()),
    requests: new Set(state.requests.keys()),
    requestsV2: new Set(state.requestsV2.keys()),
    labels: new Set(state.labels.keys()),
    messages: state.messages.length,
  };
}

const added = (before: Set<string>, now: Iterable<string>) => [...now].filter((id) => !before.has(id));

interface Run {
  flow: string;
  input: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: unknown;
  created: { reviews: string[]; requests: string[]; labels: string[]; messages: number };
}

describe('flow templates under random 429s, 5xx, resets and slow answers', () => {
  let sim: Simulator;
  const runs: Run[] = [];
  const retries: string[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 60, activationDelayMs: 0, requestDecisionDelayMs: 0, rateLimits: { '*': 100_000 } });
    const { users, requestTypes, catalogEntries, apps, groups } = sim.seed;
    const reviewers = users.security.map((u) => u.login);
    const entry = catalogEntries.find((e) => e.requestable && e.requiredFieldIds.length === 0)!;
    const eventUsers = users.all.filter((u) => ![users.admin, users.target, users.manager, users.requester, ...users.security].some((s) => s.id === u.id)).slice(0, 3);

    const ctx = flowContext(
      { orgUrl: sim.url, accessToken: sim.token },
      {
        clock: quickClock,
        timeoutMs: 10_000,
        onEvent: (event: RuntimeEvent) => {
          if (event.type === 'request') armNextFault(sim);
          if (event.type === 'retry') retries.push(event.reason);
        },
      },
    );

    for (let round = 0; round < 6; round++) {
      const inputs: [string, Record<string, unknown>][] = [
        ['launch-security-access-review', { user: round % 2 ? users.manager.login : users.target.id, reviewers, name: `Fault run ${round}`, waitUntilActive: round === 0 }],
        round % 2
          ? ['file-access-request', { requester: users.requester.id, catalogEntry: entry.id, subject: `Fault run ${round}`, justification: `Justification ${round}` }]
          : ['file-access-request', { requester: users.requester.login, requestType: requestTypes.active.name, subject: `Fault run ${round}`, justification: `Justification ${round}` }],
        ['label-resources', { label: `Fault tier ${round % 3}`, values: round < 3 ? [`Gold ${round % 3}`, `Silver ${round % 3}`] : [`gold ${round % 3}`, `Bronze ${round % 3}`], resources: [apps[round % apps.length]!.orn, groups[0]!.id] }],
        [
          'review-on-risk-event',
          {
            event: { uuid: `evt-${round}`, eventType: 'user.risk.change', target: [{ type: 'User', id: eventUsers[round % 3]!.id, alternateId: eventUsers[round % 3]!.login }] },
            reviewers,
          },
        ],
      ];
      for (const [flow, input] of inputs) {
        const before = snapshot(sim);
        const outcome = await runFlow(flow, input, ctx).then(
          (result) => ({ result: result as Record<string, unknown> }),
          (error: unknown) => ({ error }),
        );
        sim.faults.clear();
        const after = snapshot(sim);
        runs.push({
          flow,
          input,
          ...outcome,
          created: {
            reviews: added(before.reviews, after.reviews),
            requests: [...added(before.requests, after.requests), ...added(before.requestsV2, after.requestsV2)],
            labels: added(before.labels, after.labels),
            messages: after.messages - before.messages,
          },
        });
      }
    }
  }, 60_000);
  afterAll(() => sim.close());

  it('injected every kind of fault, and the runtime retried 429s of both forms, 5xx and network failures', () => {
    for (const fault of ['rateLimit', 'concurrencyLimit', 'serverError', 'reset', 'resetAfterHandling', 'slow'] as const) {
      expect(injected.get(fault) ?? 0, fault).toBeGreaterThan(0);
    }
    expect(new Set(retries)).toEqual(new Set(['rate-limit', 'concurrency-limit', 'server-error', 'network']));
    expect(runs).toHaveLength(24);
    // Both outcomes happen: the faults are frequent enough to break some runs, and most survive.
    expect(runs.filter((r) => r.error).length).toBeGreaterThan(0);
    expect(runs.filter((r) => r.result).length).toBeGreaterThan(runs.length / 2);
  });

  it('each run succeeds or ends with a typed error whose message names one of the flow\'s cards', () => {
    for (const run of runs.filter((r) => r.error)) {
      const error = run.error as Error & { card?: string };
      expect(error instanceof OktaApiError || error instanceof TransportError, `${run.flow}: ${String(error?.stack ?? error)}`).toBe(true);
      expect(flows[run.flow]!.cards).toContain(error.card);
      expect(error.message, error.message).toContain(`${error.card}: `);
    }
  });

  it('no run made more than one review, request, label or message', () => {
    for (const run of runs) {
      const what = `${run.flow} ${JSON.stringify(run.input)}`;
      expect(run.created.reviews.length, what).toBeLessThanOrEqual(1);
      expect(run.created.requests.length, what).toBeLessThanOrEqual(1);
      expect(run.created.labels.length, what).toBeLessThanOrEqual(1);
      expect(run.created.messages, what).toBeLessThanOrEqual(1);
    }
  });

  it('what a successful run reports is what the simulator holds', () => {
    const state = sim.state;
    for (const run of runs.filter((r) => r.result)) {
      const result = run.result!;
      if (run.flow === 'launch-security-access-review') {
        expect(run.created.reviews).toEqual([result.reviewId]);
        expect(state.reviews.get(String(result.reviewId))?.name).toBe(run.input.name);
      }
      if (run.flow === 'file-access-request') {
        // No lost message: the request the run reported carries its justification, exactly once.
        expect(run.created.requests).toEqual([result.requestId]);
        const messages = state.messages.filter((m) => m.requestId === result.requestId);
        expect(messages).toHaveLength(1);
        expect(messages[0]!.message).toContain(String(run.input.justification));
      }
      if (run.flow === 'label-resources') {
        expect(state.labels.get(String(result.labelId))?.name.toLowerCase()).toBe(String(run.input.label).toLowerCase());
        expect(run.created.labels).toEqual(result.created ? [result.labelId] : []);
      }
      if (run.flow === 'review-on-risk-event') {
        const review = (result as { review?: { reviewId: string } }).review;
        if (result.action === 'launched') expect(run.created.reviews).toEqual([review!.reviewId]);
        else expect(run.created.reviews).toEqual([]);
      }
    }
  });

  it('the simulator holds no duplicates: labels, label values, messages, open reviews per event user', () => {
    const state = sim.state;
    const labelNames = [...state.labels.values()].map((l) => l.name.toLowerCase());
    expect(new Set(labelNames).size).toBe(labelNames.length);
    for (const label of state.labels.values()) {
      const values = label.values.map((v) => v.name.toLowerCase());
      expect(new Set(values).size, label.name).toBe(values.length);
    }
    const messageKeys = state.messages.map((m) => `${m.requestId} ${m.message}`);
    expect(new Set(messageKeys).size).toBe(messageKeys.length);
    for (const [orn, valueIds] of state.resourceLabels) expect(new Set(valueIds).size, orn).toBe(valueIds.length);

    const eventRuns = runs.filter((r) => r.flow === 'review-on-risk-event');
    for (const userId of new Set(eventRuns.map((r) => ((r.input.event as { target: { id: string }[] }).target[0]!.id)))) {
      const open = [...state.reviews.values()].filter((r) => r.principalId === userId && (r.status === 'PENDING' || r.status === 'ACTIVE'));
      expect(open.length, userId).toBeLessThanOrEqual(1);
      const answered = eventRuns.filter((r) => r.result && (r.input.event as { target: { id: string }[] }).target[0]!.id === userId);
      // Once any delivery succeeded, the one open review is the one it launched or pointed at.
      for (const run of answered) {
        const result = run.result as { action: string; review?: { reviewId: string }; existingReviewId?: string };
        expect(open.map((r) => r.id)).toEqual([result.review?.reviewId ?? result.existingReviewId]);
      }
    }
  });
});
