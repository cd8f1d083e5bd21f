/**
 * "File an access request for a user", in both forms the admin chooses between:
 * - request type (v1): an ACTIVE request type found by name or id → create → the justification as a message;
 * - catalog (v2): a requestable catalog entry found by name or id → its request fields for the requester
 *   → create, with the justification in the entry's justification field, or as a message when it has none.
 * Each form is a delegated flow calling its job, then adding the run's row to the audit table.
 */
import {
  CATALOG_ENTRY_ID,
  FIELD_VALUE_MAX,
  FILE_ACCESS_REQUEST_FORMS,
  JUSTIFICATION_LABEL,
  REQUEST_TYPE_ID,
  fileAccessRequestMission as mission,
} from '../../missions/file-access-request.ts';
import { FlowBuilder, literal, type FieldSpec, type Port } from '../flow-builder.ts';
import {
  callFlow,
  comment,
  compose,
  construct,
  contextFields,
  delegatedTrigger,
  failIf,
  findBy,
  findPattern,
  get,
  length,
  makeRef,
  returnValues,
  spec,
  takeItem,
  type HelperRef,
} from '../steps.ts';
import { auditTable, recordAudit, stopOnError, text, type TemplateCards, type TemplateFlow, type TemplatePackage } from './context.ts';
import type { People } from './people.ts';

const { messages } = mission;

const jobReturns: FieldSpec[] = [
  { key: 'requestId', type: 'string', label: 'Request ID' },
  { key: 'requestStatus', type: 'string', label: 'Status' },
  { key: 'requesterLogin', type: 'string', label: 'Requester login' },
  { key: 'requested', type: 'string', label: 'Requested (request type or catalog entry name)' },
];

/**
 * Finds a record by id (when `given` matches `idPattern`: one get) or by exact name (every page of a
 * list), and stops with the mission's messages when there is none or Okta refuses the lookup.
 */
function findByNameOrId(
  fb: FlowBuilder,
  role: string,
  given: Port,
  lookup: { idPattern: string; byId: () => Record<string, Port>; page: () => Record<string, Port>; readAllPages: HelperRef; unknown: string; refused: string },
): Port {
  const isId = findPattern(fb, `${role}/is-id`, given, lookup.idPattern, 'An id?');
  const found = fb.ifElse(role, { a: isId, op: '>=', b: literal(0) }, { statusCode: { type: 'number' }, body: { type: 'object' } }, {
    then: () => {
      const got = lookup.byId();
      return { statusCode: got.statusCode!, body: got.body! };
    },
    else: () => {
      const page = lookup.page();
      const all = callFlow(fb, `${role}/all`, lookup.readAllPages, { relativeUrl: page.next!, items: page.items! }, ['items'], 'Read all pages');
      const named = findBy(fb, `${role}/named`, all.items!, 'name', given, 'Find it by name');
      return { statusCode: literal(200), body: named.item };
    },
  });
  const statusCode = found.out('statusCode');
  const record = found.out('body');
  const unknown = compose(fb, `${role}/unknown`, lookup.unknown, { name: given }, 'Error message');
  failIf(fb, `${role}/missing`, statusCode, '==', literal(404), unknown, 'Stop when the id is unknown');
  stopOnError(fb, `${role}/lookup`, { statusCode, body: record }, lookup.refused, { name: given });
  failIf(fb, `${role}/none`, record, 'is empty', literal(null), unknown, 'Stop when no name matches');
  return record;
}

/**
 * The catalog entry's request fields, one at a time (a support flow per field, called by one that
 * walks the list): which field takes the justification, and the required writable fields the job
 * can't fill, as a bulleted list — the rule `sortFields` applies in the code template.
 */
