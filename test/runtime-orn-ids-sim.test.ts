import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCard } from '../src/runtime/index.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

/** App and group ids where ORNs go, end to end against the local simulator (its org id, its apps' names). */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ timeScale: 60, rateLimits: { '*': 100000 } });
});
afterAll(async () => {
  await sim?.close();
});

describe('label cards with app and group ids, on the simulator', () => {
  it('labels an app and a group given by id, and the org lists them under their ORNs', async () => {
    const connection = { orgUrl: sim.url, accessToken: sim.token };
    const orgId = (await runCard('getWellknownOrgMetadata', {}, connection)).outputs.id!;
    const app = (await runCard('listApplications', {}, connection)).outputs.items[0] as { id: string; name: string };
    const group = (await runCard('listGroups', {}, connection)).outputs.items[0] as { id: string };
    const label = (await runCard('listLabels', {}, connection)).outputs.items[0]!;
    const valueId = label.values![0]!.labelValueId!;

    await runCard('assignResourceLabels', { resourceOrns: [app.id, group.id], labelValueIds: [valueId] }, connection);

    const labelled = (await runCard('listLabelResources', { filter: `labelValueId eq "${valueId}"` }, connection)).outputs.items.map((r) => r.orn);
    expect(labelled).toEqual(expect.arrayContaining([`orn:okta:idp:${orgId}:apps:${app.name}:${app.id}`, `orn:okta:directory:${orgId}:groups:${group.id}`]));

    await runCard('removeResourceLabels', { resourceOrns: [group.id], labelValueIds: [valueId] }, connection);
    const after = (await runCard('listLabelResources', { filter: `labelValueId eq "${valueId}"` }, connection)).outputs.items.map((r) => r.orn);
    expect(after).not.toContain(`orn:okta:directory:${orgId}:groups:${group.id}`);
    expect(after).toContain(`orn:okta:idp:${orgId}:apps:${app.name}:${app.id}`);
  });
});
