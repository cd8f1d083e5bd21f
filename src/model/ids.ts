import { Type } from '@sinclair/typebox';

/**
 * Identifier schemas (API-NOTES §6.1). Okta ids are 20 characters: a 3-character prefix naming the
 * kind of object and 17 base62 characters. The access-request v1 backend uses 24-hex ids.
 */
export const oktaId = (prefix: string, what: string) =>
  Type.String({
    minLength: 20,
    maxLength: 20,
    pattern: `^${prefix}[0-9a-zA-Z]{${20 - prefix.length}}$`,
    description: `${what} id (20 characters, starts with ${prefix})`,
  });

/** Some ids have no fixed prefix in the spec (e.g. SAR access items); 20 base62 characters. */
export const anyOktaId = (what: string) =>
  Type.String({ minLength: 20, maxLength: 20, pattern: '^[0-9a-zA-Z]{20}$', description: `${what} id (20 characters)` });

export const hex24 = (what: string) =>
  Type.String({ minLength: 24, maxLength: 24, pattern: '^[a-fA-F0-9]{24}$', description: `${what} id (24 hexadecimal characters)` });

export const ids = {
  user: oktaId('00u', 'Okta user'),
  group: oktaId('00g', 'Okta group'),
  app: oktaId('0oa', 'Okta app'),
  securityAccessReview: oktaId('sar', 'Security access review'),
  label: oktaId('lbc', 'Label'),
  labelValue: oktaId('lbl', 'Label value'),
  catalogEntry: oktaId('cen', 'Catalog entry'),
  requestV2: oktaId('req', 'Access request'),
  entitlementBundle: oktaId('enb', 'Entitlement bundle'),
  requestV1: hex24('Access request'),
  requestType: hex24('Request type'),
  team: hex24('Team'),
};

/** Okta Resource Name, e.g. orn:okta:idp:00o…:apps:oidc:0oa… (partition `okta` or `oktapreview`). */
export const orn = Type.String({
  minLength: 8,
  maxLength: 500,
  pattern: '^orn:[a-z0-9-]+:[a-z0-9-]+:[0-9a-zA-Z]+:[a-zA-Z0-9:_-]+$',
  description: 'Okta Resource Name (ORN)',
});

/**
 * How a person finds an id they don't have, by the prefix of the id a field wants: the card to run
 * and its input for a given login or name. Used in the message for a value that looks like a login.
 */
export const idFinders: Record<string, { card: string; input: (given: string) => Record<string, string> }> = {
  '00u': { card: 'listUsers', input: (login) => ({ search: `profile.login eq "${login}"` }) },
};

const idKinds: Record<string, string> = { '00u': 'a user', '00g': 'a group', '0oa': 'an app', '00o': 'an org' };

/**
 * A sentence for a value that fails an Okta id pattern because it is something else — a login, an
 * email or another kind of id — or null when there is nothing more useful to say than the rule.
 */
export function wrongIdHint(pattern: string, value: unknown): string | null {
  const prefix = /^\^([0-9a-z]{3})\[0-9a-zA-Z\]\{17\}\$$/.exec(pattern)?.[1];
  if (!prefix || typeof value !== 'string') return null;
  const wanted = idKinds[prefix] ?? `an ${prefix}…`;
  const otherKind = /^[0-9a-zA-Z]{20}$/.test(value) ? idKinds[value.slice(0, 3)] : undefined;
  if (otherKind && otherKind !== wanted) return `takes ${wanted} id (${prefix}…), and "${value}" is ${otherKind} id`;
  const finder = idFinders[prefix];
  if (!finder || !/@|^[\w.+-]+$/.test(value) || value.startsWith(prefix)) return null;
  const input = JSON.stringify(finder.input(value));
  return `takes ${wanted} id (${prefix}…, 20 characters), not a login or email like "${value}": find the id with the ${finder.card} card, e.g. oig invoke ${finder.card} --input '${input}', and use the id it returns`;
}

/** Where an app's or a group's ORN comes from: the org id, the partition and (apps) the app's name. */
export interface OrnSource {
  /** The id this kind of object has, e.g. ^0oa… */
  id: RegExp;
  /** A card that reads what the ORN needs besides the id, and the JSON pointer of that value in its answer. */
  lookup?: { card: string; input: (id: string) => Record<string, string>; pick: string };
  orn: (parts: { partition: string; orgId: string; id: string; looked?: string }) => string;
}

/** API-NOTES §6.1: `orn:{partition}:idp:{orgId}:apps:{appName}:{appId}`, `orn:{partition}:directory:{orgId}:groups:{groupId}`. */
export const ornSources: Record<'app' | 'group', OrnSource> = {
  app: {
    id: /^0oa[0-9a-zA-Z]{17}$/,
    lookup: { card: 'getApplication', input: (appId) => ({ appId }), pick: '/name' },
    orn: ({ partition, orgId, id, looked }) => `orn:${partition}:idp:${orgId}:apps:${looked}:${id}`,
  },
  group: {
    id: /^00g[0-9a-zA-Z]{17}$/,
    orn: ({ partition, orgId, id }) => `orn:${partition}:directory:${orgId}:groups:${id}`,
  },
};

/** Where the org's id (in every ORN) and its own Okta URL (which tells the partition) are read: a card and pointers into its answer. */
export const orgOfOrns = { card: 'getWellknownOrgMetadata', orgId: '/id', orgUrl: '/_links/organization/href' } as const;

/** The ORN partition of an org by its (Okta) host name: preview orgs use `oktapreview`, the others `okta`. */
export function ornPartition(host: string): string {
  return /(^|\.)oktapreview\.com$/i.test(host) ? 'oktapreview' : 'okta';
}
