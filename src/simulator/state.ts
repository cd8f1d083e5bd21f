/**
 * The simulator's in-memory org. Records keep what the API shows plus the little the simulator
 * needs to drive its state machines (e.g. when a review becomes ACTIVE). Maps keep insertion order.
 */

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH';

export interface UserRecord {
  id: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'DEPROVISIONED' | 'STAGED';
  created: string;
  activated: string;
  statusChanged: string;
  lastLogin: string;
  lastUpdated: string;
  passwordChanged: string;
  profile: {
    firstName: string;
    lastName: string;
    email: string;
    login: string;
    department: string;
    title: string;
    city: string;
    state: string;
    countryCode: string;
    managerId?: string;
  };
  groupIds: string[];
  /** Apps assigned to the user directly (not through a group). */
  appAssignments: { appId: string; assignmentType: 'INDIVIDUAL' | 'ACCESS_REQUEST'; assigned: string }[];
  bundleIds: string[];
  adminRoles: { roleId: string; roleName: string }[];
}

export interface AppRecord {
  id: string;
  /** The app's integration name, as in its ORN (salesforce, github …). */
  name: string;
  label: string;
  orn: string;
  severity: Severity;
  created: string;
}

export interface GroupRecord {
  id: string;
  name: string;
  description: string;
  orn: string;
  /** Apps this group assigns to its members. */
  appIds: string[];
  created: string;
}

export interface BundleRecord {
  id: string;
  name: string;
  description: string;
  orn: string;
  appId: string;
}

export interface TeamRecord {
  id: string;
  name: string;
  created: string;
  lastUpdated: string;
}

export interface AuditFields {
  createdBy: string;
  created: string;
  lastUpdated: string;
  lastUpdatedBy: string;
}

export interface RequesterField {
  id: string;
  prompt: string;
  required: boolean;
  type: 'TEXT' | 'SELECT' | 'DATE-TIME';
  options?: { value: string }[];
}

export interface RequestTypeRecord extends AuditFields {
  id: string;
  name: string;
  description?: string;
  status: 'DRAFT' | 'ACTIVE' | 'DISABLED';
  ownerId: string;
  resourceSettings: { type: 'APPS' | 'GROUPS' | 'ENTITLEMENT_BUNDLES'; targetResources: { resourceId: string; resourceName?: string }[] };
  requestSettings: { type: 'EVERYONE' | 'MEMBER_OF'; requesterMemberOf?: string[]; requesterFields: RequesterField[] };
  approvalSettings: { type: 'NONE' } | { type: 'SERIAL'; approvals: Record<string, unknown>[] };
  accessDuration: string | null;
  lastUpdateSource: 'API' | 'WEB';
}

export interface RequestV1Record extends AuditFields {
  id: string;
  subject: string;
  requestTypeId: string;
  requestStatus: 'OPEN' | 'PENDING' | 'RESOLVED' | 'LOCKED';
  resolved: string | null;
  requesterUserIds: string[];
  requesterFieldValues: Record<string, unknown>[];
  approvals: Record<string, unknown>[];
  actions: Record<string, unknown>[];
  permalinkId: number;
  type: 'ACCESS_REQUEST';
}

export interface RequestV2Record extends AuditFields {
  id: string;
  status: 'SUBMITTED' | 'REJECTED' | 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELED' | 'EXPIRED';
  requestedBy: { externalId: string; type: 'OKTA_USER' | 'UNKNOWN' };
  requestedFor: { externalId: string; type: 'OKTA_USER' };
  requested: { entryId: string; resourceId: string; resourceType: 'APPLICATION'; accessScopeId: string; accessScopeType: 'APPLICATION' };
  requesterFieldValues: Record<string, unknown>[];
  /** Business-clock time at which SUBMITTED moves on, and where it moves to. */
  decideAt?: number;
  outcome: 'PENDING' | 'REJECTED';
  accessDuration?: string | null;
  conditionId: string;
  sequenceId: string;
}

export interface MessageRecord {
  id: string;
  requestId: string;
  api: 'v1' | 'v2';
  message: string;
  authorId: string;
  created: string;
}

export type RemediationStatus = 'PENDING_MANUAL_REMEDIATION' | 'PENDING_MANUAL_RESTORATION' | 'REMEDIATED' | 'IN_PROGRESS' | 'NONE';

export interface AnomalyRecord {
  type: 'SOD_CONFLICT' | 'ASSIGNMENT_METHOD' | 'PAST_GOVERNANCE_DECISIONS' | 'USAGE_HISTORY';
  severity: Severity;
  subtext: { message: string; messageCode: string; args: { value: string; type: 'STRING' | 'RELATIVE_DATE_TO_NOW' | 'NUMBER' }[] };
}

