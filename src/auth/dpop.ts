import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/**
 * DPoP (RFC 9449) as Okta checks it: an ephemeral key, distinct from the client's own key, signs a
 * proof per request. `htu` is the URL without query or fragment, built from the decoded path
 * (Okta compares against the decoded path).
 */
export interface DpopKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function generateDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return { privateKey, publicJwk: { kty, crv, x, y } as JWK };
}

export function dpopHtu(url: URL): string {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape can't be decoded; Okta sees the same raw path then.
  }
  return `${url.origin}${path}`;
}

/** base64url(SHA-256(access token)): binds a resource proof to the token. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}

export function dpopProof(key: DpopKey, claims: { htm: string; url: URL; accessToken?: string; nonce?: string }): Promise<string> {
  const payload: Record<string, string> = { htm: claims.htm.toUpperCase(), htu: dpopHtu(claims.url) };
  if (claims.accessToken) payload.ath = accessTokenHash(claims.accessToken);
  if (claims.nonce) payload.nonce = claims.nonce;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk })
    .setIssuedAt()
    .setJti(randomUUID())
    .sign(key.privateKey);
}
