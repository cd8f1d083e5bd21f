/**
 * Reviews: the individual decisions of an access certification campaign. One review is one user's
 * access to one resource (an app, a group, an entitlement value or bundle, a service account) that a
 * reviewer approves or revokes.
 *
 * API rules worth knowing (API-NOTES §6.6): review ids start with icr. decision is UNREVIEWED, APPROVE
 * or REVOKE; remediationStatus NONE, OPEN, ERROR, SUCCESS or MANUAL; multi-level campaigns have a
 * FIRST and a SECOND reviewer level. Only UNREVIEWED reviews of an active campaign can be reassigned,
 * and a review already reassigned answers 409 (E0000174). Real reviews may lack principalProfile.type
 * and carry an undeclared assignmentType (API-NOTES §7.1).
 */
import { Type } from '@sinclair/typebox';
import { list, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { bodyField, enumOf, listControls, out, pathParam, queryParam } from '../model/fields.ts';
import { oktaId } from '../model/ids.ts';
import { isoDateTime } from '../model/date-time.ts';
import { auditFields, idAndName, userProfile } from './record-shapes.ts';
import { orderByOneKey } from './order-by-param.ts';

const defaults: FamilyDefaults = {
  family: 'Reviews',
  docs: { api: 'governance.api', tag: 'Reviews' },
  lifecycle: 'GA',
  adminRoles: ['ACCESS_CERTIFICATIONS_ADMIN'],
  scopes: { read: ['okta.governance.accessCertifications.read'], manage: ['okta.governance.accessCertifications.manage'] },
};

const reviewIdSchema = oktaId('icr', 'Review');
const campaignIdSchema = oktaId('ici', 'Campaign');

// ---- response shapes (tolerant) ----

const profile = Type.Object({ ...userProfile.properties, type: Type.Optional(Type.String()) });
const reviewerGroupProfile = Type.Object({
  name: Type.Optional(Type.String()),
  groupId: Type.Optional(Type.String()),
  groupType: Type.Optional(Type.String()),
});

const review = Type.Object({
  id: Type.Optional(Type.String()),
  campaignId: Type.Optional(Type.String()),
  resourceId: Type.Optional(Type.String()),
  decision: Type.Optional(Type.String()),
  decided: Type.Optional(isoDateTime),
  remediationStatus: Type.Optional(Type.String()),
  principalProfile: Type.Optional(profile),
  reviewerProfile: Type.Optional(profile),
  reviewerType: Type.Optional(Type.String()),
  reviewerGroupProfile: Type.Optional(reviewerGroupProfile),
  currentReviewerLevel: Type.Optional(Type.String()),
  entitlementValue: Type.Optional(idAndName),
  entitlementBundle: Type.Optional(idAndName),
  appServiceAccount: Type.Optional(idAndName),
  oktaServiceAccount: Type.Optional(idAndName),
  riskRuleConflicts: Type.Optional(Type.Union([Type.Array(Type.Object({})), Type.Null()])),
  delegatorProfile: Type.Optional(profile),
  delegated: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.Object({ id: Type.Optional(Type.String()), note: Type.Optional(Type.String()) })),
  allReviewerLevels: Type.Optional(
    Type.Array(
      Type.Object({
        reviewerLevel: Type.Optional(Type.String()),
        decision: Type.Optional(Type.String()),
        reviewerType: Type.Optional(Type.String()),
        reviewerProfile: Type.Optional(profile),
        reviewerGroupProfile: Type.Optional(reviewerGroupProfile),
      }),
    ),
  ),
  ...auditFields,
});

const reviewOutputs = {
  reviewId: out('/id', 'Review ID'),
  campaignId: out('/campaignId', 'Campaign ID'),
  decision: out('/decision', 'Decision', 'UNREVIEWED, APPROVE or REVOKE.'),
  remediationStatus: out('/remediationStatus', 'Remediation status', 'NONE, OPEN, ERROR, SUCCESS or MANUAL.'),
  principalId: out('/principalProfile/id', 'User ID', 'The user whose access is reviewed.'),
  principalLogin: out('/principalProfile/login', 'User login'),
  reviewerId: out('/reviewerProfile/id', 'Reviewer ID'),
  reviewerType: out('/reviewerType', 'Reviewer type'),
  resourceId: out('/resourceId', 'Resource ID', 'The app, group or service account the access is to.'),
  reviewerLevel: out('/currentReviewerLevel', 'Reviewer level', 'FIRST or SECOND on multi-level campaigns.'),
};

