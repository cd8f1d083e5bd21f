/**
 * The mission flows end to end: the simulator on a free port, the flow templates through the real
 * runtime over HTTP, and the `oig flow` command as a user runs it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowContext, FlowInputError, runFlow } from '../src/flows/index.ts';
import { iterateCard } from '../src/runtime/run-card.ts';
import type { Clock, RuntimeEvent } from '../src/runtime/options.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

let sim: Simulator;
let requests: string[];

beforeAll(async () => {
  requests = [];
  sim = await startSimulator({ port: 0, timeScale: 60, activationDelayMs: 300, log: (line) => requests.push(line) });
});
afterAll(() => sim.close());

const ctx = (events?: RuntimeEvent[], clock?: Clock) =>
  flowContext({ orgUrl: sim.url, accessToken: sim.token }, { ...(events && { onEvent: (e: RuntimeEvent) => events.push(e) }), ...(clock && { clock }) });

/** A clock whose sleeps return at once and move its time on: the runtime's waits are recorded, not slept. */
function fakeClock() {
  let t = Date.now();
  const waits: number[] = [];
  return { waits, now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)) };
}

describe('launch-security-access-review', () => {
  it('resolves logins, launches the review and waits until it is ACTIVE', async () => {
    const { target, security } = sim.seed.users;
    const result = (await runFlow(
      'launch-security-access-review',
      { user: target.login, reviewers: security.map((u) => u.login).join(', '), waitUntilActive: true },
      ctx(),
    )) as { reviewId: string; status: string; principal: { id: string }; reviewers: { id: string }[] };
    expect(result.status).toBe('ACTIVE');
    expect(result.principal.id).toBe(target.id);
    expect(result.reviewers.map((r) => r.id)).toEqual(security.map((u) => u.id));
    const stored = sim.state.reviews.get(result.reviewId);
    expect(stored?.principalId).toBe(target.id);
  });

  it('refuses the user under review as a reviewer before any request is sent', async () => {
    const { target, security } = sim.seed.users;
    const before = requests.length;
    await expect(
      runFlow('launch-security-access-review', { user: target.login, reviewers: [security[0]!.login, target.login] }, ctx()),
    ).rejects.toThrow(FlowInputError);
    expect(requests.length).toBe(before);
  });

  it('refuses it by id too (the same person by login and by id), without sending the create', async () => {
    const { target, security } = sim.seed.users;
    const reviewsBefore = sim.state.reviews.size;
    await expect(
      runFlow('launch-security-access-review', { user: target.id, reviewers: [security[0]!.login, target.login] }, ctx()),
    ).rejects.toThrow(`The user under review (${target.login}) is also listed as a reviewer`);
    expect(sim.state.reviews.size).toBe(reviewsBefore);
  });
});

describe('file-access-request', () => {
  it('files a v1 request against an ACTIVE request type by its exact name and adds the justification', async () => {
    const { requester } = sim.seed.users;
    const result = (await runFlow(
      'file-access-request',
      { requester: requester.login, requestType: sim.seed.requestTypes.active.name, subject: 'Access for the audit', justification: 'Quarter-end audit' },
      ctx(),
    )) as { requestId: string; status: string; version: string };
    expect(result.version).toBe('v1');
    expect(result.status).toBe('OPEN');
    const stored = sim.state.requests.get(result.requestId);
    expect(stored?.requesterUserIds).toEqual([requester.id]);
    expect(sim.state.messages.filter((m) => m.requestId === result.requestId).map((m) => m.message)).toEqual(['Quarter-end audit']);
  });

  it('refuses a DRAFT request type with a readable message', async () => {
    await expect(
      runFlow('file-access-request', { requester: sim.seed.users.requester.login, requestType: sim.seed.requestTypes.draft.name, subject: 's', justification: 'j' }, ctx()),
    ).rejects.toThrow(/is DRAFT: only ACTIVE request types take requests/);
  });

  it('files a v2 request for a catalog entry', async () => {
    const entry = sim.seed.catalogEntries.find((e) => e.requestable && e.requiredFieldIds.length === 0)!;
    const result = (await runFlow(
      'file-access-request',
      { requester: sim.seed.users.requester.id, catalogEntry: entry.id, subject: 'Need it', justification: 'For the launch' },
      ctx(),
    )) as { requestId: string; status: string; version: string };
    expect(result.version).toBe('v2');
    expect(result.status).toBe('SUBMITTED');
    expect(sim.state.requestsV2.get(result.requestId)?.requestedFor.externalId).toBe(sim.seed.users.requester.id);
  });
});

describe('label-resources', () => {
  it('creates the label, assigns it to an app ORN, a group id and a group name, then reuses it ignoring case', async () => {
    const app = sim.seed.apps[0]!;
    const [group, named] = sim.seed.groups;
    const first = (await runFlow(
      'label-resources',
      { label: 'Data sensitivity', values: [{ name: 'High', color: 'red' }], resources: [app.orn, group!.id, named!.name] },
      ctx(),
    )) as { labelId: string; created: boolean; assigned: { orn: string }[] };
    expect(first.created).toBe(true);
    expect(first.assigned.map((a) => a.orn)).toEqual([app.orn, group!.orn, named!.orn]);

    const again = (await runFlow('label-resources', { label: 'DATA SENSITIVITY', values: 'high, Low', resources: app.orn }, ctx())) as {
      labelId: string;
      created: boolean;
      valuesAdded: string[];
    };
    expect(again.created).toBe(false);
    expect(again.labelId).toBe(first.labelId);
    expect(again.valuesAdded).toEqual(['Low']);
    expect([...sim.state.labels.values()].filter((l) => l.name.toLowerCase() === 'data sensitivity')).toHaveLength(1);
  });
});

