/**
 * Authentication as Okta does it (API-NOTES §5): SSWS API tokens, Bearer tokens the simulator
 * issued, and the org authorization server's token endpoint for service apps — client credentials
 * with a private_key_jwt assertion, DPoP-bound tokens with the use_dpop_nonce dance — then DPoP
 * proofs (with `ath`) on every call made with such a token. Scopes are checked per route.
 */
import { createHash, createPublicKey, randomBytes, type JsonWebKeyInput, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, EmbeddedJWK, exportJWK, jwtVerify, type JWK } from 'jose';
import type { IdGenerator } from './ids.ts';
import type { Principal } from './state.ts';
import { errors, oauthError, type Headers, type Reply } from './wire.ts';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const PROOF_MAX_AGE_S = 300;

export interface ClientRegistration {
  clientId: string;
  /** The public key of the client's private_key_jwt assertions: a JWK or a PEM (SPKI or certificate). */
  publicJwk?: JWK;
  publicKeyPem?: string;
  /** Scopes granted to the app; a token request may ask for any subset. */
  scopes: string[];
  /** The app requires DPoP-bound tokens (Okta's default for new API service apps). Default true. */
  dpop?: boolean;
}

interface Client {
  clientId: string;
  key: KeyObject;
  thumbprint: Promise<string>;
  scopes: Set<string>;
  dpop: boolean;
  principalId: string;
}

interface TokenRecord {
  scopes: Set<string>;
  principal: Principal;
  /** Real-clock ms; Infinity for the simulator's own tokens. */
  expiresAt: number;
  /** JWK thumbprint the token is bound to (DPoP). */
  jkt?: string;
}

/** A finished reply thrown from deep inside authentication (OAuth-shaped errors, DPoP nonce). */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`reply ${reply.status}`);
  }
}

class ProofError extends Error {
  constructor(message: string, readonly needsNonce = false) {
    super(message);
  }
}

