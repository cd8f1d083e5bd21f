/**
 * The review templates as shipped (connector/templates/…), executed card by card against the local
 * simulator: the form-started and the policy-started delegated flows, and the event flow with a
 * real-shaped "Suspicious Activity Reported" payload. The code templates run on the same inputs
 * against a twin simulator (same seed), and both must leave the same audit record and the same
 * review — one description of each job (src/missions/), two ways to run it, no drift. Paging of the
 * helper library is checked here too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowContext } from '../src/flows/runner.ts';
import { launchSecurityAccessReview } from '../src/flows/launch-security-access-review.ts';
import { reviewOnRiskEvent } from '../src/flows/review-on-risk-event.ts';
import { launchSecurityAccessReviewMission as launchMission } from '../src/missions/index.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';
import { SETTINGS_CARD } from '../src/workflows/templates/launch-security-access-review.ts';
import { REVIEWERS_CARD } from '../src/workflows/templates/review-on-suspicious-activity.ts';
import { helperLibrary, templateExport } from './support/exports.ts';
import { auditEssence, TWIN_OPTIONS, useTwinSimulators } from './support/twins.ts';
import { FlowError, Interpreter } from './support/flow-interpreter.ts';

type Json = Record<string, any>;

const reviewPack = templateExport('launch-security-access-review');
const eventPack = templateExport('review-on-suspicious-activity');
const AUDIT_TABLE = `OIG audit · ${launchMission.title}`;
const twins = useTwinSimulators();

const interpreter = (pack: Json) => new Interpreter(pack, { baseUrl: twins.sim.url, token: twins.sim.token }, () => new Date('2026-12-01T10:00:00.000Z'));
const calls = (i: Interpreter) => i.calls.map((c) => `${c.method} ${c.url.split('?')[0]}`);
const code = () => flowContext({ orgUrl: twins.twin.url, accessToken: twins.twin.token });
/** An audit record without when, which flow, who started it and the review id (each test checks it names the review its own simulator made). */
const essence = (row: Json) => auditEssence(launchMission, row, ['job', 'reviewId']);

/** What an admin does after import: type a value into a settings (Assign) card. */
function setSettings(pack: Json, cardName: string, value: string): Json {
  const edited = structuredClone(pack);
  const visit = (methods: Json[]) => {
    for (const m of methods) {
      if (m.node.data.name === cardName) for (const side of ['inputs', 'outputs']) for (const f of Object.values(m.node.model[side].data) as Json[]) f.value.data = value;
      for (const f of Object.values(m.node.model.inputs.data) as Json[]) if (f.value.type === 'flo' && typeof f.value.data === 'object' && f.value.data) visit(f.value.data.methods);
    }
  };
  for (const flow of Object.values(edited.data.flos) as Json[]) visit(flow.data.methods);
  return edited;
}

