/**
 * "File an access request for a user", the code template: the same job, rules and messages as the
 * Workflows template built from the same mission (src/missions/file-access-request.ts).
 */
import {
  CATALOG_ENTRY_ID,
  FIELD_VALUE_MAX,
  FILE_ACCESS_REQUEST_FORMS,
  JUSTIFICATION_LABEL,
  REQUEST_TYPE_ID,
  fileAccessRequestMission as mission,
  type FileAccessRequestInput,
} from '../missions/file-access-request.ts';
import { say } from '../missions/mission.ts';
import { OktaApiError } from '../model/errors.ts';
import { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';
import { findPerson, type Person } from './people.ts';

export type { FileAccessRequestInput };

const { name, messages } = mission;

/** Okta's refusal, told with the mission's message after the card's id; still an OktaApiError (CLI exit code 1). */
function withMessage(error: unknown, message: string, values: Record<string, string>): unknown {
  // Still led by the card's id, as every OktaApiError message is.
  if (error instanceof OktaApiError) error.message = `${error.card}: ${say(message, { ...values, status: error.status, summary: error.errorSummary })} (${error.message.replace(`${error.card}: `, '')})`;
  return error;
}

const told = <T>(call: Promise<T>, message: string, values: Record<string, string> = {}): Promise<T> =>
  call.catch((error: unknown) => {
    throw withMessage(error, message, values);
  });

/** The audit record of a run: the mission's audit columns but `when`. */
export interface FileAccessRequestAudit {
  job: string;
  startedBy: string;
  outcome: string;
  requester: string;
  requested: string;
  requestId: string;
}

export interface FiledRequest {
  requestId: string;
  status: string;
  version: 'v1' | 'v2';
  requester: Person;
  requested: { kind: 'requestType' | 'catalogEntry'; id: string; name: string };
  /** How the justification travelled: as a message on the request, or in the entry's justification field. */
  justification: 'message' | 'field';
  audit: FileAccessRequestAudit;
}

interface Named {
  id: string;
  name: string;
}

async function findRequestType(ctx: FlowContext, given: string): Promise<Named & { status: string }> {
  const unknown = () => new FlowInputError(name, 'requestType', say(messages.unknownRequestType, { name: given }));
  if (new RegExp(REQUEST_TYPE_ID).test(given)) {
    const { body } = await ctx.run('getRequestType', { requestTypeId: given }).catch((error: unknown) => {
      throw error instanceof OktaApiError && error.status === 404 ? unknown() : withMessage(error, messages.typeLookupRefused, { name: given });
    });
    return body as Named & { status: string };
  }
  for await (const type of ctx.iterate('listAllRequestTypes', {})) {
    if (type.name === given) return type as unknown as Named & { status: string };
  }
  throw unknown();
}

interface CatalogEntry extends Named {
  requestable?: boolean;
}

/** By id (any entry), or by exact name among the top-level entries — the only ones the spec's filter lists. */
async function findEntry(ctx: FlowContext, given: string): Promise<CatalogEntry> {
  const unknown = () => new FlowInputError(name, 'catalogEntry', say(messages.unknownEntry, { name: given }));
  if (new RegExp(CATALOG_ENTRY_ID).test(given)) {
    const { body } = await ctx.run('getCatalogEntryV2', { entryId: given }).catch((error: unknown) => {
      throw error instanceof OktaApiError && error.status === 404 ? unknown() : withMessage(error, messages.entryLookupRefused, { name: given });
    });
    return body as CatalogEntry;
  }
  for await (const entry of ctx.iterate('listAllDefaultEntriesV2', { filter: 'not(parent pr)' })) {
    if (entry.name === given) return entry as unknown as CatalogEntry;
  }
  throw unknown();
}

export interface RequestField {
  id: string;
  type: string;
  label?: string;
  required?: boolean;
  readOnly?: boolean;
}

/**
 * Which field takes the justification (the first writable TEXT field labelled as one), and the
 * required writable fields nothing here can fill — read-only fields carry the admin's values.
 */
export function sortFields(fields: readonly RequestField[]): { justificationField?: string; unfillable: RequestField[] } {
  const labelled = new RegExp(JUSTIFICATION_LABEL);
  let justificationField: string | undefined;
  const unfillable: RequestField[] = [];
  for (const field of fields) {
    if (field.readOnly) continue;
    if (field.type === 'TEXT' && justificationField === undefined && labelled.test(field.label ?? '')) justificationField = field.id;
    else if (field.required !== false) unfillable.push(field);
  }
  return { justificationField, unfillable };
}

async function fileV1(ctx: FlowContext, given: FileAccessRequestInput, requester: Person): Promise<Omit<FiledRequest, 'audit'>> {
  const type = await findRequestType(ctx, given.requestType!);
  if (type.status !== 'ACTIVE') throw new FlowInputError(name, 'requestType', say(messages.inactiveRequestType, { name: type.name, status: type.status }));
  ctx.progress(`filing "${given.subject}" for ${requester.login} with request type ${type.name}`);
  const { body } = await told(ctx.run('createRequest', { requestTypeId: type.id, subject: given.subject, requesterUserIds: [requester.id] }), messages.refused);
  const request = body as { id: string; requestStatus: string };
  await told(ctx.run('createRequestMessage', { requestId: request.id, message: given.justification }), messages.messageRefused, { requestId: request.id });
  return { requestId: request.id, status: request.requestStatus, version: 'v1', requester, requested: { kind: 'requestType', id: type.id, name: type.name }, justification: 'message' };
}

async function fileV2(ctx: FlowContext, given: FileAccessRequestInput, requester: Person): Promise<Omit<FiledRequest, 'audit'>> {
  const entry = await findEntry(ctx, given.catalogEntry!);
  if (entry.requestable !== true) throw new FlowInputError(name, 'catalogEntry', say(messages.notRequestable, { name: entry.name }));
  const { outputs } = await told(ctx.run('getCatalogEntryRequestFieldsV2', { entryId: entry.id, userId: requester.id }), messages.fieldsRefused, { name: entry.name });
  const { justificationField, unfillable } = sortFields((outputs.fields ?? []) as RequestField[]);
  if (unfillable.length) {
    const fields = unfillable.reduce((text, f) => say(messages.unfillableField, { fields: text, label: f.label ?? '', type: f.type }), '');
    throw new FlowInputError(name, 'catalogEntry', say(messages.unfillableFields, { name: entry.name, fields }));
  }
  const text = say(messages.catalogJustification, { subject: given.subject, justification: given.justification });
  if (justificationField && text.length > FIELD_VALUE_MAX) throw new FlowInputError(name, 'justification', say(messages.justificationTooLong, { name: entry.name }));
  ctx.progress(`requesting catalog entry ${entry.name} for ${requester.login}`);
  const { body } = await told(
    ctx.run('createRequestV2', {
      entryId: entry.id,
      requestedForUserId: requester.id,
      ...(justificationField ? { requesterFieldValues: [{ id: justificationField, value: text }] } : {}),
    }),
    messages.refused,
  );
  const request = body as { id: string; status: string };
  if (!justificationField) await told(ctx.run('createRequestMessageV2', { requestId: request.id, message: text }), messages.messageRefused, { requestId: request.id });
  return {
    requestId: request.id,
    status: request.status,
    version: 'v2',
    requester,
    requested: { kind: 'catalogEntry', id: entry.id, name: entry.name },
    justification: justificationField ? 'field' : 'message',
  };
}

/** `startedBy` goes into the audit record (the Workflows forms write the admin's user id there). */
export async function fileAccessRequest(ctx: FlowContext, given: FileAccessRequestInput, startedBy = 'code'): Promise<FiledRequest> {
  if (Boolean(given.requestType) === Boolean(given.catalogEntry)) throw new FlowInputError(name, 'requestType', messages.oneTarget);
  const requester = await findPerson(ctx, name, 'requester', given.requester);
  const filed = given.requestType ? await fileV1(ctx, given, requester) : await fileV2(ctx, given, requester);
  return {
    ...filed,
    audit: {
      job: given.requestType ? FILE_ACCESS_REQUEST_FORMS.requestType : FILE_ACCESS_REQUEST_FORMS.catalog,
      startedBy,
      outcome: 'filed',
      requester: requester.login,
      requested: filed.requested.name,
      requestId: filed.requestId,
    },
  };
}

export const fileAccessRequestFlow: FlowTemplate<FileAccessRequestInput, FiledRequest> = {
  name,
  title: mission.title,
  description: mission.description,
  cards: [...mission.cards],
  input: mission.input,
  run: (ctx, given) => fileAccessRequest(ctx, given),
};