export interface RequestFacts {
  method: string;
  /** Decoded path, without query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

const header = (h: RequestFacts['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

const b64url = (buf: Buffer) => buf.toString('base64url');

function hasScope(scopes: Set<string>, required: string): boolean {
  // A .manage scope includes reading the same resources.
  return scopes.has(required) || (required.endsWith('.read') && scopes.has(`${required.slice(0, -'.read'.length)}.manage`));
}

export class AuthService {
  readonly apiToken = `00${randomBytes(30).toString('base64url')}`;
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly clients = new Map<string, Client>();
  private readonly seenJtis = new Map<string, number>();
  private readonly nonce = randomBytes(24).toString('base64url');

  constructor(
    private readonly urls: () => string[],
    private readonly admin: Principal,
    private readonly ids: IdGenerator,
    private readonly tokenLifetimeS: number,
  ) {}

  /** A Bearer token acting as the seeded admin, limited to `scopes`. */
  issue(scopes: Iterable<string>, principal: Principal = this.admin, expiresAt = Infinity, jkt?: string): string {
    const token = `sim.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { scopes: new Set(scopes), principal, expiresAt, ...(jkt ? { jkt } : {}) });
    return token;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  registerClient(registration: ClientRegistration): void {
    const { clientId, publicJwk, publicKeyPem, scopes } = registration;
    if (!clientId) throw new Error('registerClient: clientId is required');
    if (!publicJwk && !publicKeyPem) throw new Error(`registerClient(${clientId}): give publicJwk or publicKeyPem`);
    const key = publicJwk
      ? createPublicKey({ key: publicJwk, format: 'jwk' } as JsonWebKeyInput)
      : createPublicKey(publicKeyPem!);
    if (key.type !== 'public') throw new Error(`registerClient(${clientId}): the key must be a public key`);
    this.clients.set(clientId, {
      clientId,
      key,
      thumbprint: exportJWK(key).then((jwk) => calculateJwkThumbprint(jwk)),
      scopes: new Set(scopes),
      dpop: registration.dpop ?? true,
      principalId: this.ids.okta('pca'),
    });
  }

  /**
   * Who is calling and may they? Throws ApiError (401/403 in Okta's shape) or ReplyError (DPoP
   * problems, as the OAuth layer answers them).
   */
  async authenticate(req: RequestFacts, requiredScope: string, resource: string, nonceOnResources: boolean): Promise<Principal> {
    const authorization = header(req.headers, 'authorization') ?? '';
    const [scheme = '', ...rest] = authorization.trim().split(/\s+/);
    const credential = rest.join(' ');
    const realm = this.urls()[0]!;
    const challenge = (scheme2: string, error: string, description: string) => ({
      'WWW-Authenticate': `${scheme2} authorization_uri="${realm}/oauth2/v1/authorize", realm="${realm}", error="${error}", error_description="${description}"`,
    });

    if (scheme.toUpperCase() === 'SSWS') {
      if (credential !== this.apiToken) throw errors.unauthorized(challenge('Bearer', 'invalid_token', 'The API token is invalid.'));
      return this.admin;
    }
    const kind = scheme.toLowerCase();
    if (kind !== 'bearer' && kind !== 'dpop') {
      throw errors.unauthorized(challenge('Bearer', 'invalid_token', 'An Authorization header with a Bearer, DPoP or SSWS credential is required.'));
    }
    const record = this.tokens.get(credential);
    if (!record || record.expiresAt <= Date.now()) {
      throw errors.unauthorized(challenge(kind === 'dpop' ? 'DPoP' : 'Bearer', 'invalid_token', 'The access token is invalid or has expired.'));
    }
    if (record.jkt) {
      if (kind !== 'dpop') {
        throw errors.unauthorized(challenge('DPoP', 'invalid_token', 'The access token is DPoP-bound: send it as Authorization: DPoP with a DPoP proof.'));
      }
      const proof = header(req.headers, 'dpop');
      const fail = (error: string, description: string, extra: Headers = {}) =>
        new ReplyError(oauthError(401, error, description, { ...challenge('DPoP', error, description), ...extra }));
      if (!proof) throw fail('invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
      try {
        const jkt = await this.verifyProof(proof, {
          method: req.method,
          path: req.path,
          host: header(req.headers, 'host'),
          ath: b64url(createHash('sha256').update(credential).digest()),
          requireNonce: nonceOnResources,
        });
        if (jkt !== record.jkt) throw new ProofError('The DPoP proof key does not match the key the access token is bound to.');
      } catch (e) {
        if (!(e instanceof ProofError)) throw e;
        if (e.needsNonce) throw fail('use_dpop_nonce', 'Resource server requires nonce in DPoP proof.', { 'DPoP-Nonce': this.nonce });
        throw fail('invalid_dpop_proof', e.message);
      }
    } else if (kind === 'dpop') {
      throw errors.unauthorized(challenge('Bearer', 'invalid_token', 'The access token is not DPoP-bound: send it as Authorization: Bearer.'));
    }
    if (!hasScope(record.scopes, requiredScope)) {
      throw errors.forbidden('You do not have permission to perform the requested action.', {
        'WWW-Authenticate': `${record.jkt ? 'DPoP' : 'Bearer'} authorization_uri="${realm}/oauth2/v1/authorize", realm="${realm}", scope="${requiredScope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${resource}"`,
      });
    }
    return record.principal;
  }

  /** POST /oauth2/v1/token: client credentials with private_key_jwt, DPoP when the app requires it. */
  async token(req: RequestFacts, rawBody: string): Promise<Reply> {
    const contentType = header(req.headers, 'content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'The token request must be sent as application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(rawBody);
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'The simulator supports grant_type=client_credentials only.');
    }
    if (form.has('client_secret')) {
      return oauthError(401, 'invalid_client', 'Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.');
    }
    const assertion = form.get('client_assertion');
    if (form.get('client_assertion_type') !== ASSERTION_TYPE || !assertion) {
      return oauthError(401, 'invalid_client', `Client authentication requires client_assertion_type=${ASSERTION_TYPE} and a client_assertion.`);
    }
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(assertion);
    } catch {
      return oauthError(401, 'invalid_client', 'The client_assertion is not a JWT.');
    }
    const clientId = claims.iss ?? form.get('client_id') ?? '';
    const client = this.clients.get(clientId);
    if (!client) return oauthError(401, 'invalid_client', 'The client_id is unknown to this org.');
    const tokenUrls = this.tokenUrls(header(req.headers, 'host'));
    try {
      await jwtVerify(assertion, client.key, { issuer: client.clientId, subject: client.clientId, audience: tokenUrls, algorithms: ASYMMETRIC, clockTolerance: 30 });
    } catch (e) {
      return oauthError(401, 'invalid_client', `The client_assertion is invalid: ${(e as Error).message}.`);
    }
    const nowS = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp - nowS > 3600 + 30) {
      return oauthError(401, 'invalid_client', 'The client_assertion must expire within one hour.');
    }
    const scopeParam = form.get('scope')?.trim();
    if (!scopeParam) return oauthError(400, 'invalid_scope', 'The token request must name at least one scope.');
    const scopes = scopeParam.split(/\s+/);
    const refused = scopes.filter((s) => !client.scopes.has(s));
    if (refused.length) return oauthError(400, 'invalid_scope', `The following scopes are not granted to the app: ${refused.join(' ')}`);

    let jkt: string | undefined;
    const proof = header(req.headers, 'dpop');
    if (proof) {
      try {
        jkt = await this.verifyProof(proof, { method: req.method, path: req.path, host: header(req.headers, 'host'), requireNonce: true });
      } catch (e) {
        if (!(e instanceof ProofError)) throw e;
        if (e.needsNonce) return oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', { 'DPoP-Nonce': this.nonce });
        return oauthError(400, 'invalid_dpop_proof', e.message);
      }
      if (jkt === (await client.thumbprint)) {
        return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof must be signed with a key other than the client authentication key.');
      }
    } else if (client.dpop) {
      return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
    }
    if (claims.jti !== undefined) {
      const key = `assertion:${client.clientId}:${claims.jti}`;
      if (this.seenJtis.has(key)) return oauthError(401, 'invalid_client', 'The client_assertion was already used; sign a new one for each token request.');
      this.remember(key);
    }
    const principal: Principal = { type: 'CLIENT_APP', id: client.principalId, clientId: client.clientId };
    const token = this.issue(scopes, principal, Date.now() + this.tokenLifetimeS * 1000, jkt);
    return {
      status: 200,
      body: { token_type: jkt ? 'DPoP' : 'Bearer', expires_in: this.tokenLifetimeS, access_token: token, scope: scopes.join(' ') },
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    };
  }

  private tokenUrls(host: string | undefined): string[] {
    return this.origins(host).map((o) => `${o}/oauth2/v1/token`);
  }

  private origins(host: string | undefined): string[] {
    const list = [...this.urls()];
    if (host) list.push(`http://${host}`);
    return list;
  }

