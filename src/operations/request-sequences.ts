/**
 * Request sequences: the approval sequences built in the Access Requests app (who approves, which
 * questions the requester answers). A request condition names one by its id (`approvalSequenceId`),
 * so these cards are how a flow finds that id. Sequences are built in the Access Requests editor,
 * not through the API; each one carries a link to it.
 *
 * API rules worth knowing (API-NOTES §6.1): sequence ids are 24 hexadecimal characters; the lists
 * are not paged.
 */
import { Type } from '@sinclair/typebox';
import { list, noBody, object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { out, pathParam } from '../model/fields.ts';
import { hex24 } from '../model/ids.ts';
import { resourceIdParam } from './request-conditions.ts';
import { loose } from './tolerant-shapes.ts';

const defaults: FamilyDefaults = {
  family: 'Request sequences',
  docs: { api: 'governance.requests.admin.v2', tag: 'Request-Sequences' },
  lifecycle: 'GA',
  adminRoles: ['ACCESS_REQUESTS_ADMIN'],
  scopes: { read: ['okta.accessRequests.condition.read'], manage: ['okta.accessRequests.condition.manage'] },
};

const requestSequence = loose({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  compatibleResourceTypes: Type.Array(Type.String({ description: 'APP or GROUP' })),
  link: Type.String(),
});

const sequenceOutputs = {
  id: out('/id', 'Sequence ID', 'Use it as the approval sequence ID of a request condition.'),
  name: out('/name', 'Name'),
  description: out('/description', 'Description'),
  compatibleResourceTypes: out('/compatibleResourceTypes', 'Usable for', 'APP, GROUP or both.'),
  link: out('/link', 'Editor link', 'Where the sequence is edited in the Access Requests app.'),
};

const sequenceIdParam = pathParam('sequenceId', hex24('Request sequence'), {
  label: 'Sequence ID',
  help: 'The request sequence (24 hexadecimal characters). "List request sequences" gives it.',
  example: '66a1f0c2b9e84d0012ab34cd',
});

export const requestSequenceOperations = defineFamily(defaults, [
  {
    id: 'listResourceRequestSequencesV2',
    title: 'List request sequences',
    description: 'List the approval sequences a request condition of an app can use, with their names and ids.',
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceId}/request-sequences',
    inputs: { resourceId: resourceIdParam },
    answer: list({ item: requestSequence, paginated: false, itemOutputs: sequenceOutputs }),
  },
  {
    id: 'getResourceRequestSequenceV2',
    title: 'Get request sequence',
    description: 'Read one approval sequence usable for an app: its name, what it does and where to edit it.',
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceId}/request-sequences/{sequenceId}',
    inputs: { resourceId: resourceIdParam, sequenceId: sequenceIdParam },
    answer: object(requestSequence, sequenceOutputs),
  },
  {
    id: 'deleteRequestSequenceV2',
    title: 'Delete request sequence',
    description: 'Delete an approval sequence from the org, by its id. Request conditions that still name it need another sequence.',
    method: 'DELETE',
    path: '/governance/api/v2/request-sequences/{sequenceId}',
    inputs: { sequenceId: sequenceIdParam },
    answer: noBody(),
  },
]);
