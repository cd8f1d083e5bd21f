/**
 * Org-wide and per-person settings: the org's governance settings, the v2 request settings (org and
 * per app), delegate appointments (gda…; at most one per delegator, never oneself), and the public
 * `/.well-known/okta-organization` document every Okta org serves.
 */
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../core.ts';
import type { Doc } from '../state.ts';
import { invalid } from '../validate.ts';
import { errors } from '../wire.ts';
import { found, json, requireUser, stringEnum, type Route } from './common.ts';
import { audit, bodyOf, docs, listReply, principalProfile } from './kit.ts';

const V1 = '/governance/api/v1';
const V2 = '/governance/api/v2';

const permission = Type.Array(stringEnum(['READ', 'WRITE'] as const), { minItems: 1, maxItems: 1 });
const orgSettingsBody = Type.Object({
  delegates: Type.Optional(Type.Object({ enduser: Type.Optional(Type.Object({ permissions: Type.Optional(permission) })) })),
  governanceAI: Type.Optional(Type.Object({ securityAccessReview: Type.Optional(Type.Object({ enabled: Type.Optional(Type.Boolean()) })) })),
  escalations: Type.Optional(Type.Object({ accessRequests: Type.Optional(Type.Object({ endUserCanEscalate: Type.Optional(Type.Boolean()) })) })),
});
const appointmentIn = Type.Object({
  delegate: Type.Object({ externalId: Type.String({ minLength: 20, maxLength: 20, pattern: '^00u[0-9a-zA-Z]+$' }), type: stringEnum(['OKTA_USER'] as const) }),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
  startTime: Type.Optional(Type.String({ format: 'date-time' })),
  endTime: Type.Optional(Type.String({ format: 'date-time' })),
});
const delegatesBody = Type.Object({ delegates: Type.Optional(Type.Object({ appointments: Type.Optional(Type.Union([Type.Array(appointmentIn, { maxItems: 1 }), Type.Null()])) })) });
const orgRequestBody = Type.Object({ subprocessorsAcknowledged: Type.Boolean() });
const resourceRequestBody = Type.Object({
  // The recorded PATCH sends requestOnBehalfOfSettings: null, which the real server accepts (as "leave it").
  requestOnBehalfOfSettings: Type.Optional(Type.Union([Type.Object({ allowed: Type.Boolean(), onlyFor: Type.Optional(Type.Union([Type.Array(stringEnum(['DIRECT_REPORT'] as const), { minItems: 1 }), Type.Null()])) }), Type.Null()])),
  riskSettings: Type.Optional(Type.Object({
    defaultSetting: Type.Object({
      requestSubmissionType: stringEnum(['ALLOWED_WITH_NO_OVERRIDES', 'ALLOWED_WITH_OVERRIDES', 'RESTRICTED'] as const),
      approvalSequenceId: Type.Optional(Type.String({ minLength: 24, maxLength: 24 })),
      // API-NOTES §7.1: the real server accepts accessDurationSettings: null.
      accessDurationSettings: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])),
    }),
  })),
});

export function defaultOrgSettings(): Doc {
  return { delegates: { enduser: { permissions: ['WRITE'] } }, governanceAI: { securityAccessReview: { enabled: true } }, escalations: { accessRequests: { endUserCanEscalate: false } } };
}

export function defaultOrgRequestSettings(): Doc {
  return { subprocessorsAcknowledged: true, provisioningStatus: 'PROVISIONED', requestExperiences: ['CATALOG', 'ADMIN_ROLES'], longTimePastProvisioned: false };
}

/** Deep merge of a PATCH body into a settings document (objects merge, everything else replaces). */
function merge(target: Doc, patch: Doc): Doc {
  for (const [k, v] of Object.entries(patch)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object') merge(target[k], v);
    else target[k] = v;
  }
  return target;
}

function appointmentsOf(ctx: Ctx, delegatorId: string): Doc[] {
  return [...docs(ctx, 'delegates').values()].filter((d) => d.delegator.externalId === delegatorId);
}

function renderAppointment(a: Doc): Doc {
  return { ...a };
}