export const reviewOperations = defineFamily(defaults, [
  {
    id: 'listReviews',
    title: 'List reviews',
    description: 'List campaign reviews, usually those of one campaign, one reviewer or one user, optionally only undecided ones.',
    method: 'GET',
    path: '/governance/api/v1/reviews',
    inputs: {
      filter: queryParam('filter', Type.String({ minLength: 1 }), {
        label: 'Filter',
        help: 'Optional. eq on campaignId, decision, reviewerId, resourceId, principalId, reviewerType, reviewerLevel, entitlementValueId, entitlementBundleId, appServiceAccountId or oktaServiceAccountId; combine with AND.',
        example: 'campaignId eq "ici10fubf8UnNtvb91d7" AND decision eq "UNREVIEWED"',
      }),
      orderBy: orderByOneKey({ keys: ['decided', 'decision', 'remediationStatus', 'created'], default: 'created asc', example: 'decided desc' }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({ item: review, paginated: true, itemOutputs: reviewOutputs }),
  },
  {
    id: 'getReview',
    title: 'Get review',
    description: 'Read one review: whose access to what, the decision and who made it, remediation status and the reviewer levels.',
    method: 'GET',
    path: '/governance/api/v1/reviews/{reviewId}',
    inputs: {
      reviewId: pathParam('reviewId', reviewIdSchema, {
        label: 'Review ID',
        help: 'The review to read (icr…). Find it with "List reviews".',
        example: 'icrztblxbBFiVKepb1d6',
      }),
    },
    answer: object(review, reviewOutputs),
  },
  {
    id: 'reassignReviews',
    title: 'Reassign reviews',
    description:
      'Hand up to 50 undecided reviews of an active campaign to another reviewer, with a note saying why. Reviews already reassigned are refused (409).',
    method: 'POST',
    path: '/governance/api/v1/campaigns/{campaignId}/reviews/reassign',
    inputs: {
      campaignId: pathParam('campaignId', campaignIdSchema, {
        label: 'Campaign ID',
        help: 'The campaign the reviews belong to (ici…).',
        example: 'ici10fubf8UnNtvb91d7',
      }),
      // The spec bounds it 1.. characters; the 00u pattern (API-NOTES §6.1) makes it a user id.
      reviewerId: bodyField('/reviewerId', Type.String({ minLength: 1, pattern: '^00u[0-9a-zA-Z]{17}$', description: 'Okta user id (20 characters, starts with 00u)' }), {
        label: 'New reviewer ID',
        help: 'The user (00u…) who takes the reviews over.',
        required: true,
        example: '00u31c7qMRUfrhdew0g4',
      }),
      reviewIds: bodyField('/reviewIds', Type.Array(reviewIdSchema, { minItems: 1, maxItems: 50 }), {
        label: 'Review IDs',
        help: '1–50 undecided reviews (icr…) of this campaign.',
        required: true,
        example: ['icrhdk4Lwhd2bBRQe0g2', 'icrhew4DFTxygUUgE0g2'],
      }),
      note: bodyField('/note', Type.String({ minLength: 1, maxLength: 300 }), {
        label: 'Note',
        help: 'Why the reviews move, 1–300 characters; the new reviewer sees it.',
        required: true,
        example: 'Maria is on leave this month; her manager reviews instead.',
      }),
      reviewerLevel: bodyField('/reviewerLevel', enumOf(['FIRST', 'SECOND']), {
        label: 'Reviewer level',
        help: 'Optional, for multi-level campaigns: reassign the FIRST or the SECOND level.',
      }),
    },
    answer: list({ item: review, paginated: false, itemOutputs: reviewOutputs }),
  },
]);
