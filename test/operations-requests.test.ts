/** Access requests, request types and catalogs: their input schemas and rules reject what Okta would. */
import { createAjv, type ValidateFunction } from '../src/model/ajv.ts';
import { describe, expect, it } from 'vitest';
import { compileCard } from '../src/compile/card.ts';
import { inputSchema, type JsonSchema } from '../src/compile/schemas.ts';
import type { Operation, RuleContext } from '../src/model/operation.ts';
import { catalogOperations } from '../src/operations/catalogs.ts';
import { findOperation } from '../src/operations/index.ts';
import { requestTypeOperations } from '../src/operations/request-types.ts';
import { requestOperations } from '../src/operations/requests.ts';

const ajv = createAjv();
const validators = new Map<string, ValidateFunction>();
const validatorOf = (id: string) => {
  if (!validators.has(id)) validators.set(id, ajv.compile(inputSchema(findOperation(id)!)));
  return validators.get(id)!;
};

/** The input's errors as "path keyword" lines, or [] when it is valid. */
function errors(id: string, input: Record<string, unknown>): string[] {
  const validate = validatorOf(id);
  return validate(input) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}`);
}

const ruleMessages = (id: string, body: unknown) => {
  const ctx: RuleContext = { path: {}, query: {}, body, now: new Date('2025-06-01T00:00:00Z') };
  return (findOperation(id)!.rules ?? []).map((r) => r.check(ctx)).filter((m): m is string => m !== null);
};

const ours: readonly Operation[] = [...requestOperations, ...requestTypeOperations, ...catalogOperations];
const hex24 = '65f0a1b2c3d4e5f6a7b8c9d0';
const user = '00u1a2B3c4D5e6F7g8H9';
const entry = 'cen1a2B3c4D5e6F7g8H9';

describe('the 19 access request cards', () => {
  it('are all registered, once, under their official operation ids', () => {
    expect(ours.map((o) => o.id).sort()).toEqual(
      [
        'createRequest', 'listAllRequests', 'getRequest', 'createRequestMessage',
        'createRequestV2', 'listAllRequestsV2', 'getRequestV2', 'createRequestMessageV2',
        'createRequestType', 'listAllRequestTypes', 'getRequestType', 'deleteRequestType',
        'publishRequestType', 'unpublishRequestType', 'listAllRequestTeams',
        'listAllDefaultEntriesV2', 'getCatalogEntryV2', 'listAllDefaultUserEntriesV2', 'getCatalogEntryRequestFieldsV2',
      ].sort(),
    );
    for (const op of ours) expect(findOperation(op.id), op.id).toBe(op);
  });

  it.each(ours.map((o) => [o.id, o] as const))('%s accepts its own example input', (id, op) => {
    const example = (inputSchema(op).examples as JsonSchema[] | undefined)?.[0] ?? {};
    expect(errors(id, example)).toEqual([]);
  });
});

describe('v1 access requests', () => {
  const base = { requestTypeId: hex24, subject: 'Finance app for quarter close' };

  it('take a subject of 1–250 characters and name the field when it is longer or empty', () => {
    expect(errors('createRequest', { ...base, subject: 's'.repeat(250) })).toEqual([]);
    expect(errors('createRequest', { ...base, subject: 's'.repeat(251) })).toEqual(['/subject maxLength']);
    expect(errors('createRequest', { ...base, subject: '' })).toEqual(['/subject minLength']);
  });

  it('reject a request type id or request id that is not 24 hexadecimal characters, naming it', () => {
    expect(errors('createRequest', { ...base, requestTypeId: hex24.slice(1) })).toContain('/requestTypeId minLength');
    expect(errors('createRequest', { ...base, requestTypeId: 'g'.repeat(24) })).toEqual(['/requestTypeId pattern']);
    expect(errors('getRequest', { requestId: 'req1a2B3c4D5e6F7g8H9' })).toContain('/requestId pattern');
    expect(errors('createRequestMessage', { requestId: '../' + hex24.slice(3), message: 'hi' })).toEqual(['/requestId pattern']);
    expect(errors('listAllRequests', { after: 'zz' + hex24.slice(2) })).toEqual(['/after pattern']);
  });

  it('take at most one requester, an Okta user id', () => {
    expect(errors('createRequest', { ...base, requesterUserIds: [user] })).toEqual([]);
    expect(errors('createRequest', { ...base, requesterUserIds: [user, user] })).toEqual(['/requesterUserIds maxItems']);
    expect(errors('createRequest', { ...base, requesterUserIds: ['00g1a2B3c4D5e6F7g8H9'] })).toEqual(['/requesterUserIds/0 pattern']);
  });

  it('take answers as text, a date and time, or a one-item choice, keyed by field uuid', () => {
    const id = '7c0e4b1a-2f3d-4e5a-9b6c-1d2e3f4a5b6c';
    const answers = [{ id, value: 'Quarter close' }, { id, value: '2025-07-01T00:00:00Z' }, { id, value: ['Read only'] }];
    expect(errors('createRequest', { ...base, requesterFieldValues: answers })).toEqual([]);
    expect(errors('createRequest', { ...base, requesterFieldValues: [{ id, value: ['a', 'b'] }] })).not.toEqual([]);
    expect(errors('createRequest', { ...base, requesterFieldValues: [{ id: 'q1', value: 'x' }] })).toContain('/requesterFieldValues/0/id format');
  });

  it('take messages of 1–5000 characters', () => {
    expect(errors('createRequestMessage', { requestId: hex24, message: 'm'.repeat(5000) })).toEqual([]);
    expect(errors('createRequestMessage', { requestId: hex24, message: 'm'.repeat(5001) })).toEqual(['/message maxLength']);
    expect(errors('createRequestMessageV2', { requestId: 'req1a2B3c4D5e6F7g8H9', message: '' })).toEqual(['/message minLength']);
  });

  it('order lists only by created or lastUpdated', () => {
    expect(errors('listAllRequests', { orderBy: 'lastUpdated desc' })).toEqual([]);
    expect(errors('listAllRequests', { orderBy: 'created' })).toEqual([]);
    expect(errors('listAllRequests', { orderBy: 'subject asc' })).toEqual(['/orderBy pattern']);
  });
});

describe('v2 catalog access requests', () => {
  const friendly = { entryId: entry, requestedForUserId: user };
  const apiForm = {
    requested: { type: 'CATALOG_ENTRY', entryId: entry },
    requestedFor: { type: 'OKTA_USER', externalId: user },
  };

  it('take what and for whom either as friendly ids or in the API form', () => {
    expect(errors('createRequestV2', friendly)).toEqual([]);
    expect(errors('createRequestV2', apiForm)).toEqual([]);
    expect(errors('createRequestV2', { entryId: entry, requestedFor: apiForm.requestedFor })).toEqual([]);
  });

  it('reject the entry given twice (entryId and requested together)', () => {
    expect(errors('createRequestV2', { ...friendly, requested: apiForm.requested })).toContain('/ oneOf');
    expect(errors('createRequestV2', { ...friendly, requestedFor: apiForm.requestedFor })).toContain('/ oneOf');
  });

  it('reject a request that names no entry or no user', () => {
    expect(errors('createRequestV2', { requestedForUserId: user })).toContain('/ oneOf');
    expect(errors('createRequestV2', { entryId: entry })).toContain('/ oneOf');
  });

  it('check id shapes: cen… entries, 00u… users, req… requests', () => {
    expect(errors('createRequestV2', { ...friendly, entryId: '00g1a2B3c4D5e6F7g8H9' })).toEqual(['/entryId pattern']);
    expect(errors('createRequestV2', { ...friendly, requestedForUserId: 'cen1a2B3c4D5e6F7g8H' })).toContain('/requestedForUserId minLength');
    expect(errors('createRequestV2', { ...apiForm, requestedFor: { type: 'GROUP', externalId: user } })).toContain('/requestedFor/type enum');
    expect(errors('getRequestV2', { requestId: hex24 })).toContain('/requestId pattern');
  });

  it('place the friendly ids where the API wants them, with the discriminators set', () => {
    const card = compileCard(findOperation('createRequestV2')!);
    const to = (key: string) => card.inputs.find((i) => i.key === key)?.to;
    expect(to('entryId')).toEqual({ in: 'body', pointer: '/requested/entryId', set: { '/requested/type': 'CATALOG_ENTRY' } });
    expect(to('requestedForUserId')).toEqual({ in: 'body', pointer: '/requestedFor/externalId', set: { '/requestedFor/type': 'OKTA_USER' } });
    expect(card.inputs.filter((i) => i.advanced).map((i) => i.key).sort()).toEqual(['requested', 'requestedFor']);
    expect(card.oneOf).toEqual([['entryId', 'requested'], ['requestedForUserId', 'requestedFor']]);
  });
});

describe('request types', () => {
  const base = {
    name: 'Finance reporting access',
    ownerId: hex24,
    resourceSettings: { type: 'APPS', targetResources: [{ resourceId: '0oa1a2B3c4D5e6F7g8H9' }] },
    approvalSettings: { type: 'NONE' },
  };

  it('accept each kind of resource with an id of that kind, and the rule finds nothing to say', () => {
    for (const [type, id] of [['APPS', '0oa1a2B3c4D5e6F7g8H9'], ['GROUPS', '00g1a2B3c4D5e6F7g8H9'], ['ENTITLEMENT_BUNDLES', 'enb1a2B3c4D5e6F7g8H9']]) {
      const input = { ...base, resourceSettings: { type, targetResources: [{ resourceId: id }] } };
      expect(errors('createRequestType', input)).toEqual([]);
      expect(ruleMessages('createRequestType', input)).toEqual([]);
    }
  });

  it('reject a target whose id is of another kind than the type, naming the field and the prefix to use', () => {
    const input = { ...base, resourceSettings: { type: 'GROUPS', targetResources: [{ resourceId: '0oa1a2B3c4D5e6F7g8H9' }] } };
    expect(errors('createRequestType', input)).toEqual([]);
    const [message, ...more] = ruleMessages('createRequestType', input);
    expect(more).toEqual([]);
    expect(message).toContain('resourceSettings.targetResources[0].resourceId');
    expect(message).toContain('00g');
    const bundle = { ...base, resourceSettings: { type: 'ENTITLEMENT_BUNDLES', targetResources: [{ resourceId: '00g1a2B3c4D5e6F7g8H9' }] } };
    expect(ruleMessages('createRequestType', bundle)[0]).toContain('enb');
  });

  it('take exactly one target resource', () => {
    const two = { type: 'APPS', targetResources: [{ resourceId: '0oa1a2B3c4D5e6F7g8H9' }, { resourceId: '0oa9a2B3c4D5e6F7g8H9' }] };
    expect(errors('createRequestType', { ...base, resourceSettings: two })).toEqual(['/resourceSettings/targetResources maxItems']);
    expect(errors('createRequestType', { ...base, resourceSettings: { type: 'APPS', targetResources: [] } })).toEqual([
      '/resourceSettings/targetResources minItems',
    ]);
    expect(ruleMessages('createRequestType', { resourceSettings: two })[0]).toMatch(/exactly one resource, not 2/);
  });

  it('take 1–5 serial approval steps of the four kinds, or none', () => {
    const steps = [
      { approverType: 'MANAGER', approverFields: [{ type: 'TEXT', prompt: 'Why approve?' }] },
      { approverType: 'USER', approverUserId: user, description: 'Data owner' },
      { approverType: 'MEMBER_OF', approverMemberOf: ['00g1a2B3c4D5e6F7g8H9'] },
      { approverType: 'RESOURCE_OWNER' },
    ];
    expect(errors('createRequestType', { ...base, approvalSettings: { type: 'SERIAL', approvals: steps } })).toEqual([]);
    const six = { type: 'SERIAL', approvals: [...steps, ...steps.slice(0, 2)] };
    expect(errors('createRequestType', { ...base, approvalSettings: six })).toContain('/approvalSettings/approvals maxItems');
    const userWithoutId = { type: 'SERIAL', approvals: [{ approverType: 'USER' }] };
    expect(errors('createRequestType', { ...base, approvalSettings: userWithoutId })).toContain('/approvalSettings anyOf');
  });

  it('take up to 5 requester questions; a choice needs 1–25 options', () => {
    const select = { type: 'SELECT', prompt: 'Which role?', options: [{ value: 'Reader' }, { value: 'Editor' }] };
    const settings = (fields: unknown[]) => ({ ...base, requestSettings: { type: 'EVERYONE', requesterFields: fields } });
    expect(errors('createRequestType', settings([select, { type: 'DATE-TIME', prompt: 'Until when?', required: false }]))).toEqual([]);
    expect(errors('createRequestType', settings(Array(6).fill(select)))).toContain('/requestSettings anyOf');
    expect(errors('createRequestType', settings([{ ...select, options: [] }]))).toContain('/requestSettings anyOf');
  });

  it('check name, owner and access duration', () => {
    expect(errors('createRequestType', { ...base, name: 'n'.repeat(51) })).toEqual(['/name maxLength']);
    expect(errors('createRequestType', { ...base, ownerId: 'IT' })).toContain('/ownerId pattern');
    expect(errors('createRequestType', { ...base, accessDuration: 'P40D' })).toEqual([]);
    expect(errors('createRequestType', { ...base, accessDuration: 'PT12H' })).toEqual([]);
    expect(errors('createRequestType', { ...base, accessDuration: '40 days' })).toEqual(['/accessDuration pattern']);
    expect(errors('createRequestType', { ...base, status: 'DISABLED' })).toEqual(['/status enum']);
  });

  it('act on a request type by its 24-hex id', () => {
    for (const id of ['getRequestType', 'deleteRequestType', 'publishRequestType', 'unpublishRequestType']) {
      expect(errors(id, { requestTypeId: hex24 })).toEqual([]);
      expect(errors(id, { requestTypeId: hex24 + '0' }), id).toContain('/requestTypeId maxLength');
    }
  });
});

describe('catalogs', () => {
  it('need a filter on the entry lists', () => {
    expect(errors('listAllDefaultEntriesV2', {})).toEqual(['/ required']);
    expect(errors('listAllDefaultEntriesV2', { filter: 'not(parent pr)' })).toEqual([]);
    expect(errors('listAllDefaultUserEntriesV2', { userId: user, filter: `parent eq "${entry}"` })).toEqual([]);
    expect(errors('listAllDefaultUserEntriesV2', { userId: user })).toEqual(['/ required']);
  });

  it('search with 3–50 characters, pages of 1–200 with no invented default, cursors of 20 characters', () => {
    const list = { filter: 'not(parent pr)' };
    expect(errors('listAllDefaultEntriesV2', { ...list, match: 'fi' })).toEqual(['/match minLength']);
    expect(errors('listAllDefaultEntriesV2', { ...list, match: 'f'.repeat(51) })).toEqual(['/match maxLength']);
    expect(errors('listAllDefaultEntriesV2', { ...list, limit: 201 })).toEqual(['/limit maximum']);
    expect(errors('listAllDefaultEntriesV2', { ...list, after: entry.slice(1) })).toEqual(['/after minLength']);
    const props = inputSchema(findOperation('listAllDefaultEntriesV2')!).properties as Record<string, JsonSchema>;
    expect(props.limit).not.toHaveProperty('default');
  });

  it('read request fields as one result: the questions and the risk verdict', () => {
    const card = compileCard(findOperation('getCatalogEntryRequestFieldsV2')!);
    expect(card.list).toBeNull();
    expect(card.outputs.map((o) => [o.key, o.type])).toEqual([
      ['fields', 'list of objects'],
      ['requestSubmissionType', 'text'],
      ['riskRules', 'list of objects'],
      ['response', 'object'],
    ]);
    expect(errors('getCatalogEntryRequestFieldsV2', { entryId: entry, userId: user })).toEqual([]);
    expect(errors('getCatalogEntryRequestFieldsV2', { entryId: user, userId: entry })).toEqual(['/entryId pattern', '/userId pattern']);
  });
});
