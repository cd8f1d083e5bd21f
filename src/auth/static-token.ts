import { ConnectionError } from '../model/errors.ts';
import type { Connection } from './connection.ts';
import { parseOrgUrl } from './org-url.ts';

function requireToken(token: string | undefined, what: string): string {
  const value = token?.trim();
  if (!value) throw new ConnectionError(`The ${what} is empty. Give the token itself (without the "Bearer"/"SSWS" prefix).`);
  if (/\s/.test(value)) throw new ConnectionError(`The ${what} contains white space; give the token itself without a prefix.`);
  return value;
}

/**
 * Workflows passthrough: the access token an Okta Workflows connection holds, sent as
 * `Authorization: Bearer …`. It can't be refreshed here; a 401 is final.
 */
export function bearerConnection(config: { orgUrl: string | URL; accessToken: string }): Connection {
  const orgUrl = parseOrgUrl(config.orgUrl);
  const token = requireToken(config.accessToken, 'access token');
  return {
    kind: 'bearer',
    orgUrl,
    headersFor: async () => ({ authorization: `Bearer ${token}` }),
    recover: () => null,
    secrets: () => [token],
  };
}

/** An Okta API token (`Authorization: SSWS …`): acts with the privileges of the admin who made it. */
export function apiTokenConnection(config: { orgUrl: string | URL; apiToken: string }): Connection {
  const orgUrl = parseOrgUrl(config.orgUrl);
  const token = requireToken(config.apiToken, 'API token');
  return {
    kind: 'ssws',
    orgUrl,
    headersFor: async () => ({ authorization: `SSWS ${token}` }),
    recover: () => null,
    secrets: () => [token],
  };
}
