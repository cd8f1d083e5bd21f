/**
 * "Launch a security access review": the job (a helper flow), and the two ways admins start it —
 * by hand from a delegated form, or from an Identity Threat Protection entity-risk policy, which
 * runs a delegated flow without filling any form field: the user comes from the card's user
 * context, the reviewers from the flow's settings card.
 */
import { launchSecurityAccessReviewMission as mission } from '../../missions/index.ts';
import { FlowBuilder, literal, type FieldSpec } from '../flow-builder.ts';
import { assign, callFlow, comment, compose, contextFields, delegatedTrigger, failIf, get, length, makeRef, replace, returnValues, spec, split, stringify } from '../steps.ts';
import { recordAudit, auditTable, stopOnError, text, type TemplateCards, type TemplatePackage, type TemplateFlow } from './context.ts';
import type { People } from './people.ts';

export const SETTINGS_CARD = '⚙ Settings: reviewers (edit after import)';

export function launchReviewTemplate(cards: TemplateCards, people: People): TemplatePackage {
  const table = auditTable(mission);

  // ── The job ─────────────────────────────────────────────────────────────────────────────
  const jobRole = 'job:launch-review';
  const takes: FieldSpec[] = [
    text('user', 'User to review (login, email or id)', { required: true }),
    text('reviewers', 'Reviewers (logins, emails or ids, comma-separated, 1–10)', { required: true }),
    text('name', 'Review name (optional)'),
    { key: 'endTime', type: 'Date', label: 'Ends at (optional; Okta uses 7 days)', custom: true },
  ];
  const job = makeRef(jobRole, 'OIG job · Launch security access review', takes, [
    { key: 'reviewId', type: 'string', label: 'Review ID' },
    { key: 'status', type: 'string', label: 'Status' },
    { key: 'login', type: 'string', label: 'Login of the user under review' },
    { key: 'reviewerIds', type: 'string', label: 'Reviewer ids (comma-separated)' },
  ]);
  const sar = (pointer: string) => cards.key('createSecurityAccessReview', { in: 'body', pointer }, job.name);
  const keys = {
    principal: sar('/principalId'),
    reviewers: sar('/reviewerSettings/userSettings/includedUserIds'),
    name: sar('/name'),
    endTime: sar('/endTime'),
  };
  const jobFlow: TemplateFlow = {
    kind: 'job',
    ref: job,
    description: mission.description,
    build(group) {
      const fb = new FlowBuilder(jobRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...takes] });
      const target = callFlow(fb, 'target', people.findPerson, { who: t.out('user', null) }, ['userId', 'login'], 'Find the user to review');
      const cleaned = replace(fb, 'reviewers/trim', t.out('reviewers', null), ' ', '', 'Remove spaces');
      failIf(fb, 'reviewers/none', cleaned, 'is empty', literal(null), literal(mission.messages.noReviewers), 'Need a reviewer');
      const list = split(fb, 'reviewers/split', cleaned, ',', 'Split the reviewers');
      const reviewers = callFlow(fb, 'reviewers', people.findPeople, { people: list, userIds: literal([]) }, ['userIds'], 'Find the reviewers');
      const n = length(fb, 'reviewers/count', reviewers.userIds!, 'Count reviewers');
      failIf(fb, 'reviewers/many', n, '>', literal(10), compose(fb, 'reviewers/many/message', mission.messages.tooManyReviewers, { count: n }), 'At most 10 reviewers');
      const idsText = stringify(fb, 'reviewers/text', reviewers.userIds!, 'Reviewer ids as text');
      failIf(fb, 'self', target.userId!, 'in', idsText, compose(fb, 'self/message', mission.messages.selfReview, { login: target.login! }, 'Error message'), 'Not their own reviewer');
      const name = fb.ifElse('name', { a: t.out('name', null), op: 'is empty' }, { name: { type: 'string' } }, {
        then: () => ({ name: compose(fb, 'name/default', 'Security access review: {{login}}', { login: target.login! }, 'Default name') }),
        else: () => ({ name: t.out('name', null) }),
      });
      const launched = callFlow(
        fb,
        'launch',
        cards.ref('createSecurityAccessReview'),
        { [keys.principal]: target.userId!, [keys.reviewers]: reviewers.userIds!, [keys.name]: name.out('name'), [keys.endTime]: t.out('endTime', null) },
        ['statusCode', 'body'],
        'Launch security access review',
      );
      stopOnError(fb, 'launch', launched, mission.messages.refused);
      returnValues(fb, {
        reviewId: { source: get(fb, 'id', launched.body!, 'id', 'string', false, 'Review ID'), spec: spec(job, 'reviewId') },
        status: { source: get(fb, 'status', launched.body!, 'status', 'string', false, 'Status'), spec: spec(job, 'status') },
        login: { source: target.login!, spec: spec(job, 'login') },
        reviewerIds: { source: idsText, spec: spec(job, 'reviewerIds') },
      });
      return fb.build({ uuid: job.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── By hand: a delegated form ─────────────────────────────────────────────────────────────
  const formRole = 'template:launch-review/form';
  const formFields: FieldSpec[] = takes.map((f) => ({ ...f, required: false, group: 'inputs' }));
  const formRef = makeRef(formRole, 'Launch a security access review (form)', [], []);
  const form: TemplateFlow = {
    kind: 'delegated',
    ref: formRef,
    fields: formFields,
    description: 'Run from the Admin Console (Workflow → Delegated Flows): the user to review, 1–10 reviewers, an optional name and end time.',
    build(group, config) {
      const fb = new FlowBuilder(formRole);
      const t = delegatedTrigger(fb, formFields);
      comment(fb, 'about', 'Launch a security access review (form)', [
        'Runs **OIG job · Launch security access review** with what the admin typed, then adds a row to the table *' + table.name + '*.',
        'Nothing to set after import but the Okta connection. Delegated admins need a role that may run delegated flows.',
      ]);
      const done = callFlow(fb, 'job', job, Object.fromEntries(takes.map((f) => [f.key, t.out(f.key, 'inputs')])), ['reviewId', 'login', 'reviewerIds'], `Call ${job.name}`);
      recordAudit(fb, 'audit', table, {
        job: literal(formRef.name),
        startedBy: t.out('okta-user-id', 'user context'),
        outcome: literal('launched'),
        user: done.login!,
        reviewers: done.reviewerIds!,
        reviewId: done.reviewId!,
      });
      return fb.build({ uuid: formRef.uuid, group, callable: false, securityLevel: 'high' });
    },
  };

  // ── From an entity-risk policy: no form; the user arrives in the user context ─────────────
  const policyRole = 'template:launch-review/policy';
  const policyRef = makeRef(policyRole, 'Launch a security access review (entity risk policy)', [], []);
  const policy: TemplateFlow = {
    kind: 'delegated',
    ref: policyRef,
    fields: [],
    description:
      'Chosen as the action of an Identity Threat Protection entity-risk policy rule: reviews the user the policy acted on (the card\'s user context), by the reviewers set in its settings card.',
    build(group, config) {
      const fb = new FlowBuilder(policyRole);
      const t = delegatedTrigger(fb, []);
      comment(fb, 'about', 'Set this after import', [
        `Type the reviewers (logins, emails or ids, comma-separated) into the card **${SETTINGS_CARD}**, then turn the flow on.`,
        'In the Admin Console, choose this flow as the action of an entity-risk policy rule (Security → Entity risk policy). The policy runs it with the user at risk in *Okta User ID*.',
        'Don\'t run it by hand: *Okta User ID* would then be you. To review someone by hand, run *Launch a security access review (form)*.',
      ]);
      const settings = assign(fb, 'settings', { reviewers: { source: literal('') } }, SETTINGS_CARD);
      const reviewers = settings.out('reviewers');
      failIf(fb, 'settings/check', reviewers, 'is empty', literal(null), literal(`Type the reviewers into the card "${SETTINGS_CARD}" of this flow, then run it again.`), 'Reviewers are set');
      const user = t.out('okta-user-id', 'user context');
      const name = compose(fb, 'name', 'Entity risk policy review: {{user}}', { user }, 'Review name');
      const done = callFlow(fb, 'job', job, { user, reviewers, name }, ['reviewId', 'login', 'reviewerIds'], `Call ${job.name}`);
      recordAudit(fb, 'audit', table, {
        job: literal(policyRef.name),
        startedBy: literal('entity-risk policy'),
        outcome: literal('launched'),
        user: done.login!,
        reviewers: done.reviewerIds!,
        reviewId: done.reviewId!,
      });
      return fb.build({ uuid: policyRef.uuid, group, callable: false, securityLevel: 'high' });
    },
  };

  return {
    slug: 'launch-security-access-review',
    mission,
    title: mission.title,
    summary: `${mission.description} Two ways to start it: by hand (a delegated form) or as the action of an entity-risk policy.`,
    setup: [`In *${policyRef.name}*, type the reviewers into the card "${SETTINGS_CARD}".`, 'Choose that flow as an entity-risk policy rule\'s action (Security → Entity risk policy).'],
    cards: ['listUsers', 'createSecurityAccessReview'],
    flows: [form, policy, jobFlow, ...people.flows],
  };
}