  /** Verifies a DPoP proof (RFC 9449 §4.3) and returns the thumbprint of its key. */
  private async verifyProof(
    proof: string,
    expect: { method: string; path: string; host: string | undefined; ath?: string; requireNonce: boolean },
  ): Promise<string> {
    let jwk: JWK;
    try {
      const h = decodeProtectedHeader(proof);
      if (h.typ !== 'dpop+jwt') throw new ProofError('The DPoP proof header typ must be dpop+jwt.');
      if (!h.alg || !ASYMMETRIC.includes(h.alg)) throw new ProofError('The DPoP proof must use an asymmetric algorithm.');
      if (!h.jwk || typeof h.jwk !== 'object') throw new ProofError('The DPoP proof header must carry the public jwk.');
      if ('d' in h.jwk) throw new ProofError('The DPoP proof jwk must not contain a private key.');
      jwk = h.jwk;
    } catch (e) {
      if (e instanceof ProofError) throw e;
      throw new ProofError('The DPoP proof is not a JWT.');
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ASYMMETRIC }));
    } catch (e) {
      throw new ProofError(`The DPoP proof signature is invalid: ${(e as Error).message}.`);
    }
    if (payload.htm !== expect.method) throw new ProofError(`'htm' claim in the DPoP proof must be ${expect.method}.`);
    const htu = typeof payload.htu === 'string' ? payload.htu.split(/[?#]/)[0] : undefined;
    const allowed = this.origins(expect.host).map((o) => `${o}${expect.path}`);
    if (!htu || !allowed.includes(safeDecode(htu))) throw new ProofError(`'htu' claim in the DPoP proof is invalid: expected ${allowed[0]}.`);
    const nowS = Math.floor(Date.now() / 1000);
    if (typeof payload.iat !== 'number' || Math.abs(nowS - payload.iat) > PROOF_MAX_AGE_S) {
      throw new ProofError("'iat' claim in the DPoP proof is missing or too far from the current time.");
    }
    if (typeof payload.jti !== 'string' || payload.jti.length === 0) throw new ProofError("'jti' claim in the DPoP proof is required.");
    if (expect.ath !== undefined && payload.ath !== expect.ath) {
      throw new ProofError("'ath' claim in the DPoP proof must be the base64url SHA-256 of the access token.");
    }
    if (expect.requireNonce && payload.nonce !== this.nonce) throw new ProofError('A DPoP nonce is required.', true);
    const jtiKey = `proof:${payload.jti}`;
    if (this.seenJtis.has(jtiKey)) throw new ProofError("'jti' claim in the DPoP proof was already used.");
    this.remember(jtiKey);
    return calculateJwkThumbprint(jwk);
  }

  private remember(key: string): void {
    const now = Date.now();
    this.seenJtis.set(key, now + 2 * 3600_000);
    if (this.seenJtis.size > 10_000) {
      for (const [k, until] of this.seenJtis) if (until < now) this.seenJtis.delete(k);
    }
  }
}

function safeDecode(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${decodeURIComponent(u.pathname)}`;
  } catch {
    return url;
  }
}
