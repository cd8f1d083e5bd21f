import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_COMMON, PEOPLE_MESSAGES, type Mission } from './mission.ts';

const input = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 200, title: 'User to review', description: 'The user under review: login, email or 00u… id.', examples: ['ana.lopez@example.com'] }),
    reviewers: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 10 })], {
      title: 'Reviewers',
      description: 'Who reviews: logins, emails or ids, as a list or comma-separated text (1–10).',
      examples: ['sam.lee@example.com, kim.ito@example.com'],
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255, title: 'Review name', description: 'Default: "Security access review: <login>".', examples: ['Access check after a risk event'] })),
    endTime: Type.Optional(Type.String({ format: 'date-time', title: 'Ends at', description: 'At least 1 day and less than 6 months ahead; Okta uses 7 days when empty.', examples: ['2027-01-15T17:00:00Z'] })),
    waitUntilActive: Type.Optional(Type.Boolean({ title: 'Wait until active', description: 'Code only: wait until Okta has gathered the accesses (status ACTIVE).' })),
    waitTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, default: 60, title: 'Wait at most (seconds)', description: 'Code only: with waitUntilActive.' })),
  },
  { additionalProperties: false },
);
export type LaunchReviewInput = Static<typeof input>;

/** What a run that launches a review records (the risk-event job records the same). */
export const REVIEW_AUDIT = [
  ...AUDIT_COMMON,
  { key: 'user', label: 'User under review', type: 'text' },
  { key: 'reviewers', label: 'Reviewers', type: 'text' },
  { key: 'reviewId', label: 'Review ID', type: 'text' },
] as const;

export const launchSecurityAccessReviewMission = {
  name: 'launch-security-access-review',
  title: 'Launch a security access review for a user',
  description: 'Find the user and the reviewers (login, email or id), refuse a reviewer who is the user under review, and launch a security access review of everything the user can access.',
  input,
  form: ['user', 'reviewers', 'name', 'endTime'],
  cards: ['listUsers', 'createSecurityAccessReview', 'getSecurityAccessReview'],
  messages: {
    ...PEOPLE_MESSAGES,
    noReviewers: 'No reviewers given: name 1 to 10 reviewers (logins, emails or ids, separated by commas).',
    tooManyReviewers: '{{count}} reviewers given: a security access review takes 1 to 10. Shorten the reviewer list.',
    selfReview: 'The user under review ({{login}}) is also listed as a reviewer: nobody can review their own access. Remove them from the reviewers.',
    refused: "Okta didn't launch the review (HTTP {{status}}): {{summary}}",
  },
  audit: REVIEW_AUDIT,
} as const satisfies Mission;
