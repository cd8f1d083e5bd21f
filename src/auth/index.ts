import type { JWK } from 'jose';
import type { Connection } from './connection.ts';
import { oauthConnection, type OAuthConfig } from './oauth.ts';
import { apiTokenConnection, bearerConnection } from './static-token.ts';

export type { Connection, ConnectionKind, AuthorizeRequest, AuthFailure, Recovery } from './connection.ts';
export { bearerConnection, apiTokenConnection } from './static-token.ts';
export { oauthConnection, type OAuthConfig } from './oauth.ts';
export { connectionFromEnv, type Env } from './env.ts';
export { parseOrgUrl, isLoopback } from './org-url.ts';

/** A connection described as plain data, as a script would write it. */
export type ConnectionConfig =
  | { orgUrl: string; accessToken: string }
  | { orgUrl: string; apiToken: string }
  | ({ orgUrl: string; clientId: string; privateKey: string | JWK } & Omit<OAuthConfig, 'orgUrl' | 'clientId' | 'privateKey'>);

const fromConfig = new WeakMap<object, Connection>();

function isConnection(value: Connection | ConnectionConfig): value is Connection {
  return typeof (value as Connection).headersFor === 'function';
}

/** A Connection as is; a config object becomes one (the same one each time, so OAuth tokens are reused). */
export function connect(value: Connection | ConnectionConfig): Connection {
  if (isConnection(value)) return value;
  let connection = fromConfig.get(value);
  if (!connection) {
    if ('accessToken' in value) connection = bearerConnection(value);
    else if ('apiToken' in value) connection = apiTokenConnection(value);
    else connection = oauthConnection(value);
    fromConfig.set(value, connection);
  }
  return connection;
}
