/**
 * "File an access request for a user", both forms as shipped (connector/templates/file-access-request),
 * executed card by card against the simulator — request type (v1) and catalog (v2) — and the code
 * template on the same inputs against a twin simulator (same seed): the same Okta calls, the same
 * request filed with the justification, the same audit record (but when and who started it), and the
 * same messages when something is refused.
 */
import { describe, expect, it } from 'vitest';
import { fileAccessRequest, sortFields } from '../src/flows/file-access-request.ts';
import { flowContext } from '../src/flows/runner.ts';
import { FILE_ACCESS_REQUEST_FORMS as FORMS, fileAccessRequestMission as mission, type FileAccessRequestInput } from '../src/missions/file-access-request.ts';
import { say } from '../src/missions/mission.ts';
import type { Simulator } from '../src/simulator/index.ts';
import type { CatalogEntryRecord, RequestTypeRecord } from '../src/simulator/state.ts';
import { templateExport } from './support/exports.ts';
import { FlowError, Interpreter } from './support/flow-interpreter.ts';
import { auditEssence, useTwinSimulators } from './support/twins.ts';

type Json = Record<string, any>;

const pack = templateExport('file-access-request');
const AUDIT_TABLE = `OIG audit · ${mission.title}`;
const NOW = '2026-12-01T10:00:00.000Z';
const { messages } = mission;

/** What the code template sent to the twin, as "METHOD /path" (the simulator's request log). */
let twinCalls: string[];
const twins = useTwinSimulators(() => {
  twinCalls = [];
  return { log: (line: string) => void (/^[A-Z]+ \//.test(line) && twinCalls.push(line.replace(/^(\S+ [^?\s]+).*$/, '$1'))) };
});

const interpreter = () => new Interpreter(pack, { baseUrl: twins.sim.url, token: twins.sim.token }, () => new Date(NOW));
const calls = (i: Interpreter) => i.calls.map((c) => `${c.method} ${c.url.split('?')[0]}`);
const code = () => flowContext({ orgUrl: twins.twin.url, accessToken: twins.twin.token });
const entry = (s: Simulator, key: string) => s.seed.catalogEntries.find((e) => e.key === key)!;
const messagesOf = (s: Simulator, requestId: string) => s.state.messages.filter((m) => m.requestId === requestId).map((m) => m.message);

/** The audit record without when, who started it and the request id (each simulator mints its own). */
const essence = (row: Json) => auditEssence(mission, row, ['requestId']);

/** Calls with the request id each simulator minted replaced by a placeholder (ids are compared against each side's state). */
const unminted = (list: string[]) => list.map((c) => c.replace(/\/requests\/[^/]+/, '/requests/{requestId}'));

/** Runs a form as the admin would (their id in the user context) and the code template on the same input. */
async function both(form: string, input: FileAccessRequestInput) {
  const run = interpreter();
  const admin = twins.sim.seed.users.admin.id;
  const workflows = await run.run(form, { 'okta-user-id': admin, ...input }).then(
    () => undefined,
    (error: unknown) => error,
  );
  const coded = await fileAccessRequest(code(), input).then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error }),
  );
  // The request ids left out of the compared audit records name requests each simulator really filed.
  const filedIn = (s: Simulator, id: unknown) => s.state.requests.has(String(id)) || s.state.requestsV2.has(String(id));
  for (const row of run.tableRows(AUDIT_TABLE)) expect(filedIn(twins.sim, row['Request ID']), `Workflows audit: ${String(row['Request ID'])}`).toBe(true);
  if (coded.result) expect(filedIn(twins.twin, coded.result.audit.requestId), `code audit: ${coded.result.audit.requestId}`).toBe(true);
  return { run, workflowsError: workflows, coded };
}

/** Both refuse with exactly the mission's message, file nothing and record nothing. */
async function expectRefusal(form: string, input: FileAccessRequestInput, message: string) {
  const before = { v1: twins.sim.state.requests.size, v2: twins.sim.state.requestsV2.size };
  const { run, workflowsError, coded } = await both(form, input);
  expect(workflowsError).toBeInstanceOf(FlowError);
  expect((workflowsError as FlowError).message).toBe(message);
  expect((coded.error as Error | undefined)?.message).toContain(message);
  expect(run.tableRows(AUDIT_TABLE)).toEqual([]);
  expect({ v1: twins.sim.state.requests.size, v2: twins.sim.state.requestsV2.size }).toEqual(before);
  expect({ v1: twins.twin.state.requests.size, v2: twins.twin.state.requestsV2.size }).toEqual(before);
  expect(calls(run).filter((c) => c.startsWith('POST'))).toEqual([]);
  expect(twinCalls.filter((c) => c.startsWith('POST'))).toEqual([]);
  return run;
}

