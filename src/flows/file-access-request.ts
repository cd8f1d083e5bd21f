import { Type, type Static } from '@sinclair/typebox';
import { FlowInputError, type FlowContext, type FlowTemplate } from './context.ts';
import { findPerson } from './people.ts';

const name = 'file-access-request';
const HEX24 = /^[a-fA-F0-9]{24}$/;

const input = Type.Object(
  {
    requester: Type.String({ minLength: 1, maxLength: 200, description: 'Who needs the access: login, email or 00u… id.' }),
    requestType: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'An ACTIVE request type, by name or 24-hex id (v1 requests).' })),
    catalogEntryId: Type.Optional(Type.String({ pattern: '^cen[0-9a-zA-Z]{17}$', description: 'A catalog entry (cen…) to request instead (v2 requests).' })),
    subject: Type.String({ minLength: 1, maxLength: 250 }),
    justification: Type.String({ minLength: 1, maxLength: 5000, description: 'Why: added to the request as a message.' }),
  },
  { additionalProperties: false },
);
export type FileAccessRequestInput = Static<typeof input>;

export interface FiledRequest {
  requestId: string;
  status: string;
  version: 'v1' | 'v2';
  requester: { id: string; login: string };
  requestTypeId?: string;
  catalogEntryId?: string;
  message: string;
}

async function findRequestType(ctx: FlowContext, nameOrId: string): Promise<{ id: string; name: string; status: string }> {
  if (HEX24.test(nameOrId)) {
    const { body } = await ctx.run('getRequestType', { requestTypeId: nameOrId });
    return body as { id: string; name: string; status: string };
  }
  const wanted = nameOrId.toLowerCase();
  for await (const type of ctx.iterate('listAllRequestTypes', {})) {
    if (String(type.name).toLowerCase() === wanted) return type as { id: string; name: string; status: string };
  }
  throw new FlowInputError(name, 'requestType', `names "${nameOrId}", but no request type has that name; list them with the listAllRequestTypes card`);
}

export async function fileAccessRequest(ctx: FlowContext, given: FileAccessRequestInput): Promise<FiledRequest> {
  if (Boolean(given.requestType) === Boolean(given.catalogEntryId)) {
    throw new FlowInputError(name, 'requestType', 'or catalogEntryId: give exactly one (a request type for a v1 request, a catalog entry for a v2 request)');
  }
  const requester = await findPerson(ctx, name, 'requester', given.requester);
  if (given.requestType) {
    const type = await findRequestType(ctx, given.requestType);
    if (type.status !== 'ACTIVE') {
      throw new FlowInputError(name, 'requestType', `"${type.name}" is ${type.status}; only ACTIVE request types take requests: publish it first`);
    }
    ctx.progress(`filing "${given.subject}" for ${requester.login} with request type ${type.name}`);
    const { body } = await ctx.run('createRequest', { requestTypeId: type.id, subject: given.subject, requesterUserIds: [requester.id] });
    const request = body as { id: string; requestStatus: string };
    await ctx.run('createRequestMessage', { requestId: request.id, message: given.justification });
    return { requestId: request.id, status: request.requestStatus, version: 'v1', requester, requestTypeId: type.id, message: given.justification };
  }
  ctx.progress(`requesting catalog entry ${given.catalogEntryId} for ${requester.login}`);
  const { body } = await ctx.run('createRequestV2', { entryId: given.catalogEntryId, requestedForUserId: requester.id });
  const request = body as { id: string; status: string };
  await ctx.run('createRequestMessageV2', { requestId: request.id, message: `${given.subject}\n\n${given.justification}` });
  return { requestId: request.id, status: request.status, version: 'v2', requester, catalogEntryId: given.catalogEntryId!, message: given.justification };
}

export const fileAccessRequestFlow: FlowTemplate<FileAccessRequestInput, FiledRequest> = {
  name,
  title: 'File an access request',
  description: 'Resolve the requester, file a request against a request type (v1) or a catalog entry (v2), and add the justification as a message.',
  cards: ['listUsers', 'getUser', 'listAllRequestTypes', 'getRequestType', 'createRequest', 'createRequestMessage', 'createRequestV2', 'createRequestMessageV2'],
  input,
  run: fileAccessRequest,
};
