import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { apiTokenConnection } from '../src/auth/index.ts';
import { OktaApiError, RateLimiter, TransportError, runCard, type RuntimeEvent } from '../src/runtime/index.ts';
import { useNock } from './support/nock.ts';


/** A socket-level failure as node reports it (an Error with a code). */
const networkError = (code: string, message: string) => Object.assign(new Error(message), { code });
const ORG = 'https://acme.okta.com';
const LABEL = '/governance/api/v1/labels/lbc18v2lemBedxq6l1d7';
const connection = apiTokenConnection({ orgUrl: ORG, apiToken: 'ssws-secret-0123456789' });
const getLabel = { labelId: 'lbc18v2lemBedxq6l1d7' };
const createLabel = { name: 'Sensitivity', labelValues: [{ name: 'High' }] };
const DATE = 'Wed, 11 Mar 2026 09:25:46 GMT';
const DATE_S = Date.parse(DATE) / 1000;

/** A clock that doesn't wait: sleeps are recorded and move time on. */
function fakeClock(start = Date.parse(DATE)) {
  let t = start;
  const waits: number[] = [];
  return { waits, now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)) };
}

const rateLimited = (resetIn: number, limit = '50') => ({ 'x-rate-limit-limit': limit, 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(DATE_S + resetIn), date: DATE });
const e0000047 = { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorLink: 'E0000047', errorId: 'oae1', errorCauses: [] };

async function failure<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

useNock();

describe('429', () => {
  it('waits X-Rate-Limit-Reset − Date + 1 s (plus jitter), then retries', async () => {
    const clock = fakeClock();
    nock(ORG).get(LABEL).reply(429, e0000047, rateLimited(10));
    let retryHeader: unknown;
    nock(ORG).get(LABEL).reply(function () {
      retryHeader = this.req.headers['x-okta-retry-count'];
      return [200, { labelId: 'lbc18v2lemBedxq6l1d7' }];
    });
    const result = await runCard('getLabel', getLabel, connection, { clock });
    expect(result.status).toBe(200);
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThanOrEqual(11_000);
    expect(clock.waits[0]).toBeLessThan(12_000);
    expect(retryHeader).toBe('1');
  });

  it('retries a create too: a 429 means Okta did not process it', async () => {
    const clock = fakeClock();
    let creates = 0;
    nock(ORG).post('/governance/api/v1/labels').times(2).reply(() => (++creates === 1 ? [429, e0000047, rateLimited(0)] : [201, { labelId: 'lbc1' }]));
    const result = await runCard('createLabel', createLabel, connection, { clock });
    expect(result.status).toBe(201);
    expect(creates).toBe(2);
    expect(clock.waits[0]).toBeGreaterThanOrEqual(1000);
  });

  it('backs off exponentially on the concurrency form (X-Rate-Limit-Limit: 0)', async () => {
    const clock = fakeClock();
    nock(ORG).get(LABEL).times(2).reply(429, e0000047, rateLimited(1, '0'));
    nock(ORG).get(LABEL).reply(200, {});
    const events: RuntimeEvent[] = [];
    await runCard('getLabel', getLabel, connection, { clock, onEvent: (e) => events.push(e) });
    expect(clock.waits[0]).toBeGreaterThanOrEqual(1000);
    expect(clock.waits[0]).toBeLessThan(1250);
    expect(clock.waits[1]).toBeGreaterThanOrEqual(2000);
    expect(clock.waits[1]).toBeLessThan(2500);
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason)).toEqual(['concurrency-limit', 'concurrency-limit']);
  });

  it('gives up after the retry bound with the 429 as an error', async () => {
    const clock = fakeClock();
    nock(ORG).get(LABEL).times(3).reply(429, e0000047, rateLimited(0));
    const error = await failure(runCard('getLabel', getLabel, connection, { clock, retry: { maxRetries: 2 } }), OktaApiError);
    expect(error).toMatchObject({ status: 429, errorCode: 'E0000047' });
    expect(error.hint).toMatch(/pace/);
    expect(clock.waits).toHaveLength(2);
    expect(nock.isDone()).toBe(true);
  });

  it('does not start a wait that would end past the time budget', async () => {
    const clock = fakeClock();
    nock(ORG).get(LABEL).reply(429, e0000047, rateLimited(100));
    await failure(runCard('getLabel', getLabel, connection, { clock, retry: { budgetMs: 60_000 } }), OktaApiError);
    expect(clock.waits).toEqual([]);
  });
});

