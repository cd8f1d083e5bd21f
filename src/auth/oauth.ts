import { randomUUID } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import { ConnectionError, redact } from '../model/errors.ts';
import type { AuthFailure, AuthorizeRequest, Connection, Recovery } from './connection.ts';
import { dpopProof, generateDpopKey, type DpopKey } from './dpop.ts';
import { sendHttp, type HttpAnswer } from './http-transport.ts';
import { parseOrgUrl } from './org-url.ts';
import { importSigningKey, type SigningKey } from './private-key.ts';

export interface OAuthConfig {
  orgUrl: string | URL;
  /** The service app's client id. */
  clientId: string;
  /** The key registered on the app for private_key_jwt: PEM or JWK (RSA or EC). */
  privateKey: string | JWK;
  /** `kid` of the key when the app has several. */
  keyId?: string;
  /** Fixed scopes for every token. Default: the union of the scopes the cards run so far need. */
  scopes?: readonly string[];
  /** DPoP-bound tokens (default true, as new API Services apps require it). */
  dpop?: boolean;
  /** Refresh a token this long before it expires (default 60 s). */
  refreshMarginMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Token {
  value: string;
  type: 'Bearer' | 'DPoP';
  expiresAt: number;
  scopes: ReadonlySet<string>;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * OAuth 2.0 client credentials with private_key_jwt at the org authorization server
 * ({org}/oauth2/v1/token), DPoP on by default. Tokens are cached per scope set and replaced a
 * little before they expire; a 401 drops them and the runtime retries once.
 */
export function oauthConnection(config: OAuthConfig): Connection {
  const orgUrl = parseOrgUrl(config.orgUrl);
  const clientId = config.clientId?.trim();
  if (!clientId) throw new ConnectionError('The OAuth client id is empty; give the service app\'s client id.');
  return new OAuthConnection(orgUrl, clientId, config);
}

class OAuthConnection implements Connection {
  readonly kind = 'oauth' as const;
  private readonly tokenUrl: URL;
  private readonly dpop: boolean;
  private readonly now: () => number;
  private readonly refreshMarginMs: number;
  private readonly fixedScopes: readonly string[] | undefined;
  /** Scopes of every card run through this connection (the default token's scope set). */
  private readonly wanted = new Set<string>();
  private readonly tokens = new Map<string, Promise<Token>>();
  /** Recent access tokens, client assertions and DPoP proofs: scrubbed from any message. */
  private readonly sensitive: string[] = [];
  private signingKey: Promise<SigningKey> | undefined;
  private dpopKey: Promise<DpopKey> | undefined;
  private tokenNonce: string | undefined;
  private resourceNonce: string | undefined;

  constructor(
    readonly orgUrl: URL,
    private readonly clientId: string,
    private readonly config: OAuthConfig,
  ) {
    this.tokenUrl = new URL('/oauth2/v1/token', orgUrl);
    this.dpop = config.dpop ?? true;
    this.now = config.now ?? Date.now;
    this.refreshMarginMs = config.refreshMarginMs ?? 60_000;
    this.fixedScopes = config.scopes?.length ? [...config.scopes] : undefined;
  }

  async headersFor(request: AuthorizeRequest): Promise<Record<string, string>> {
    const token = await this.tokenFor(request.scopes);
    if (token.type !== 'DPoP') return { authorization: `Bearer ${token.value}` };
    const proof = await dpopProof(await this.dpopKeyPair(), {
      htm: request.method,
      url: request.url,
      accessToken: token.value,
      ...(this.resourceNonce ? { nonce: this.resourceNonce } : {}),
    });
    return { authorization: `DPoP ${token.value}`, dpop: proof };
  }

  recover(failure: AuthFailure): Recovery | null {
    const nonce = failure.headers.get('dpop-nonce');
    const challenge = failure.headers.get('www-authenticate') ?? '';
    if (this.dpop && nonce && /use_dpop_nonce/.test(challenge)) {
      this.resourceNonce = nonce;
      return 'dpop-nonce';
    }
    if (failure.status === 401) {
      this.tokens.clear();
      return 'new-token';
    }
    return null;
  }

  secrets(): string[] {
    return [...this.sensitive];
  }

  private remember(secret: string): string {
    this.sensitive.push(secret);
    if (this.sensitive.length > 32) this.sensitive.shift();
    return secret;
  }

  private scopeSetFor(cardScopes: readonly string[]): string[] {
    if (this.fixedScopes) return [...this.fixedScopes].sort();
    for (const s of cardScopes) this.wanted.add(s);
    return [...this.wanted].sort();
  }

  private async tokenFor(cardScopes: readonly string[]): Promise<Token> {
    // A cached token that covers the card will do, whatever else it carries.
    if (!this.fixedScopes) {
      for (const pending of this.tokens.values()) {
        const token = await pending.catch(() => undefined);
        if (token && this.fresh(token) && cardScopes.every((s) => token.scopes.has(s))) return token;
      }
    }
    const scopes = this.scopeSetFor(cardScopes);
    if (!scopes.length) throw new ConnectionError('No OAuth scopes to ask for: give the connection its scopes (OKTA_SCOPES).');
    const key = scopes.join(' ');
    const cached = this.tokens.get(key);
    if (cached) {
      const token = await cached.catch(() => undefined);
      if (token && this.fresh(token)) return token;
    }
    const pending = this.requestToken(scopes);
    this.tokens.set(key, pending);
    pending.catch(() => this.tokens.get(key) === pending && this.tokens.delete(key));
    return pending;
  }

  private fresh(token: Token): boolean {
    return this.now() < token.expiresAt - this.refreshMarginMs;
  }

  private async requestToken(scopes: string[]): Promise<Token> {
    // One retry: Okta asks for a nonce in the DPoP proof on the first token request (use_dpop_nonce).
    for (let attempt = 0; ; attempt++) {
      const response = await this.postTokenRequest(scopes);
      const body = await this.readTokenAnswer(response);
      const nonce = response.headers.get('dpop-nonce');
      if (response.ok && typeof body?.access_token === 'string') {
        const value = body.access_token;
        this.remember(value);
        const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
        return {
          value,
          type: String(body.token_type).toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer',
          expiresAt: this.now() + expiresIn * 1000,
          scopes: new Set(scopes),
        };
      }
      if (body?.error === 'use_dpop_nonce' && nonce && this.dpop && attempt === 0) {
        this.tokenNonce = nonce;
        continue;
      }
      throw this.tokenError(response.status, body);
    }
  }

  /** The token endpoint's JSON, or undefined when the answer is not JSON (or can't be read). */
  private async readTokenAnswer(response: HttpAnswer): Promise<Record<string, unknown> | undefined> {
    try {
      const body: unknown = JSON.parse(await response.text(1024 * 1024));
      return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Over the runtime's transport: HTTPS_PROXY / NO_PROXY apply to the token endpoint too, and no redirect is followed. */
  private async postTokenRequest(scopes: string[]): Promise<HttpAnswer> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: scopes.join(' '),
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: this.remember(await this.clientAssertion()),
    });
    const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
    if (this.dpop) {
      headers.dpop = this.remember(await dpopProof(await this.dpopKeyPair(), {
        htm: 'POST',
        url: this.tokenUrl,
        ...(this.tokenNonce ? { nonce: this.tokenNonce } : {}),
      }));
    }
    try {
      return await sendHttp(this.tokenUrl, { method: 'POST', headers, body: form.toString(), timeoutMs: 30_000 });
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new ConnectionError(`Could not reach the token endpoint ${this.tokenUrl.href}: ${reason}`);
    }
  }

  private async clientAssertion(): Promise<string> {
    this.signingKey ??= importSigningKey(this.config.privateKey, this.config.keyId);
    this.signingKey.catch(() => (this.signingKey = undefined));
    const { key, alg, kid } = await this.signingKey;
    return new SignJWT({})
      .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
      .setIssuer(this.clientId)
      .setSubject(this.clientId)
      .setAudience(this.tokenUrl.href)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(key);
  }

  private dpopKeyPair(): Promise<DpopKey> {
    this.dpopKey ??= generateDpopKey();
    return this.dpopKey;
  }

  private tokenError(status: number, body: Record<string, unknown> | undefined): ConnectionError {
    const code = typeof body?.error === 'string' ? body.error : `HTTP ${status}`;
    const description = typeof body?.error_description === 'string' ? `: ${body.error_description}` : '';
    const hints: Record<string, string> = {
      invalid_client: 'check the client id and that the public key of OKTA_PRIVATE_KEY is registered on the app (with its kid if it has several)',
      invalid_scope: 'grant the scopes on the app\'s "Okta API Scopes" tab, or ask for fewer with OKTA_SCOPES',
      invalid_dpop_proof: 'the app requires DPoP; keep DPoP on (unset OKTA_DPOP)',
      unauthorized_client: 'the app must allow the client credentials grant',
    };
    const hint = hints[code] ? ` Fix: ${hints[code]}.` : '';
    const message = `Okta refused the token request (${status} ${code}${description}).${hint}`;
    return new ConnectionError(redact(message, this.secrets()));
  }
}
