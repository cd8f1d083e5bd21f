/**
 * A connection: the org a card runs against and the credential it runs with. The runtime asks it
 * for the auth headers of each request (always to the org's own origin) and, when Okta refuses the
 * credential, whether a retry with a fresh token or a DPoP nonce can help.
 */
export type ConnectionKind = 'bearer' | 'ssws' | 'oauth';

export interface AuthorizeRequest {
  method: string;
  url: URL;
  /** The OAuth scopes the card needs (used by OAuth connections to pick or fetch a token). */
  scopes: readonly string[];
}

/** Read access to response headers (case-insensitive names): a fetch `Headers` is one. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface AuthFailure {
  status: number;
  headers: HeaderReader;
}

/** What a connection did about a refused request: the runtime retries it once per kind. */
export type Recovery = 'new-token' | 'dpop-nonce';

export interface Connection {
  readonly kind: ConnectionKind;
  /** The org's origin; every request goes here and nowhere else. */
  readonly orgUrl: URL;
  headersFor(request: AuthorizeRequest): Promise<Record<string, string>>;
  /** Called on 401/400 answers; returns what was changed so a retry may succeed, or null. */
  recover(failure: AuthFailure, request: AuthorizeRequest): Recovery | null;
  /** Every credential string this connection holds, for scrubbing messages. */
  secrets(): string[];
}
