import type { ConnectionKind, HeaderReader } from '../auth/connection.ts';
import { OktaApiError, redact, type ErrorCause } from '../model/errors.ts';

export interface FailedAnswer {
  card: string;
  method: string;
  path: string;
  status: number;
  headers: HeaderReader;
  body: unknown;
  connectionKind: ConnectionKind;
  secrets: readonly string[];
}

/**
 * One error from every shape Okta answers with (API-NOTES §4): the core shape
 * `{errorCode, errorSummary, errorId, errorCauses:[{errorSummary}]}`, the access-request shape whose
 * causes carry `location`/`locationType`/`domain`, the OAuth shape `{error, error_description}`, and
 * the `WWW-Authenticate` challenge that names a missing scope.
 */
export function toApiError(answer: FailedAnswer): OktaApiError {
  const clean = (text: string) => redact(text, answer.secrets);
  const body = answer.body !== null && typeof answer.body === 'object' && !Array.isArray(answer.body) ? (answer.body as Record<string, unknown>) : undefined;
  const challenge = parseChallenge(answer.headers.get('www-authenticate'));

  let errorCode = str(body?.errorCode) ?? str(body?.error) ?? challenge.error;
  let errorSummary =
    str(body?.errorSummary) ??
    str(body?.error_description) ??
    challenge.error_description ??
    (typeof answer.body === 'string' && answer.body.trim() ? answer.body.trim().slice(0, 300) : `HTTP ${answer.status}`);
  if (!errorCode && !body && answer.status === 429) errorCode = 'E0000047';
  errorSummary = clean(errorSummary);
  if (errorCode) errorCode = clean(errorCode);

  const causes: ErrorCause[] = Array.isArray(body?.errorCauses)
    ? (body.errorCauses as unknown[]).flatMap((c): ErrorCause[] => {
        if (!c || typeof c !== 'object') return [];
        const cause = c as Record<string, unknown>;
        const summary = str(cause.errorSummary) ?? str(cause.reason) ?? '';
        return [
          {
            summary: clean(summary),
            ...(str(cause.reason) ? { reason: str(cause.reason)! } : {}),
            ...(str(cause.location) ? { location: clean(str(cause.location)!) } : {}),
            ...(str(cause.locationType) ? { locationType: str(cause.locationType)! } : {}),
            ...(str(cause.domain) ? { domain: str(cause.domain)! } : {}),
          },
        ];
      })
    : [];

  const missingScope = challenge.error === 'insufficient_scope' || errorCode === 'insufficient_scope' ? challenge.scope : undefined;
  const errorId = str(body?.errorId) ?? answer.headers.get('x-okta-request-id') ?? undefined;
  const hint = hintFor(answer, errorCode, missingScope);
  return new OktaApiError({
    card: answer.card,
    method: answer.method,
    path: answer.path,
    status: answer.status,
    ...(errorCode ? { errorCode } : {}),
    errorSummary,
    ...(errorId ? { errorId } : {}),
    causes,
    ...(missingScope ? { missingScope } : {}),
    ...(hint ? { hint } : {}),
  });
}

function hintFor(answer: FailedAnswer, errorCode: string | undefined, missingScope: string | undefined): string | undefined {
  if (missingScope) {
    return answer.connectionKind === 'oauth'
      ? `Grant scope ${missingScope} to the service app (Okta API Scopes tab); the next token will carry it`
      : `Grant scope ${missingScope} to the Okta Workflows OAuth app and re-authorize the connection`;
  }
  if (answer.status === 401) {
    return answer.connectionKind === 'oauth'
      ? 'Okta refused the access token even after fetching a new one; check the app\'s grants and admin role'
      : 'Okta refused the credential: it is wrong, expired or revoked. Get a new one';
  }
  if (answer.status === 403 && errorCode === 'E0000006') {
    return 'The caller\'s admin role does not cover this action or resource';
  }
  if (answer.status === 429) return 'The rate limit was still exhausted after the retries; pace bulk work (the pace option) or try later';
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The auth-params of a `WWW-Authenticate` challenge: `Bearer realm="…", error="…", scope="…"`. */
export function parseChallenge(header: string | null): Record<string, string> {
  const params: Record<string, string> = {};
  if (!header) return params;
  const pattern = /([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const match of header.matchAll(pattern)) {
    const name = match[1]!.toLowerCase();
    if (!(name in params)) params[name] = (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return params;
}
