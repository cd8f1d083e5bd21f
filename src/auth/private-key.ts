import { createPrivateKey, type KeyObject } from 'node:crypto';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { ConnectionError } from '../model/errors.ts';

export interface SigningKey {
  key: KeyObject | CryptoKey | Uint8Array;
  alg: string;
  kid?: string;
}

const ecAlgs: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512', prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

/**
 * The client-authentication key of an OAuth service app: a PEM (PKCS#8, PKCS#1 or SEC1) or a JWK
 * (object or JSON text), RSA or EC. The error never repeats the key material.
 */
export async function importSigningKey(material: string | JWK, keyId?: string): Promise<SigningKey> {
  const jwk = typeof material === 'string' ? parseJwkText(material) : material;
  if (jwk) {
    if (typeof jwk.d !== 'string') throw new ConnectionError('The private key JWK has no private part ("d"); give the private key, not the public one.');
    const alg = jwk.alg ?? (jwk.kty === 'EC' ? ecAlgs[jwk.crv ?? ''] : jwk.kty === 'RSA' ? 'RS256' : undefined);
    if (!alg) throw new ConnectionError(`The private key JWK is of a kind Okta can't use for private_key_jwt (kty ${String(jwk.kty)}); use RSA or EC P-256/384/521.`);
    try {
      const key = await importJWK(jwk, alg);
      const kid = keyId ?? jwk.kid;
      return { key, alg, ...(kid ? { kid } : {}) };
    } catch {
      throw new ConnectionError('The private key JWK could not be read; check that it is a complete RSA or EC private key.');
    }
  }
  // Environment variables often carry PEMs with literal "\n".
  const pem = (material as string).trim().replace(/\\n/g, '\n');
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConnectionError('The private key could not be read; give a PEM private key (BEGIN PRIVATE KEY / RSA PRIVATE KEY / EC PRIVATE KEY) or a private JWK.');
  }
  const type = key.asymmetricKeyType;
  const alg = type === 'rsa' ? 'RS256' : type === 'ec' ? ecAlgs[key.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
  if (!alg) throw new ConnectionError(`The private key is of a kind Okta can't use for private_key_jwt (${String(type)}); use RSA or EC P-256/384/521.`);
  return { key, alg, ...(keyId ? { kid: keyId } : {}) };
}

function parseJwkText(text: string): JWK | undefined {
  if (!text.trim().startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new ConnectionError('The private key looks like JSON but is not valid JSON; give a private JWK or a PEM.');
  }
}
