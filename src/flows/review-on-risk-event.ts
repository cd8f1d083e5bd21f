import { Type, type Static } from '@sinclair/typebox';
import { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';
import { launchSecurityAccessReview, type LaunchedReview } from './launch-security-access-review.ts';
import { listOf } from './people.ts';

const name = 'review-on-risk-event';

/** The System Log event types this template answers by default. */
export const RISK_EVENT_TYPES = ['user.risk.change', 'security.threat.detected', 'user.account.report_suspicious_activity_by_enduser'];

const input = Type.Object(
  {
    event: Type.Object(
      {
        uuid: Type.Optional(Type.String()),
        eventType: Type.String({ minLength: 1 }),
        published: Type.Optional(Type.String()),
        actor: Type.Optional(Type.Object({ id: Type.Optional(Type.String()), alternateId: Type.Optional(Type.String()), type: Type.Optional(Type.String()) })),
        target: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()), alternateId: Type.Optional(Type.String()), type: Type.Optional(Type.String()) }))),
      },
      { description: 'The Okta System Log event (as an event hook or a Workflows event card delivers it).' },
    ),
    reviewers: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 10 })]),
    eventTypes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    endTime: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type RiskEventInput = Static<typeof input>;

export type RiskEventOutcome =
  | { action: 'launched'; review: LaunchedReview }
  | { action: 'skipped'; reason: string; existingReviewId?: string };

/** The user an event is about: its User target, or for self-reported events the actor. */
function subjectOf(event: RiskEventInput['event']): { id?: string; login?: string } | undefined {
  const user = event.target?.find((t) => t.type === 'User') ?? (event.actor?.type === 'User' ? event.actor : undefined);
  return user ? { id: user.id, login: user.alternateId } : undefined;
}

/**
 * Launch a review of the event's user unless one is already open. Redelivered events (same user, review
 * still PENDING or ACTIVE) are skipped, so at-least-once delivery never makes duplicates. Reviews are
 * named with the user id so the open ones can be found by name, then confirmed by their principal.
 */
export async function reviewOnRiskEvent(ctx: FlowContext, given: RiskEventInput): Promise<RiskEventOutcome> {
  const types = given.eventTypes ?? RISK_EVENT_TYPES;
  if (!types.includes(given.event.eventType)) {
    return { action: 'skipped', reason: `event type ${given.event.eventType} is not one this flow answers (${types.join(', ')})` };
  }
  const subject = subjectOf(given.event);
  const who = subject?.id ?? subject?.login;
  if (!who) throw new FlowInputError(name, 'event', 'has no User target or actor: nothing to review');
  const reviewers = listOf(given.reviewers).filter((r) => r !== subject?.id && r.toLowerCase() !== subject?.login?.toLowerCase());
  if (reviewers.length === 0) throw new FlowInputError(name, 'reviewers', `only names the user under review (${who}); configure other reviewers`);

  // PENDING first: a review only moves PENDING → ACTIVE, so one that turns ACTIVE between the two
  // queries is still seen by the second.
  for (const status of ['PENDING', 'ACTIVE']) {
    for await (const review of ctx.iterate('listSecurityAccessReviews', { filter: `status eq "${status}"` })) {
      const details = await ctx.run('getSecurityAccessReviewPrincipalDetails', { securityAccessReviewId: String(review.id) });
      const principal = details.body as { id?: string; login?: string; profile?: { login?: string } };
      if (principal.id === subject?.id || (subject?.login && (principal.login ?? principal.profile?.login)?.toLowerCase() === subject.login.toLowerCase())) {
        return { action: 'skipped', reason: `review ${String(review.id)} of ${who} is already ${status}`, existingReviewId: String(review.id) };
      }
    }
  }
  const review = await launchSecurityAccessReview(ctx, {
    user: who,
    reviewers,
    name: `Risk event ${given.event.eventType}: ${subject?.login ?? who}`,
    ...(given.endTime ? { endTime: given.endTime } : {}),
  });
  return { action: 'launched', review };
}

export const reviewOnRiskEventFlow: FlowTemplate<RiskEventInput, RiskEventOutcome> = {
  name,
  title: 'Launch a review when a risk event fires',
  description: 'From an Okta risk or security event, launch a security access review of its user with the configured reviewers, unless one is already open.',
  cards: ['listSecurityAccessReviews', 'getSecurityAccessReviewPrincipalDetails', 'listUsers', 'getUser', 'createSecurityAccessReview'],
  input,
  run: reviewOnRiskEvent,
};
