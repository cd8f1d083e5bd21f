import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_COMMON, PEOPLE_MESSAGES, type Mission } from './mission.ts';

/** A v1 request type id (24 hex) — anything else is a name. */
export const REQUEST_TYPE_ID = '^[a-fA-F0-9]{24}$';
/** A catalog entry id (cen + 17) — anything else is a name. */
export const CATALOG_ENTRY_ID = '^cen[0-9a-zA-Z]{17}$';
/**
 * A catalog entry's request field takes the justification when it is a writable TEXT field whose label
 * matches this (e.g. "Business justification", "What is the business justification?"). A pattern both
 * templates apply as is: the code with RegExp, Workflows with Find Pattern.
 */
export const JUSTIFICATION_LABEL = '[Jj]ustification';
/** What a request field value may hold (request-field-values in the spec). */
export const FIELD_VALUE_MAX = 1000;

/** The two forms of the job; each name is also what the audit row's Job column says. */
export const FILE_ACCESS_REQUEST_FORMS = {
  requestType: 'File an access request (request type)',
  catalog: 'File an access request (catalog)',
} as const;

const input = Type.Object(
  {
    requester: Type.String({ minLength: 1, maxLength: 200, title: 'Requester', description: 'Who needs the access: login, email or 00u… id.', examples: ['ana.lopez@example.com'] }),
    requestType: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        title: 'Request type',
        description: 'v1 requests: an ACTIVE request type, by its exact name or its 24-hex id. Give this or a catalog entry.',
        examples: ['GitHub access'],
      }),
    ),
    catalogEntry: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        title: 'Catalog entry',
        description: 'v2 requests: a requestable catalog entry, by its exact name (top-level entries) or its cen… id (any entry). Give this or a request type.',
        examples: ['Slack'],
      }),
    ),
    subject: Type.String({ minLength: 1, maxLength: 250, title: 'Subject', description: 'What is asked for (1–250 characters).', examples: ['Access to Slack for the Q3 launch'] }),
    justification: Type.String({
      minLength: 1,
      maxLength: 5000,
      title: 'Justification',
      description: 'Why (1–5000 characters): added to the request as a message, or — for a catalog entry that asks for a justification — written into that field with the subject.',
      examples: ['Needed to prepare the Q3 audit reports.'],
    }),
  },
  { additionalProperties: false },
);
export type FileAccessRequestInput = Static<typeof input>;

export const fileAccessRequestMission = {
  name: 'file-access-request',
  title: 'File an access request for a user',
  description:
    'Find the requester (login, email or id) and file an access request on their behalf — against an ACTIVE request type (v1) or a requestable catalog entry (v2), each found by name or id — with the justification: a message on the request, or the catalog entry\'s justification field.',
  input,
  form: ['requester', 'requestType', 'catalogEntry', 'subject', 'justification'],
  cards: [
    'listUsers',
    'listAllRequestTypes',
    'getRequestType',
    'createRequest',
    'createRequestMessage',
    'listAllDefaultEntriesV2',
    'getCatalogEntryV2',
    'getCatalogEntryRequestFieldsV2',
    'createRequestV2',
    'createRequestMessageV2',
  ],
  messages: {
    ...PEOPLE_MESSAGES,
    oneTarget: 'Give exactly one of request type (v1) or catalog entry (v2).',
    unknownRequestType: 'No request type has the name or id "{{name}}". Names must match exactly, as Okta shows them; list them with the listAllRequestTypes card.',
    typeLookupRefused: "Okta didn't return the request type \"{{name}}\" (HTTP {{status}}): {{summary}}",
    inactiveRequestType: 'The request type "{{name}}" is {{status}}: only ACTIVE request types take requests. Publish it first.',
    unknownEntry:
      'No catalog entry has the name or id "{{name}}". Top-level entries are found by their exact name; an entry under another (a role of an app, say) by its cen… id. List them with the listAllDefaultEntriesV2 card.',
    entryLookupRefused: "Okta didn't return the catalog entry \"{{name}}\" (HTTP {{status}}): {{summary}}",
    notRequestable: 'The catalog entry "{{name}}" can\'t be requested itself: request one of the entries under it, by its cen… id.',
    fieldsRefused: "Okta didn't give the request fields of \"{{name}}\" (HTTP {{status}}): {{summary}}",
    unfillableFields: 'The catalog entry "{{name}}" asks for fields this job can\'t fill:{{fields}}\nFile this request in the Okta Access Requests app instead.',
    unfillableField: '{{fields}}\n• {{label}} ({{type}})',
    catalogJustification: '{{subject}}\n\n{{justification}}',
    justificationTooLong: 'The catalog entry "{{name}}" takes the justification in a field of at most 1000 characters, subject included. Shorten the justification.',
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
