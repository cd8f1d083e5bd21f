/**
 * The simulator's wire over real HTTP: list envelopes and Link headers, cursors, limit bounds,
 * filter and orderBy parsing, both error shapes, bad input that must never crash it, and state that
 * stays consistent under 50 concurrent requests.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matches, parseFilter, parseOrderBy, readPath } from '../src/simulator/filter.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function call(sim: Simulator, method: string, path: string, body?: unknown, raw?: string): Promise<Answer> {
  const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sim.token}`, ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** The raw header lines of a response (fetch joins repeated headers with commas). */
function rawHeaderLines(url: string, token: string): Promise<[string, string][]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      const pairs: [string, string][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
      res.on('end', () => resolve(pairs));
    });
    req.on('error', reject);
    req.end();
  });
}

const SAR = '/governance/api/v2/security-access-reviews';
const q = (s: string) => encodeURIComponent(s);

describe('simulator wire: envelopes, Link headers and cursors', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { '*': 100_000 }, activationDelayMs: 0 });
    sim.addReviews(5, { name: 'Quarterly review' });
  });
  afterAll(() => sim.close());

  it('answers a page as {data, _links} with self and next, and each Link on its own header line', async () => {
    const page = await call(sim, 'GET', `${SAR}?limit=2`);
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(2);
    expect(page.body._links.self.href).toBe(`${sim.url}${SAR}?limit=2&orderBy=created%20asc`);
    const next = new URL(page.body._links.next.href);
    expect(next.searchParams.get('after')).toBe(page.body.data[1].id);
    expect(next.searchParams.get('limit')).toBe('2');

    const lines = (await rawHeaderLines(`${sim.url}${SAR}?limit=2`, sim.token)).filter(([k]) => k.toLowerCase() === 'link');
    expect(lines.map(([, v]) => v)).toEqual([
      `<${page.body._links.self.href}>; rel="self"`,
      `<${page.body._links.next.href}>; rel="next"`,
    ]);
  });

  it('follows next to the last page, which has only self, and sees every item once in created order', async () => {
    const seen: string[] = [];
    let path: string | undefined = `${SAR}?limit=2`;
    let pages = 0;
    while (path) {
      const page = await call(sim, 'GET', path);
      pages++;
      seen.push(...page.body.data.map((r: { id: string }) => r.id));
      const next: string | undefined = page.body._links.next?.href;
      if (!next) {
        expect(Object.keys(page.body._links)).toEqual(['self']);
        expect(page.headers.get('link')).not.toContain('rel="next"');
      }
      path = next ? next.slice(sim.url.length) : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...sim.state.reviews.keys()]);
  });

  it('answers an empty list as data [] with a self link', async () => {
    const page = await call(sim, 'GET', `/governance/api/v1/requests`);
    expect(page.body).toEqual({ data: [], _links: { self: { href: `${sim.url}/governance/api/v1/requests`, hints: {} } } });
  });

  it('rejects limits out of bounds and bad cursors with 400 E0000029', async () => {
    for (const [path, reason, location] of [
      [`${SAR}?limit=0`, 'INVALID_NUMBER_UNDER_MIN', 'limit'],
      [`${SAR}?limit=201`, 'INVALID_NUMBER_OVER_MAX', 'limit'],
      [`${SAR}?limit=ten`, 'INVALID_DATA_TYPE', 'limit'],
      [`${SAR}?after=`, 'EMPTY_PARAMETER', 'after'],
      [`${SAR}?after=sarNotAReviewOfThis1`, 'IDENTIFIER_NOT_FOUND', 'after'],
      [`/governance/api/v2/requests?after=short`, 'STRING_FORMAT_INVALID', 'after'],
      // the access-request backend's causes carry a location but no reason
      ['/governance/api/v1/requests?after=abc', undefined, 'after'],
      ['/governance/api/v1/request-types?after=zzzzzzzzzzzzzzzzzzzzzzzz', undefined, 'after'],
    ] as const) {
      const res = await call(sim, 'GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.errorCode, path).toBe('E0000029');
      expect(res.body.errorSummary).toBe('Invalid paging request.');
      expect(res.body.errorCauses[0].reason, path).toBe(reason);
      expect(res.body.errorCauses[0].location, path).toBe(location);
    }
  });

  it('sorts by orderBy and refuses an unknown sort key on /orderBy', async () => {
    const desc = await call(sim, 'GET', `${SAR}?orderBy=${q('name desc')}&limit=5`);
    const names = desc.body.data.map((r: { name: string }) => r.name);
    expect(names).toEqual([...names].sort().reverse());
    expect(desc.body._links.self.href).toContain(`orderBy=${q('name desc')}`);
    const bad = await call(sim, 'GET', `${SAR}?orderBy=${q('colour asc')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000029');
    expect(bad.body.errorCauses[0]).toMatchObject({ reason: 'STRING_FORMAT_INVALID', location: 'orderBy' });
  });

  it('filters lists with the SCIM grammar, +-encoded spaces included, and refuses bad filters with E0000053', async () => {
    const byName = await call(sim, 'GET', `${SAR}?filter=${q('name co "review 3"')}`);
    expect(byName.body.data.map((r: { name: string }) => r.name)).toEqual(['Quarterly review 3']);
    const plus = await call(sim, 'GET', `${SAR}?filter=name+eq+%22quarterly+review+4%22`);
    expect(plus.body.data).toHaveLength(1);
    const reviewer = sim.seed.users.security[0]!;
    const byReviewer = await call(sim, 'GET', `${SAR}?filter=${q(`reviewer.name eq "${reviewer.firstName} ${reviewer.lastName}" AND (status eq "ACTIVE" OR status eq "PENDING")`)}`);
    // The five added here, and the seeded review the security team takes part in.
    expect(byReviewer.body.data).toHaveLength(6);
    for (const filter of ['name eq', 'name eq "x" AND', '(name eq "x"', 'colour eq "red"', 'created co "2025"', 'name ~ "x"']) {
      const res = await call(sim, 'GET', `${SAR}?filter=${q(filter)}`);
      expect(res.status, filter).toBe(400);
      expect(res.body.errorCode, filter).toBe('E0000053');
      expect(res.body.errorCauses[0].location).toBe('filter');
    }
  });

  it('requires the filter where the spec does (E0000028) and accepts not(…), parentheses and lowercase or', async () => {
    const missing = await call(sim, 'GET', '/governance/api/v1/resource-labels');
    expect(missing.status).toBe(400);
    expect(missing.body.errorCode).toBe('E0000028');
    const { crownJewel, privileged } = sim.seed.labels;
    const both = await call(sim, 'GET', `/governance/api/v1/resource-labels?filter=${q(`labelValueId eq "${crownJewel.labelValueId}" or labelValueId eq "${privileged.labelValueId}"`)}`);
    expect(both.body.data).toHaveLength(2);
    const salesforce = sim.seed.apps.find((a) => a.key === 'salesforce')!;
    const notSalesforce = await call(sim, 'GET', `/governance/api/v1/resource-labels?filter=${q(`(resourceType eq "apps") AND not(orn eq "${salesforce.orn}")`)}`);
    expect(notSalesforce.body.data.map((r: { orn: string }) => r.orn)).toEqual([sim.seed.apps.find((a) => a.key === 'aws')!.orn]);
    const top = await call(sim, 'GET', `/governance/api/v2/catalogs/default/entries?filter=${q('not(parent pr)')}`);
    expect(top.body.data.every((e: { parent?: string }) => e.parent === undefined)).toBe(true);
    const labels = await call(sim, 'GET', `/governance/api/v1/labels?filter=${q('values.name sw "crown"')}`);
    expect(labels.body.data.map((l: { name: string }) => l.name)).toEqual(['Crown Jewel']);
  });
});

describe('simulator filter grammar', () => {
  const item = { name: 'Payroll', status: 'ACTIVE', created: '2025-06-01T00:00:00Z', kind: 'ONE_OFF', values: [{ name: 'High' }, { name: 'Low' }], parent: undefined };
  const test = (filter: string) => matches(parseFilter(filter), item, readPath);

  it('gives AND precedence over OR and honours parentheses and not(…)', () => {
    expect(test('name eq "x" OR name eq "payroll" AND status eq "ACTIVE"')).toBe(true);
    expect(test('(name eq "x" OR name eq "payroll") AND status eq "CLOSED"')).toBe(false);
    expect(test('not(name eq "x") and status eq "active"')).toBe(true);
    expect(test('not(parent pr)')).toBe(true);
    expect(test('values.name co "ig"')).toBe(true);
    expect(test('kind eq ONE_OFF')).toBe(true);
    expect(test('created gt "2025-05-31T23:59:59Z" AND created lt 2025-06-02T00:00:00Z')).toBe(true);
  });

  it('reads quoted values with escaped quotes', () => {
    expect(matches(parseFilter('name eq "say \\"hi\\""'), { name: 'say "hi"' }, readPath)).toBe(true);
  });

  it('parses orderBy with an optional direction', () => {
    expect(parseOrderBy('created', ['created'])).toEqual({ key: 'created', direction: 'asc' });
    expect(parseOrderBy('created DESC', ['created'])).toEqual({ key: 'created', direction: 'desc' });
    expect(() => parseOrderBy('created sideways', ['created'])).toThrow();
  });
});

describe('simulator errors: both shapes, bad input, unknown ids', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { '*': 100_000 } });
  });
  afterAll(() => sim.close());

  it('answers unknown ids with 404 E0000007 in the core shape', async () => {
    for (const path of [
      `${SAR}/sar00000000000000000`,
      `${SAR}/sar00000000000000000/accesses`,
      '/governance/api/v1/labels/lbc00000000000000000',
      '/governance/api/v1/requests/0123456789abcdef01234567',
      '/governance/api/v1/request-types/0123456789abcdef01234567',
      '/governance/api/v2/requests/req00000000000000000',
      '/governance/api/v2/catalogs/default/entries/cen00000000000000000',
      '/api/v1/users/nobody@example.com',
      '/governance/api/v1/no-such-collection',
    ]) {
      const res = await call(sim, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.errorCode, path).toBe('E0000007');
      expect(Object.keys(res.body).sort()).toEqual(['errorCauses', 'errorCode', 'errorId', 'errorLink', 'errorSummary']);
    }
  });

  it('does not resolve .. in a path: /labels/../teams is an unknown label path, not the teams list', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(sim.url);
      // options, not a URL string: a URL would be normalised before it is sent
      const req = httpRequest({ hostname, port, path: '/governance/api/v1/labels/../teams', headers: { Authorization: `Bearer ${sim.token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });

  it('uses the core shape (oae… errorId) and the access-request shape (32-hex errorId, located causes)', async () => {
    const core = await call(sim, 'POST', '/governance/api/v1/labels', { name: 5, values: 'none' });
    expect(core.status).toBe(400);
    expect(core.body.errorCode).toBe('E0000001');
    expect(core.body.errorLink).toBe('E0000001');
    expect(core.body.errorId).toMatch(/^oae[\w-]{22}$/);
    expect(core.body.errorCauses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ location: '/name', reason: 'INVALID_DATA_TYPE' }),
        expect.objectContaining({ location: '/values', reason: 'INVALID_DATA_TYPE' }),
      ]),
    );
    const ar = await call(sim, 'POST', '/governance/api/v1/request-types', {
      ownerId: sim.seed.team.id,
      resourceSettings: { type: 'GROUPS', targetResources: [{ resourceId: '00g00000000000000000' }] },
      approvalSettings: { type: 'NONE' },
    });
    expect(ar.status).toBe(400);
    expect(ar.body).toEqual({
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: resourceSettings/targetResources/0/resourceId format is invalid',
      errorLink: 'E0000001',
      errorCauses: [{ domain: 'governance', errorSummary: 'format is invalid', locationType: 'body', location: '/resourceSettings/targetResources/0/resourceId' }],
      errorId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('answers malformed JSON with E0000003, a missing body with E0000001, a wrong method with 405', async () => {
    const malformed = await call(sim, 'POST', '/governance/api/v1/labels', undefined, '{"name": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errorCode).toBe('E0000003');
    const empty = await call(sim, 'POST', '/governance/api/v1/labels');
    expect(empty.status).toBe(400);
    expect(empty.body.errorCode).toBe('E0000001');
    const arrayInsteadOfObject = await call(sim, 'POST', SAR, [1, 2]);
    expect(arrayInsteadOfObject.body.errorCauses[0]).toMatchObject({ location: '/', reason: 'INVALID_DATA_TYPE' });
    const put = await call(sim, 'PUT', '/governance/api/v1/labels', {});
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });

  it('never crashes on arbitrary bodies, paths and queries, and keeps answering', async () => {
    const targets = [
      ['POST', SAR],
      ['PATCH', `${SAR}/sar00000000000000000`],
      ['POST', '/governance/api/v1/requests'],
      ['POST', '/governance/api/v2/requests'],
      ['POST', '/governance/api/v1/request-types'],
      ['POST', '/governance/api/v1/labels'],
      ['PATCH', `/governance/api/v1/labels/${sim.seed.labels.crownJewel.labelId}`],
      ['POST', '/governance/api/v1/resource-labels/assign'],
      ['POST', '/governance/api/v1/resource-labels/unassign'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(fc.jsonValue(), fc.string()), async ([method, path], body) => {
        const raw = typeof body === 'string' ? body : JSON.stringify(body);
        const res = await call(sim, method, path, undefined, raw);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.errorCode).toBe('string');
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (segment, query) => {
        const res = await fetch(`${sim.url}/governance/api/v2/security-access-reviews/${encodeURIComponent(segment)}?filter=${encodeURIComponent(query)}&limit=${encodeURIComponent(query)}`, {
          headers: { Authorization: `Bearer ${sim.token}` },
        });
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 100 },
    );
    const rawPath = await fetch(`${sim.url}/governance/api/v1/labels/%E0%A4%A`, { headers: { Authorization: `Bearer ${sim.token}` } });
    expect(rawPath.status).toBe(404);
    expect((await call(sim, 'GET', '/governance/api/v1/labels')).status).toBe(200);
    // The mutable labels remain the two predefined ones: no bad request changed anything.
    expect([...sim.state.labels.values()].map((l) => l.name)).toEqual(['Crown Jewel', 'Privileged']);
  });
});

describe('simulator under 50 concurrent requests', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { '*': 100_000 } });
  });
  afterAll(() => sim.close());

  it('creates exactly 10 custom labels out of 50 concurrent attempts, with unique ids', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(sim, 'POST', '/governance/api/v1/labels', { name: `Tier ${i}`, values: [{ name: `Tier ${i} value` }] })),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(10);
    expect(answers.filter((a) => a.status === 400).every((a) => a.body.errorCauses[0].errorSummary.includes('10 custom labels'))).toBe(true);
    const list = await call(sim, 'GET', '/governance/api/v1/labels');
    expect(list.body.data).toHaveLength(12);
    expect(new Set(list.body.data.map((l: { labelId: string }) => l.labelId)).size).toBe(12);
  });

  it('files 50 concurrent access requests with distinct ids and permalinks, all listed once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(sim, 'POST', '/governance/api/v1/requests', { requestTypeId: sim.seed.requestTypes.active.id, subject: `Need GitHub #${i}` })),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(50);
    expect(new Set(answers.map((a) => a.body.permalinkId)).size).toBe(50);
    const ids: string[] = [];
    let path: string | undefined = '/governance/api/v1/requests?limit=7';
    while (path) {
      const page = await call(sim, 'GET', path);
      ids.push(...page.body.data.map((r: { id: string }) => r.id));
      path = page.body._links.next?.href.slice(sim.url.length);
    }
    expect(ids.sort()).toEqual(answers.map((a) => a.body.id).sort());
  });

  it('keeps assignments consistent when 50 assign and unassign calls race', async () => {
    const apps = sim.seed.apps.map((a) => a.orn);
    const value = sim.seed.labels.privileged.labelValueId;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(sim, 'POST', `/governance/api/v1/resource-labels/${i % 2 ? 'unassign' : 'assign'}`, { resourceOrns: [apps[i % apps.length]], labelValueIds: [value] }),
      ),
    );
    for (const [orn, values] of sim.state.resourceLabels) {
      expect(new Set(values).size, orn).toBe(values.length);
      expect(values.length).toBeGreaterThan(0);
    }
  });
});

