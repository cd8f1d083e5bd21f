/**
 * "Label resources", run both ways on the same inputs: the Workflows template exactly as shipped
 * (connector/templates/label-resources/…), card by card in the interpreter against one simulator, and
 * the code template against a twin (same seed). Both must resolve names, ids and ORNs alike, leave the
 * same audit record (but for when and who) and the same labels on the same resources, and stop with
 * the same words when a resource can't be found.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FlowInputError } from '../src/flows/context.ts';
import { labelResources, type LabelResourcesInput } from '../src/flows/label-resources.ts';
import { flowContext } from '../src/flows/runner.ts';
import { labelResourcesMission as mission, say } from '../src/missions/index.ts';
import type { Simulator } from '../src/simulator/index.ts';
import { templateExport } from './support/exports.ts';
import { FlowError, Interpreter } from './support/flow-interpreter.ts';
import { auditEssence, useTwinSimulators } from './support/twins.ts';

type Json = Record<string, any>;

const pack = templateExport('label-resources');
const FORM = mission.title;
const TABLE = `OIG audit · ${mission.title}`;
const twins = useTwinSimulators();

const interpreter = (baseUrl = twins.sim.url) => new Interpreter(pack, { baseUrl, token: twins.sim.token }, () => new Date('2026-12-01T10:00:00.000Z'));
const calls = (i: Interpreter) => i.calls.map((c) => `${c.method} ${c.url.split('?')[0]}`);
const query = (i: Interpreter, n: number, name: string) => new URL(i.calls[n]!.url, twins.sim.url).searchParams.get(name);
const code = (input: LabelResourcesInput) => labelResources(flowContext({ orgUrl: twins.twin.url, accessToken: twins.twin.token }), input);

/** The audit record keyed like the mission's columns, without the ones that differ by design. */
const essence = (record: Json) => auditEssence(mission, record);

/** What the org holds: each custom label's values (name, colour) and the value names on each resource. */
function labelling(s: Simulator) {
  const valueName = new Map<string, string>();
  const labels = [...s.state.labels.values()].map((l) => {
    for (const v of l.values) valueName.set(v.labelValueId, `${l.name}: ${v.name}`);
    return { name: l.name, values: l.values.map((v) => ({ name: v.name, color: v.color ?? null })) };
  });
  const resources = Object.fromEntries([...s.state.resourceLabels.entries()].map(([orn, ids]) => [orn, ids.map((id) => valueName.get(id)).sort()]));
  return { labels, resources };
}

async function runForm(run: Interpreter, form: Json) {
  return run.run(FORM, { 'okta-user-id': twins.sim.seed.users.admin.id, ...form });
}

/** The same input, typed into the form (text) and given to the code template. */
const both = (form: { label: string; values: string; color?: string; resources: string }) => form as LabelResourcesInput;

