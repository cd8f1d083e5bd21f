/**
 * "File an access request for a user": the v1 job (an ACTIVE request type found by name → create
 * → add the justification as a message) and its delegated form.
 */
import { fileAccessRequestMission as mission } from '../../missions/index.ts';
import { FlowBuilder, literal, type FieldSpec } from '../flow-builder.ts';
import { callFlow, comment, compose, contextFields, failIf, findBy, get, makeRef, returnValues, spec, delegatedTrigger, type HelperRef } from '../steps.ts';
import { auditTable, recordAudit, stopOnError, text, type TemplateCards, type TemplateFlow, type TemplatePackage } from './context.ts';
import type { People } from './people.ts';

export function fileAccessRequestTemplate(cards: TemplateCards, people: People, readAllPages: HelperRef): TemplatePackage {
  const table = auditTable(mission);
  const jobRole = 'job:file-request';
  const takes: FieldSpec[] = [
    text('requester', 'Requester (login, email or id)', { required: true }),
    text('requestType', 'Request type (name, as shown in Okta)', { required: true }),
    text('subject', 'Subject (1–250 characters)', { required: true }),
    text('justification', 'Justification (added as a message)', { required: true }),
  ];
  const job = makeRef(jobRole, 'OIG job · File access request', takes, [
    { key: 'requestId', type: 'string', label: 'Request ID' },
    { key: 'requestStatus', type: 'string', label: 'Status' },
    { key: 'requesterLogin', type: 'string', label: 'Requester login' },
  ]);
  const keys = {
    typeFilter: cards.key('listAllRequestTypes', { in: 'query', name: 'filter' }, job.name),
    typeId: cards.key('createRequest', { in: 'body', pointer: '/requestTypeId' }, job.name),
    subject: cards.key('createRequest', { in: 'body', pointer: '/subject' }, job.name),
    requester: cards.key('createRequest', { in: 'body', pointer: '/requesterUserIds' }, job.name),
    messageRequest: cards.key('createRequestMessage', { in: 'path' }, job.name),
    message: cards.key('createRequestMessage', { in: 'body', pointer: '/message' }, job.name),
  };
  const jobFlow: TemplateFlow = {
    kind: 'job',
    ref: job,
    description: 'Files an access request on behalf of a user, for an active request type found by name, then adds the justification as a message.',
    build(group) {
      const fb = new FlowBuilder(jobRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...takes] });
      const requester = callFlow(fb, 'requester', people.findPerson, { who: t.out('requester', null) }, ['userId', 'login'], 'Find the requester');
      const page = callFlow(fb, 'types', cards.ref('listAllRequestTypes'), { [keys.typeFilter]: literal('status eq "ACTIVE"') }, ['items', 'next'], 'List active request types');
      const types = callFlow(fb, 'types/all', readAllPages, { relativeUrl: page.next!, items: page.items! }, ['items'], 'Read all pages');
      const typeName = t.out('requestType', null);
      const type = findBy(fb, 'type', types.items!, 'name', typeName, 'Find the request type');
      failIf(fb, 'type/check', type.index, '==', literal(-1), compose(fb, 'type/message', mission.messages.unknownRequestType, { name: typeName }, 'Error message'), 'Stop when there is none');
      const typeId = get(fb, 'type/id', type.item, 'id', 'string', false, 'Request type ID');
      const filed = callFlow(
        fb,
        'file',
        cards.ref('createRequest'),
        { [keys.typeId]: typeId, [keys.subject]: t.out('subject', null), [keys.requester]: requester.userId! },
        ['statusCode', 'body'],
        'File access request',
      );
      stopOnError(fb, 'file', filed, mission.messages.refused);
      const requestId = get(fb, 'id', filed.body!, 'id', 'string', false, 'Request ID');
      const said = callFlow(fb, 'message', cards.ref('createRequestMessage'), { [keys.messageRequest]: requestId, [keys.message]: t.out('justification', null) }, ['statusCode', 'body'], 'Add the justification');
      stopOnError(fb, 'message', said, mission.messages.messageRefused, { requestId });
      returnValues(fb, {
        requestId: { source: requestId, spec: spec(job, 'requestId') },
        requestStatus: { source: get(fb, 'status', filed.body!, 'requestStatus', 'string', false, 'Status'), spec: spec(job, 'requestStatus') },
        requesterLogin: { source: requester.login!, spec: spec(job, 'requesterLogin') },
      });
      return fb.build({ uuid: job.uuid, group, callable: true, securityLevel: null });
    },
  };

  const formRole = 'template:file-request/form';
  const formFields: FieldSpec[] = takes.map((f) => ({ ...f, group: 'inputs' }));
  const formRef = makeRef(formRole, 'File an access request (request type)', [], []);
  const form: TemplateFlow = {
    kind: 'delegated',
    ref: formRef,
    fields: formFields,
    description: 'Run from the Admin Console: files an access request on a user\'s behalf, for an ACTIVE request type (v1), with a justification.',
    build(group) {
      const fb = new FlowBuilder(formRole);
      const t = delegatedTrigger(fb, formFields);
      comment(fb, 'about', formRef.name, [`Runs **${job.name}** with what the admin typed, then adds a row to the table *${table.name}*.`]);
      const done = callFlow(fb, 'job', job, Object.fromEntries(takes.map((f) => [f.key, t.out(f.key, 'inputs')])), ['requestId', 'requesterLogin'], `Call ${job.name}`);
      recordAudit(fb, 'audit', table, {
        job: literal(formRef.name),
        startedBy: t.out('okta-user-id', 'user context'),
        outcome: literal('filed'),
        requester: done.requesterLogin!,
        requested: t.out('requestType', 'inputs'),
        requestId: done.requestId!,
      });
      return fb.build({ uuid: formRef.uuid, group, callable: false, securityLevel: 'high' });
    },
  };
  return {
    slug: 'file-access-request',
    mission,
    title: mission.title,
    summary: mission.description,
    setup: ['Nothing to set but the Okta connection.'],
    cards: ['listUsers', 'listAllRequestTypes', 'createRequest', 'createRequestMessage'],
    flows: [form, jobFlow, ...people.flows],
  };
}
