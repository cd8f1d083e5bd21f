import { createHash } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64URL = `${BASE62}-_`;

/**
 * Deterministic identifiers: the n-th id of a stream is a hash of (seed, stream, n), so the same
 * seed string and the same sequence of requests give the same ids (API-NOTES §6.1 formats).
 */
export class IdGenerator {
  private counter = 0;

  constructor(private readonly seed: string, private readonly stream: string) {}

  private bytes(): Buffer {
    this.counter += 1;
    return createHash('sha256').update(`${this.seed}\u0000${this.stream}\u0000${this.counter}`).digest();
  }

  private chars(alphabet: string, length: number): string {
    const bytes = this.bytes();
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
    return out;
  }

  /** An Okta id: 3-character prefix + 17 base62 characters (20 in all). */
  okta(prefix: string): string {
    return prefix + this.chars(BASE62, 20 - prefix.length);
  }

  /** A 24-hex id, as the access-request v1 backend uses. */
  hex24(): string {
    return this.bytes().toString('hex').slice(0, 24);
  }

  uuid(): string {
    const h = this.bytes().toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** errorId of the core Okta error shape: "oae" + 22 base64url characters. */
  oktaErrorId(): string {
    return `oae${this.chars(BASE64URL, 22)}`;
  }

  /** errorId of the access-request error shape: 32 hex characters. */
  hexErrorId(): string {
    return this.bytes().toString('hex').slice(0, 32);
  }

  integer(max: number): number {
    return this.bytes().readUInt32BE(0) % max;
  }
}
