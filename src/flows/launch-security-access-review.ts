import { Type, type Static } from '@sinclair/typebox';
import { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';
import { findPerson, listOf } from './people.ts';

const name = 'launch-security-access-review';

const input = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 200, description: 'The user under review: login, email or 00u… id.' }),
    reviewers: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 10 })], {
      description: 'Who reviews: logins, emails or ids, as a list or comma-separated text (1–10).',
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    endTime: Type.Optional(Type.String({ format: 'date-time' })),
    waitUntilActive: Type.Optional(Type.Boolean({ description: 'Wait until Okta has gathered the accesses (status ACTIVE).' })),
    waitTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, default: 60 })),
  },
  { additionalProperties: false },
);
export type LaunchReviewInput = Static<typeof input>;

export interface LaunchedReview {
  reviewId: string;
  name: string;
  status: string;
  endTime?: string;
  principal: { id: string; login: string };
  reviewers: { id: string; login: string }[];
  link?: string;
}

export async function launchSecurityAccessReview(ctx: FlowContext, given: LaunchReviewInput): Promise<LaunchedReview> {
  const reviewerNames = listOf(given.reviewers);
  if (reviewerNames.length === 0 || reviewerNames.length > 10) {
    throw new FlowInputError(name, 'reviewers', `must name 1 to 10 people (got ${reviewerNames.length})`);
  }
  // Caught before any request when the same login or id is typed twice.
  if (reviewerNames.some((r) => r.toLowerCase() === given.user.toLowerCase())) {
    throw new FlowInputError(name, 'reviewers', `must not include the user under review (${given.user}): nobody reviews their own access; pick other reviewers`);
  }
  const principal = await findPerson(ctx, name, 'user', given.user);
  const reviewers = [];
  for (const r of reviewerNames) reviewers.push(await findPerson(ctx, name, 'reviewers', r));
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
  title: 'Launch a security access review for a user',
  description: 'Resolve the user and the reviewers from logins or ids, launch the review, optionally wait until it is ACTIVE.',
  cards: ['listUsers', 'getUser', 'createSecurityAccessReview', 'getSecurityAccessReview'],
  input,
  run: launchSecurityAccessReview,
};
