/**
 * "Review a user who reports suspicious activity": the Okta event card "Suspicious Activity
 * Reported" hands a For Each – Ignore Errors the reports; each one launches a review of the
 * reporting user (its User ID) unless a review of them is still open, then records the run.
 */
import { reviewOnRiskEventMission as mission } from '../../missions/index.ts';
import { FlowBuilder, literal, type FieldSpec } from '../flow-builder.ts';
import { uuidV4 } from '../ids.ts';
import { SUSPICIOUS_ACTIVITY_OUTPUTS } from '../prototypes.ts';
import { assign, callFlow, comment, compose, continueIf, failIf, makeRef, stringify, type HelperRef } from '../steps.ts';
import { auditTable, recordAudit, type TemplateCards, type TemplateFlow, type TemplatePackage } from './context.ts';
import type { People } from './people.ts';
import { principalsFlow } from './review-principals.ts';

export const REVIEWERS_CARD = '⚙ Settings: reviewers (edit after import)';

export function suspiciousActivityTemplate(cards: TemplateCards, people: People, launch: HelperRef, readAllPages: HelperRef): TemplatePackage {
  const table = auditTable(mission);
  const principals = principalsFlow(cards);
  const role = 'template:review-on-suspicious-activity';
  const ref = makeRef(role, 'Review a user who reports suspicious activity', [], []);
  const filterKey = cards.key('listSecurityAccessReviews', { in: 'query', name: 'filter' }, ref.name);
  const event: TemplateFlow = {
    kind: 'event',
    ref,
    description: `Runs on Okta's "Suspicious Activity Reported" event: launches a security access review of the user who reported it, by the reviewers set in the card "${REVIEWERS_CARD}" — unless a review of that user is still open (PENDING or ACTIVE), so a redelivered event launches nothing.`,
    build(group, config) {
      const fields: FieldSpec[] = [{ key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' }, ...SUSPICIOUS_ACTIVITY_OUTPUTS.map((o) => ({ key: o.key, type: o.type, group: 'Output' }))];
      const sub = new FlowBuilder(`${role}/each`);
      const t = sub.step('eventItem', 'event', { name: 'Suspicious Activity Reported', inputs: fields });
      const userId = t.out('User ID', 'Output');
      comment(sub, 'about', 'Set this after import', [
        `Type the reviewers (logins, emails or ids, comma-separated) into the card **${REVIEWERS_CARD}**, choose the Okta connection on the event card, then turn the flow on.`,
        `Each run adds a row to the table *${table.name}*.`,
      ]);
      const settings = assign(sub, 'reviewers', { reviewers: { source: literal('') } }, REVIEWERS_CARD);
      const reviewers = settings.out('reviewers');
      failIf(sub, 'reviewers/check', reviewers, 'is empty', literal(null), literal(`Type the reviewers into the card "${REVIEWERS_CARD}" of this flow, then turn it on again.`), 'Reviewers are set');
      // Open reviews, PENDING and ACTIVE, every page; then the users they are about.
      const page = callFlow(sub, 'open', cards.ref('listSecurityAccessReviews'), { [filterKey]: literal('status eq "ACTIVE" OR status eq "PENDING"') }, ['items', 'next'], 'List open reviews');
      const open = callFlow(sub, 'open/all', readAllPages, { relativeUrl: page.next!, items: page.items! }, ['items'], 'Read all pages');
      const users = callFlow(sub, 'open/users', principals.ref, { reviews: open.items!, principalIds: literal([]) }, ['principalIds'], 'Users under review');
      const usersText = stringify(sub, 'open/text', users.principalIds!, 'As text');
      continueIf(sub, 'skip', userId, 'not in', usersText, compose(sub, 'skip/message', mission.messages.alreadyOpen, { who: userId }), 'Skip when one is open');
      const name = compose(sub, 'name', mission.messages.reviewName, { login: t.out('Email', 'Output') }, 'Review name');
      const launched = callFlow(sub, 'launch', launch, { user: userId, reviewers, name }, ['reviewId', 'login', 'reviewerIds'], `Call ${launch.name}`);
      recordAudit(sub, 'audit', table, {
        job: literal(ref.name),
        startedBy: literal('event: Suspicious Activity Reported'),
        outcome: literal('launched'),
        user: launched.login!,
        reviewers: launched.reviewerIds!,
        reviewId: launched.reviewId!,
      });
      const inline = sub.buildInline(uuidV4(`flow:${role}/each`));

      const fb = new FlowBuilder(role);
      const card = fb.step('suspiciousActivityReported', 'event', {
        config,
        inputs: [
          { key: 'type', type: 'string', value: 'invoke', metadata: { forceHide: true } },
          { key: 'data', type: 'object', value: {}, metadata: { forceHide: true } },
        ],
        outputs: [
          {
            key: 'collection',
            type: { Output: { type: Object.fromEntries(SUSPICIOUS_ACTIVITY_OUTPUTS.map((o) => [o.key, { type: o.type, collection: false }])), collection: false } },
            list: true,
            label: 'list',
            value: [],
            metadata: { forceHide: false },
          },
          { key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' },
        ],
      });
      const each = fb.step('forEachIgnoreErrors', 'each', {
        name: 'For Each - Ignore Errors',
        inputs: [
          { key: 'list', type: 'object', list: true },
          { key: 'flo', type: 'flo', value: inline, label: 'Helper Flow' },
          { key: 'concurrency', type: 'number', value: 1, metadata: { max: 200, min: 1 } },
        ],
      });
      fb.wire(card.out('collection'), each.in('list'));
      return fb.build({ uuid: ref.uuid, group, callable: false, securityLevel: null });
    },
  };
  return {
    slug: 'review-on-suspicious-activity',
    mission,
    title: ref.name,
    summary: event.description,
    setup: [`Type the reviewers into the card "${REVIEWERS_CARD}" (inside the For Each).`, 'Choose the Okta connection on the event card, then turn the flow on.'],
    cards: ['listUsers', 'createSecurityAccessReview', 'listSecurityAccessReviews', 'getSecurityAccessReviewPrincipalDetails'],
    flows: [event, principals.flow],
  };
}
