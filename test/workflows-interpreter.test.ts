/**
 * The templates we ship, executed card by card (test/support/flow-interpreter.ts) against the local
 * simulator over HTTP: the delegated flows through their form, the event flow with a redelivered
 * event, and the paging helper — so the flows are known to make the right calls, not just to parse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCard } from '../src/compile/card.ts';
import { flopackFolder } from '../src/workflows/export.ts';
import { operations } from '../src/operations/index.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';
import { FlowError, Interpreter } from './support/flow-interpreter.ts';

type Json = Record<string, any>;

// The file exactly as `oig build` writes it.
const pack = JSON.parse(flopackFolder(operations.map(compileCard))) as Json;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ timeScale: 60, rateLimits: { '*': 100000 } });
});
afterAll(async () => {
  await sim?.close();
});

const interpreter = () => new Interpreter(pack, { baseUrl: sim.url, token: sim.token });
const calls = (i: Interpreter) => i.calls.map((c) => `${c.method} ${c.url.split('?')[0]}`);

describe('Launch a security access review for a user (delegated)', () => {
  it('turns logins into ids and launches the review with them', async () => {
    const run = interpreter();
    const [a, b] = sim.seed.users.security;
    const before = sim.state.reviews.size;
    await run.run('Launch a security access review for a user', {
      'okta-user-id': sim.seed.users.admin.id,
      userLogin: sim.seed.users.target.login,
      reviewerLogins: `${a!.login}, ${b!.login}`,
    });
    expect(calls(run)).toEqual([
      'GET /api/v1/users',
      'GET /api/v1/users',
      'GET /api/v1/users',
      'POST /governance/api/v2/security-access-reviews',
    ]);
    expect(run.calls.slice(0, 3).map((c) => new URL(c.url, sim.url).searchParams.get('search'))).toEqual([
      `profile.login eq "${sim.seed.users.target.login}"`,
      `profile.login eq "${a!.login}"`,
      `profile.login eq "${b!.login}"`,
    ]);
    const post = run.calls.at(-1)!;
    expect(post.status).toBe(202);
    expect(post.body).toEqual({
      principalId: sim.seed.users.target.id,
      name: `Security access review: ${sim.seed.users.target.login}`,
      reviewerSettings: { type: 'USER', userSettings: { includedUserIds: [a!.id, b!.id] } },
    });
    expect(sim.state.reviews.size).toBe(before + 1);
    const review = [...sim.state.reviews.values()].at(-1)!;
    expect(review.principalId).toBe(sim.seed.users.target.id);
    expect(review.reviewerIds).toEqual([a!.id, b!.id]);
  });

  it('uses the given name and end time', async () => {
    const run = interpreter();
    const endTime = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await run.run('Launch a security access review for a user', {
      userLogin: sim.seed.users.target.login,
      reviewerLogins: sim.seed.users.security[0]!.login,
      reviewName: 'Quarterly check: target',
      endTime,
    });
    expect(run.calls.at(-1)!.body).toMatchObject({ name: 'Quarterly check: target', endTime });
    expect(run.calls.at(-1)!.status).toBe(202);
  });

  it('stops with a readable message, before launching anything, when the user under review is a reviewer', async () => {
    const run = interpreter();
    const before = sim.state.reviews.size;
    const target = sim.seed.users.target.login;
    await expect(
      run.run('Launch a security access review for a user', { userLogin: target, reviewerLogins: `${sim.seed.users.security[0]!.login},${target}` }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof FlowError &&
        error.flow === 'OIG job · Launch security access review for a user' &&
        error.message === `The user under review (${target}) is also listed as a reviewer: nobody can review their own access. Remove them from Reviewer logins.`,
    );
    expect(calls(run)).not.toContain('POST /governance/api/v2/security-access-reviews');
    expect(sim.state.reviews.size).toBe(before);
  });

  it('names a login nobody has', async () => {
    const run = interpreter();
    await expect(
      run.run('Launch a security access review for a user', { userLogin: sim.seed.users.target.login, reviewerLogins: 'nobody@nowhere.example' }),
    ).rejects.toThrow(/No Okta user has the login "nobody@nowhere\.example"/);
    expect(calls(run)).not.toContain('POST /governance/api/v2/security-access-reviews');
  });

  it('passes Okta\'s refusal on in words (end time out of range)', async () => {
    const run = interpreter();
    await expect(
      run.run('Launch a security access review for a user', {
        userLogin: sim.seed.users.target.login,
        reviewerLogins: sim.seed.users.security[0]!.login,
        endTime: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    ).rejects.toThrow(/^Okta didn't launch the review \(HTTP 400\): \S/);
  });
});

describe('File an access request for a user (delegated)', () => {
  it('finds the requester and the active request type, files the request, then adds the justification', async () => {
    const run = interpreter();
    const { requester } = sim.seed.users;
    const type = sim.seed.requestTypes.active;
    await run.run('File an access request for a user', {
      requesterLogin: requester.login,
      requestTypeName: type.name,
      subject: 'Access to the finance app',
      justification: 'Quarter-end close.\nApproved by my manager.',
    });
    expect(calls(run)).toEqual([
      'GET /api/v1/users',
      'GET /governance/api/v1/request-types',
      'POST /governance/api/v1/requests',
      expect.stringMatching(/^POST \/governance\/api\/v1\/requests\/[0-9a-f]{24}\/messages$/),
    ]);
    expect(new URL(run.calls[1]!.url, sim.url).searchParams.get('filter')).toBe('status eq "ACTIVE"');
    expect(run.calls[2]!.body).toEqual({ requestTypeId: type.id, subject: 'Access to the finance app', requesterUserIds: [requester.id] });
    const request = [...sim.state.requests.values()].at(-1)!;
    expect(request.requesterUserIds).toEqual([requester.id]);
    expect(sim.state.messages.at(-1)).toMatchObject({ requestId: request.id, message: 'Quarter-end close.\nApproved by my manager.' });
  });

  it('names a request type that is not active', async () => {
    const run = interpreter();
    await expect(
      run.run('File an access request for a user', {
        requesterLogin: sim.seed.users.requester.login,
        requestTypeName: sim.seed.requestTypes.draft.name,
        subject: 's',
        justification: 'j',
      }),
    ).rejects.toThrow(`No active request type is named "${sim.seed.requestTypes.draft.name}". Names must match exactly; a draft request type must be published first.`);
    expect(calls(run)).not.toContain('POST /governance/api/v1/requests');
  });
});

describe('Label resources (delegated)', () => {
  const app = () => sim.seed.apps[0]!;

  it('creates a new label with its coloured value, assigns it and lists what carries it', async () => {
    const run = interpreter();
    const orns = `${app().orn}, ${sim.seed.groups[0]!.orn}`;
    await run.run('Label resources', { labelName: 'Data sensitivity', valueName: 'High', color: 'red', resourceOrns: orns });
    expect(calls(run)).toEqual([
      'GET /governance/api/v1/labels',
      'POST /governance/api/v1/labels',
      'POST /governance/api/v1/resource-labels/assign',
      'GET /governance/api/v1/resource-labels',
    ]);
    expect(run.calls[1]!.body).toEqual({ name: 'Data sensitivity', values: [{ name: 'High', metadata: { additionalProperties: { backgroundColor: 'red' } } }] });
    const label = [...sim.state.labels.values()].find((l) => l.name === 'Data sensitivity')!;
    const valueId = label.values[0]!.labelValueId;
    expect(run.calls[2]!.body).toEqual({ resourceOrns: [app().orn, sim.seed.groups[0]!.orn], labelValueIds: [valueId] });
    expect(new URL(run.calls[3]!.url, sim.url).searchParams.get('filter')).toBe(`labelValueId eq "${valueId}"`);
    expect(sim.state.resourceLabels.get(app().orn)).toContain(valueId);
  });

  it('reuses a label that exists, without creating it again', async () => {
    const run = interpreter();
    const { crownJewel } = sim.seed.labels;
    const result = await run.run('Label resources', { labelName: crownJewel.name, valueName: crownJewel.name, resourceOrns: app().orn });
    expect(calls(run)).toEqual(['GET /governance/api/v1/labels', 'POST /governance/api/v1/resource-labels/assign', 'GET /governance/api/v1/resource-labels']);
    expect(run.calls[1]!.body).toEqual({ resourceOrns: [app().orn], labelValueIds: [crownJewel.labelValueId] });
    expect(result).toEqual({});
  });

  it('names a value the existing label does not have', async () => {
    const run = interpreter();
    const { privileged } = sim.seed.labels;
    await expect(run.run('Label resources', { labelName: privileged.name, valueName: 'Extreme', resourceOrns: app().orn })).rejects.toThrow(
      `The label "${privileged.name}" has no value "Extreme". Add the value to the label (Update label), or pick one of its values.`,
    );
    expect(calls(run)).toEqual(['GET /governance/api/v1/labels']);
  });
});

describe('Review a user who reports suspicious activity (event)', () => {
  it('launches one review per user, and nothing when the event comes again while it is open', async () => {
    const flow = structuredClone(Object.values(pack.data.flos as Json).find((f: Json) => f.name === 'Review a user who reports suspicious activity')) as Json;
    // What the admin does before turning the flow on: type the reviewer logins into "Reviewers (edit me)".
    const each = flow.data.methods.find((m: Json) => m.node.key === 'asyncEach');
    const inline = (Object.values(each.node.model.inputs.data) as Json[]).find((f) => f.key === 'flo')!.value.data;
    const reviewers = inline.methods.find((m: Json) => m.node.data.name === 'Reviewers (edit me)');
    for (const side of ['inputs', 'outputs']) for (const f of Object.values(reviewers.node.model[side].data) as Json[]) f.value.data = sim.seed.users.security.map((u) => u.login).join(',');
    const edited = structuredClone(pack);
    edited.data.flos[flow.id] = flow;

    const user = sim.seed.users.requester;
    const event = { 'Event Type': 'user.account.report_suspicious_activity_by_enduser', 'Okta User': { ID: user.id, 'Alternate ID': user.login, 'Display Name': user.firstName, Type: 'User' } };
    const openFor = () => [...sim.state.reviews.values()].filter((r) => r.principalId === user.id && (r.status === 'ACTIVE' || r.status === 'PENDING'));
    expect(openFor()).toHaveLength(0);

    const first = new Interpreter(edited, { baseUrl: sim.url, token: sim.token });
    await first.run('Review a user who reports suspicious activity', { collection: [event] });
    expect(first.itemErrors).toEqual([]);
    expect(calls(first)).toContain('POST /governance/api/v2/security-access-reviews');
    expect(openFor()).toHaveLength(1);
    expect(openFor()[0]!.name).toBe(`Review after suspicious activity: ${user.login}`);

    const again = new Interpreter(edited, { baseUrl: sim.url, token: sim.token });
    await again.run('Review a user who reports suspicious activity', { collection: [event] });
    expect(again.itemErrors).toEqual([]);
    expect(calls(again)).not.toContain('POST /governance/api/v2/security-access-reviews');
    expect(calls(again)).toContain(`GET /governance/api/v2/security-access-reviews/${openFor()[0]!.id}/principal`);
    expect(openFor()).toHaveLength(1);
  });

  it('as shipped, asks for the reviewer logins instead of launching anything', async () => {
    const run = interpreter();
    await run.run('Review a user who reports suspicious activity', { collection: [{ 'Okta User': { ID: sim.seed.users.target.id, 'Alternate ID': sim.seed.users.target.login } }] });
    expect(run.itemErrors.map((e) => e.message)).toEqual(['Set the reviewer logins (comma-separated) in the card "Reviewers (edit me)" of this flow, then turn it on again.']);
    expect(run.calls).toEqual([]);
  });
});

describe('paging', () => {
  it('a list helper returns one page and the next link; "Read all pages" collects the rest', async () => {
    sim.addReviews(5, { name: 'Paging check' });
    const run = interpreter();
    const page = await run.run('OIG · List security access reviews', { filter: 'name co "Paging check"', limit: 2 });
    expect(page.returned!.count).toBe(2);
    expect(page.returned!.next).toMatch(/^\/governance\/api\/v2\/security-access-reviews\?.*after=/);
    const all = await run.run('OIG support · Read all pages', { relativeUrl: page.returned!.next, items: page.returned!.items });
    expect(all.returned!.count).toBe(5);
    expect(new Set(all.returned!.items.map((r: Json) => r.id)).size).toBe(5);
    expect(calls(run)).toEqual(Array(3).fill('GET /governance/api/v2/security-access-reviews'));
  });

  it('keeps only the path and query of next links that Okta writes on the -admin host', async () => {
    const admin = await startSimulator({ timeScale: 60, rateLimits: { '*': 100000 }, realism: true });
    try {
      admin.addReviews(3, { name: 'Admin host' });
      const run = new Interpreter(pack, { baseUrl: admin.url, token: admin.token });
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
    const run = interpreter();
    const page = await run.run('OIG · List users', { limit: 2 });
    expect(page.returned!.count).toBe(2);
    expect(page.returned!.next).toMatch(/^\/api\/v1\/users\?.*after=/);
    const all = await run.run('OIG support · Read all pages', { relativeUrl: page.returned!.next, items: page.returned!.items });
    expect(all.returned!.count).toBe(sim.seed.users.all.length);
  });
});