describe('5xx and network failures', () => {
  it('retries a 5xx for an idempotent request', async () => {
    const clock = fakeClock();
    nock(ORG).get(LABEL).reply(503, 'busy');
    nock(ORG).get(LABEL).reply(500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error.', errorId: 'oae2' });
    nock(ORG).get(LABEL).reply(200, { labelId: 'lbc18v2lemBedxq6l1d7' });
    expect((await runCard('getLabel', getLabel, connection, { clock })).status).toBe(200);
    expect(clock.waits).toHaveLength(2);
  });

  it('never retries a 5xx of a create', async () => {
    const clock = fakeClock();
    nock(ORG).post('/governance/api/v1/labels').reply(500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error.', errorId: 'oae3' });
    nock(ORG).post('/governance/api/v1/labels').reply(201, {});
    const error = await failure(runCard('createLabel', createLabel, connection, { clock }), OktaApiError);
    expect(error).toMatchObject({ status: 500, errorCode: 'E0000009', errorId: 'oae3' });
    expect(nock.pendingMocks()).toHaveLength(1);
  });

  it('retries a POST the declaration marks idempotent (assigning labels twice changes nothing)', async () => {
    const clock = fakeClock();
    const body = { resourceOrns: ['orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:oidc:0oafxqCAJWWGELFTYASJ'], labelValueIds: ['lbl18v2len2Lk29141d7'] };
    nock(ORG).post('/governance/api/v1/resource-labels/assign').reply(502);
    nock(ORG).post('/governance/api/v1/resource-labels/assign').reply(200, { data: [] });
    expect((await runCard('assignResourceLabels', body, connection, { clock })).status).toBe(200);
  });

  it('retries a reset connection for an idempotent request', async () => {
    const clock = fakeClock();
    nock(ORG).get(LABEL).replyWithError(networkError('ECONNRESET', 'socket hang up'));
    nock(ORG).get(LABEL).reply(200, {});
    expect((await runCard('getLabel', getLabel, connection, { clock })).status).toBe(200);
  });

  it('does not re-send a create after a reset: it may have reached the server', async () => {
    const clock = fakeClock();
    nock(ORG).post('/governance/api/v1/labels').replyWithError(networkError('ECONNRESET', 'socket hang up'));
    nock(ORG).post('/governance/api/v1/labels').reply(201, {});
    const error = await failure(runCard('createLabel', createLabel, connection, { clock }), TransportError);
    expect(error.message).toMatch(/may have reached Okta, so it was not sent again/);
    expect(error.retried).toBe(false);
    expect(nock.pendingMocks()).toHaveLength(1);
  });

  it('does not re-send a create that timed out after it was sent', async () => {
    nock(ORG).post('/governance/api/v1/labels').delayBody(500).reply(201, {});
    nock(ORG).post('/governance/api/v1/labels').reply(201, {});
    const error = await failure(runCard('createLabel', createLabel, connection, { timeoutMs: 50 }), TransportError);
    expect(error.message).toMatch(/no answer within/);
    expect(nock.pendingMocks()).toHaveLength(1);
  });

  it('re-sends a create whose connection was refused (nothing reached the server)', async () => {
    const clock = fakeClock();
    nock(ORG).post('/governance/api/v1/labels').replyWithError(networkError('ECONNREFUSED', 'connect ECONNREFUSED'));
    nock(ORG).post('/governance/api/v1/labels').reply(201, { labelId: 'lbc1' });
    expect((await runCard('createLabel', createLabel, connection, { clock })).status).toBe(201);
  });

  it('never retries 4xx answers', async () => {
    nock(ORG).get(LABEL).reply(404, { errorCode: 'E0000007', errorSummary: 'Resource not found exception.', errorId: 'oae4' });
    nock(ORG).get(LABEL).reply(200, {});
    await failure(runCard('getLabel', getLabel, connection), OktaApiError);
    expect(nock.pendingMocks()).toHaveLength(1);
  });
});

describe('rate limit visibility and pacing', () => {
  it('exposes Limit/Remaining/Reset of the answer', async () => {
    nock(ORG).get(LABEL).reply(200, {}, { 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '31', 'x-rate-limit-reset': '1773221206' });
    expect((await runCard('getLabel', getLabel, connection)).rateLimit).toEqual({ limit: 50, remaining: 31, reset: 1773221206 });
  });

  it('paces to the bucket: waits for the window instead of hitting a 429', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter();
    const events: RuntimeEvent[] = [];
    nock(ORG).get(LABEL).reply(200, {}, { 'x-rate-limit-limit': '2', 'x-rate-limit-remaining': '1', 'x-rate-limit-reset': String(DATE_S + 30), date: DATE });
    nock(ORG).get(LABEL).reply(200, {}, { 'x-rate-limit-limit': '2', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(DATE_S + 30), date: DATE });
    nock(ORG).get(LABEL).reply(200, {}, { 'x-rate-limit-limit': '2', 'x-rate-limit-remaining': '1', 'x-rate-limit-reset': String(DATE_S + 91), date: DATE });
    const options = { clock, pace: limiter, onEvent: (e: RuntimeEvent) => events.push(e) };
    await runCard('getLabel', getLabel, connection, options);
    await runCard('getLabel', getLabel, connection, options);
    expect(clock.waits).toEqual([]);
    await runCard('getLabel', getLabel, connection, options);
    // The third request waited for the window to reset (Reset on the server's clock, read from Date, + 50 ms) rather than being refused.
    expect(clock.waits).toEqual([30_050]);
    expect(events.find((e) => e.type === 'pace')).toMatchObject({ bucket: '/governance/api/v1/labels', waitMs: 30_050 });
    expect(nock.isDone()).toBe(true);
  });
});
