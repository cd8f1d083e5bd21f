/**
 * The org the simulator starts with: people (an admin, a target user, a security team, a requester
 * and colleagues), apps and groups with ORNs, entitlement bundles, teams, request types in each
 * state, a small resource catalog, the two predefined labels, and two decided v2 requests.
 * Names are fixed; ids depend only on the seed string, so a seed always gives the same org.
 */
import { IdGenerator } from './ids.ts';
import type { SeededFamilies } from './seed-families.ts';
import {
  emptyState,
  type AppRecord,
  type BundleRecord,
  type CatalogEntryRecord,
  type GroupRecord,
  type RequestTypeRecord,
  type RequestV2Record,
  type Severity,
  type SimState,
  type UserRecord,
} from './state.ts';

export interface SeedUser {
  id: string;
  login: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface SeedResource {
  /** A short name to find it by, e.g. "salesforce", "cloud-admins". */
  key: string;
  id: string;
  name: string;
  orn: string;
}

export interface SeedCatalogEntry {
  key: string;
  id: string;
  name: string;
  parent?: string;
  requestable: boolean;
  appId?: string;
  /** Ids of the fields a requester must fill in (empty: a request needs no field values). */
  requiredFieldIds: string[];
}

export interface SeedLabel {
  labelId: string;
  name: string;
  labelValueId: string;
}

export interface SimSeed {
  seed: string;
  orgId: string;
  users: {
    /** The admin behind `sim.token` and `sim.apiToken`. */
    admin: SeedUser;
    /** A user to review: engineering, with apps through groups, directly and by request. */
    target: SeedUser;
    /** The target's manager. */
    manager: SeedUser;
    /** The security team: reviewers for the target. */
    security: SeedUser[];
    /** Someone to file access requests for. */
    requester: SeedUser;
    all: SeedUser[];
  };
  apps: SeedResource[];
  groups: SeedResource[];
  entitlementBundles: SeedResource[];
  team: { id: string; name: string };
  teams: { id: string; name: string }[];
  requestTypes: {
    active: { id: string; name: string };
    draft: { id: string; name: string };
    disabled: { id: string; name: string };
  };
  catalogEntries: SeedCatalogEntry[];
  labels: { crownJewel: SeedLabel; privileged: SeedLabel };
  /** Two v2 requests decided before the run: one PENDING, one REJECTED. */
  requestsV2: { id: string; status: string }[];
  /** The governance objects seeded through the API's own code (set once the simulator starts). */
  families?: SeededFamilies;
}

const DOMAIN = 'example.com';
const BASE = Date.parse('2025-06-02T08:00:00Z');
const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString().replace('.000Z', 'Z');

const COLLEAGUES: [string, string, string][] = [
  ['Ava', 'Chen', 'Engineering'],
  ['Noah', 'Patel', 'Engineering'],
  ['Mia', 'Schultz', 'Finance'],
  ['Liam', 'Okoro', 'Sales'],
  ['Zoe', 'Martins', 'Marketing'],
  ['Ethan', 'Novak', 'Engineering'],
  ['Isla', 'Moreau', 'Finance'],
  ['Lucas', 'Haddad', 'Sales'],
  ['Emma', 'Lindqvist', 'Engineering'],
  ['Owen', 'Tanaka', 'IT'],
  ['Nora', 'Ibrahim', 'Legal'],
  ['Leo', 'Kowalski', 'Engineering'],
  ['Maya', 'Rossi', 'Marketing'],
  ['Felix', 'Andersen', 'Sales'],
  ['Ruby', 'Osei', 'Finance'],
  ['Hugo', 'Dubois', 'Engineering'],
  ['Iris', 'Yamamoto', 'IT'],
  ['Jonah', 'Eriksen', 'Engineering'],
  ['Clara', 'Mendes', 'Legal'],
  ['Theo', 'Fischer', 'Sales'],
  ['Elena', 'Popescu', 'Engineering'],
  ['Samir', 'Khan', 'Finance'],
  ['Julia', 'Weber', 'Marketing'],
  ['Marco', 'Bianchi', 'Engineering'],
  ['Aiko', 'Suzuki', 'IT'],
  ['Daniel', 'Levi', 'Sales'],
  ['Freya', 'Hansen', 'Engineering'],
  ['Omar', 'Farouk', 'Finance'],
  ['Lea', 'Novak', 'Legal'],
  ['Adam', 'Wright', 'Engineering'],
];

export function buildSeed(seedString: string): { seed: SimSeed; state: SimState } {
  const ids = new IdGenerator(seedString, 'seed');
  const state = emptyState();
  const orgId = ids.okta('00o');
  let minute = 0;
  const next = () => at(minute++);

  // Apps, groups, bundles
  const app = (key: string, label: string, severity: Severity): AppRecord => {
    const id = ids.okta('0oa');
    const record: AppRecord = { id, name: key, label, orn: `orn:okta:idp:${orgId}:apps:${key}:${id}`, severity, created: next() };
    state.apps.set(id, record);
    return record;
  };
  const salesforce = app('salesforce', 'Salesforce', 'MEDIUM');
  const github = app('github', 'GitHub Enterprise', 'MEDIUM');
  const aws = app('aws', 'AWS IAM Identity Center', 'HIGH');
  const slack = app('slack', 'Slack', 'LOW');
  const workday = app('workday', 'Workday', 'MEDIUM');

  const group = (key: string, name: string, description: string, apps: AppRecord[]): GroupRecord => {
    const id = ids.okta('00g');
    const record: GroupRecord = { id, name, description, orn: `orn:okta:directory:${orgId}:groups:${id}`, appIds: apps.map((a) => a.id), created: next() };
    state.groups.set(id, record);
    groupKeys.set(id, key);
    return record;
  };
  const groupKeys = new Map<string, string>();
  const engineering = group('engineering', 'Engineering', 'Everyone who builds the product', [github]);
  const cloudAdmins = group('cloud-admins', 'Cloud Admins', 'Administrators of the AWS accounts', [aws]);
  const sales = group('sales', 'Sales', 'Account executives and sales operations', [salesforce]);
  const finance = group('finance', 'Finance', 'Finance and accounting', [workday]);
  const securityTeam = group('security-team', 'Security Team', 'Security operations and governance', [github, aws]);
  const itTeam = group('it', 'IT', 'IT operations and the Okta administrators', [slack, aws]);
  const legal = group('legal', 'Legal', 'Legal and compliance', [slack, workday]);
  const marketing = group('marketing', 'Marketing', 'Marketing and communications', [slack, salesforce]);

  const bundle = (key: string, name: string, description: string, target: AppRecord): BundleRecord => {
    const id = ids.okta('enb');
    const record: BundleRecord = { id, name, description, orn: `orn:okta:governance:${orgId}:entitlement-bundles:${id}`, appId: target.id };
    state.bundles.set(id, record);
    bundleKeys.set(id, key);
    return record;
  };
  const bundleKeys = new Map<string, string>();
  const salesOps = bundle('salesforce-sales-ops', 'Salesforce Sales Ops', 'Sales operations permission sets', salesforce);
  bundle('aws-billing-read', 'AWS Billing Read', 'Read access to billing in every account', aws);

  // People
  const user = (firstName: string, lastName: string, department: string, title: string, groups: GroupRecord[], extra: Partial<UserRecord> = {}): UserRecord => {
    const id = ids.okta('00u');
    const login = `${firstName}.${lastName}@${DOMAIN}`.toLowerCase();
    const created = next();
    const record: UserRecord = {
      id,
      status: 'ACTIVE',
      created,
      activated: created,
      statusChanged: created,
      lastLogin: at(60 * 24 * 30 + minute),
      lastUpdated: created,
      passwordChanged: created,
      profile: { firstName, lastName, email: login, login, department, title, city: 'San Francisco', state: 'CA', countryCode: 'US' },
      groupIds: groups.map((g) => g.id),
      appAssignments: [],
      bundleIds: [],
      adminRoles: [],
      ...extra,
    };
    state.users.set(id, record);
    return record;
  };
  const admin = user('Dana', 'Whitfield', 'IT', 'Okta Administrator', [itTeam], { adminRoles: [{ roleId: 'SUPER_ADMIN', roleName: 'Super Administrator' }] });
  const manager = user('Chris', 'Delgado', 'Engineering', 'Engineering Manager', [engineering]);
  const target = user('Jordan', 'Blake', 'Engineering', 'Senior Software Engineer', [engineering, cloudAdmins], {
    appAssignments: [
      { appId: slack.id, assignmentType: 'INDIVIDUAL', assigned: at(5) },
      { appId: salesforce.id, assignmentType: 'ACCESS_REQUEST', assigned: at(9) },
    ],
    bundleIds: [salesOps.id],
  });
  target.profile.managerId = manager.id;
  const security = [
    user('Priya', 'Natarajan', 'Security', 'Security Analyst', [securityTeam]),
    user('Sam', 'Okafor', 'Security', 'Security Engineer', [securityTeam]),
    user('Lena', 'Fischer', 'Security', 'Chief Information Security Officer', [securityTeam]),
  ];
  const requester = user('Casey', 'Morgan', 'Sales', 'Account Executive', [sales]);
  const byDepartment: Record<string, GroupRecord[]> = { Engineering: [engineering], Sales: [sales], Finance: [finance], IT: [itTeam], Legal: [legal], Marketing: [marketing] };
  for (const [first, last, dept] of COLLEAGUES) user(first, last, dept, dept === 'IT' ? 'IT Specialist' : `${dept} Specialist`, byDepartment[dept] ?? []);

  // Access-request teams and request types (v1 backend, 24-hex ids)
  const team = (name: string) => {
    const created = next();
    const record = { id: ids.hex24(), name, created: created.replace('Z', '.000Z'), lastUpdated: created.replace('Z', '.000Z') };
    state.teams.set(record.id, record);
    return record;
  };
  const it = team('IT');
  team('Security');

  const requestType = (fields: Omit<RequestTypeRecord, 'id' | 'createdBy' | 'created' | 'lastUpdated' | 'lastUpdatedBy' | 'lastUpdateSource' | 'ownerId'>): RequestTypeRecord => {
    const created = next();
    const record: RequestTypeRecord = {
      id: ids.hex24(),
      ownerId: it.id,
      createdBy: admin.id,
      created,
      lastUpdated: created,
      lastUpdatedBy: admin.id,
      lastUpdateSource: 'API',
      ...fields,
    };
    state.requestTypes.set(record.id, record);
    return record;
  };
  const active = requestType({
    name: 'GitHub access',
    description: 'Join the Engineering group to get GitHub Enterprise',
    status: 'ACTIVE',
    resourceSettings: { type: 'GROUPS', targetResources: [{ resourceId: engineering.id, resourceName: engineering.name }] },
    requestSettings: { type: 'EVERYONE', requesterFields: [{ id: ids.uuid(), prompt: 'Business justification', required: false, type: 'TEXT' }] },
    approvalSettings: { type: 'SERIAL', approvals: [{ approverType: 'MANAGER', description: 'Approval by the requester\'s manager', approverFields: [] }] },
    accessDuration: 'P90D',
  });
  const draft = requestType({
    name: 'Salesforce access',
    description: 'Get a Salesforce licence',
    status: 'DRAFT',
    resourceSettings: { type: 'APPS', targetResources: [{ resourceId: salesforce.id, resourceName: salesforce.label }] },
    requestSettings: { type: 'EVERYONE', requesterFields: [{ id: ids.uuid(), prompt: 'Which sales region?', required: true, type: 'TEXT' }] },
    approvalSettings: { type: 'NONE' },
    accessDuration: null,
  });
  const disabled = requestType({
    name: 'Finance systems (retired)',
    description: 'Replaced by the Workday catalog entry',
    status: 'DISABLED',
    resourceSettings: { type: 'GROUPS', targetResources: [{ resourceId: finance.id, resourceName: finance.name }] },
    requestSettings: { type: 'EVERYONE', requesterFields: [] },
    approvalSettings: { type: 'NONE' },
    accessDuration: null,
  });

  // Resource catalog (v2)
  const entryKeys = new Map<string, string>();
  const entry = (key: string, fields: Omit<CatalogEntryRecord, 'id'>): CatalogEntryRecord => {
    const record: CatalogEntryRecord = { id: ids.okta('cen'), ...fields };
    state.catalogEntries.set(record.id, record);
    entryKeys.set(record.id, key);
    return record;
  };
  const sfEntry = entry('salesforce', { name: 'Salesforce', label: 'Application', requestable: false, appId: salesforce.id, fields: [] });
  entry('salesforce-sales-cloud', {
    name: 'Salesforce Sales Cloud',
    label: 'Application',
    parent: sfEntry.id,
    requestable: true,
    appId: salesforce.id,
    fields: [
      { id: ids.uuid(), type: 'TEXT', label: 'Why do you need Sales Cloud?', required: true, readOnly: false },
      { id: ids.uuid(), type: 'TEXT', label: 'Which accounts will you work on?', required: true, readOnly: false },
      { id: ids.uuid(), type: 'SELECT', label: 'Licence type', required: true, readOnly: false, choices: ['Standard', 'Platform'] },
    ],
  });
  const githubEntry = entry('github', {
    name: 'GitHub Enterprise',
    label: 'Application',
    description: 'Source code and code review',
    requestable: true,
    appId: github.id,
    fields: [{ id: ids.uuid(), type: 'TEXT', label: 'Which repositories?', required: false, readOnly: false }],
  });
  const slackEntry = entry('slack', { name: 'Slack', label: 'Application', requestable: true, appId: slack.id, fields: [] });
  const awsEntry = entry('aws', { name: 'AWS IAM Identity Center', label: 'Application', requestable: false, appId: aws.id, fields: [] });
  const awsReadOnly = entry('aws-readonly', {
    name: 'AWS read-only',
    label: 'Application',
    parent: awsEntry.id,
    requestable: true,
    appId: aws.id,
    fields: [{ id: ids.uuid(), type: 'TEXT', label: 'Business justification', required: true, readOnly: false }],
  });

  // Time-boxed access: a DURATION field with a preset, as the recorded end-user catalog shows.
  entry('slack-workspace-admin', {
    name: 'Slack workspace admin (time-boxed)',
    label: 'Application',
    parent: slackEntry.id,
    requestable: true,
    appId: slack.id,
    fields: [{ id: 'ACCESS_DURATION', type: 'DURATION', label: 'How long?', required: true, readOnly: false, value: 'PT8H', maximumValue: 'PT8H' }],
  });

  // Predefined labels
  const label = (name: string, color: string) => {
    const record = { labelId: ids.okta('lbc'), name, predefined: true, values: [{ labelValueId: ids.okta('lbl'), name, color }], created: next() };
    state.labels.set(record.labelId, record);
    return record;
  };
  const crownJewel = label('Crown Jewel', 'green');
  const privileged = label('Privileged', 'red');
  state.resourceLabels.set(salesforce.orn, [crownJewel.values[0]!.labelValueId]);
  state.resourceLabels.set(aws.orn, [privileged.values[0]!.labelValueId]);

  // Two v2 requests decided before the run
  const v2 = (entryRecord: CatalogEntryRecord, forUser: UserRecord, status: 'PENDING' | 'REJECTED'): RequestV2Record => {
    const created = next();
    const record: RequestV2Record = {
      id: ids.okta('req'),
      status,
      outcome: status,
      requestedBy: { externalId: forUser.id, type: 'OKTA_USER' },
      requestedFor: { externalId: forUser.id, type: 'OKTA_USER' },
      requested: { entryId: entryRecord.id, resourceId: entryRecord.appId!, resourceType: 'APPLICATION', accessScopeId: entryRecord.appId!, accessScopeType: 'APPLICATION' },
      requesterFieldValues: [],
      accessDuration: status === 'PENDING' ? 'P30D' : null,
      conditionId: ids.okta('rco'),
      sequenceId: ids.hex24(),
      createdBy: forUser.id,
      created,
      lastUpdated: created,
      lastUpdatedBy: forUser.id,
    };
    state.requestsV2.set(record.id, record);
    return record;
  };
  const pendingV2 = v2(githubEntry, requester, 'PENDING');
  const rejectedV2 = v2(awsReadOnly, requester, 'REJECTED');

  const seedUser = (u: UserRecord): SeedUser => ({ id: u.id, login: u.profile.login, email: u.profile.email, firstName: u.profile.firstName, lastName: u.profile.lastName });
  const seed: SimSeed = {
    seed: seedString,
    orgId,
    users: {
      admin: seedUser(admin),
      target: seedUser(target),
      manager: seedUser(manager),
      security: security.map(seedUser),
      requester: seedUser(requester),
      all: [...state.users.values()].map(seedUser),
    },
    apps: [...state.apps.values()].map((a) => ({ key: a.name, id: a.id, name: a.label, orn: a.orn })),
    groups: [...state.groups.values()].map((g) => ({ key: groupKeys.get(g.id)!, id: g.id, name: g.name, orn: g.orn })),
    entitlementBundles: [...state.bundles.values()].map((b) => ({ key: bundleKeys.get(b.id)!, id: b.id, name: b.name, orn: b.orn })),
    team: { id: it.id, name: it.name },
    teams: [...state.teams.values()].map((t) => ({ id: t.id, name: t.name })),
    requestTypes: {
      active: { id: active.id, name: active.name },
      draft: { id: draft.id, name: draft.name },
      disabled: { id: disabled.id, name: disabled.name },
    },
    catalogEntries: [...state.catalogEntries.values()].map((e) => ({
      key: entryKeys.get(e.id)!,
      id: e.id,
      name: e.name,
      ...(e.parent ? { parent: e.parent } : {}),
      requestable: e.requestable,
      ...(e.appId ? { appId: e.appId } : {}),
      requiredFieldIds: e.fields.filter((f) => f.required).map((f) => f.id),
    })),
    labels: {
      crownJewel: { labelId: crownJewel.labelId, name: crownJewel.name, labelValueId: crownJewel.values[0]!.labelValueId },
      privileged: { labelId: privileged.labelId, name: privileged.name, labelValueId: privileged.values[0]!.labelValueId },
    },
    requestsV2: [pendingV2, rejectedV2].map((r) => ({ id: r.id, status: r.status })),
  };
  return { seed, state };
}
