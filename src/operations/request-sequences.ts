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
import { defineOperations } from '../model/operation.ts';
import { out, pathParam } from '../model/fields.ts';
import { docsLink } from '../model/docs.ts';
import { hex24 } from '../model/ids.ts';
import { resourceIdParam } from './request-conditions.ts';
import { loose } from './tolerant-shapes.ts';

const family = 'Request sequences';
const docs = (id: string) => docsLink('governance.requests.admin.v2', 'Request-Sequences', id);
const read = ['okta.accessRequests.condition.read'];
const manage = ['okta.accessRequests.condition.manage'];
const adminRoles = ['ACCESS_REQUESTS_ADMIN'];

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

export const requestSequenceOperations = defineOperations([
  {
    id: 'listResourceRequestSequencesV2',
    title: 'List request sequences',
    family,
    description: 'List the approval sequences a request condition of an app can use, with their names and ids.',
    docs: docs('listResourceRequestSequencesV2'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceId}/request-sequences',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: { resourceId: resourceIdParam },
    response: null,
    list: { item: requestSequence, paginated: false, itemOutputs: sequenceOutputs },
    outputs: {},
  },
  {
    id: 'getResourceRequestSequenceV2',
    title: 'Get request sequence',
    family,
    description: 'Read one approval sequence usable for an app: its name, what it does and where to edit it.',
    docs: docs('getResourceRequestSequenceV2'),
    lifecycle: 'GA',
    method: 'GET',
    path: '/governance/api/v2/resources/{resourceId}/request-sequences/{sequenceId}',
    successStatus: 200,
    scopes: read,
    adminRoles,
    inputs: { resourceId: resourceIdParam, sequenceId: sequenceIdParam },
    response: requestSequence,
    outputs: sequenceOutputs,
  },
  {
    id: 'deleteRequestSequenceV2',
    title: 'Delete request sequence',
    family,
    description: 'Delete an approval sequence from the org, by its id. Request conditions that still name it need another sequence.',
    docs: docs('deleteRequestSequenceV2'),
    lifecycle: 'GA',
    method: 'DELETE',
    path: '/governance/api/v2/request-sequences/{sequenceId}',
    successStatus: 204,
    scopes: manage,
    adminRoles,
    inputs: { sequenceId: sequenceIdParam },
    response: null,
    outputs: {},
  },
]);
