import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_COMMON, PEOPLE_MESSAGES, type Mission } from './mission.ts';

const input = Type.Object(
  {
    requester: Type.String({ minLength: 1, maxLength: 200, title: 'Requester', description: 'Who needs the access: login, email or 00u… id.', examples: ['ana.lopez@example.com'] }),
    requestType: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, title: 'Request type', description: 'v1 requests: an ACTIVE request type, by name or 24-hex id.', examples: ['Salesforce access'] }),
    ),
    catalogEntry: Type.Optional(
      Type.String({ minLength: 1, maxLength: 255, title: 'Catalog entry', description: 'v2 requests: a catalog entry, by name or cen… id (instead of a request type).', examples: ['Salesforce'] }),
    ),
    subject: Type.String({ minLength: 1, maxLength: 250, title: 'Subject', description: 'What is asked for (1–250 characters).', examples: ['Access to Salesforce for the Q3 audit'] }),
    justification: Type.String({ minLength: 1, maxLength: 5000, title: 'Justification', description: 'Why: added to the request as a message (1–5000 characters).', examples: ['Needed to prepare the Q3 audit reports.'] }),
  },
  { additionalProperties: false },
);
export type FileAccessRequestInput = Static<typeof input>;

export const fileAccessRequestMission = {
  name: 'file-access-request',
  title: 'File an access request for a user',
  description:
    'Find the requester (login, email or id) and file an access request on their behalf — against a request type (v1) or a catalog entry (v2), both found by name — then add the justification as a message.',
  input,
  form: ['requester', 'requestType', 'catalogEntry', 'subject', 'justification'],
  cards: [
    'listUsers',
    'listAllRequestTypes',
    'getRequestType',
    'createRequest',
    'createRequestMessage',
    'listAllDefaultEntriesV2',
    'getCatalogEntryRequestFieldsV2',
    'createRequestV2',
    'createRequestMessageV2',
  ],
  messages: {
    ...PEOPLE_MESSAGES,
    oneTarget: 'Give exactly one of request type (v1) or catalog entry (v2).',
    unknownRequestType: 'No request type is named "{{name}}". Names must match exactly (case aside); list them with the listAllRequestTypes card.',
    inactiveRequestType: 'The request type "{{name}}" is {{status}}: only ACTIVE request types take requests. Publish it first.',
    unknownEntry: 'No requestable catalog entry is named "{{name}}". Names must match exactly (case aside); list them with the listAllDefaultEntriesV2 card.',
    refused: "Okta didn't file the request (HTTP {{status}}): {{summary}}",
    messageRefused: "The request {{requestId}} was filed, but Okta didn't add the justification (HTTP {{status}}): {{summary}}",
  },
  audit: [
    ...AUDIT_COMMON,
    { key: 'requester', label: 'Requester', type: 'text' },
    { key: 'requested', label: 'Requested (type or entry)', type: 'text' },
    { key: 'requestId', label: 'Request ID', type: 'text' },
  ],
} as const satisfies Mission;
