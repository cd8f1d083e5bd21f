import { launchSecurityAccessReviewMission as mission, say, type LaunchReviewInput } from '../missions/index.ts';
import { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';
import { findPerson, listOf } from './people.ts';

const { name } = mission;
export type { LaunchReviewInput };

export interface LaunchedReview {
  reviewId: string;
  name: string;
  status: string;
  endTime?: string;
  principal: { id: string; login: string };
  reviewers: { id: string; login: string }[];
  link?: string;
  /** The record the Workflows templates write to their audit table (less the time). */
  audit: { job: string; startedBy: string; outcome: string; user: string; reviewers: string; reviewId: string };
}

export async function launchSecurityAccessReview(ctx: FlowContext, given: LaunchReviewInput, startedBy = 'code'): Promise<LaunchedReview> {
  const reviewerNames = listOf(given.reviewers);
  if (reviewerNames.length === 0) throw new FlowInputError(name, 'reviewers', mission.messages.noReviewers);
  if (reviewerNames.length > 10) throw new FlowInputError(name, 'reviewers', say(mission.messages.tooManyReviewers, { count: reviewerNames.length }));
  // Caught before any request when the same login or id is typed twice.
  if (reviewerNames.some((r) => r.toLowerCase() === given.user.toLowerCase())) {
    throw new FlowInputError(name, 'reviewers', say(mission.messages.selfReview, { login: given.user }));
  }
  const principal = await findPerson(ctx, name, 'user', given.user);
  const reviewers: { id: string; login: string }[] = [];
  for (const r of reviewerNames) {
    const person = await findPerson(ctx, name, 'reviewers', r);
    if (!reviewers.some((x) => x.id === person.id)) reviewers.push(person);
  }
  if (reviewers.length > 10) throw new FlowInputError(name, 'reviewers', say(mission.messages.tooManyReviewers, { count: reviewers.length }));
  if (reviewers.some((r) => r.id === principal.id)) throw new FlowInputError(name, 'reviewers', say(mission.messages.selfReview, { login: principal.login }));
  ctx.progress(`launching a security access review of ${principal.login} with ${reviewers.map((r) => r.login).join(', ')}`);
  // The card's own rule rejects the principal among the reviewers (by id) before the create is sent.
  const created = await ctx.run('createSecurityAccessReview', {
    principalId: principal.id,
    name: given.name ?? `Security access review: ${principal.login}`,
    reviewerUserIds: reviewers.map((r) => r.id),
    ...(given.endTime ? { endTime: given.endTime } : {}),
  });
  let review = created.body as { id: string; name: string; status: string; endTime?: string; _links?: Record<string, { href?: string }> };
  if (given.waitUntilActive) review = await waitUntilActive(ctx, review, (given.waitTimeoutSeconds ?? 60) * 1000);
  return {
    reviewId: review.id,
    name: review.name,
    status: review.status,
    ...(review.endTime ? { endTime: review.endTime } : {}),
    principal,
    reviewers,
    ...(review._links?.securityAccessReviewDetails?.href ? { link: review._links.securityAccessReviewDetails.href } : {}),
    audit: { job: mission.title, startedBy, outcome: 'launched', user: principal.login, reviewers: JSON.stringify(reviewers.map((r) => r.id)), reviewId: review.id },
  };
}

async function waitUntilActive<R extends { id: string; status: string }>(ctx: FlowContext, review: R, timeoutMs: number): Promise<R> {
  const deadline = ctx.now().getTime() + timeoutMs;
  let delay = 500;
  let current = review;
  while (current.status === 'PENDING' && ctx.now().getTime() < deadline) {
    ctx.progress(`review ${current.id} is ${current.status}; checking again in ${delay} ms`);
    await ctx.sleep(delay);
    delay = Math.min(delay * 2, 5000);
    current = (await ctx.run('getSecurityAccessReview', { securityAccessReviewId: current.id })).body as R;
  }
  return current;
}

export const launchSecurityAccessReviewFlow: FlowTemplate<LaunchReviewInput, LaunchedReview> = {
  name,
  title: mission.title,
  description: mission.description,
  cards: [...mission.cards],
  input: mission.input,
  run: (ctx, input) => launchSecurityAccessReview(ctx, input),
};