describe('Label resources (form) and the code template', () => {
  it('resolves app labels, group names, ids and ORNs; creates the label with its values; records the run — as the code template does', async () => {
    const [salesforce, github, aws] = twins.sim.seed.apps;
    const [engineering, , sales] = twins.sim.seed.groups;
    // "Sales" is a group; the app "Salesforce" merely starts with it. "salesforce" is the app, case aside.
    const form = { label: 'Data sensitivity', values: 'High, Low', color: 'red', resources: ` salesforce, Sales,${github!.id}, ${engineering!.id}, ${aws!.orn}` };
    const run = interpreter();
    await runForm(run, form);

    const made = calls(run);
    expect(made.filter((c) => c === 'GET /.well-known/okta-organization')).toHaveLength(1);
    expect(made.filter((c) => c.startsWith('POST') || c.startsWith('PATCH'))).toEqual([
      'POST /governance/api/v1/labels',
      expect.stringMatching(/^PATCH \/governance\/api\/v1\/labels\/lbc/),
      'POST /governance/api/v1/resource-labels/assign',
    ]);
    expect(made).toContain(`GET /api/v1/apps/${github!.id}`);
    expect(made).toContain(`GET /api/v1/groups/${engineering!.id}`);
    const searched = run.calls.map((c, i) => (c.url.startsWith('/api/v1/apps?') || c.url.startsWith('/api/v1/groups?') ? `${c.url.split('?')[0]} q=${query(run, i, 'q')}` : null)).filter(Boolean);
    expect(searched).toEqual(['/api/v1/apps q=salesforce', '/api/v1/groups q=salesforce', '/api/v1/apps q=Sales', '/api/v1/groups q=Sales']);

    const orns = [salesforce!.orn, sales!.orn, github!.orn, engineering!.orn, aws!.orn];
    const assign = run.calls.find((c) => c.url === '/governance/api/v1/resource-labels/assign')!;
    expect(assign.status).toBe(200);
    expect((assign.body as Json).resourceOrns).toEqual(orns);
    const label = [...twins.sim.state.labels.values()].find((l) => l.name === 'Data sensitivity')!;
    expect(label.values.map((v) => [v.name, v.color])).toEqual([['High', 'red'], ['Low', 'red']]);
    for (const orn of orns) expect(twins.sim.state.resourceLabels.get(orn)).toEqual(expect.arrayContaining(label.values.map((v) => v.labelValueId)));

    const rows = run.tableRows(TABLE);
    expect(rows).toEqual([
      {
        When: '2026-12-01T10:00:00.000Z',
        Job: FORM,
        'Started by': twins.sim.seed.users.admin.id,
        Outcome: 'labelled',
        Label: 'Data sensitivity',
        'Label ID': label.labelId,
        Values: '["High","Low"]',
        'Label value IDs': JSON.stringify(label.values.map((v) => v.labelValueId)),
        'Resources (ORNs)': JSON.stringify(orns),
      },
    ]);

    const result = await code(both(form));
    expect(result.created).toBe(true);
    expect(essence(result.audit)).toEqual(essence(rows[0]!));
    expect(labelling(twins.twin)).toEqual(labelling(twins.sim));
  });

  it('reuses a label it finds on a later page (case aside), adds only the missing value, and leaves the others as they were', async () => {
    for (const s of [twins.sim, twins.twin]) {
      for (const n of [1, 2, 3, 4, 5]) {
        const id = (p: string, k: number) => `${p}${String(n * 10 + k).padStart(17, '0')}`;
        s.state.labels.set(id('lbc', 0), { labelId: id('lbc', 0), name: `Filler ${n}`, predefined: false, values: [{ labelValueId: id('lbl', 1), name: `Filler value ${n}` }], created: '2026-01-01T00:00:00.000Z' });
      }
      s.state.labels.set('lbc00000000000000099', {
        labelId: 'lbc00000000000000099',
        name: 'Data sensitivity',
        predefined: false,
        values: [{ labelValueId: 'lbl00000000000000098', name: 'High', color: 'red' }],
        created: '2026-01-01T00:00:00.000Z',
      });
    }
    // Okta answers the labels list in one page today; a proxy cuts it into pages of 2, to show the
    // template follows next links rather than trusting the first page.
    const paging = await pagingLabels(twins.sim.url, 2);
    try {
      const group = twins.sim.seed.groups[3]!;
      const form = { label: 'DATA SENSITIVITY', values: 'high, Medium', resources: group.name };
      const run = interpreter(paging.url);
      await runForm(run, form);
      expect(calls(run).filter((c) => c === 'GET /governance/api/v1/labels').length).toBeGreaterThanOrEqual(4);
      expect(calls(run)).not.toContain('POST /governance/api/v1/labels');
      const patch = run.calls.find((c) => c.method === 'PATCH')!;
      expect(patch.url).toBe('/governance/api/v1/labels/lbc00000000000000099');
      expect(patch.body).toEqual([{ op: 'ADD', path: '/values/-', value: { name: 'Medium' }, refType: 'LABEL-VALUE' }]);
      const label = twins.sim.state.labels.get('lbc00000000000000099')!;
      expect(label.values.map((v) => v.name)).toEqual(['High', 'Medium']);
      expect(twins.sim.state.resourceLabels.get(group.orn)).toEqual(label.values.map((v) => v.labelValueId));
      expect(run.tableRows(TABLE)[0]).toMatchObject({ Label: 'Data sensitivity', 'Label ID': 'lbc00000000000000099', Values: '["High","Medium"]' });

      const result = await code(both(form));
      expect(result).toMatchObject({ created: false, valuesAdded: ['Medium'] });
      expect(essence(result.audit)).toEqual(essence(run.tableRows(TABLE)[0]!));
      expect(labelling(twins.twin)).toEqual(labelling(twins.sim));
    } finally {
      await paging.close();
    }
  });

  it('reads every page of apps when it looks for a name, and refuses a name that several apps and groups share', async () => {
    // 25 apps whose labels start with "Tool": the one named exactly "Tool" is on the second page (20 a page).
    for (const s of [twins.sim, twins.twin]) {
      for (let i = 0; i < 25; i++) {
        const id = `0oa${String(i).padStart(17, '0')}`;
        const label = i === 24 ? 'Tool' : `Tool ${String(i).padStart(2, '0')}`;
        s.state.apps.set(id, { id, name: `tool_${i}`, label, orn: `orn:okta:idp:${s.seed.orgId}:apps:tool_${i}:${id}`, severity: 'LOW', created: '2026-01-01T00:00:00.000Z' });
      }
    }
    const form = { label: 'Tier', values: 'Gold', resources: 'tool' };
    const run = interpreter();
    await runForm(run, form);
    expect(calls(run).filter((c) => c === 'GET /api/v1/apps')).toHaveLength(2);
    expect(twins.sim.state.resourceLabels.get(`orn:okta:idp:${twins.sim.seed.orgId}:apps:tool_24:0oa00000000000000024`)).toHaveLength(1);
    const result = await code(both(form));
    expect(essence(result.audit)).toEqual(essence(run.tableRows(TABLE)[0]!));
    expect(labelling(twins.twin)).toEqual(labelling(twins.sim));

    // A group with the same name makes "Tool" ambiguous: nothing is created or assigned.
    for (const s of [twins.sim, twins.twin]) {
      const id = '00g00000000000000077';
      s.state.groups.set(id, { id, name: 'TOOL', description: 'Tooling', orn: `orn:okta:directory:${s.seed.orgId}:groups:${id}`, appIds: [], created: '2026-01-01T00:00:00.000Z' });
    }
    const message = say(mission.messages.ambiguousResource, { name: 'Tool', count: 2 });
    const again = interpreter();
    await expect(runForm(again, { label: 'Tier 2', values: 'Gold', resources: 'Tool' })).rejects.toSatisfy((e: unknown) => e instanceof FlowError && e.message === message);
    expect(calls(again).filter((c) => !c.startsWith('GET'))).toEqual([]);
    await expect(code({ label: 'Tier 2', values: 'Gold', resources: 'Tool' })).rejects.toThrow(message);
  });

  it('names what it can\'t find, in the mission\'s words, and changes nothing', async () => {
    const unknown = say(mission.messages.unknownResource, { name: 'Payroll' });
    const run = interpreter();
    await expect(runForm(run, { label: 'Data sensitivity', values: 'High', resources: `${twins.sim.seed.apps[0]!.name}, Payroll` })).rejects.toSatisfy(
      (e: unknown) => e instanceof FlowError && e.message === unknown,
    );
    expect(calls(run).filter((c) => !c.startsWith('GET'))).toEqual([]);
    expect(run.tableRows(TABLE)).toEqual([]);
    const error = await code({ label: 'Data sensitivity', values: 'High', resources: `${twins.sim.seed.apps[0]!.name}, Payroll` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowInputError);
    expect((error as Error).message).toContain(unknown);
    expect(labelling(twins.twin)).toEqual(labelling(twins.sim));

    // An app id Okta doesn't have: Okta's own errorSummary, in the mission's sentence.
    const missing = '0oa99999999999999999';
    const byId = interpreter();
    await expect(runForm(byId, { label: 'Data sensitivity', values: 'High', resources: missing })).rejects.toThrow(
      new RegExp(`^Okta couldn't read the app ${missing} \\(HTTP 404\\): \\S.*\\. Check the id, or give the name\\.$`),
    );
    await expect(code({ label: 'Data sensitivity', values: 'High', resources: missing })).rejects.toThrow(`Okta couldn't read the app ${missing} (HTTP 404): `);
  });

  it('writes the oktapreview partition into the ORNs it makes for a preview org', async () => {
    const [app] = twins.sim.seed.apps;
    const [group] = twins.sim.seed.groups;
    const form = { label: 'Tier', values: 'Gold', resources: `${app!.id}, ${group!.name}` };
    const expected = [`orn:oktapreview:idp:${twins.sim.seed.orgId}:apps:${app!.key}:${app!.id}`, `orn:oktapreview:directory:${twins.sim.seed.orgId}:groups:${group!.id}`];
    // The org's well-known document names a preview host; the simulator (an okta-partition org) then refuses the ORNs.
    const preview = (target: string) =>
      proxy(target, (url, _after, body: Json) => (url.pathname === '/.well-known/okta-organization' ? { ...body, _links: { organization: { href: 'https://acme.oktapreview.com' } } } : undefined));
    const [forFlow, forCode] = await Promise.all([preview(twins.sim.url), preview(twins.twin.url)]);
    try {
      await expect(runForm(interpreter(forFlow.url), form)).rejects.toThrow(/^Okta didn't label the resources \(HTTP 400\): /);
      const assigned = (p: Proxy) => p.requests.find((r) => r.path === '/governance/api/v1/resource-labels/assign')!.body as Json;
      expect(assigned(forFlow).resourceOrns).toEqual(expected);
      await expect(labelResources(flowContext({ orgUrl: forCode.url, accessToken: twins.twin.token }), form)).rejects.toThrow(/assignResourceLabels: Okta answered 400/);
      expect(assigned(forCode).resourceOrns).toEqual(expected);
    } finally {
      await Promise.all([forFlow.close(), forCode.close()]);
    }
  });

  it('labels at most 10 resources at a time, saying so before any call', async () => {
    const resources = Array.from({ length: 11 }, (_, i) => `Group ${i}`).join(', ');
    const message = say(mission.messages.tooManyResources, { count: 11 });
    const run = interpreter();
    await expect(runForm(run, { label: 'Tier', values: 'Gold', resources })).rejects.toThrow(message);
    expect(run.calls).toEqual([]);
    await expect(code({ label: 'Tier', values: 'Gold', resources })).rejects.toThrow(message);
  });
});

interface Proxy {
  url: string;
  /** What went through it: method, path and JSON body. */
  requests: { method: string; path: string; body?: unknown }[];
  close: () => Promise<void>;
}

/**
 * An HTTP proxy to `target` whose `edit` may rewrite a successful JSON answer (given the request URL,
 * with `after` taken off before forwarding, and the proxy's own base URL), recording each request.
 */
async function proxy(target: string, edit: (url: URL, after: string | null, body: any, own: string) => unknown): Promise<Proxy> {
  const requests: Proxy['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, target);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const sent = chunks.length ? Buffer.concat(chunks) : undefined;
    requests.push({ method: req.method!, path: url.pathname, ...(sent ? { body: JSON.parse(sent.toString('utf8')) } : {}) });
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => ['authorization', 'accept', 'content-type'].includes(k))) as Record<string, string>;
    const after = url.searchParams.get('after');
    url.searchParams.delete('after');
    const answer = await fetch(url, { method: req.method, headers, ...(sent ? { body: sent } : {}) });
    const text = await answer.text();
    const edited = answer.ok && text ? edit(url, after, JSON.parse(text), own) : undefined;
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(edited === undefined ? text : JSON.stringify(edited));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: own, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Serves the labels list (one `{data}` page from Okta) `size` records a page, with `_links.next`. */
const pagingLabels = (target: string, size: number) =>
  proxy(target, (url, after, body: { data: Json[] }, own) => {
    if (url.pathname !== LABELS) return undefined;
    const start = after ? body.data.findIndex((r) => r.labelId === after) + 1 : 0;
    const data = body.data.slice(start, start + size);
    const more = start + size < body.data.length;
    return { data, _links: { self: { href: `${own}${LABELS}` }, ...(more ? { next: { href: `${own}${LABELS}?after=${data.at(-1)!.labelId}` } } : {}) } };
  });
const LABELS = '/governance/api/v1/labels';