describe('simulator users', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('finds a user by login or email (any case) and answers a bare array', async () => {
    const { target } = sim.seed.users;
    const byLogin = await call(sim, 'GET', `/api/v1/users?search=${q(`profile.login eq "${target.login.toUpperCase()}"`)}`);
    expect(byLogin.status).toBe(200);
    expect(byLogin.body.map((u: { id: string }) => u.id)).toEqual([target.id]);
    expect(byLogin.body[0].profile).toMatchObject({ login: target.login, email: target.email, firstName: target.firstName });
    const byEmail = await call(sim, 'GET', `/api/v1/users?search=${q(`profile.email eq "${target.email}"`)}`);
    expect(byEmail.body).toHaveLength(1);
    const nobody = await call(sim, 'GET', `/api/v1/users?search=${q('profile.login eq "nobody@example.com"')}`);
    expect(nobody.body).toEqual([]);
    const bad = await call(sim, 'GET', `/api/v1/users?search=${q('profile.login eq')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000031');
  });

  it('pages users through Link headers', async () => {
    const ids: string[] = [];
    let url: string | undefined = `${sim.url}/api/v1/users?limit=10`;
    while (url) {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${sim.token}` } });
      ids.push(...((await res.json()) as { id: string }[]).map((u) => u.id));
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    }
    expect(ids).toEqual(sim.seed.users.all.map((u) => u.id));
  });

  it('reads an app (its technical name and ORN) and a group', async () => {
    const github = sim.seed.apps.find((a) => a.key === 'github')!;
    const app = await call(sim, 'GET', `/api/v1/apps/${github.id}`);
    expect(app.body).toMatchObject({ id: github.id, name: 'github', label: 'GitHub Enterprise', orn: github.orn, status: 'ACTIVE' });
    const group = sim.seed.groups[0]!;
    expect((await call(sim, 'GET', `/api/v1/groups/${group.id}`)).body).toMatchObject({ id: group.id, orn: group.orn, profile: { name: group.name } });
    expect((await call(sim, 'GET', '/api/v1/apps/0oa00000000000000000')).status).toBe(404);
  });

  it('gets one user by id, login or me', async () => {
    const { target, admin } = sim.seed.users;
    expect((await call(sim, 'GET', `/api/v1/users/${target.id}`)).body.id).toBe(target.id);
    expect((await call(sim, 'GET', `/api/v1/users/${encodeURIComponent(target.login)}`)).body.id).toBe(target.id);
    expect((await call(sim, 'GET', '/api/v1/users/me')).body.id).toBe(admin.id);
  });
});
