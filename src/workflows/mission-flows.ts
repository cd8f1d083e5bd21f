/**
 * The three mission jobs as Workflows flows, and the event template:
 * - a job helper flow per mission (the logic: logins → ids, rules, calls to the card helpers), so
 *   other flows can reuse it;
 * - a delegated flow per mission: a form with only the field types delegated flows allow (text,
 *   number, true/false, date & time — reviewer logins as comma-separated text) that calls the job;
 * - an event flow: Okta "Suspicious Activity Reported" → launch a review of that user, skipped when
 *   one we launched for them is still open.
 *
 * They call the card helpers by the keys those helpers take, found from the cards' placements.
 */
import type { Card } from '../compile/card.ts';
import type { FlowData, InlineFlow, TypedObject } from './format.ts';
import { FlowBuilder, literal, type FieldSpec, type Port } from './flow-builder.ts';
import { inputKey, type HelperFlow, type Where } from './helper-flows.ts';
import { uuidV5 } from './ids.ts';
import {
  callFlow,
  compose,
  construct,
  contextFields,
  continueIf,
  failIf,
  findBy,
  get,
  length,
  replace,
  returnValues,
  split,
  stringify,
  takeItem,
  union,
  assign,
  makeRef,
  spec,
  type HelperRef,
} from './steps.ts';
import type { FlowPlan } from './support-flows.ts';

/** The card each template calls, and for what. */
export const TEMPLATE_CARDS = {
  listUsers: 'turn logins into user ids',
  createSecurityAccessReview: 'launch the review',
  listSecurityAccessReviews: 'find the open reviews',
  getSecurityAccessReviewPrincipalDetails: 'skip users who already have an open review',
  listAllRequestTypes: 'find the request type by name',
  createRequest: 'file the request',
  createRequestMessage: 'add the justification to the request',
  listLabels: 'find the label by name',
  createLabel: 'create the label when it is new',
  assignResourceLabels: 'put the label value on the resources',
  listLabelResources: 'list what now carries the label value',
} as const;
export type TemplateCard = keyof typeof TEMPLATE_CARDS;

export interface CardHelper {
  card: Card;
  flow: HelperFlow;
}

/** A helper's input key by placement, and a Call Flow to it with the values under those keys. */
class Cards {
  constructor(private readonly helpers: Map<string, CardHelper>) {
    const missing = (Object.keys(TEMPLATE_CARDS) as TemplateCard[]).filter((id) => !helpers.has(id));
    if (missing.length) {
      throw new Error(
        `The Workflows templates need ${missing.map((id) => `${id} (to ${TEMPLATE_CARDS[id]})`).join(', ')}, ` +
          'which no declaration in src/operations/ provides. Declare the card(s), or the folder cannot be built.',
      );
    }
  }
  ref(id: TemplateCard): HelperRef {
    return this.helpers.get(id)!.flow.ref;
  }
  key(id: TemplateCard, where: Where, neededBy: string): string {
    const h = this.helpers.get(id)!;
    return inputKey(h.card, h.flow.plan, where, neededBy);
  }
  scopes(ids: TemplateCard[]): string[] {
    return [...new Set(ids.flatMap((id) => this.helpers.get(id)!.card.scopes))].sort();
  }
}

const text = (key: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, type: 'string', label, custom: true, ...extra });

/** "Okta answered with an error" check after a card helper call. */
function stopOnError(fb: FlowBuilder, role: string, call: Record<string, Port>, what: string) {
  const summary = get(fb, `${role}/summary`, call.body!, 'errorSummary', 'string', false, 'Okta error summary');
  const message = compose(fb, `${role}/message`, `${what} (HTTP {{status}}): {{summary}}`, { status: call.statusCode!, summary }, 'Error message');
  failIf(fb, `${role}/check`, call.statusCode!, '>=', literal(300), message, 'Stop on an Okta error');
}

export interface Templates {
  support: FlowPlan[];
  jobs: FlowPlan[];
  delegated: (FlowPlan & { scopes: string[]; fields: FieldSpec[] })[];
  events: (FlowPlan & { scopes: string[] })[];
}

