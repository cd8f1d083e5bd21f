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
