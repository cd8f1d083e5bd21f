/**
 * Deterministic ids, so that a rebuild of the same cards gives a byte-identical export: card,
 * field and edge ids are hashes of what they are (flow role + card role + field key) in the
 * shortid alphabet real exports use; flow, folder and connection ids are UUIDs shaped like the
 * version 4 (random) UUIDs every real export carries — the hash supplies the "random" bits.
 */
import { createHash } from 'node:crypto';

/** A shortid-style id (`[A-Za-z0-9_-]`), `length` characters, from a seed string. */
export function shortId(seed: string, length = 10): string {
  const id = createHash('sha256').update(seed).digest('base64url').slice(0, length);
  // Real ids never start with '-'; keep ours the same so no tool mistakes one for an option.
  return id.startsWith('-') ? `x${id.slice(1)}` : id;
}

/** A UUID with the version 4 and RFC 4122 variant bits set, its other bits taken from a hash of `name`. */
export function uuidV4(name: string): string {
  const hash = createHash('sha256').update(`oig-connector-bundle:${name}`, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x40;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