export interface SubAccessRecord {
  id: string;
  name: string;
  type: 'GROUP' | 'ENTITLEMENT_BUNDLE';
  resourceId: string;
  severity: Severity;
  remediationStatus: RemediationStatus;
  assignedDate: string;
}

export interface AccessRecord {
  id: string;
  appId: string;
  name: string;
  severity: Severity;
  assignmentType: 'INDIVIDUAL' | 'GROUP' | 'ACCESS_REQUEST';
  assignedDate: string;
  lastAccessDate: string;
  applicationUsage: number;
  remediationStatus: RemediationStatus;
  subAccesses: SubAccessRecord[];
  anomalies: AnomalyRecord[];
}

export interface HistoryRecord {
  id: string;
  systemGenerated: boolean;
  timestamp: string;
  message: string;
  principalId?: string;
}

export interface ReviewRecord extends AuditFields {
  id: string;
  name: string;
  principalId: string;
  status: 'PENDING' | 'ACTIVE' | 'CLOSED' | 'ERROR';
  endTime: string;
  reviewerIds: string[];
  /** Business-clock time at which the access snapshot is ready (PENDING → ACTIVE). */
  activateAt: number;
  accesses: AccessRecord[];
  history: HistoryRecord[];
  comments: { comment: string; authorId: string; created: string }[];
}

export interface LabelValueRecord {
  labelValueId: string;
  name: string;
  color?: string;
}

export interface LabelRecord {
  labelId: string;
  name: string;
  predefined: boolean;
  values: LabelValueRecord[];
  created: string;
}

export interface CatalogFieldRecord {
  id: string;
  type: 'TEXT' | 'SELECT' | 'MULTISELECT' | 'ISO_DATE' | 'DURATION' | 'OKTA_USER_ID';
  label: string;
  required: boolean;
  readOnly: boolean;
  choices?: string[];
  /** The preset (DURATION fields: the access duration), which also satisfies a required field. */
  value?: string;
  maximumValue?: string;
}

export interface CatalogEntryRecord {
  id: string;
  name: string;
  label: string;
  description?: string;
  parent?: string;
  requestable: boolean;
  appId?: string;
  fields: CatalogFieldRecord[];
}

/** An object of a family kept as its API document (without `_links`). */
export type Doc = Record<string, any>;

export const DOC_KINDS = [
  'campaigns',
  'certReviews',
  'entitlements',
  'entitlementBundles',
  'grants',
  'collections',
  'collectionResources',
  'collectionAssignments',
  'riskRules',
  'resourceOwners',
  'requestConditions',
  'requestSequences',
  'resourceRequestSettings',
  'entitlementSettings',
  'delegates',
  'principalSettings',
  'entitlementChanges',
] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface SimState {
  /** Families kept as API documents, by id (collection resources by `collectionId/resourceId`). */
  docs: Record<DocKind, Map<string, Doc>>;
  /** Org-wide settings documents (governance settings, v2 request settings). */
  orgSettings: Doc;
  orgRequestSettings: Doc;
  users: Map<string, UserRecord>;
  apps: Map<string, AppRecord>;
  groups: Map<string, GroupRecord>;
  bundles: Map<string, BundleRecord>;
  teams: Map<string, TeamRecord>;
  requestTypes: Map<string, RequestTypeRecord>;
  /** Access requests (v1, 24-hex ids). */
  requests: Map<string, RequestV1Record>;
  /** Access requests (v2, req… ids). */
  requestsV2: Map<string, RequestV2Record>;
  messages: MessageRecord[];
  /** Security access reviews. */
  reviews: Map<string, ReviewRecord>;
  labels: Map<string, LabelRecord>;
  /** Resource ORN → assigned label value ids, in assignment order. */
  resourceLabels: Map<string, string[]>;
  catalogEntries: Map<string, CatalogEntryRecord>;
  /** Next permalinkId of a v1 request. */
  nextPermalinkId: number;
}

export function emptyState(): SimState {
  return {
    docs: Object.fromEntries(DOC_KINDS.map((k) => [k, new Map()])) as Record<DocKind, Map<string, Doc>>,
    orgSettings: {},
    orgRequestSettings: {},
    users: new Map(),
    apps: new Map(),
    groups: new Map(),
    bundles: new Map(),
    teams: new Map(),
    requestTypes: new Map(),
    requests: new Map(),
    requestsV2: new Map(),
    messages: [],
    reviews: new Map(),
    labels: new Map(),
    resourceLabels: new Map(),
    catalogEntries: new Map(),
    nextPermalinkId: 1001,
  };
}

/** Who is calling: a user (SSWS, issued Bearer tokens) or a service app (client credentials). */
export type Principal = { type: 'USER'; id: string } | { type: 'CLIENT_APP'; id: string; clientId: string };
