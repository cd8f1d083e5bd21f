import { Type, type Static } from '@sinclair/typebox';
import { REVIEW_AUDIT } from './launch-security-access-review.ts';
import type { Mission } from './mission.ts';

/** The System Log event types this job answers by default (the Workflows template: "Suspicious Activity Reported"). */
export const RISK_EVENT_TYPES = ['user.risk.change', 'security.threat.detected', 'user.account.report_suspicious_activity_by_enduser'];

const principal = Type.Object({ id: Type.Optional(Type.String()), alternateId: Type.Optional(Type.String()), type: Type.Optional(Type.String()) });
const input = Type.Object(
  {
    event: Type.Object(
      {
        uuid: Type.Optional(Type.String()),
        eventType: Type.String({ minLength: 1 }),
        published: Type.Optional(Type.String()),
        actor: Type.Optional(principal),
        target: Type.Optional(Type.Array(principal)),
      },
      {
        title: 'Event',
        description: 'The Okta System Log event (as an event hook delivers it).',
        examples: [{ eventType: 'user.account.report_suspicious_activity_by_enduser', actor: { id: '00u1a2b3c4d5e6f7g8h9', alternateId: 'ana.lopez@example.com', type: 'User' } }],
      },
    ),
    reviewers: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 10 })], {
      title: 'Reviewers',
      description: 'Who reviews: logins, emails or ids, as a list or comma-separated text (1–10).',
      examples: ['sam.lee@example.com, kim.ito@example.com'],
    }),
    eventTypes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, title: 'Event types', description: `Default: ${RISK_EVENT_TYPES.join(', ')}.` })),
    endTime: Type.Optional(Type.String({ format: 'date-time', title: 'Ends at', description: 'Okta uses 7 days when empty.' })),
  },
  { additionalProperties: false },
);
export type RiskEventInput = Static<typeof input>;

export const reviewOnRiskEventMission = {
  name: 'review-on-risk-event',
  title: 'Review a user after a risk event',
  description:
    'When Okta reports a risk event about a user (in Workflows: the user reports suspicious activity), launch a security access review of that user by the configured reviewers — unless a review of them is still open (PENDING or ACTIVE), so a redelivered event launches nothing.',
  input,
  form: [],
  cards: ['listSecurityAccessReviews', 'getSecurityAccessReviewPrincipalDetails', 'listUsers', 'createSecurityAccessReview'],
  messages: {
    noSubject: 'The event names no user (no User target or actor): nothing to review.',
    onlySelf: 'The reviewers only name the user under review ({{who}}): configure other reviewers.',
    alreadyOpen: 'A review of {{who}} is already open (PENDING or ACTIVE): nothing launched.',
    reviewName: 'Review after suspicious activity: {{login}}',
  },
  audit: REVIEW_AUDIT,
} as const satisfies Mission;
