import { reviewOnRiskEventMission as mission, RISK_EVENT_TYPES, say, type RiskEventInput } from '../missions/index.ts';
import { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';
import { launchSecurityAccessReview, type LaunchedReview } from './launch-security-access-review.ts';
import { listOf } from './people.ts';

const { name } = mission;
export { RISK_EVENT_TYPES };
export type { RiskEventInput };

export type RiskEventOutcome =
  | { action: 'launched'; review: LaunchedReview; audit: LaunchedReview['audit'] }
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
  if (!who) throw new FlowInputError(name, 'event', mission.messages.noSubject);
  const reviewers = listOf(given.reviewers).filter((r) => r !== subject?.id && r.toLowerCase() !== subject?.login?.toLowerCase());
  if (reviewers.length === 0) throw new FlowInputError(name, 'reviewers', say(mission.messages.onlySelf, { who }));

  // PENDING first: a review only moves PENDING → ACTIVE, so one that turns ACTIVE between the two
  // queries is still seen by the second.
  for (const status of ['PENDING', 'ACTIVE']) {
    for await (const review of ctx.iterate('listSecurityAccessReviews', { filter: `status eq "${status}"` })) {
      const details = await ctx.run('getSecurityAccessReviewPrincipalDetails', { securityAccessReviewId: String(review.id) });
      const principal = details.body as { id?: string; login?: string; profile?: { login?: string } };
      if (principal.id === subject?.id || (subject?.login && (principal.login ?? principal.profile?.login)?.toLowerCase() === subject.login.toLowerCase())) {
        return { action: 'skipped', reason: say(mission.messages.alreadyOpen, { who }), existingReviewId: String(review.id) };
      }
    }
  }
  const review = await launchSecurityAccessReview(
    ctx,
    { user: who, reviewers, name: say(mission.messages.reviewName, { login: subject?.login ?? who }), ...(given.endTime ? { endTime: given.endTime } : {}) },
    `event: ${given.event.eventType}`,
  );
  return { action: 'launched', review, audit: { ...review.audit, job: mission.title } };
}

export const reviewOnRiskEventFlow: FlowTemplate<RiskEventInput, RiskEventOutcome> = {
  name,
  title: mission.title,
  description: mission.description,
  cards: [...mission.cards],
  input: mission.input,
  run: reviewOnRiskEvent,
};
