/**
 * The errors a card run can end with. Each one is written for a person: it names the card, what
 * went wrong and what to do. None of them ever carries a credential (see `redact`).
 */

/** The input failed its schema or a business rule. Nothing was sent. CLI exit code 2. */
export class CardInputError extends Error {
  override name = 'CardInputError';
  constructor(
    readonly card: string,
    /** The input key at fault (for nested problems, the top-level key; `path` has the full location). */
    readonly field: string,
    /** The rule that failed: a JSON Schema keyword (`maxLength`, `required`, …) or a business rule id. */
    readonly rule: string,
    message: string,
    readonly value?: unknown,
    /** Where inside the input, e.g. `labelValues[2].name`. */
    readonly path: string = field,
  ) {
    super(message);
  }
}

/** The configuration or the authentication is wrong (org URL, credentials, token endpoint). CLI exit code 3. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

/**
 * Why a request could not complete:
 * - `unreachable`: the org could not be reached (DNS failure, refused or unreachable connection, no
 *   connection within the timeout). Nothing was sent. CLI exit code 4.
 * - `no-answer`: the request went out but no whole answer came (timeout, connection dropped). It may
 *   have reached Okta. CLI exit code 4.
 * - `answer`: an answer came that can't be used (not JSON, too large, a paging loop). CLI exit code 1.
 */
export type TransportFailure = 'unreachable' | 'no-answer' | 'answer';

/** The request could not complete: network failure, timeout, unreadable or oversized response. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly card: string,
    /** False when a non-idempotent request may have reached Okta and was deliberately not re-sent. */
    readonly retried: boolean,
    readonly failure: TransportFailure = 'answer',
  ) {
    super(message);
  }
}

export interface ErrorCause {
  summary: string;
  reason?: string;
  location?: string;
  locationType?: string;
  domain?: string;
}

export interface OktaApiErrorDetails {
  card: string;
  method: string;
  /** Path and query of the failing request (never the host, never a credential). */
  path: string;
  status: number;
  errorCode?: string;
  errorSummary: string;
  errorId?: string;
  causes: ErrorCause[];
  /** From `WWW-Authenticate: … error="insufficient_scope", scope="…"`. */
  missingScope?: string;
  hint?: string;
}

/** Okta answered with an error (after any retries). CLI exit code 1 (3 for 401). */
export class OktaApiError extends Error {
  override name = 'OktaApiError';
  readonly card: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errorCode?: string;
  readonly errorSummary: string;
  readonly errorId?: string;
  readonly causes: ErrorCause[];
  readonly missingScope?: string;
  readonly hint?: string;

  constructor(details: OktaApiErrorDetails) {
    const code = details.errorCode ? ` ${details.errorCode}` : '';
    const causes = details.causes.map((c) => (c.location ? `${c.location}: ${c.summary}` : c.summary));
    const parts = [
      `${details.card}: Okta answered ${details.status}${code}: ${details.errorSummary}`,
      ...(causes.length ? [`Causes: ${causes.join('; ')}`] : []),
      ...(details.errorId ? [`errorId ${details.errorId}`] : []),
      ...(details.hint ? [details.hint] : []),
    ];
    super(parts.map((p) => p.replace(/\.$/, '')).join('. '));
    this.card = details.card;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    if (details.errorCode !== undefined) this.errorCode = details.errorCode;
    this.errorSummary = details.errorSummary;
    if (details.errorId !== undefined) this.errorId = details.errorId;
    this.causes = details.causes;
    if (details.missingScope !== undefined) this.missingScope = details.missingScope;
    if (details.hint !== undefined) this.hint = details.hint;
  }

  /** The JSON the CLI prints on stderr. */
  toJSON() {
    return {
      error: 'OktaApiError',
      card: this.card,
      status: this.status,
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorId: this.errorId,
      causes: this.causes,
      missingScope: this.missingScope,
      hint: this.hint,
      request: `${this.method} ${this.path}`,
    };
  }
}

const REDACTED = '[redacted]';

/** Replace every occurrence of a secret in a text. Short strings are left alone (they'd match by chance). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
