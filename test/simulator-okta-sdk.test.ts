/**
 * Okta's own Node SDK (an SSWS client) against the simulator, with the API token `oig sim` prints:
 * its typed user API pages the users list, and its generic HTTP client reads and writes the
 * governance API (the SDK has no OIG APIs of its own), as the README shows.
 */
import okta from '@okta/okta-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { '*': 100_000 } });
});
afterAll(async () => sim.close());

describe('the Okta Node SDK against the simulator', () => {
  it('authenticates with the SSWS API token and pages users through its user API', async () => {
    const client = new okta.Client({ orgUrl: sim.url, token: sim.apiToken });
    const logins: string[] = [];
    const users = await client.userApi.listUsers({ limit: 10 });
    await users.each((u) => {
      logins.push(u.profile!.login!);
    });
    expect(logins).toHaveLength(sim.seed.users.all.length);
    expect(logins).toContain(sim.seed.users.target.login);
    const one = await client.userApi.getUser({ userId: sim.seed.users.target.id });
    expect(one.profile?.email).toBe(sim.seed.users.target.email);
  });

  it('reads and writes the governance API through its HTTP client', async () => {
    const client = new okta.Client({ orgUrl: sim.url, token: sim.apiToken });
    const campaigns = (await client.http.getJson(`${sim.url}/governance/api/v1/campaigns`)) as { data: { status: string }[] };
    expect(campaigns.data.length).toBeGreaterThan(0);
    const request = { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Tier', values: [{ name: 'Gold' }] }) };
    // The SDK's RequestOptions extends fetch's RequestInit, which its bundled typings don't resolve here.
    const res = await client.http.post(`${sim.url}/governance/api/v1/labels`, request as never);
    expect(res.status).toBe(201);
    const label = (await res.json()) as { labelId: string };
    expect(label.labelId).toMatch(/^lbc/);
  });

  it('is refused with the Bearer token, which is not an API token', async () => {
    const client = new okta.Client({ orgUrl: sim.url, token: sim.token });
    await expect(client.http.getJson(`${sim.url}/governance/api/v1/labels`)).rejects.toMatchObject({ status: 401 });
  });
});