describe('File an access request (request type) — v1', () => {
  const FORM = FORMS.requestType;

  it('files the request against an ACTIVE request type found by name, adds the justification, records the run — as the code template does', async () => {
    const requester = twins.sim.seed.users.requester;
    const type = twins.sim.seed.requestTypes.active;
    const input = { requester: requester.email, requestType: type.name, subject: 'GitHub for the Q3 launch', justification: 'Reviewing the launch pull requests.\nUntil the end of Q3.' };
    const { run, workflowsError, coded } = await both(FORM, input);
    expect(workflowsError).toBeUndefined();
    expect(coded.error).toBeUndefined();

    const filed = [...twins.sim.state.requests.values()].at(-1)!;
    expect(calls(run)).toEqual(['GET /api/v1/users', 'GET /governance/api/v1/request-types', 'POST /governance/api/v1/requests', `POST /governance/api/v1/requests/${filed.id}/messages`]);
    const [, , create, message] = run.calls;
    expect(create!.body).toEqual({ requestTypeId: type.id, subject: input.subject, requesterUserIds: [requester.id] });
    expect(create!.status).toBe(201);
    expect(message!.body).toEqual({ message: input.justification });
    expect(messagesOf(twins.sim, filed.id)).toEqual([input.justification]);

    const rows = run.tableRows(AUDIT_TABLE);
    expect(rows).toEqual([
      { When: NOW, Job: FORM, 'Started by': twins.sim.seed.users.admin.id, Outcome: 'filed', Requester: requester.login, 'Requested (type or entry)': type.name, 'Request ID': filed.id },
    ]);

    // The code template: the same calls, the same request and message, the same record.
    expect(unminted(twinCalls)).toEqual(unminted(calls(run)));
    const result = coded.result!;
    expect(result).toMatchObject({ version: 'v1', status: 'OPEN', justification: 'message', requested: { kind: 'requestType', id: type.id, name: type.name } });
    expect(essence(result.audit)).toEqual(essence(rows[0]!));
    expect(result.audit.startedBy).toBe('code');
    const twinFiled = twins.twin.state.requests.get(result.requestId)!;
    const shape = (r: typeof filed) => ({ subject: r.subject, requestTypeId: r.requestTypeId, requesterUserIds: r.requesterUserIds, requesterFieldValues: r.requesterFieldValues, status: r.requestStatus });
    expect(shape(twinFiled)).toEqual(shape(filed));
    expect(messagesOf(twins.twin, result.requestId)).toEqual(messagesOf(twins.sim, filed.id));
  });

  it('reads every page of request types to find the name, and takes a 24-hex id with one get', async () => {
    // 25 more types ahead of the one asked for: the name is on the second page (20 a page).
    for (const s of [twins.sim, twins.twin]) {
      const active = s.state.requestTypes.get(s.seed.requestTypes.active.id)!;
      for (let i = 0; i < 26; i++) {
        const record: RequestTypeRecord = { ...structuredClone(active), id: (0xabc000 + i).toString(16).padStart(24, '0'), name: i === 25 ? 'Late type' : `Filler ${i}` };
        s.state.requestTypes.set(record.id, record);
      }
    }
    const requester = twins.sim.seed.users.requester.login;
    const byName = await both(FORM, { requester, requestType: 'Late type', subject: 'Paged', justification: 'On page two' });
    expect(byName.workflowsError).toBeUndefined();
    expect(calls(byName.run)).toEqual(['GET /api/v1/users', 'GET /governance/api/v1/request-types', 'GET /governance/api/v1/request-types', 'POST /governance/api/v1/requests', expect.stringMatching(/\/messages$/)]);
    expect(new URL(byName.run.calls[2]!.url, twins.sim.url).searchParams.get('after')).toBeTruthy();
    expect((byName.run.calls[3]!.body as Json).requestTypeId).toBe((0xabc000 + 25).toString(16).padStart(24, '0'));
    expect(unminted(twinCalls)).toEqual(unminted(calls(byName.run)));
    expect(essence(byName.coded.result!.audit)).toEqual(essence(byName.run.tableRows(AUDIT_TABLE)[0]!));

    twinCalls.length = 0;
    const type = twins.sim.seed.requestTypes.active;
    const byId = await both(FORM, { requester, requestType: type.id, subject: 'By id', justification: 'Typed the id' });
    expect(byId.workflowsError).toBeUndefined();
    expect(calls(byId.run).slice(0, 3)).toEqual(['GET /api/v1/users', `GET /governance/api/v1/request-types/${type.id}`, 'POST /governance/api/v1/requests']);
    expect(unminted(twinCalls)).toEqual(unminted(calls(byId.run)));
    // The audit names the type, whichever way it was given.
    expect(byId.run.tableRows(AUDIT_TABLE)[0]!['Requested (type or entry)']).toBe(type.name);
    expect(essence(byId.coded.result!.audit)).toEqual(essence(byId.run.tableRows(AUDIT_TABLE)[0]!));
  });

  it('refuses an unknown request type — by name or by id — with the mission message', async () => {
    const requester = twins.sim.seed.users.requester.login;
    const name = 'github access'; // names match exactly, as Okta shows them
    await expectRefusal(FORM, { requester, requestType: name, subject: 's', justification: 'j' }, say(messages.unknownRequestType, { name }));
    const id = 'abcdefabcdefabcdefabcdef';
    const run = await expectRefusal(FORM, { requester, requestType: id, subject: 's', justification: 'j' }, say(messages.unknownRequestType, { name: id }));
    expect(calls(run)).toEqual(['GET /api/v1/users', `GET /governance/api/v1/request-types/${id}`]);
  });

  it('refuses a request type that is not ACTIVE, naming its status', async () => {
    const { draft, disabled } = twins.sim.seed.requestTypes;
    const requester = twins.sim.seed.users.requester.login;
    await expectRefusal(FORM, { requester, requestType: draft.name, subject: 's', justification: 'j' }, say(messages.inactiveRequestType, { name: draft.name, status: 'DRAFT' }));
    await expectRefusal(FORM, { requester, requestType: disabled.id, subject: 's', justification: 'j' }, say(messages.inactiveRequestType, { name: disabled.name, status: 'DISABLED' }));
  });

  it('names a requester nobody matches', async () => {
    const who = 'nobody@nowhere.example';
    await expectRefusal(FORM, { requester: who, requestType: twins.sim.seed.requestTypes.active.name, subject: 's', justification: 'j' }, say(messages.unknownUser, { who }));
  });

  it("passes Okta's refusal on with its errorSummary", async () => {
    // A subject over Okta's 250 characters (a form field has no length limit): Okta refuses the create.
    const run = interpreter();
    const requester = twins.sim.seed.users.requester;
    const type = twins.sim.seed.requestTypes.active;
    const subject = 'x'.repeat(250) + 'y'; // 251 characters: Okta's limit is 250
    const error = await run.run(FORM, { requester: requester.login, requestType: type.name, subject, justification: 'j' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).message).toMatch(/^Okta didn't file the request \(HTTP 400\): \S/);
    expect(run.tableRows(AUDIT_TABLE)).toEqual([]);
  });
});

describe('File an access request (catalog) — v2', () => {
  const FORM = FORMS.catalog;

  it('files the request for a top-level entry found by name; with no justification field, subject and justification go as a message — as the code template does', async () => {
    const requester = twins.sim.seed.users.requester;
    const slack = entry(twins.sim, 'slack');
    const input = { requester: requester.login, catalogEntry: slack.name, subject: 'Slack for the launch', justification: 'Joining the launch channels.' };
    const { run, workflowsError, coded } = await both(FORM, input);
    expect(workflowsError).toBeUndefined();
    expect(coded.error).toBeUndefined();

    const filed = [...twins.sim.state.requestsV2.values()].at(-1)!;
    expect(calls(run)).toEqual([
      'GET /api/v1/users',
      'GET /governance/api/v2/catalogs/default/entries',
      `GET /governance/api/v2/catalogs/default/entries/${slack.id}/users/${requester.id}/request-fields`,
      'POST /governance/api/v2/requests',
      `POST /governance/api/v2/requests/${filed.id}/messages`,
    ]);
    expect(new URL(run.calls[1]!.url, twins.sim.url).searchParams.get('filter')).toBe('not(parent pr)');
    expect(run.calls[3]!.body).toEqual({ requested: { type: 'CATALOG_ENTRY', entryId: slack.id }, requestedFor: { type: 'OKTA_USER', externalId: requester.id } });
    expect(run.calls[3]!.status).toBe(202);
    const text = say(messages.catalogJustification, input);
    expect(run.calls[4]!.body).toEqual({ message: text });
    expect(messagesOf(twins.sim, filed.id)).toEqual([text]);
    expect(filed.requestedFor.externalId).toBe(requester.id);

    const rows = run.tableRows(AUDIT_TABLE);
    expect(rows).toEqual([
      { When: NOW, Job: FORM, 'Started by': twins.sim.seed.users.admin.id, Outcome: 'filed', Requester: requester.login, 'Requested (type or entry)': slack.name, 'Request ID': filed.id },
    ]);

    expect(unminted(twinCalls)).toEqual(unminted(calls(run)));
    const result = coded.result!;
    expect(result).toMatchObject({ version: 'v2', status: 'SUBMITTED', justification: 'message', requested: { kind: 'catalogEntry', id: slack.id, name: slack.name } });
    expect(essence(result.audit)).toEqual(essence(rows[0]!));
    const twinFiled = twins.twin.state.requestsV2.get(result.requestId)!;
    // What Okta will decide (status moves SUBMITTED → PENDING on the simulator's clock, run by run).
    const shape = (r: typeof filed) => ({ requested: r.requested, requestedFor: r.requestedFor, requesterFieldValues: r.requesterFieldValues, outcome: r.outcome });
    expect(shape(twinFiled)).toEqual(shape(filed));
    expect(messagesOf(twins.twin, result.requestId)).toEqual([text]);
  });

  it('writes subject and justification into the entry\'s justification field (an entry under an app, by id), and adds no message', async () => {
    const requester = twins.sim.seed.users.requester;
    const readOnly = entry(twins.sim, 'aws-readonly');
    const fieldId = readOnly.requiredFieldIds[0]!;
    const input = { requester: requester.id, catalogEntry: readOnly.id, subject: 'Read the billing dashboards', justification: 'Cost review for Q3.' };
    const { run, workflowsError, coded } = await both(FORM, input);
    expect(workflowsError).toBeUndefined();
    expect(coded.error).toBeUndefined();
    expect(calls(run)).toEqual([
      'GET /api/v1/users',
      `GET /governance/api/v2/catalogs/default/entries/${readOnly.id}`,
      `GET /governance/api/v2/catalogs/default/entries/${readOnly.id}/users/${requester.id}/request-fields`,
      'POST /governance/api/v2/requests',
    ]);
    const text = say(messages.catalogJustification, input);
    expect(run.calls[3]!.body).toEqual({
      requested: { type: 'CATALOG_ENTRY', entryId: readOnly.id },
      requestedFor: { type: 'OKTA_USER', externalId: requester.id },
      requesterFieldValues: [{ id: fieldId, value: text }],
    });
    const filed = [...twins.sim.state.requestsV2.values()].at(-1)!;
    expect(filed.requesterFieldValues).toEqual([{ id: fieldId, value: text }]);
    expect(messagesOf(twins.sim, filed.id)).toEqual([]);
    // Every required field filled: Okta moves it on to PENDING, not REJECTED.
    expect(filed.outcome).toBe('PENDING');

    expect(unminted(twinCalls)).toEqual(unminted(calls(run)));
    expect(coded.result!.justification).toBe('field');
    expect(essence(coded.result!.audit)).toEqual(essence(run.tableRows(AUDIT_TABLE)[0]!));
    expect(twins.twin.state.requestsV2.get(coded.result!.requestId)!.requesterFieldValues).toEqual(filed.requesterFieldValues);
  });

  it('leaves optional fields that are not a justification empty, and sends the justification as a message', async () => {
    const github = entry(twins.sim, 'github');
    // Only an optional text field that isn't a justification (the seed may give the entry more).
    for (const s2 of [twins.sim, twins.twin]) s2.state.catalogEntries.get(github.id)!.fields = [{ id: 'b1f0c7a2-5d1e-4c3b-9a8f-0e6d2c4b7a91', type: 'TEXT', label: 'Which repositories?', required: false, readOnly: false }];
    const input = { requester: twins.sim.seed.users.requester.login, catalogEntry: github.name, subject: 'Repositories', justification: 'Code review' };
    const { run, workflowsError, coded } = await both(FORM, input);
    expect(workflowsError).toBeUndefined();
    expect((run.calls[3]!.body as Json).requesterFieldValues).toBeUndefined();
    const filed = [...twins.sim.state.requestsV2.values()].at(-1)!;
    expect(messagesOf(twins.sim, filed.id)).toEqual([say(messages.catalogJustification, input)]);
    expect(unminted(twinCalls)).toEqual(unminted(calls(run)));
    expect(coded.result!.justification).toBe('message');
  });

  it('refuses an entry that asks for fields the job can\'t fill, naming each — before filing anything', async () => {
    const salesCloud = entry(twins.sim, 'salesforce-sales-cloud');
    const fields = ['• Why do you need Sales Cloud? (TEXT)', '• Which accounts will you work on? (TEXT)', '• Licence type (SELECT)'].map((f) => `\n${f}`).join('');
    const expected = say(messages.unfillableFields, { name: salesCloud.name, fields });
    const run = await expectRefusal(FORM, { requester: twins.sim.seed.users.requester.login, catalogEntry: salesCloud.id, subject: 's', justification: 'j' }, expected);
    expect(calls(run).at(-1)).toMatch(/\/request-fields$/);
  });

  it('refuses an unknown entry (by name or id) and one that can\'t be requested itself', async () => {
    const requester = twins.sim.seed.users.requester.login;
    // Entries under another are not listed by name (the spec's filter lists top-level entries or one parent's children).
    const child = entry(twins.sim, 'aws-readonly').name;
    await expectRefusal(FORM, { requester, catalogEntry: child, subject: 's', justification: 'j' }, say(messages.unknownEntry, { name: child }));
    const id = 'cen00000000000000000';
    await expectRefusal(FORM, { requester, catalogEntry: id, subject: 's', justification: 'j' }, say(messages.unknownEntry, { name: id }));
    const salesforce = entry(twins.sim, 'salesforce');
    await expectRefusal(FORM, { requester, catalogEntry: salesforce.name, subject: 's', justification: 'j' }, say(messages.notRequestable, { name: salesforce.name }));
  });

  it('refuses a justification too long for the entry\'s field (1000 characters, subject included)', async () => {
    const readOnly = entry(twins.sim, 'aws-readonly');
    const input = { requester: twins.sim.seed.users.requester.login, catalogEntry: readOnly.id, subject: 'Dashboards', justification: 'x'.repeat(1000 - 'Dashboards\n\n'.length + 1) };
    await expectRefusal(FORM, input, say(messages.justificationTooLong, { name: readOnly.name }));
    // One character less fits.
    const fits = { ...input, justification: input.justification.slice(1) };
    const { workflowsError, coded } = await both(FORM, fits);
    expect(workflowsError).toBeUndefined();
    expect(coded.error).toBeUndefined();
  });

  it("tells Okta's refusals with the mission's message and Okta's errorSummary, in both templates", async () => {
    const input = { requester: twins.sim.seed.users.requester.login, catalogEntry: entry(twins.sim, 'slack').name, subject: 's', justification: 'j' };
    // The create fails: nothing filed, nothing recorded.
    for (const s of [twins.sim, twins.twin]) s.faults.set({ serverError: 1, serverErrorStatus: 500, pathPrefix: '/governance/api/v2/requests' });
    const refused = say(messages.refused, { status: 500, summary: 'Internal Server Error' });
    const first = await both(FORM, input);
    expect((first.workflowsError as FlowError).message).toBe(refused);
    expect((first.coded.error as Error).message).toContain(refused);
    expect(first.run.tableRows(AUDIT_TABLE)).toEqual([]);

    // The create succeeds, the message fails: the request id is named so nobody files it twice.
    for (const s of [twins.sim, twins.twin]) s.faults.set({ serverError: 1, serverErrorStatus: 500, pathPrefix: '/governance/api/v2/requests/' });
    const second = await both(FORM, input);
    const filed = [...twins.sim.state.requestsV2.values()].at(-1)!;
    const twinFiled = [...twins.twin.state.requestsV2.values()].at(-1)!;
    expect((second.workflowsError as FlowError).message).toBe(say(messages.messageRefused, { requestId: filed.id, status: 500, summary: 'Internal Server Error' }));
    expect((second.coded.error as Error).message).toContain(say(messages.messageRefused, { requestId: twinFiled.id, status: 500, summary: 'Internal Server Error' }));
  });

  it('reads every page of top-level entries to find the name', async () => {
    for (const s of [twins.sim, twins.twin]) {
      const slack = s.state.catalogEntries.get(entry(s, 'slack').id)!;
      for (let i = 0; i < 21; i++) {
        const record: CatalogEntryRecord = { ...structuredClone(slack), id: `cenPaged${String(i).padStart(12, '0')}`, name: i === 20 ? 'Late entry' : `Filler entry ${i}` };
        s.state.catalogEntries.set(record.id, record);
      }
    }
    const { run, workflowsError, coded } = await both(FORM, { requester: twins.sim.seed.users.requester.login, catalogEntry: 'Late entry', subject: 's', justification: 'j' });
    expect(workflowsError).toBeUndefined();
    expect(calls(run).filter((c) => c === 'GET /governance/api/v2/catalogs/default/entries')).toHaveLength(2);
    expect((run.calls.find((c) => c.method === 'POST')!.body as Json).requested.entryId).toBe(`cenPaged${'20'.padStart(12, '0')}`);
    expect(unminted(twinCalls)).toEqual(unminted(calls(run)));
    expect(essence(coded.result!.audit)).toEqual(essence(run.tableRows(AUDIT_TABLE)[0]!));
  });
});

describe('the code template alone', () => {
  it('takes exactly one of request type and catalog entry', async () => {
    const base = { requester: twins.sim.seed.users.requester.login, subject: 's', justification: 'j' };
    await expect(fileAccessRequest(code(), base)).rejects.toThrow(messages.oneTarget);
    await expect(fileAccessRequest(code(), { ...base, requestType: 'a', catalogEntry: 'b' })).rejects.toThrow(messages.oneTarget);
    expect(twinCalls).toEqual([]);
  });

  it('sorts request fields the way the Workflows support flows do', () => {
    const text = (id: string, label: string, extra: Json = {}) => ({ id, type: 'TEXT', label, ...extra });
    expect(sortFields([])).toEqual({ unfillable: [] });
    // Read-only fields carry the admin's values; optional ones may stay empty; required defaults to true.
    const duration = { id: 'ACCESS_DURATION', type: 'DURATION', required: true, readOnly: true, value: 'P4D' };
    expect(sortFields([duration, text('a', 'Notes', { required: false })])).toEqual({ unfillable: [] });
    expect(sortFields([text('a', 'What is the business justification?', { required: true }), text('b', 'Justification, again', { required: true })])).toEqual({
      justificationField: 'a',
      unfillable: [text('b', 'Justification, again', { required: true })],
    });
    expect(sortFields([{ id: 'd', type: 'ISO_DATE', label: 'Until' }]).unfillable.map((f) => f.id)).toEqual(['d']);
    expect(sortFields([text('r', 'Justification', { readOnly: true })])).toEqual({ unfillable: [] });
  });

  it('sorts request fields as the shipped support flow does — absent readOnly and required included', async () => {
    const cases: Json[][] = [
      [],
      [{ id: 'ACCESS_DURATION', type: 'DURATION', required: true, readOnly: true, value: 'P4D' }],
      [{ id: 'a', type: 'TEXT', label: 'Business justification' }],
      [{ id: 'a', type: 'TEXT', label: 'Notes' }],
      [{ id: 'a', type: 'TEXT', label: 'Notes', required: false }, { id: 'b', type: 'TEXT', label: 'What is the business justification?', required: true }],
      [{ id: 'a', type: 'TEXT', label: 'Justification' }, { id: 'b', type: 'TEXT', label: 'Justification, again' }, { id: 'c', type: 'SELECT', label: 'Pick', choices: ['x'] }],
      [{ id: 'a', type: 'TEXT', label: 'Justification', readOnly: true }, { id: 'b', type: 'MULTISELECT', label: 'Many', required: false }, { id: 'd', type: 'ISO_DATE', label: 'Until', readOnly: false }],
    ];
    for (const fields of cases) {
      const { returned } = await interpreter().run('OIG support · Sort request fields', { fields, fieldId: '', missing: '' });
      const coded = sortFields(fields as never);
      const missing = coded.unfillable.reduce((t, f) => say(messages.unfillableField, { fields: t, label: f.label ?? '', type: f.type }), '');
      expect(returned, JSON.stringify(fields)).toEqual({ fieldId: coded.justificationField ?? '', missing });
    }
  });
});
