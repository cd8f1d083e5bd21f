import { readFileSync } from 'node:fs';
import { ConnectionError } from '../model/errors.ts';
import type { Connection } from './connection.ts';
import { oauthConnection } from './oauth.ts';
import { apiTokenConnection, bearerConnection } from './static-token.ts';

export type Env = Record<string, string | undefined>;

const CREDENTIAL_HELP =
  'Set one of: OKTA_ACCESS_TOKEN (a Bearer access token, as an Okta Workflows connection holds), OKTA_API_TOKEN (an SSWS API token), or OKTA_CLIENT_ID + OKTA_PRIVATE_KEY (an OAuth service app using private_key_jwt; optional OKTA_SCOPES, OKTA_KEY_ID, OKTA_DPOP=false).';

/**
 * The connection the CLI uses: OKTA_ORG_URL plus exactly one kind of credential. `orgUrl` (the
 * CLI's --org) overrides OKTA_ORG_URL.
 */
export function connectionFromEnv(env: Env = process.env, overrides: { orgUrl?: string } = {}): Connection {
  const orgUrl = overrides.orgUrl ?? env.OKTA_ORG_URL;
  if (!orgUrl?.trim()) throw new ConnectionError('OKTA_ORG_URL is not set. Set it to your org\'s URL, e.g. https://acme.okta.com (or pass --org).');
  const given = {
    accessToken: Boolean(env.OKTA_ACCESS_TOKEN?.trim()),
    apiToken: Boolean(env.OKTA_API_TOKEN?.trim()),
    oauth: Boolean(env.OKTA_CLIENT_ID?.trim() || env.OKTA_PRIVATE_KEY?.trim()),
  };
  const kinds = Object.entries(given).filter(([, v]) => v).map(([k]) => k);
  if (kinds.length === 0) throw new ConnectionError(`No credential in the environment. ${CREDENTIAL_HELP}`);
  if (kinds.length > 1) {
    const names = { accessToken: 'OKTA_ACCESS_TOKEN', apiToken: 'OKTA_API_TOKEN', oauth: 'OKTA_CLIENT_ID/OKTA_PRIVATE_KEY' } as const;
    throw new ConnectionError(`More than one kind of credential is set (${kinds.map((k) => names[k as keyof typeof names]).join(', ')}); keep exactly one.`);
  }
  if (given.accessToken) return bearerConnection({ orgUrl, accessToken: env.OKTA_ACCESS_TOKEN! });
  if (given.apiToken) return apiTokenConnection({ orgUrl, apiToken: env.OKTA_API_TOKEN! });
  if (!env.OKTA_CLIENT_ID?.trim()) throw new ConnectionError('OKTA_PRIVATE_KEY is set but OKTA_CLIENT_ID is not; give the service app\'s client id.');
  if (!env.OKTA_PRIVATE_KEY?.trim()) throw new ConnectionError('OKTA_CLIENT_ID is set but OKTA_PRIVATE_KEY is not; give the app\'s private key (PEM or JWK, inline or a file path).');
  const scopes = env.OKTA_SCOPES?.split(/[\s,]+/).filter(Boolean);
  const dpop = env.OKTA_DPOP?.trim().toLowerCase();
  return oauthConnection({
    orgUrl,
    clientId: env.OKTA_CLIENT_ID,
    privateKey: readKeyMaterial(env.OKTA_PRIVATE_KEY),
    ...(env.OKTA_KEY_ID?.trim() ? { keyId: env.OKTA_KEY_ID.trim() } : {}),
    ...(scopes?.length ? { scopes } : {}),
    dpop: !(dpop === 'false' || dpop === '0' || dpop === 'no' || dpop === 'off'),
  });
}

/** Inline PEM or JWK, or else the path of a file holding one. */
function readKeyMaterial(value: string): string {
  const text = value.trim();
  if (text.startsWith('-----') || text.startsWith('{')) return text;
  try {
    return readFileSync(text, 'utf8');
  } catch {
    throw new ConnectionError('OKTA_PRIVATE_KEY is neither a PEM, a JWK nor a readable file path.');
  }
}