export function missionTemplates(helpers: Map<string, CardHelper>, readAllPages: HelperRef): Templates {
  const cards = new Cards(helpers);

  // ── Find one user by login ───────────────────────────────────────────────────────────────
  const findUserRole = 'support:find-user';
  const findUserTakes = [text('login', 'Login', { required: true })];
  const findUser = makeRef(findUserRole, 'OIG support · Find user by login', findUserTakes, [
    { key: 'userId', type: 'string', label: 'User ID' },
    { key: 'user', type: 'object', label: 'User' },
  ]);
  const searchKey = cards.key('listUsers', { in: 'query', name: 'search' }, findUser.name);
  const findUserPlan: FlowPlan = {
    ref: findUser,
    description: 'Looks an Okta user up by login (exact match) and returns the id; stops with a readable error when nobody has that login.',
    build(group) {
      const fb = new FlowBuilder(findUserRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...findUserTakes] });
      const login = t.out('login', null);
      const quoted = replace(fb, 'escape', login, '"', '\\"', 'Escape quotes');
      const search = compose(fb, 'search', 'profile.login eq "{{login}}"', { login: quoted }, 'Search expression');
      const found = callFlow(fb, 'list', cards.ref('listUsers'), { [searchKey]: search }, ['items', 'count'], 'List users');
      const message = compose(fb, 'message', 'No Okta user has the login "{{login}}". Check the spelling (logins usually look like name@example.com).', { login }, 'Error message');
      failIf(fb, 'check', found.count!, '==', literal(0), message, 'Stop when nobody has it');
      const first = takeItem(fb, 'first', 'first', found.items!, 'object', 'The user');
      const id = get(fb, 'id', first.item, 'id', 'string', false, 'User ID');
      returnValues(fb, { userId: { source: id, spec: spec(findUser, 'userId') }, user: { source: first.item, spec: spec(findUser, 'user') } });
      return fb.build({ uuid: findUser.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── Find several users by login (one at a time, calling itself for the rest) ──────────────
  const findUsersRole = 'support:find-users';
  const findUsersTakes: FieldSpec[] = [
    { key: 'logins', type: 'string', list: true, label: 'Logins', custom: true },
    { key: 'userIds', type: 'string', list: true, label: 'User IDs found so far (start with an empty list)', custom: true },
  ];
  const findUsers = makeRef(findUsersRole, 'OIG support · Find users by login', findUsersTakes, [{ key: 'userIds', type: 'string', list: true, label: 'User IDs' }]);
  const findUsersPlan: FlowPlan = {
    ref: findUsers,
    description: 'Turns a list of logins into user ids (duplicates dropped); stops at the first login nobody has, naming it.',
    build(group) {
      const fb = new FlowBuilder(findUsersRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...findUsersTakes] });
      const logins = t.out('logins', null);
      const sofar = t.out('userIds', null);
      const left = length(fb, 'left', logins, 'Logins left');
      const done = fb.ifElse('done', { a: left, op: '==', b: literal(0) }, { userIds: { type: 'string', list: true } }, {
        then: () => ({ userIds: sofar }),
        else: () => {
          const next = takeItem(fb, 'next', 'first', logins, 'string', 'Next login');
          const user = callFlow(fb, 'find', findUser, { login: next.item }, ['userId'], 'Find user by login');
          const ids = union(fb, 'add', sofar, user.userId!, true, 'Add the id');
          const rest = callFlow(fb, 'rest', findUsers, { logins: next.rest, userIds: ids }, ['userIds'], 'Find the other logins');
          return { userIds: rest.userIds! };
        },
      });
      returnValues(fb, { userIds: { source: done.out('userIds'), spec: spec(findUsers, 'userIds') } });
      return fb.build({ uuid: findUsers.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── Create a label with one value (with or without a colour) ─────────────────────────────
  const newLabelRole = 'support:create-label';
  const newLabelTakes = [text('labelName', 'Label name', { required: true }), text('valueName', 'Value', { required: true }), text('color', 'Colour (optional)')];
  const newLabel = makeRef(newLabelRole, 'OIG support · Create label with one value', newLabelTakes, [{ key: 'label', type: 'object', label: 'Label' }]);
  const labelNameKey = cards.key('createLabel', { in: 'body', pointer: '/name' }, newLabel.name);
  const labelValuesKey = cards.key('createLabel', { in: 'body', pointer: '/values' }, newLabel.name);
  const newLabelPlan: FlowPlan = {
    ref: newLabel,
    description: 'Creates a label with one value, coloured when a colour is given; stops with Okta\'s message when Okta refuses.',
    build(group) {
      const fb = new FlowBuilder(newLabelRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...newLabelTakes] });
      const valueName = t.out('valueName', null);
      const color = t.out('color', null);
      const value = fb.ifElse('colour', { a: color, op: 'is empty' }, { value: { type: 'object' } }, {
        then: () => ({ value: construct(fb, 'value/plain', { name: { source: valueName } }, 'Value') }),
        else: () => {
          const colour = construct(fb, 'value/colour', { backgroundColor: { source: color } }, 'Colour');
          const extra = construct(fb, 'value/extra', { additionalProperties: { source: colour, type: 'object' } }, 'Metadata');
          return { value: construct(fb, 'value/full', { name: { source: valueName }, metadata: { source: extra, type: 'object' } }, 'Value with colour') };
        },
      });
      const made = callFlow(fb, 'create', cards.ref('createLabel'), { [labelNameKey]: t.out('labelName', null), [labelValuesKey]: value.out('value') }, ['statusCode', 'body'], 'Create label');
      stopOnError(fb, 'create', made, 'Okta didn\'t create the label');
      returnValues(fb, { label: { source: made.body!, spec: spec(newLabel, 'label') } });
      return fb.build({ uuid: newLabel.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── The users a list of reviews is about (one review at a time, calling itself) ─────────
  const principalsRole = 'support:review-principals';
  const principalsTakes: FieldSpec[] = [
    { key: 'reviews', type: 'object', list: true, label: 'Security access reviews', custom: true },
    { key: 'principalIds', type: 'string', list: true, label: 'User IDs found so far (start with an empty list)', custom: true },
  ];
  const principals = makeRef(principalsRole, 'OIG support · Users under review', principalsTakes, [{ key: 'principalIds', type: 'string', list: true, label: 'User IDs' }]);
  const reviewIdKey = cards.key('getSecurityAccessReviewPrincipalDetails', { in: 'path' }, principals.name);
  const principalsPlan: FlowPlan = {
    ref: principals,
    description: 'Gives the id of the user each security access review is about (a review lists its reviewers, not its user).',
    build(group) {
      const fb = new FlowBuilder(principalsRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...principalsTakes] });
      const reviews = t.out('reviews', null);
      const sofar = t.out('principalIds', null);
      const left = length(fb, 'left', reviews, 'Reviews left');
      const done = fb.ifElse('done', { a: left, op: '==', b: literal(0) }, { principalIds: { type: 'string', list: true } }, {
        then: () => ({ principalIds: sofar }),
        else: () => {
          const next = takeItem(fb, 'next', 'first', reviews, 'object', 'Next review');
          const id = get(fb, 'review-id', next.item, 'id', 'string', false, 'Review ID');
          const details = callFlow(fb, 'principal', cards.ref('getSecurityAccessReviewPrincipalDetails'), { [reviewIdKey]: id }, ['body'], 'Get user under review');
          const userId = get(fb, 'user-id', details.body!, 'id', 'string', false, 'User ID');
          const ids = union(fb, 'add', sofar, userId, true, 'Add the id');
          const rest = callFlow(fb, 'rest', principals, { reviews: next.rest, principalIds: ids }, ['principalIds'], 'The other reviews');
          return { principalIds: rest.principalIds! };
        },
      });
      returnValues(fb, { principalIds: { source: done.out('principalIds'), spec: spec(principals, 'principalIds') } });
      return fb.build({ uuid: principals.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── Job: launch a security access review for a user ─────────────────────────────────────
  const reviewRole = 'job:launch-review';
  const reviewTakes: FieldSpec[] = [
    text('userLogin', 'User to review (login)', { required: true }),
    text('reviewerLogins', 'Reviewer logins (comma-separated, 1–10)', { required: true }),
    text('reviewName', 'Review name (optional)'),
    { key: 'endTime', type: 'Date', label: 'Ends at (optional; Okta uses 7 days)', custom: true },
  ];
  const review = makeRef(reviewRole, 'OIG job · Launch security access review for a user', reviewTakes, [
    { key: 'reviewId', type: 'string', label: 'Review ID' },
    { key: 'status', type: 'string', label: 'Status' },
    { key: 'review', type: 'object', label: 'Review' },
  ]);
  const sar = (where: Where) => cards.key('createSecurityAccessReview', where, review.name);
  const sarKeys = {
    principal: sar({ in: 'body', pointer: '/principalId' }),
    reviewers: sar({ in: 'body', pointer: '/reviewerSettings/userSettings/includedUserIds' }),
    name: sar({ in: 'body', pointer: '/name' }),
    endTime: sar({ in: 'body', pointer: '/endTime' }),
  };
  const reviewPlan: FlowPlan = {
    ref: review,
    description: 'Resolves the user and the reviewers by login, refuses a reviewer who is the user under review, and launches the review.',
    build(group) {
      const fb = new FlowBuilder(reviewRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...reviewTakes] });
      const userLogin = t.out('userLogin', null);
      const target = callFlow(fb, 'target', findUser, { login: userLogin }, ['userId'], 'Find the user to review');
      const cleaned = replace(fb, 'reviewers/trim', t.out('reviewerLogins', null), ' ', '', 'Remove spaces');
      failIf(fb, 'reviewers/none', cleaned, 'is empty', literal(null), literal('Reviewer logins is empty: give 1 to 10 reviewer logins, separated by commas.'), 'Need a reviewer');
      const logins = split(fb, 'reviewers/split', cleaned, ',', 'Split reviewer logins');
      const reviewers = callFlow(fb, 'reviewers', findUsers, { logins, userIds: literal([]) }, ['userIds'], 'Find the reviewers');
      const n = length(fb, 'reviewers/count', reviewers.userIds!, 'Count reviewers');
      failIf(fb, 'reviewers/many', n, '>', literal(10), compose(fb, 'reviewers/many/message', '{{n}} reviewers given: a security access review takes at most 10. Shorten Reviewer logins.', { n }), 'At most 10 reviewers');
      const idsText = stringify(fb, 'reviewers/text', reviewers.userIds!, 'Reviewer ids as text');
      const selfReview = compose(fb, 'self/message', 'The user under review ({{login}}) is also listed as a reviewer: nobody can review their own access. Remove them from Reviewer logins.', { login: userLogin }, 'Error message');
      failIf(fb, 'self', target.userId!, 'in', idsText, selfReview, 'Not their own reviewer');
      const name = fb.ifElse('name', { a: t.out('reviewName', null), op: 'is empty' }, { name: { type: 'string' } }, {
        then: () => ({ name: compose(fb, 'name/default', 'Security access review: {{login}}', { login: userLogin }, 'Default name') }),
        else: () => ({ name: t.out('reviewName', null) }),
      });
      const launched = callFlow(
        fb,
        'launch',
        cards.ref('createSecurityAccessReview'),
        { [sarKeys.principal]: target.userId!, [sarKeys.reviewers]: reviewers.userIds!, [sarKeys.name]: name.out('name'), [sarKeys.endTime]: t.out('endTime', null) },
        ['statusCode', 'body'],
        'Launch security access review',
      );
      stopOnError(fb, 'launch', launched, 'Okta didn\'t launch the review');
      returnValues(fb, {
        reviewId: { source: get(fb, 'id', launched.body!, 'id', 'string', false, 'Review ID'), spec: spec(review, 'reviewId') },
        status: { source: get(fb, 'status', launched.body!, 'status', 'string', false, 'Status'), spec: spec(review, 'status') },
        review: { source: launched.body!, spec: spec(review, 'review') },
      });
      return fb.build({ uuid: review.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── Job: file an access request for someone ─────────────────────────────────────────────
  const requestRole = 'job:file-request';
  const requestTakes: FieldSpec[] = [
    text('requesterLogin', 'Requester (login)', { required: true }),
    text('requestTypeName', 'Request type (name, as shown in Okta)', { required: true }),
    text('subject', 'Subject (1–250 characters)', { required: true }),
    text('justification', 'Justification (added as a message)', { required: true }),
  ];
  const request = makeRef(requestRole, 'OIG job · File access request for a user', requestTakes, [
    { key: 'requestId', type: 'string', label: 'Request ID' },
    { key: 'requestStatus', type: 'string', label: 'Status' },
    { key: 'request', type: 'object', label: 'Request' },
  ]);
  const reqKeys = {
    typeFilter: cards.key('listAllRequestTypes', { in: 'query', name: 'filter' }, request.name),
    typeId: cards.key('createRequest', { in: 'body', pointer: '/requestTypeId' }, request.name),
    subject: cards.key('createRequest', { in: 'body', pointer: '/subject' }, request.name),
    requester: cards.key('createRequest', { in: 'body', pointer: '/requesterUserIds' }, request.name),
    messageRequest: cards.key('createRequestMessage', { in: 'path' }, request.name),
    message: cards.key('createRequestMessage', { in: 'body', pointer: '/message' }, request.name),
  };
  const requestPlan: FlowPlan = {
    ref: request,
    description: 'Files an access request on behalf of a user, for an active request type found by name, then adds the justification as a message.',
    build(group) {
      const fb = new FlowBuilder(requestRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...requestTakes] });
      const requester = callFlow(fb, 'requester', findUser, { login: t.out('requesterLogin', null) }, ['userId'], 'Find the requester');
      const page = callFlow(fb, 'types', cards.ref('listAllRequestTypes'), { [reqKeys.typeFilter]: literal('status eq "ACTIVE"') }, ['items', 'next'], 'List active request types');
      const types = callFlow(fb, 'types/all', readAllPages, { relativeUrl: page.next!, items: page.items! }, ['items'], 'Read all pages');
      const typeName = t.out('requestTypeName', null);
      const type = findBy(fb, 'type', types.items!, 'name', typeName, 'Find the request type');
      const noType = compose(fb, 'type/message', 'No active request type is named "{{name}}". Names must match exactly; a draft request type must be published first.', { name: typeName }, 'Error message');
      failIf(fb, 'type/check', type.index, '==', literal(-1), noType, 'Stop when there is none');
      const typeId = get(fb, 'type/id', type.item, 'id', 'string', false, 'Request type ID');
      const filed = callFlow(
        fb,
        'file',
        cards.ref('createRequest'),
        { [reqKeys.typeId]: typeId, [reqKeys.subject]: t.out('subject', null), [reqKeys.requester]: requester.userId! },
        ['statusCode', 'body'],
        'File access request',
      );
      stopOnError(fb, 'file', filed, 'Okta didn\'t file the request');
      const requestId = get(fb, 'id', filed.body!, 'id', 'string', false, 'Request ID');
      const said = callFlow(
        fb,
        'message',
        cards.ref('createRequestMessage'),
        { [reqKeys.messageRequest]: requestId, [reqKeys.message]: t.out('justification', null) },
        ['statusCode', 'body'],
        'Add the justification',
      );
      stopOnError(fb, 'message', said, 'The request was filed, but Okta didn\'t add the justification');
      returnValues(fb, {
        requestId: { source: requestId, spec: spec(request, 'requestId') },
        requestStatus: { source: get(fb, 'status', filed.body!, 'requestStatus', 'string', false, 'Status'), spec: spec(request, 'requestStatus') },
        request: { source: filed.body!, spec: spec(request, 'request') },
      });
      return fb.build({ uuid: request.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── Job: label resources ─────────────────────────────────────────────────────────────────
  const labelRole = 'job:label-resources';
  const labelTakes: FieldSpec[] = [
    text('labelName', 'Label (e.g. Sensitivity; created when new)', { required: true }),
    text('valueName', 'Value (e.g. High)', { required: true }),
    text('color', 'Colour for a new label\'s value (optional: red, orange, yellow, green, blue, purple, teal, beige, gray)'),
    text('resourceOrns', 'Resource ORNs (comma-separated, 1–10)', { required: true }),
  ];
  const labelJob = makeRef(labelRole, 'OIG job · Label resources', labelTakes, [
    { key: 'labelId', type: 'string', label: 'Label ID' },
    { key: 'labelValueId', type: 'string', label: 'Label value ID' },
    { key: 'labelled', type: 'object', list: true, label: 'Resources with this value' },
    { key: 'labelledCount', type: 'number', label: 'How many resources have this value' },
  ]);
  const labelKeys = {
    orns: cards.key('assignResourceLabels', { in: 'body', pointer: '/resourceOrns' }, labelJob.name),
    values: cards.key('assignResourceLabels', { in: 'body', pointer: '/labelValueIds' }, labelJob.name),
    filter: cards.key('listLabelResources', { in: 'query', name: 'filter' }, labelJob.name),
  };
  const labelPlan: FlowPlan = {
    ref: labelJob,
    description: 'Finds the label by name (exact match) or creates it with the value, then puts the value on the resources and lists everything that now carries it.',
    build(group) {
      const fb = new FlowBuilder(labelRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...labelTakes] });
      const labelName = t.out('labelName', null);
      const valueName = t.out('valueName', null);
      const labels = callFlow(fb, 'labels', cards.ref('listLabels'), {}, ['items'], 'List labels');
      const existing = findBy(fb, 'existing', labels.items!, 'name', labelName, 'Find the label');
      const label = fb.ifElse('label', { a: existing.index, op: '==', b: literal(-1) }, { label: { type: 'object' } }, {
        then: () => ({ label: callFlow(fb, 'create', newLabel, { labelName, valueName, color: t.out('color', null) }, ['label'], 'Create label with the value').label! }),
        else: () => ({ label: existing.item }),
      });
      const values = get(fb, 'values', label.out('label'), 'values', 'object', true, 'Label values');
      const value = findBy(fb, 'value', values, 'name', valueName, 'Find the value');
      const noValue = compose(fb, 'value/message', 'The label "{{label}}" has no value "{{value}}". Add the value to the label (Update label), or pick one of its values.', { label: labelName, value: valueName }, 'Error message');
      failIf(fb, 'value/check', value.index, '==', literal(-1), noValue, 'Stop when the value is missing');
      const valueId = get(fb, 'value/id', value.item, 'labelValueId', 'string', false, 'Label value ID');
      const orns = split(fb, 'orns', replace(fb, 'orns/trim', t.out('resourceOrns', null), ' ', '', 'Remove spaces'), ',', 'Split resource ORNs');
      const assigned = callFlow(fb, 'assign', cards.ref('assignResourceLabels'), { [labelKeys.orns]: orns, [labelKeys.values]: valueId }, ['statusCode', 'body'], 'Assign labels to resources');
      stopOnError(fb, 'assign', assigned, 'Okta didn\'t assign the label');
      const filter = compose(fb, 'labelled/filter', 'labelValueId eq "{{id}}"', { id: valueId }, 'Filter');
      const first = callFlow(fb, 'labelled', cards.ref('listLabelResources'), { [labelKeys.filter]: filter }, ['items', 'next'], 'List labelled resources');
      const all = callFlow(fb, 'labelled/all', readAllPages, { relativeUrl: first.next!, items: first.items! }, ['items', 'count'], 'Read all pages');
      returnValues(fb, {
        labelId: { source: get(fb, 'label/id', label.out('label'), 'labelId', 'string', false, 'Label ID'), spec: spec(labelJob, 'labelId') },
        labelValueId: { source: valueId, spec: spec(labelJob, 'labelValueId') },
        labelled: { source: all.items!, spec: spec(labelJob, 'labelled') },
        labelledCount: { source: all.count!, spec: spec(labelJob, 'labelledCount') },
      });
      return fb.build({ uuid: labelJob.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── Delegated flows: a form that calls the job ──────────────────────────────────────────
  const delegated = (slug: string, name: string, description: string, job: HelperRef, used: TemplateCard[]) => {
    const role = `template:${slug}`;
    const fields: FieldSpec[] = [...job.takes.values()].map((f) => ({ ...f, group: 'inputs' }));
    const ref = makeRef(role, name, [], []);
    return {
      ref,
      description,
      fields,
      scopes: cards.scopes(used),
      build(group: string): FlowData {
        const fb = new FlowBuilder(role);
        const t = fb.step('delegatedFlow', 'trigger', {
          inputs: [
            { key: 'okta-user-id', type: 'string', group: 'user context', label: 'Okta User ID' },
            { key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' },
            ...fields,
          ],
        });
        callFlow(fb, 'job', job, Object.fromEntries(fields.map((f) => [f.key, t.out(f.key, 'inputs')])), [...job.returns.keys()], `Call ${job.name}`);
        return fb.build({ uuid: ref.uuid, group, callable: false, securityLevel: 'high' });
      },
    };
  };

  const reviewCards: TemplateCard[] = ['listUsers', 'createSecurityAccessReview'];
  const requestCards: TemplateCard[] = ['listUsers', 'listAllRequestTypes', 'createRequest', 'createRequestMessage'];
  const labelCards: TemplateCard[] = ['listLabels', 'createLabel', 'assignResourceLabels', 'listLabelResources'];

  return {
    support: [findUserPlan, findUsersPlan, principalsPlan, newLabelPlan],
    jobs: [reviewPlan, requestPlan, labelPlan],
    delegated: [
      delegated('launch-security-access-review', 'Launch a security access review for a user', 'Run from the Admin Console (Workflow → Delegated Flows) or from an Identity Threat Protection policy: reviews everything one user can access, by the reviewers you name.', review, reviewCards),
      delegated('file-access-request', 'File an access request for a user', 'Run from the Admin Console: files an access request on a user\'s behalf, for an active request type, with a justification.', request, requestCards),
      delegated('label-resources', 'Label resources', 'Run from the Admin Console: puts a governance label value (created if new) on up to 10 resources given by ORN.', labelJob, labelCards),
    ],
    events: [suspiciousActivityTemplate(cards, review, readAllPages, principals)],
  };
}

/** The event fields an Okta connector event card hands each For Each item (group "Output"). */
function eventOutputFields(): FieldSpec[] {
  const t = (type: 'string' | 'object') => ({ type, collection: false });
  const principal: TypedObject = { ID: t('string'), 'Alternate ID': t('string'), 'Display Name': t('string'), Type: t('string') };
  const fields: [string, FieldSpec['type']][] = [
    ['Date and Time', 'string'],
    ['Message', 'string'],
    ['Event ID', 'string'],
    ['Event Type', 'string'],
    ['Event Time', 'string'],
    ['Version', 'string'],
    ['Okta User', principal],
    ['UUID', 'string'],
    ['Event Details', 'object'],
    ['Headers', 'object'],
    ['Source', 'object'],
    ['Debug Context', { 'Debug Data': t('object') }],
  ];
  return fields.map(([key, type]) => ({ key, type, group: 'Output' }));
}

const REVIEWERS_CARD = 'Reviewers (edit me)';

function suspiciousActivityTemplate(cards: Cards, review: HelperRef, readAllPages: HelperRef, principals: HelperRef): FlowPlan & { scopes: string[] } {
  const role = 'template:review-on-suspicious-activity';
  const ref = makeRef(role, 'Review a user who reports suspicious activity', [], []);
  const filterKey = cards.key('listSecurityAccessReviews', { in: 'query', name: 'filter' }, ref.name);
  return {
    ref,
    description: `When a user reports suspicious activity (Okta event), launches a security access review of that user by the reviewers set in the card "${REVIEWERS_CARD}" — unless a review of that user is already open (PENDING or ACTIVE), so a redelivered event launches nothing.`,
    scopes: cards.scopes(['listUsers', 'createSecurityAccessReview', 'listSecurityAccessReviews', 'getSecurityAccessReviewPrincipalDetails']),
    build(group, config) {
      const fields = eventOutputFields();
      const sub = new FlowBuilder(`${role}/each`);
      const t = sub.step('helperFlow', 'event', { name: 'Suspicious Activity Reported', inputs: fields });
      const user = t.out('Okta User', 'Output');
      const userId = get(sub, 'user-id', user, 'ID', 'string', false, 'User ID');
      const login = get(sub, 'login', user, 'Alternate ID', 'string', false, 'User login');
      const settings = assign(sub, 'reviewers', { 'Reviewer logins': { source: literal('') } }, REVIEWERS_CARD);
      const reviewers = settings.out('Reviewer logins');
      failIf(sub, 'reviewers/check', reviewers, 'is empty', literal(null), literal(`Set the reviewer logins (comma-separated) in the card "${REVIEWERS_CARD}" of this flow, then turn it on again.`), 'Reviewers are set');
      const page = callFlow(sub, 'open', cards.ref('listSecurityAccessReviews'), { [filterKey]: literal('status eq "ACTIVE" OR status eq "PENDING"') }, ['items', 'next'], 'List open reviews');
      const open = callFlow(sub, 'open/all', readAllPages, { relativeUrl: page.next!, items: page.items! }, ['items'], 'Read all pages');
      const users = callFlow(sub, 'open/users', principals, { reviews: open.items!, principalIds: literal([]) }, ['principalIds'], 'Users under review');
      const usersText = stringify(sub, 'open/text', users.principalIds!, 'As text');
      continueIf(sub, 'skip', userId, 'not in', usersText, compose(sub, 'skip/message', 'A review of {{login}} is already open; nothing launched.', { login }), 'Skip when one is open');
      const name = compose(sub, 'name', 'Review after suspicious activity: {{login}}', { login }, 'Review name');
      callFlow(sub, 'launch', review, { userLogin: login, reviewerLogins: reviewers, reviewName: name }, ['reviewId', 'status'], `Call ${review.name}`);
      const inline: InlineFlow = sub.buildInline(uuidV5(`flow:${role}/each`));

      const fb = new FlowBuilder(role);
      const collection: FieldSpec = {
        key: 'collection',
        type: { Output: { type: Object.fromEntries(fields.map((f) => [f.key, { type: f.type, collection: false }])), collection: false } },
        list: true,
        label: 'list',
      };
      const event = fb.step('suspiciousActivityReported', 'event', {
        config,
        connectorModel: true,
        comments: 'Okta sends this event when a user reports activity they did not make.',
        inputs: [
          { key: 'type', type: 'string', value: 'invoke', metadata: { forceHide: true } },
          { key: 'data', type: 'object', metadata: { forceHide: true } },
        ],
        outputs: [collection, { key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' }],
      });
      const each = fb.step('forEachIgnoreErrors', 'each', {
        name: 'For each report',
        inputs: [
          { key: 'list', type: 'object', list: true, required: true },
          { key: 'flo', type: 'flo', value: inline, required: true, label: 'Helper Flow' },
          { key: 'concurrency', type: 'number', value: 1, required: true, metadata: { min: 1, max: 200 } },
        ],
      });
      fb.wire(event.out('collection'), each.in('list'));
      return fb.build({ uuid: ref.uuid, group, callable: false, securityLevel: null });
    },
  };
}