describe('Launch a security access review (form)', () => {
  const FORM = 'Launch a security access review (form)';

  it('finds the user and reviewers (login, email or id), launches the review, records the run — as the code template does', async () => {
    const run = interpreter(reviewPack);
    const [a, b] = twins.sim.seed.users.security;
    const admin = twins.sim.seed.users.admin;
    const form = { user: twins.sim.seed.users.target.login, reviewers: `${a!.email}, ${b!.id}` };
    await run.run(FORM, { 'okta-user-id': admin.id, ...form });
    expect(calls(run)).toEqual(['GET /api/v1/users', 'GET /api/v1/users', 'GET /api/v1/users', 'POST /governance/api/v2/security-access-reviews']);
    expect(new URL(run.calls[0]!.url, twins.sim.url).searchParams.get('search')).toBe(
      `profile.login eq "${form.user}" or profile.email eq "${form.user}" or id eq "${form.user}"`,
    );
    expect(run.calls.at(-1)!.body).toEqual({
      principalId: twins.sim.seed.users.target.id,
      name: `Security access review: ${twins.sim.seed.users.target.login}`,
      reviewerSettings: { type: 'USER', userSettings: { includedUserIds: [a!.id, b!.id] } },
    });
    const review = [...twins.sim.state.reviews.values()].at(-1)!;
    expect(review.principalId).toBe(twins.sim.seed.users.target.id);
    const rows = run.tableRows(AUDIT_TABLE);
    expect(rows).toEqual([
      {
        When: '2026-12-01T10:00:00.000Z',
        Job: FORM,
        'Started by': admin.id,
        Outcome: 'launched',
        'User under review': twins.sim.seed.users.target.login,
        Reviewers: JSON.stringify([a!.id, b!.id]),
        'Review ID': review.id,
      },
    ]);

    const coded = await launchSecurityAccessReview(code(), form);
    expect(essence(coded.audit)).toEqual(essence(rows[0]!));
    const twinReview = [...twins.twin.state.reviews.values()].at(-1)!;
    expect(coded.audit.reviewId).toBe(twinReview.id);
    expect({ principal: twinReview.principalId, reviewers: twinReview.reviewerIds, name: twinReview.name }).toEqual({ principal: review.principalId, reviewers: review.reviewerIds, name: review.name });
  });

  it('refuses the user under review as a reviewer, before launching anything — with the message the code template gives', async () => {
    const run = interpreter(reviewPack);
    const target = twins.sim.seed.users.target;
    const form = { user: target.login, reviewers: `${twins.sim.seed.users.security[0]!.login},${target.id}` };
    const expected = `The user under review (${target.login}) is also listed as a reviewer: nobody can review their own access. Remove them from the reviewers.`;
    await expect(run.run(FORM, form)).rejects.toSatisfy((e: unknown) => e instanceof FlowError && e.message === expected);
    expect(calls(run)).not.toContain('POST /governance/api/v2/security-access-reviews');
    expect(run.tableRows(AUDIT_TABLE)).toEqual([]);
    await expect(launchSecurityAccessReview(code(), form)).rejects.toThrow(expected);
    expect(twins.twin.state.reviews.size).toBe(twins.sim.state.reviews.size);
  });

  it('names a person nobody matches, in both templates', async () => {
    const form = { user: twins.sim.seed.users.target.login, reviewers: 'nobody@nowhere.example' };
    const expected = 'No Okta user has the login, email or id "nobody@nowhere.example". Check the spelling, or give the 00u… id.';
    await expect(interpreter(reviewPack).run(FORM, form)).rejects.toThrow(expected);
    await expect(launchSecurityAccessReview(code(), form)).rejects.toThrow(expected);
  });

  it("passes Okta's refusal on with its errorSummary (end time out of range)", async () => {
    const run = interpreter(reviewPack);
    await expect(
      run.run(FORM, { user: twins.sim.seed.users.target.login, reviewers: twins.sim.seed.users.security[0]!.login, endTime: new Date(Date.now() + 3_600_000).toISOString() }),
    ).rejects.toThrow(/^Okta didn't launch the review \(HTTP 400\): \S/);
    expect(run.tableRows(AUDIT_TABLE)).toEqual([]);
  });

  it('path ids are checked with the card\'s own pattern before any call', async () => {
    const run = new Interpreter(helperLibrary(), { baseUrl: twins.sim.url, token: twins.sim.token });
    await expect(run.run('OIG · Get security access review', { securityAccessReviewId: '../../api/v1/users' })).rejects.toThrow(/securityAccessReviewId "\.\.\/\.\.\/api\/v1\/users" must match/);
    expect(run.calls).toEqual([]);
  });
});

describe('Launch a security access review (entity risk policy)', () => {
  const POLICY = 'Launch a security access review (entity risk policy)';

  it('as shipped, asks for the reviewers in its settings card and launches nothing', async () => {
    const run = interpreter(reviewPack);
    await expect(run.run(POLICY, { 'okta-user-id': twins.sim.seed.users.target.id })).rejects.toThrow(`Type the reviewers into the card "${SETTINGS_CARD}"`);
    expect(run.calls).toEqual([]);
  });

  it('reviews the user the policy passes in the user context (no form field), by the configured reviewers, and records it', async () => {
    const reviewers = twins.sim.seed.users.security.map((u) => u.login).join(',');
    const run = interpreter(setSettings(reviewPack, SETTINGS_CARD, reviewers));
    const user = twins.sim.seed.users.requester;
    await run.run(POLICY, { 'okta-user-id': user.id });
    const review = [...twins.sim.state.reviews.values()].at(-1)!;
    expect(review.principalId).toBe(user.id);
    expect(review.reviewerIds).toEqual(twins.sim.seed.users.security.map((u) => u.id));
    expect(run.tableRows(AUDIT_TABLE)).toMatchObject([{ Job: POLICY, 'Started by': 'entity-risk policy', Outcome: 'launched', 'User under review': user.login, 'Review ID': review.id }]);
  });
});

describe('Review a user who reports suspicious activity (event)', () => {
  const EVENT = 'Review a user who reports suspicious activity';
  const TABLE = 'OIG audit · Review a user after a risk event';
  /** One item of the event card's list, with the outputs the real "Suspicious Activity Reported" card has. */
  const report = (user: { id: string; login: string; email: string; firstName: string }) => ({
    'Date and Time': '2026-12-01T09:59:00.000Z',
    Name: user.firstName,
    Email: user.email,
    'User ID': user.id,
    'Suspicious Activity Details': 'Sign-in from an unrecognized device',
    'Event Details': {},
    Headers: {},
    Source: 'okta',
    'Debug Context': { 'Debug Data': {} },
  });

  it('launches one review of the reporting user (its User ID), records it, and nothing when the event comes again — as the code template does', async () => {
    const reviewers = twins.sim.seed.users.security.map((u) => u.login).join(',');
    const pack = setSettings(eventPack, REVIEWERS_CARD, reviewers);
    const user = twins.sim.seed.users.requester;
    const openFor = (s: Simulator) => [...s.state.reviews.values()].filter((r) => r.principalId === user.id && (r.status === 'ACTIVE' || r.status === 'PENDING'));

    const first = interpreter(pack);
    await first.deliver(EVENT, [report(user)]);
    expect(first.itemErrors).toEqual([]);
    expect(openFor(twins.sim)).toHaveLength(1);
    expect(openFor(twins.sim)[0]!.name).toBe(`Review after suspicious activity: ${user.email}`);
    const rows = first.tableRows(TABLE);
    expect(rows).toMatchObject([{ Job: EVENT, 'Started by': 'event: Suspicious Activity Reported', Outcome: 'launched', 'User under review': user.login, 'Review ID': openFor(twins.sim)[0]!.id }]);

    const again = interpreter(pack);
    await again.deliver(EVENT, [report(user)]);
    expect(again.itemErrors).toEqual([]);
    expect(calls(again)).not.toContain('POST /governance/api/v2/security-access-reviews');
    expect(calls(again)).toContain(`GET /governance/api/v2/security-access-reviews/${openFor(twins.sim)[0]!.id}/principal`);
    expect(openFor(twins.sim)).toHaveLength(1);
    expect(again.tableRows(TABLE)).toEqual([]);

    // The code template, on the same event as a System Log event hook delivers it.
    const event = { eventType: 'user.account.report_suspicious_activity_by_enduser', actor: { id: user.id, alternateId: user.login, type: 'User' } };
    const coded = await reviewOnRiskEvent(code(), { event, reviewers });
    expect(coded.action).toBe('launched');
    expect(essence((coded as Json).audit)).toEqual(essence(rows[0]!));
    expect((coded as Json).audit.reviewId).toBe([...twins.twin.state.reviews.values()].filter((r) => r.principalId === user.id).at(-1)!.id);
    const twice = await reviewOnRiskEvent(code(), { event, reviewers });
    expect(twice).toMatchObject({ action: 'skipped', reason: `A review of ${user.id} is already open (PENDING or ACTIVE): nothing launched.` });
  });

  it('as shipped, asks for the reviewers instead of launching anything', async () => {
    const run = interpreter(eventPack);
    await run.deliver(EVENT, [report(twins.sim.seed.users.target)]);
    expect(run.itemErrors.map((e) => e.message)).toEqual([`Type the reviewers into the card "${REVIEWERS_CARD}" of this flow, then turn it on again.`]);
    expect(run.calls).toEqual([]);
  });
});

describe('paging (the helper library)', () => {
  let pager: Simulator;
  beforeAll(async () => {
    pager = await startSimulator(TWIN_OPTIONS);
  });
  afterAll(async () => {
    await pager?.close();
  });
  const library = helperLibrary();

  it('a list helper returns one page and the next link; "Read all pages" collects the rest', async () => {
    pager.addReviews(5, { name: 'Paging check' });
    const run = new Interpreter(library, { baseUrl: pager.url, token: pager.token });
    const page = await run.run('OIG · List security access reviews', { filter: 'name co "Paging check"', limit: 2 });
    expect(page.returned!.count).toBe(2);
    expect(page.returned!.next).toMatch(/^\/governance\/api\/v2\/security-access-reviews\?.*after=/);
    const all = await run.run('OIG support · Read all pages', { relativeUrl: page.returned!.next, items: page.returned!.items });
    expect(all.returned!.count).toBe(5);
    expect(new Set(all.returned!.items.map((r: Json) => r.id)).size).toBe(5);
  });

  it('keeps only the path and query of next links that Okta writes on the -admin host', async () => {
    const admin = await startSimulator({ ...TWIN_OPTIONS, realism: true });
    try {
      admin.addReviews(3, { name: 'Admin host' });
      const run = new Interpreter(library, { baseUrl: admin.url, token: admin.token });
      const page = await run.run('OIG · List security access reviews', { filter: 'name co "Admin host"', limit: 1 });
      expect(String(page.returned!.body._links.next.href)).toMatch(/-admin/);
      expect(page.returned!.next).toMatch(/^\/governance\/api\/v2\/security-access-reviews\?/);
      const all = await run.run('OIG support · Read all pages', { relativeUrl: page.returned!.next, items: page.returned!.items });
      expect(all.returned!.count).toBe(3);
    } finally {
      await admin.close();
    }
  });

  it('follows the Link header of core Okta lists (users)', async () => {
    const run = new Interpreter(library, { baseUrl: pager.url, token: pager.token });
    const page = await run.run('OIG · List users', { limit: 2 });
    expect(page.returned!.next).toMatch(/^\/api\/v1\/users\?.*after=/);
    const all = await run.run('OIG support · Read all pages', { relativeUrl: page.returned!.next, items: page.returned!.items });
    expect(all.returned!.count).toBe(pager.seed.users.all.length);
  });
});