function requestFieldFlows(): { sortFields: HelperRef; flows: TemplateFlow[] } {
  const sofar: FieldSpec[] = [text('fieldId', 'Justification field ID so far'), text('missing', 'Fields nobody can fill, so far')];
  const returns: FieldSpec[] = [
    { key: 'fieldId', type: 'string', label: 'Justification field ID (empty: none)' },
    { key: 'missing', type: 'string', label: 'Fields the job cannot fill (empty: none)' },
  ];
  const oneRole = 'support:catalog-request-field';
  const oneTakes: FieldSpec[] = [{ key: 'field', type: 'object', label: 'Request field', custom: true, required: true }, ...sofar];
  const one = makeRef(oneRole, 'OIG support · Sort a request field', oneTakes, returns);
  const oneFlow: TemplateFlow = {
    kind: 'support',
    ref: one,
    description: `Takes one request field of a catalog entry: a writable TEXT field whose label contains "justification" takes the justification (the first one only); any other required writable field is added to the fields the job can't fill.`,
    build(group) {
      const fb = new FlowBuilder(oneRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...oneTakes] });
      const field = t.out('field', null);
      const fieldId = t.out('fieldId', null);
      const missing = t.out('missing', null);
      const readOnly = get(fb, 'read-only', field, 'readOnly', 'boolean', false, 'Read only?');
      const required = get(fb, 'required', field, 'required', 'boolean', false, 'Required?');
      const type = get(fb, 'type', field, 'type', 'string', false, 'Type');
      const label = get(fb, 'label', field, 'label', 'string', false, 'Label');
      // Writable (readOnly false or absent), TEXT, no justification field yet, labelled as one.
      const facts = compose(fb, 'facts', '{{readOnly}}|{{type}}|{{taken}}|{{label}}', { readOnly, type, taken: fieldId, label }, 'What the field is');
      const takes = findPattern(fb, 'takes', facts, `^(false)?\\|TEXT\\|\\|.*${JUSTIFICATION_LABEL}`, 'Takes the justification?');
      const chosen = fb.ifElse('choose', { a: takes, op: '>=', b: literal(0) }, { fieldId: { type: 'string' } }, {
        then: () => ({ fieldId: get(fb, 'id', field, 'id', 'string', false, 'Field ID') }),
        else: () => ({ fieldId }),
      });
      // Not the justification field, writable, and required (true or absent: Okta's default).
      const need = compose(fb, 'need', '{{takes}}|{{readOnly}}|{{required}}', { takes, readOnly, required }, 'Must it be filled?');
      const unfillable = findPattern(fb, 'unfillable', need, '^-1\\|(false)?\\|(true)?$', 'Nobody can fill it?');
      const listed = fb.ifElse('list', { a: unfillable, op: '>=', b: literal(0) }, { missing: { type: 'string' } }, {
        then: () => ({ missing: compose(fb, 'list/add', messages.unfillableField, { fields: missing, label, type }, 'Add it to the list') }),
        else: () => ({ missing }),
      });
      returnValues(fb, {
        fieldId: { source: chosen.out('fieldId'), spec: spec(one, 'fieldId') },
        missing: { source: listed.out('missing'), spec: spec(one, 'missing') },
      });
      return fb.build({ uuid: one.uuid, group, callable: true, securityLevel: null });
    },
  };

  const allRole = 'support:catalog-request-fields';
  const allTakes: FieldSpec[] = [{ key: 'fields', type: 'object', list: true, label: 'Request fields (left to sort)', custom: true }, ...sofar];
  const all = makeRef(allRole, 'OIG support · Sort request fields', allTakes, returns);
  const allFlow: TemplateFlow = {
    kind: 'support',
    ref: all,
    description: 'Sorts the request fields of a catalog entry, one by one (calling itself for the rest): returns the justification field and the fields the job can\'t fill.',
    build(group) {
      const fb = new FlowBuilder(allRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...allTakes] });
      const fields = t.out('fields', null);
      const left = length(fb, 'left', fields, 'Fields left');
      const done = fb.ifElse('done', { a: left, op: '==', b: literal(0) }, { fieldId: { type: 'string' }, missing: { type: 'string' } }, {
        then: () => ({ fieldId: t.out('fieldId', null), missing: t.out('missing', null) }),
        else: () => {
          const next = takeItem(fb, 'next', 'first', fields, 'object', 'Next field');
          const sorted = callFlow(fb, 'sort', one, { field: next.item, fieldId: t.out('fieldId', null), missing: t.out('missing', null) }, ['fieldId', 'missing'], 'Sort this field');
          const rest = callFlow(fb, 'rest', all, { fields: next.rest, fieldId: sorted.fieldId!, missing: sorted.missing! }, ['fieldId', 'missing'], 'Sort the others');
          return { fieldId: rest.fieldId!, missing: rest.missing! };
        },
      });
      returnValues(fb, {
        fieldId: { source: done.out('fieldId'), spec: spec(all, 'fieldId') },
        missing: { source: done.out('missing'), spec: spec(all, 'missing') },
      });
      return fb.build({ uuid: all.uuid, group, callable: true, securityLevel: null });
    },
  };
  return { sortFields: all, flows: [allFlow, oneFlow] };
}

