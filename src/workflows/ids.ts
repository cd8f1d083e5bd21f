/**
 * Deterministic ids, so that a rebuild of the same cards gives a byte-identical export: card,
 * field and edge ids are hashes of what they are (flow role + card role + field key) in the
 * shortid alphabet real exports use; flow, folder and connection ids are UUID v5 names under our
 * own namespace. (Inferred, unverified in a live org: the importer accepts v5 where exports show v4,
 * and remaps ids on import — the same template can be imported twice.)
 */
import { createHash } from 'node:crypto';

/** Our namespace for UUID v5 names (a fixed random UUID; never change it, or every id changes). */
const NAMESPACE = '3f0c1f52-6c47-4d0a-9a51-2b8e6f7d9c14';

/** A shortid-style id (`[A-Za-z0-9_-]`), `length` characters, from a seed string. */
export function shortId(seed: string, length = 10): string {
  const id = createHash('sha256').update(seed).digest('base64url').slice(0, length);
  // Real ids never start with '-'; keep ours the same so no tool mistakes one for an option.
  return id.startsWith('-') ? `x${id.slice(1)}` : id;
}

/** RFC 4122 UUID version 5 (SHA-1, name-based) of `name` in our namespace. */
export function uuidV5(name: string): string {
  const ns = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