/** Replaces the delegate appointment of a delegator (an empty list or null removes it). */
function setAppointments(ctx: Ctx, delegatorId: string, body: Doc): Doc[] {
  const wanted: Doc[] | null | undefined = body.delegates?.appointments;
  if (wanted === undefined) return appointmentsOf(ctx, delegatorId);
  for (const old of appointmentsOf(ctx, delegatorId)) docs(ctx, 'delegates').delete(old.id);
  return (wanted ?? []).map((w, i) => {
    requireUser(ctx, w.delegate.externalId, `/delegates/appointments/${i}/delegate/externalId`);
    if (w.delegate.externalId === delegatorId) invalid(`/delegates/appointments/${i}/delegate/externalId`, 'a person can not be their own delegate', 'INVALID_VALUE');
    if (w.startTime && w.endTime && Date.parse(w.endTime) <= Date.parse(w.startTime)) invalid(`/delegates/appointments/${i}/endTime`, 'must be after startTime', 'INVALID_VALUE');
    const a: Doc = { delegator: { externalId: delegatorId, type: 'OKTA_USER' }, id: ctx.core.ids.okta('gda'), delegate: { ...w.delegate }, ...(w.note ? { note: w.note } : {}), ...(w.startTime ? { startTime: w.startTime } : {}), ...(w.endTime ? { endTime: w.endTime } : {}), ...audit(ctx) };
    docs(ctx, 'delegates').set(a.id, a);
    return a;
  });
}

export function addAppointment(ctx: Ctx, delegatorId: string, delegateId: string, note: string): Doc {
  return setAppointments(ctx, delegatorId, { delegates: { appointments: [{ delegate: { externalId: delegateId, type: 'OKTA_USER' }, note }] } })[0]!;
}

function requestSettingsOf(ctx: Ctx, resourceId: string): Doc {
  const app = ctx.core.state.apps.get(resourceId) ?? ctx.core.state.groups.get(resourceId);
  if (!app) throw errors.notFound(`${resourceId} (Resource)`);
  let s = docs(ctx, 'resourceRequestSettings').get(resourceId);
  if (!s) {
    s = {
      id: resourceId,
      validAccessScopeSettings: [{ type: 'RESOURCE_DEFAULT' }, { type: 'ENTITLEMENT_BUNDLES' }],
      validRequesterSettings: [{ type: 'EVERYONE' }, { type: 'GROUPS' }],
      validAccessDurationSettings: { supportedTypes: [{ type: 'ADMIN_FIXED_DURATION' }, { type: 'REQUESTER_SPECIFIED_DURATION' }], required: false, maximumDays: 90, maximumHours: 72, maximumWeeks: 12 },
      validRiskSettings: { supportedTypes: [{ type: 'DEFAULT_SETTING' }] },
      riskSettings: { defaultSetting: { requestSubmissionType: 'RESTRICTED' } },
      validRequestOnBehalfOfSettings: [],
    };
    docs(ctx, 'resourceRequestSettings').set(resourceId, s);
  }
  return s;
}

function renderRequestSettings(s: Doc): Doc {
  const { id: _id, ...rest } = s;
  return rest;
}

const userSearch = { firstName: ['eq', 'sw', 'co'], lastName: ['eq', 'sw', 'co'], email: ['eq', 'sw', 'co'], login: ['eq', 'sw'] } as const;