/** A delegated form that runs `job` with what the admin typed and adds the audit row. */
function form(job: HelperRef, takes: FieldSpec[], role: string, title: string, description: string, about: string[], table: ReturnType<typeof auditTable>): TemplateFlow {
  const fields: FieldSpec[] = takes.map((f) => ({ ...f, group: 'inputs' }));
  const ref = makeRef(role, title, [], []);
  return {
    kind: 'delegated',
    ref,
    fields,
    description,
    build(group) {
      const fb = new FlowBuilder(role);
      const t = delegatedTrigger(fb, fields);
      comment(fb, 'about', title, [`Runs **${job.name}** with what the admin typed, then adds a row to the table *${table.name}*.`, ...about]);
      const done = callFlow(fb, 'job', job, Object.fromEntries(takes.map((f) => [f.key, t.out(f.key, 'inputs')])), ['requestId', 'requesterLogin', 'requested'], `Call ${job.name}`);
      recordAudit(fb, 'audit', table, {
        job: literal(title),
        startedBy: t.out('okta-user-id', 'user context'),
        outcome: literal('filed'),
        requester: done.requesterLogin!,
        requested: done.requested!,
        requestId: done.requestId!,
      });
      return fb.build({ uuid: ref.uuid, group, callable: false, securityLevel: 'high' });
    },
  };
}

