/**
 * Rate limits and fault switches: X-Rate-Limit-* on every response, per-family buckets at the real
 * limits (50, 30, 15 per minute), 429 E0000047 when a bucket is empty and refill after the window
 * (shrunk by the time-scale knob), both 429 forms, 5xx, resets, slow responses, -admin link hosts
 * and the teams links quirk.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseFault, startSimulator, type Simulator } from '../src/simulator/index.ts';

async function call(sim: Simulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sim.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

function rate(headers: Headers) {
  return {
    limit: Number(headers.get('x-rate-limit-limit')),
    remaining: Number(headers.get('x-rate-limit-remaining')),
    reset: Number(headers.get('x-rate-limit-reset')),
    date: Date.parse(headers.get('date')!) / 1000,
  };
}

describe('rate-limit headers and buckets', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('sends X-Rate-Limit-* on every response, errors and the token endpoint included', async () => {
    const created = await call(sim, 'POST', '/governance/api/v1/labels', { name: 'Tier', values: [] });
    const answers = [
      await call(sim, 'GET', '/governance/api/v1/labels'),
      created,
      await call(sim, 'DELETE', `/governance/api/v1/labels/${created.body.labelId}`),
      await call(sim, 'POST', '/governance/api/v1/labels', { name: 7 }),
      await call(sim, 'GET', '/governance/api/v1/labels/lbc00000000000000000'),
      await call(sim, 'PUT', '/governance/api/v1/labels'),
      await call(sim, 'GET', '/nowhere'),
      await fetch(`${sim.url}/governance/api/v1/labels`),
      await fetch(`${sim.url}/oauth2/v1/token`, { method: 'POST' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 201, 204, 400, 404, 405, 404, 401, 400]);
    for (const a of answers) {
      const r = rate(a.headers);
      expect(Number.isInteger(r.limit) && r.limit > 0, String(a.status)).toBe(true);
      expect(Number.isInteger(r.remaining)).toBe(true);
      expect(r.reset).toBeGreaterThanOrEqual(Math.floor(r.date));
      expect(r.reset).toBeLessThanOrEqual(r.date + 61);
    }
  });

  it('uses the real per-minute limits of each family', async () => {
    const limitOf = async (method: string, path: string, body?: unknown) => rate((await call(sim, method, path, body)).headers).limit;
    expect(await limitOf('GET', '/governance/api/v2/security-access-reviews')).toBe(50);
    expect(await limitOf('GET', '/governance/api/v1/resource-labels?filter=resourceType%20eq%20%22apps%22')).toBe(50);
    expect(await limitOf('GET', `/governance/api/v2/catalogs/default/entries/${sim.seed.catalogEntries[0]!.id}`)).toBe(50);
    expect(await limitOf('GET', '/governance/api/v2/requests')).toBe(30);
    expect(await limitOf('GET', '/governance/api/v1/teams')).toBe(30);
    expect(await limitOf('POST', '/governance/api/v1/request-types', {})).toBe(15);
    expect(await limitOf('GET', '/governance/api/v1/request-types')).toBe(50);
    // delegates and settings share a 5000 bucket (the simulator serves neither: a 404 still counts)
    expect(await limitOf('GET', '/governance/api/v1/settings')).toBe(5000);
    expect(rate((await call(sim, 'GET', '/governance/api/v1/delegates')).headers).remaining).toBe(4998);
  });

  it('shares one bucket between a list and its get-by-id, and keeps families apart', async () => {
    const a = rate((await call(sim, 'GET', '/governance/api/v1/request-types')).headers);
    const b = rate((await call(sim, 'GET', `/governance/api/v1/request-types/${sim.seed.requestTypes.active.id}`)).headers);
    expect(b.remaining).toBe(a.remaining - 1);
    expect(b.reset).toBe(a.reset);
    const other = rate((await call(sim, 'GET', '/governance/api/v1/requests')).headers);
    expect(other.remaining).toBe(other.limit - 1);
  });
});

describe('429 when a bucket is empty, with the time-scale knob', () => {
  it('refuses the 16th request-type create in a (scaled) minute with 429 E0000047, then refills', async () => {
    const sim = await startSimulator({ timeScale: 60 });
    try {
      const create = () => call(sim, 'POST', '/governance/api/v1/request-types', {});
      let last = await create();
      for (let i = 1; i < 15; i++) last = await create();
      expect(last.status).toBe(400);
      expect(rate(last.headers).remaining).toBe(0);
      const refused = await create();
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorLink: 'E0000047', errorCauses: [] });
      const r = rate(refused.headers);
      expect(r).toMatchObject({ limit: 15, remaining: 0 });
      // other families are not affected
      expect((await call(sim, 'GET', '/governance/api/v1/request-types')).status).toBe(200);
      // a client waits until Reset (the window is one second at time scale 60): the fake clock jumps there
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(r.reset * 1000 + 50);
      const again = await create();
      expect(again.status).toBe(400);
      expect(rate(again.headers).remaining).toBe(14);
    } finally {
      vi.useRealTimers();
      await sim.close();
    }
  });

  it('answers the concurrency form (Limit 0) when too many requests are in flight', async () => {
    const sim = await startSimulator({ concurrencyLimit: 2, faults: { slowMs: 150 } });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => call(sim, 'GET', '/governance/api/v1/labels')));
      const refused = answers.filter((a) => a.status === 429);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
      expect(refused).toHaveLength(4);
      for (const a of refused) expect(rate(a.headers)).toMatchObject({ limit: 0, remaining: 0 });
    } finally {
      await sim.close();
    }
  });
});

describe('fault switches', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { '*': 100_000 } });
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.close());
  const labels = () => call(sim, 'GET', '/governance/api/v1/labels');

  it('429 bursts of the rate form: the next N requests, then normal again', async () => {
    sim.faults.set({ rateLimit: 2 });
    const [a, b, c] = [await labels(), await labels(), await labels()];
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.body.errorCode).toBe('E0000047');
    expect(rate(a.headers)).toMatchObject({ limit: 100_000, remaining: 0 });
    expect(sim.faults.current().rateLimit).toBe(0);
  });

  it('429 bursts of the concurrency form', async () => {
    sim.faults.set({ concurrencyLimit: 1 });
    const refused = await labels();
    expect(refused.status).toBe(429);
    expect(rate(refused.headers)).toMatchObject({ limit: 0, remaining: 0 });
    expect((await labels()).status).toBe(200);
  });

  it('5xx with the Okta error body, any status', async () => {
    sim.faults.set({ serverError: 1 });
    const a = await labels();
    expect(a.status).toBe(500);
    expect(a.body.errorCode).toBe('E0000009');
    sim.faults.set({ serverError: 1, serverErrorStatus: 503 });
    expect((await labels()).status).toBe(503);
    expect((await labels()).status).toBe(200);
  });

  it('connection resets: the socket is destroyed before any response', async () => {
    sim.faults.set({ reset: 1 });
    await expect(labels()).rejects.toThrow();
    expect((await labels()).status).toBe(200);
  });

  it('resets after carrying a request out: the label exists though no answer came', async () => {
    sim.faults.set({ resetAfterHandling: 1 });
    await expect(call(sim, 'POST', '/governance/api/v1/labels', { name: 'Half-answered', values: [{ name: 'Half value' }] })).rejects.toThrow();
    expect([...sim.state.labels.values()].filter((l) => l.name === 'Half-answered')).toHaveLength(1);
    const again = await call(sim, 'POST', '/governance/api/v1/labels', { name: 'Half-answered', values: [{ name: 'Half value 2' }] });
    expect(again.body.errorCauses[0].errorSummary).toContain('already exists');
  });

  it('401 as if the token had expired', async () => {
    sim.faults.set({ unauthorized: 1 });
    expect((await labels()).status).toBe(401);
    expect((await labels()).status).toBe(200);
  });

  it('slow responses: a delayed path answers after an undelayed one sent later', async () => {
    sim.faults.set({ slowMs: 400, pathPrefix: '/governance/api/v1/labels' });
    const order: string[] = [];
    const slow = labels().then((a) => order.push(`labels ${a.status}`));
    await new Promise((r) => setTimeout(r, 20));
    const fast = call(sim, 'GET', '/governance/api/v1/teams').then((a) => order.push(`teams ${a.status}`));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['teams 200', 'labels 200']);
  });

  it('only paths under pathPrefix are affected', async () => {
    sim.faults.set({ serverError: 1, pathPrefix: '/governance/api/v1/teams' });
    expect((await labels()).status).toBe(200);
    expect((await call(sim, 'GET', '/governance/api/v1/teams')).status).toBe(500);
  });

  it('-admin link hosts in body links, Link headers and Location', async () => {
    sim.faults.set({ adminLinks: true });
    const admin = `http://localhost-admin:${new URL(sim.url).port}`;
    sim.addReviews(3);
    const page = await call(sim, 'GET', '/governance/api/v2/security-access-reviews?limit=1');
    expect(page.body._links.self.href.startsWith(`${admin}/governance/api/v2/security-access-reviews?`)).toBe(true);
    expect(page.body._links.next.href.startsWith(admin)).toBe(true);
    expect(page.body.data[0]._links.securityAccessReviewDetails.href.startsWith(admin)).toBe(true);
    expect(page.headers.get('link')).toContain(`<${admin}/`);
    const created = await call(sim, 'POST', '/governance/api/v1/labels', { name: 'Admin host', values: [{ name: 'Admin host value' }] });
    expect(created.headers.get('location')).toBe(`${admin}/governance/api/v1/labels/${created.body.labelId}`);
    // re-based onto the simulator, the next link works
    const next = new URL(page.body._links.next.href);
    expect((await call(sim, 'GET', `${next.pathname}${next.search}`)).status).toBe(200);
  });

  it('the teams links quirk: links, relative hrefs, next: {} on the last page', async () => {
    sim.faults.set({ teamsLinks: true });
    const first = await call(sim, 'GET', '/governance/api/v1/teams?limit=1');
    expect(first.body._links).toBeUndefined();
    expect(first.body.links.self).toEqual({ href: '/governance/api/v1/teams?limit=1' });
    expect(first.body.links.next.href).toMatch(/^\/governance\/api\/v1\/teams\?after=[0-9a-f]{24}&limit=1$/);
    expect(first.headers.get('content-type')).toBe('application/json;charset=utf-8');
    const last = await call(sim, 'GET', first.body.links.next.href);
    expect(last.body.links.next).toEqual({});
  });

  it('realism turns the quirks on by default; switches override it', async () => {
    const real = await startSimulator({ realism: true });
    try {
      const teams = await call(real, 'GET', '/governance/api/v1/teams');
      expect(teams.body.links.next).toEqual({});
      expect((await call(real, 'GET', '/governance/api/v1/labels')).body._links.self.href).toContain('localhost-admin');
      real.faults.set({ adminLinks: false, teamsLinks: false });
      expect((await call(real, 'GET', '/governance/api/v1/teams')).body._links.self.href).toBe(`${real.url}/governance/api/v1/teams`);
    } finally {
      await real.close();
    }
  });

  it('parses CLI fault switches and names the bad ones', () => {
    expect(parseFault('rateLimit=3')).toEqual({ rateLimit: 3 });
    expect(parseFault('adminLinks')).toEqual({ adminLinks: true });
    expect(parseFault('teamsLinks=false')).toEqual({ teamsLinks: false });
    expect(parseFault('pathPrefix=/governance/api/v1/teams')).toEqual({ pathPrefix: '/governance/api/v1/teams' });
    expect(() => parseFault('meteor=1')).toThrow(/unknown fault "meteor"/);
    expect(() => parseFault('slowMs=soon')).toThrow(/whole number/);
    expect(() => parseFault('adminLinks=maybe')).toThrow(/true or false/);
  });
});