describe('review-on-risk-event', () => {
  it('launches one review for the event user, and skips the redelivered event', async () => {
    const user = sim.seed.users.manager;
    const event = { uuid: 'evt-1', eventType: 'user.risk.change', target: [{ type: 'User', id: user.id, alternateId: user.login }] };
    const reviewers = sim.seed.users.security.map((u) => u.login);
    const first = (await runFlow('review-on-risk-event', { event, reviewers }, ctx())) as { action: string; review?: { reviewId: string } };
    expect(first.action).toBe('launched');
    const second = (await runFlow('review-on-risk-event', { event, reviewers }, ctx())) as { action: string; existingReviewId?: string };
    expect(second).toMatchObject({ action: 'skipped', existingReviewId: first.review!.reviewId });
    expect([...sim.state.reviews.values()].filter((r) => r.principalId === user.id)).toHaveLength(1);
  });

  it('ignores event types it does not answer', async () => {
    const result = await runFlow('review-on-risk-event', { event: { eventType: 'user.session.start' }, reviewers: 'a@example.com' }, ctx());
    expect(result).toMatchObject({ action: 'skipped' });
  });
});

describe('the runtime against the simulator', () => {
  it('pages through 1,000 reviews without losing or repeating one', async () => {
    const added = sim.addReviews(1000, { name: 'Bulk review' });
    const seen = new Set<string>();
    let count = 0;
    for await (const review of iterateCard('listSecurityAccessReviews', { filter: 'name co "Bulk review"', limit: 200 }, { orgUrl: sim.url, accessToken: sim.token }, { resultSet: 'all' })) {
      seen.add(String((review as { id: string }).id));
      count++;
    }
    expect(count).toBe(1000);
    expect(seen).toEqual(new Set(added.map((r) => r.id)));
  });

  it('survives a burst of 429s of both forms and still launches exactly one review', async () => {
    sim.faults.set({ rateLimit: 2, concurrencyLimit: 1 });
    const events: RuntimeEvent[] = [];
    const clock = fakeClock();
    const before = sim.state.reviews.size;
    const { target, security } = sim.seed.users;
    const result = (await runFlow('launch-security-access-review', { user: target.id, reviewers: [security[1]!.id] }, ctx(events, clock))) as { status: string };
    sim.faults.clear();
    expect(result.status).toMatch(/PENDING|ACTIVE/);
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries.map((e) => e.reason).sort()).toEqual(['concurrency-limit', 'rate-limit', 'rate-limit']);
    // It waited as the 429s told it to (on the fake clock): at least the 1 s past X-Rate-Limit-Reset.
    expect(clock.waits).toEqual(retries.map((e) => e.waitMs));
    expect(Math.min(...clock.waits)).toBeGreaterThanOrEqual(1000);
    expect(sim.state.reviews.size).toBe(before + 1);
  });
});

describe('oig flow (the command)', () => {
  const env = () => ({ ...process.env, OKTA_ORG_URL: sim.url, OKTA_ACCESS_TOKEN: sim.token, OKTA_API_TOKEN: '', OKTA_CLIENT_ID: '' });

  it('runs a template and prints its result as JSON', async () => {
    const { stdout } = await run('node', ['bin/oig.js', 'flow', 'label-resources', '--input', JSON.stringify({ label: 'Tier', values: 'Gold', resources: sim.seed.apps[1]!.orn })], { cwd: root, env: env() });
    expect(JSON.parse(stdout)).toMatchObject({ label: 'Tier', created: true });
  });

  it('exits 2 naming the field when the input is wrong, having sent nothing', async () => {
    const before = requests.length;
    const failure = await run('node', ['bin/oig.js', 'flow', 'launch-security-access-review', '--input', '{"user":"a@example.com","reviewers":"a@example.com"}'], { cwd: root, env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect((failure as { code: number }).code).toBe(2);
    expect((failure as { stderr: string }).stderr).toMatch(/reviewers: The user under review \(a@example.com\) is also listed as a reviewer/);
    expect(requests.length).toBe(before);
  });
});

describe('npm start (oig demo)', () => {
  it('builds the bundle, runs the mission flows against the simulator and prints the summary', async () => {
    const { mkdtemp, readdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const out = await mkdtemp(`${tmpdir()}/oig-demo-`);
    const env = { ...process.env, OKTA_ORG_URL: '', OKTA_ACCESS_TOKEN: '' };
    const { stdout } = await run('node', [`${root}bin/oig.js`, 'demo'], { cwd: out, env, timeout: 60_000 });
    expect(stdout).toMatch(/Review sar\w{17} of \S+ is ACTIVE/);
    expect(stdout).toMatch(/Request [0-9a-f]{24} for \S+ is OPEN; message added/);
    expect(stdout).toMatch(/Label "Data sensitivity" created/);
    expect(stdout).toMatch(/first delivery: launched review sar\w{17}/);
    expect(stdout, stdout).toMatch(/redelivery: skipped/);
    expect(await readdir(`${out}/connector/templates`)).toEqual(['file-access-request', 'label-resources', 'launch-security-access-review', 'review-on-suspicious-activity']);
    // A whole build and four flows in a child process: seconds alone, more beside the other suites on 2 cores.
  }, 90_000);
});