export function fileAccessRequestTemplate(cards: TemplateCards, people: People, readAllPages: HelperRef): TemplatePackage {
  const table = auditTable(mission);
  const field = (key: keyof typeof mission.input.properties, label: string) => text(key, label, { required: true });
  const requester = field('requester', 'Requester (login, email or id)');
  const subject = field('subject', 'Subject (1–250 characters)');
  const justification = field('justification', 'Justification');

  // ── v1: a request type ───────────────────────────────────────────────────────────────────
  const v1Role = 'job:file-request';
  const v1Takes = [requester, field('requestType', 'Request type (exact name, or id)'), subject, justification];
  const v1 = makeRef(v1Role, 'OIG job · File access request (request type)', v1Takes, jobReturns);
  const v1Keys = {
    typeId: cards.key('getRequestType', { in: 'path' }, v1.name),
    createType: cards.key('createRequest', { in: 'body', pointer: '/requestTypeId' }, v1.name),
    subject: cards.key('createRequest', { in: 'body', pointer: '/subject' }, v1.name),
    requester: cards.key('createRequest', { in: 'body', pointer: '/requesterUserIds' }, v1.name),
    messageRequest: cards.key('createRequestMessage', { in: 'path' }, v1.name),
    message: cards.key('createRequestMessage', { in: 'body', pointer: '/message' }, v1.name),
  };
  const v1Flow: TemplateFlow = {
    kind: 'job',
    ref: v1,
    description: 'Files an access request on behalf of a user against an ACTIVE request type (found by exact name or id), then adds the justification as a message.',
    build(group) {
      const fb = new FlowBuilder(v1Role);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...v1Takes] });
      const who = callFlow(fb, 'requester', people.findPerson, { who: t.out('requester', null) }, ['userId', 'login'], 'Find the requester');
      const given = t.out('requestType', null);
      const type = findByNameOrId(fb, 'type', given, {
        idPattern: REQUEST_TYPE_ID,
        byId: () => callFlow(fb, 'type/get', cards.ref('getRequestType'), { [v1Keys.typeId]: given }, ['statusCode', 'body'], 'Get the request type'),
        page: () => callFlow(fb, 'type/list', cards.ref('listAllRequestTypes'), {}, ['items', 'next'], 'List request types'),
        readAllPages,
        unknown: messages.unknownRequestType,
        refused: messages.typeLookupRefused,
      });
      const typeName = get(fb, 'type/name', type, 'name', 'string', false, 'Request type name');
      const status = get(fb, 'type/status', type, 'status', 'string', false, 'Request type status');
      failIf(fb, 'type/active', status, '!=', literal('ACTIVE'), compose(fb, 'type/active/message', messages.inactiveRequestType, { name: typeName, status }, 'Error message'), 'Only ACTIVE types');
      const typeId = get(fb, 'type/id', type, 'id', 'string', false, 'Request type ID');
      const filed = callFlow(
        fb,
        'file',
        cards.ref('createRequest'),
        { [v1Keys.createType]: typeId, [v1Keys.subject]: t.out('subject', null), [v1Keys.requester]: who.userId! },
        ['statusCode', 'body'],
        'File access request',
      );
      stopOnError(fb, 'file', filed, messages.refused);
      const requestId = get(fb, 'id', filed.body!, 'id', 'string', false, 'Request ID');
      const said = callFlow(fb, 'message', cards.ref('createRequestMessage'), { [v1Keys.messageRequest]: requestId, [v1Keys.message]: t.out('justification', null) }, ['statusCode', 'body'], 'Add the justification');
      stopOnError(fb, 'message', said, messages.messageRefused, { requestId });
      returnValues(fb, {
        requestId: { source: requestId, spec: spec(v1, 'requestId') },
        requestStatus: { source: get(fb, 'status', filed.body!, 'requestStatus', 'string', false, 'Status'), spec: spec(v1, 'requestStatus') },
        requesterLogin: { source: who.login!, spec: spec(v1, 'requesterLogin') },
        requested: { source: typeName, spec: spec(v1, 'requested') },
      });
      return fb.build({ uuid: v1.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── v2: a catalog entry ──────────────────────────────────────────────────────────────────
  const fields = requestFieldFlows();
  const v2Role = 'job:file-request-catalog';
  const v2Takes = [requester, field('catalogEntry', 'Catalog entry (exact name of a top-level entry, or cen… id)'), subject, justification];
  const v2 = makeRef(v2Role, 'OIG job · File access request (catalog)', v2Takes, jobReturns);
  const v2Keys = {
    entryId: cards.key('getCatalogEntryV2', { in: 'path' }, v2.name),
    filter: cards.key('listAllDefaultEntriesV2', { in: 'query', name: 'filter' }, v2.name),
    fieldsEntry: cards.key('getCatalogEntryRequestFieldsV2', { in: 'path', name: 'entryId' }, v2.name),
    fieldsUser: cards.key('getCatalogEntryRequestFieldsV2', { in: 'path', name: 'userId' }, v2.name),
    createEntry: cards.key('createRequestV2', { in: 'body', pointer: '/requested/entryId' }, v2.name),
    createFor: cards.key('createRequestV2', { in: 'body', pointer: '/requestedFor/externalId' }, v2.name),
    createValues: cards.key('createRequestV2', { in: 'body', pointer: '/requesterFieldValues' }, v2.name),
    messageRequest: cards.key('createRequestMessageV2', { in: 'path' }, v2.name),
    message: cards.key('createRequestMessageV2', { in: 'body', pointer: '/message' }, v2.name),
  };
  const v2Flow: TemplateFlow = {
    kind: 'job',
    ref: v2,
    description:
      'Files an access request on behalf of a user for a requestable catalog entry (found by exact name among the top-level entries, or by id): reads the entry\'s request fields for the requester, writes the subject and justification into its justification field — or, when it has none, adds them as a message — and stops when the entry asks for anything else.',
    build(group) {
      const fb = new FlowBuilder(v2Role);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...v2Takes] });
      const who = callFlow(fb, 'requester', people.findPerson, { who: t.out('requester', null) }, ['userId', 'login'], 'Find the requester');
      const given = t.out('catalogEntry', null);
      const entry = findByNameOrId(fb, 'entry', given, {
        idPattern: CATALOG_ENTRY_ID,
        byId: () => callFlow(fb, 'entry/get', cards.ref('getCatalogEntryV2'), { [v2Keys.entryId]: given }, ['statusCode', 'body'], 'Get the catalog entry'),
        page: () => callFlow(fb, 'entry/list', cards.ref('listAllDefaultEntriesV2'), { [v2Keys.filter]: literal('not(parent pr)') }, ['items', 'next'], 'List top-level catalog entries'),
        readAllPages,
        unknown: messages.unknownEntry,
        refused: messages.entryLookupRefused,
      });
      const entryId = get(fb, 'entry/id', entry, 'id', 'string', false, 'Catalog entry ID');
      const entryName = get(fb, 'entry/name', entry, 'name', 'string', false, 'Catalog entry name');
      const requestable = get(fb, 'entry/requestable', entry, 'requestable', 'boolean', false, 'Requestable?');
      failIf(fb, 'entry/requestable/check', requestable, '!=', literal(true), compose(fb, 'entry/requestable/message', messages.notRequestable, { name: entryName }, 'Error message'), 'Only requestable entries');

      const asked = callFlow(
        fb,
        'fields',
        cards.ref('getCatalogEntryRequestFieldsV2'),
        { [v2Keys.fieldsEntry]: entryId, [v2Keys.fieldsUser]: who.userId! },
        ['statusCode', 'body', 'fields'],
        'Get the request fields',
      );
      stopOnError(fb, 'fields', asked, messages.fieldsRefused, { name: entryName });
      const sorted = callFlow(fb, 'fields/sort', fields.sortFields, { fields: asked.fields!, fieldId: literal(''), missing: literal('') }, ['fieldId', 'missing'], 'Sort the request fields');
      failIf(
        fb,
        'fields/unfillable',
        sorted.missing!,
        'is not empty',
        literal(null),
        compose(fb, 'fields/unfillable/message', messages.unfillableFields, { name: entryName, fields: sorted.missing! }, 'Error message'),
        'Stop when a field needs what the job lacks',
      );
      const said = compose(fb, 'text', messages.catalogJustification, { subject: t.out('subject', null), justification: t.out('justification', null) }, 'Subject and justification');
      const base = { [v2Keys.createEntry]: entryId, [v2Keys.createFor]: who.userId! };
      const filed = fb.ifElse('file', { a: sorted.fieldId!, op: 'is empty' }, { body: { type: 'object' } }, {
        then: () => {
          const created = callFlow(fb, 'file/plain', cards.ref('createRequestV2'), base, ['statusCode', 'body'], 'File access request');
          stopOnError(fb, 'file/plain', created, messages.refused);
          const requestId = get(fb, 'file/plain/id', created.body!, 'id', 'string', false, 'Request ID');
          const added = callFlow(fb, 'message', cards.ref('createRequestMessageV2'), { [v2Keys.messageRequest]: requestId, [v2Keys.message]: said }, ['statusCode', 'body'], 'Add the justification');
          stopOnError(fb, 'message', added, messages.messageRefused, { requestId });
          return { body: created.body! };
        },
        else: () => {
          const tooLong = findPattern(fb, 'file/long', said, `^[\\s\\S]{${FIELD_VALUE_MAX + 1}}`, `Longer than ${FIELD_VALUE_MAX}?`);
          failIf(fb, 'file/long/check', tooLong, '>=', literal(0), compose(fb, 'file/long/message', messages.justificationTooLong, { name: entryName }, 'Error message'), 'Fits the field');
          const value = construct(fb, 'file/value', { id: { source: sorted.fieldId! }, value: { source: said } }, 'Justification field value');
          const created = callFlow(fb, 'file/field', cards.ref('createRequestV2'), { ...base, [v2Keys.createValues]: value }, ['statusCode', 'body'], 'File access request');
          stopOnError(fb, 'file/field', created, messages.refused);
          return { body: created.body! };
        },
      });
      const request = filed.out('body');
      returnValues(fb, {
        requestId: { source: get(fb, 'id', request, 'id', 'string', false, 'Request ID'), spec: spec(v2, 'requestId') },
        requestStatus: { source: get(fb, 'status', request, 'status', 'string', false, 'Status'), spec: spec(v2, 'requestStatus') },
        requesterLogin: { source: who.login!, spec: spec(v2, 'requesterLogin') },
        requested: { source: entryName, spec: spec(v2, 'requested') },
      });
      return fb.build({ uuid: v2.uuid, group, callable: true, securityLevel: null });
    },
  };

  const setupNote = 'Nothing to set after import but the Okta connection (its scopes: see the readme). Delegated admins need a role that may run delegated flows.';
  const v1Form = form(
    v1,
    v1Takes,
    'template:file-request/form',
    FILE_ACCESS_REQUEST_FORMS.requestType,
    'Run from the Admin Console: files an access request on a user\'s behalf against an ACTIVE request type (v1), with the justification as a message.',
    [
      'Use this form for request types (Access Requests → Request types). For resource catalog entries, run *' + FILE_ACCESS_REQUEST_FORMS.catalog + '*.',
      'Request type: its exact name, as Okta shows it, or its 24-hex id.',
      setupNote,
    ],
    table,
  );
  const v2Form = form(
    v2,
    v2Takes,
    'template:file-request/catalog-form',
    FILE_ACCESS_REQUEST_FORMS.catalog,
    'Run from the Admin Console: files an access request on a user\'s behalf for a resource catalog entry (v2); the justification goes into the entry\'s justification field, or as a message.',
    [
      'Use this form for the resource catalog (access request conditions). For request types, run *' + FILE_ACCESS_REQUEST_FORMS.requestType + '*.',
      'Catalog entry: the exact name of a top-level entry, or the cen… id of any entry (an entry under an app, such as a role, only by id).',
      `The subject and justification go into the entry's text field whose label contains "justification" (at most ${FIELD_VALUE_MAX} characters), or as a message when it has none. An entry that requires other fields is refused, naming them.`,
      setupNote,
    ],
    table,
  );
  return {
    slug: 'file-access-request',
    mission,
    title: mission.title,
    summary: `${mission.description} Two forms in one package: the admin runs the one that fits how requests are set up in the org.`,
    setup: ['Nothing to set but the Okta connection.', `Run *${FILE_ACCESS_REQUEST_FORMS.requestType}* for request types (v1), *${FILE_ACCESS_REQUEST_FORMS.catalog}* for the resource catalog (v2).`],
    cards: [...mission.cards],
    flows: [v1Form, v2Form, v1Flow, v2Flow, ...fields.flows, ...people.flows],
  };
}