export const settingsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/.well-known/okta-organization',
    operationId: 'getWellknownOrgMetadata',
    scope: '',
    public: true,
    handler: (ctx) =>
      json(200, {
        id: ctx.core.seed.orgId,
        pipeline: 'idx',
        _links: { organization: { href: ctx.core.url }, alternate: { href: ctx.core.url } },
        settings: { analyticsCollectionEnabled: false, bugReportingEnabled: false, omEnabled: false },
      }),
  },
  {
    method: 'GET',
    path: `${V1}/settings`,
    operationId: 'getOrgSettings',
    scope: 'okta.governance.settings.read',
    handler: (ctx) => json(200, ctx.core.state.orgSettings),
  },
  {
    method: 'PATCH',
    path: `${V1}/settings`,
    operationId: 'updateOrgSettings',
    scope: 'okta.governance.settings.manage',
    handler: (ctx) => json(200, merge(ctx.core.state.orgSettings, bodyOf(orgSettingsBody, ctx))),
  },
  {
    method: 'GET',
    path: `${V2}/request-settings`,
    operationId: 'getOrgRequestSettingsV2',
    scope: 'okta.accessRequests.condition.read',
    handler: (ctx) => json(200, ctx.core.state.orgRequestSettings),
  },
  {
    method: 'PATCH',
    path: `${V2}/request-settings`,
    operationId: 'updateOrgRequestSettingsV2',
    scope: 'okta.accessRequests.condition.manage',
    handler: (ctx) => json(200, merge(ctx.core.state.orgRequestSettings, bodyOf(orgRequestBody, ctx))),
  },
  {
    method: 'GET',
    path: `${V2}/resources/{resourceId}/request-settings`,
    operationId: 'getRequestSettingsV2',
    scope: 'okta.accessRequests.condition.read',
    handler: (ctx) => json(200, renderRequestSettings(requestSettingsOf(ctx, ctx.params.resourceId!))),
  },
  {
    method: 'PATCH',
    path: `${V2}/resources/{resourceId}/request-settings`,
    operationId: 'updateResourceRequestSettingsV2',
    scope: 'okta.accessRequests.condition.manage',
    handler: (ctx) => {
      const s = requestSettingsOf(ctx, ctx.params.resourceId!);
      const body = bodyOf(resourceRequestBody, ctx);
      const d = body.riskSettings?.defaultSetting;
      if (d) {
        if (d.requestSubmissionType === 'ALLOWED_WITH_OVERRIDES' && !d.approvalSequenceId) invalid('/riskSettings/defaultSetting/approvalSequenceId', 'ALLOWED_WITH_OVERRIDES needs the approval sequence to use', 'REQUIRED_PROPERTY_MISSING');
        if (d.approvalSequenceId && !docs(ctx, 'requestSequences').has(d.approvalSequenceId)) invalid('/riskSettings/defaultSetting/approvalSequenceId', `approval sequence ${d.approvalSequenceId} does not exist`, 'IDENTIFIER_NOT_FOUND');
        const next: Doc = { requestSubmissionType: d.requestSubmissionType };
        if (d.requestSubmissionType === 'ALLOWED_WITH_OVERRIDES') next.approvalSequenceId = d.approvalSequenceId;
        if (d.accessDurationSettings && d.requestSubmissionType !== 'ALLOWED_WITH_NO_OVERRIDES') next.accessDurationSettings = d.accessDurationSettings;
        s.riskSettings = { defaultSetting: next };
      }
      if (body.requestOnBehalfOfSettings) {
        const { allowed, onlyFor } = body.requestOnBehalfOfSettings;
        s.requestOnBehalfOfSettings = { allowed, ...(onlyFor ? { onlyFor } : {}) };
      }
      return json(200, renderRequestSettings(s));
    },
  },
  {
    method: 'GET',
    path: `${V1}/delegates`,
    operationId: 'listDelegateAppointments',
    scope: 'okta.governance.delegates.read',
    handler: (ctx) =>
      listReply(ctx, [...docs(ctx, 'delegates').values()], {
        filter: { delegatorId: ['eq'], delegateId: ['eq'], 'delegator.externalId': ['eq'], 'delegate.externalId': ['eq'] },
        read: (d, attr) => (attr === 'delegatorId' ? d.delegator.externalId : attr === 'delegateId' ? d.delegate.externalId : attr.split('.').reduce((o: Doc | undefined, k) => o?.[k], d)),
        cursor: 'len20',
      }, renderAppointment),
  },
  {
    method: 'PATCH',
    path: `${V1}/principal-settings/{targetPrincipalId}`,
    operationId: 'updatePrincipalSettings',
    scope: 'okta.governance.principalSettings.manage',
    handler: (ctx) => {
      const user = found(ctx.core.state.users.get(ctx.params.targetPrincipalId!), `${ctx.params.targetPrincipalId} (User)`);
      const appointments = setAppointments(ctx, user.id, bodyOf(delegatesBody, ctx));
      return json(200, { delegates: { appointments: appointments.map(renderAppointment) } });
    },
  },
  {
    method: 'GET',
    path: `${V1}/my/settings`,
    operationId: 'getMySettings',
    scope: 'okta.governance.principalSettings.read',
    handler: (ctx) => json(200, { delegates: { appointments: appointmentsOf(ctx, ctx.caller.id).map(renderAppointment), permissions: ctx.core.state.orgSettings.delegates?.enduser?.permissions ?? ['READ'] } }),
  },
  {
    method: 'PATCH',
    path: `${V1}/my/settings`,
    operationId: 'updateMySettings',
    scope: 'okta.governance.principalSettings.manage',
    handler: (ctx) => {
      const permissions: string[] = ctx.core.state.orgSettings.delegates?.enduser?.permissions ?? ['READ'];
      const body = bodyOf(delegatesBody, ctx);
      if (!permissions.includes('WRITE')) throw errors.forbidden('End users may not set their own delegate in this org (settings delegates.enduser.permissions is READ).');
      const appointments = setAppointments(ctx, ctx.caller.id, body);
      return json(200, { delegates: { appointments: appointments.map(renderAppointment), permissions } });
    },
  },
  {
    method: 'GET',
    path: `${V1}/my/settings/delegate/users`,
    operationId: 'listMyDelegateUsers',
    scope: 'okta.governance.principalSettings.read',
    handler: (ctx) => {
      const users = [...ctx.core.state.users.values()].filter((u) => u.status === 'ACTIVE' && u.id !== ctx.caller.id).map((u) => {
        const p = principalProfile(ctx, u.id);
        return { id: p.id, firstName: p.firstName, lastName: p.lastName, email: p.email, login: p.login };
      });
      return listReply(ctx, users, { filter: userSearch, filterRequired: true }, ({ login: _login, ...u }) => u);
    },
  },
];
