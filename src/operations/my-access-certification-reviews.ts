/**
 * My access certification reviews: what a reviewer sees while certifying an AI agent's access in a
 * campaign. An agent reaches other systems through managed connections (a custom authorization
 * server it asserts identity to, a vaulted secret, or an app service account); this card lists them
 * so the reviewer knows what approving the agent's access means. It is an end-user call: it acts as
 * the token's user, who must be a reviewer of that review.
 *
 * API rules worth knowing (API-NOTES §6.1, §6.6): campaign ids start with ici, review ids with icr;
 * each connection's `connectionType` says which of authorizationServer, secret or app +
 * serviceAccount it carries. The list is paged.
 */
import { Type } from '@sinclair/typebox';
import { list } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { listControls, out, pathParam } from '../model/fields.ts';
import { anyOktaId, oktaId } from '../model/ids.ts';
import { loose } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'My access certification reviews',
  docs: { api: 'governance.api', tag: 'My-Access-Certification-Reviews' },
  lifecycle: 'BETA',
  // End-user calls: no admin role; they act as the connection's own user.
  adminRoles: [],
  scopes: { read: ['okta.governance.reviewer.read'] },
};

export const managedConnectionTypes = ['IDENTITY_ASSERTION_CUSTOM_AS', 'STS_VAULT_SECRET', 'STS_SERVICE_ACCOUNT'] as const;

const named = loose({ orn: Type.String(), name: Type.String() });

const managedConnection = loose({
  id: Type.String(),
  orn: Type.String(),
  status: Type.String({ description: 'ACTIVE or INACTIVE' }),
  connectionType: Type.String({ description: managedConnectionTypes.join(', ') }),
  authorizationServer: loose({ orn: Type.String(), name: Type.String(), issuerUrl: Type.String() }),
  secret: named,
  app: named,
  serviceAccount: named,
});

export const myAccessCertificationReviewOperations = defineFamily(defaults, [
  {
    id: 'listMyManagedConnections',
    title: 'List managed connections of agent in my review',
    description:
      'List the managed connections of an AI agent under review — the authorization servers, vaulted secrets and app service accounts it uses — in a campaign review assigned to the connection\'s own user.',
    method: 'GET',
    path: '/governance/api/v1/my/campaigns/{campaignId}/reviews/{reviewId}/agent-managed-connections/{agentId}',
    inputs: {
      campaignId: pathParam('campaignId', oktaId('ici', 'Campaign'), {
        label: 'Campaign ID',
        help: 'The campaign (ici…) the review belongs to.',
        example: 'ici8f3sDz4AwOe9Rv0g7',
      }),
      reviewId: pathParam('reviewId', oktaId('icr', 'Review'), {
        label: 'Review ID',
        help: 'The review (icr…) of the AI agent, assigned to me.',
        example: 'icr8f3tEa5BxPf0Sw0g7',
      }),
      agentId: pathParam('agentId', anyOktaId('AI agent'), {
        label: 'Agent ID',
        help: 'The AI agent under review (20 characters, e.g. wlp…).',
        example: 'wlp8f3uFb6CyQg1Tx0g7',
      }),
      limit: listControls.limit(200, 20),
      after: listControls.after(),
    },
    answer: list({
      item: managedConnection,
      paginated: true,
      itemOutputs: {
        id: out('/id', 'Connection ID'),
        connectionType: out('/connectionType', 'Kind', managedConnectionTypes.join(', ') + '.'),
        status: out('/status', 'Status'),
        orn: out('/orn', 'Connection ORN'),
        authorizationServerName: out('/authorizationServer/name', 'Authorization server', 'For IDENTITY_ASSERTION_CUSTOM_AS.'),
        secretName: out('/secret/name', 'Vaulted secret', 'For STS_VAULT_SECRET.'),
        appName: out('/app/name', 'App', 'For STS_SERVICE_ACCOUNT.'),
        serviceAccountName: out('/serviceAccount/name', 'Service account', 'For STS_SERVICE_ACCOUNT.'),
      },
    }),
  },
]);
