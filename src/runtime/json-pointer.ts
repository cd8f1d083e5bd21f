/** RFC 6901 JSON pointers: reading values out of responses and writing inputs into request bodies. */

export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function getAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * Set a value inside `root` (an object the caller owns). Objects met on the way are copied before
 * being written to, so objects that came from the caller's input are never modified.
 */
export function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const tokens = pointerTokens(pointer);
  if (!tokens.length) throw new Error('setAt needs a non-empty pointer');
  let node = root;
  for (const token of tokens.slice(0, -1)) {
    const next = node[token];
    const copy = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    node[token] = copy;
    node = copy;
  }
  const last = tokens[tokens.length - 1]!;
  const existing = node[last];
  // A field written inside an object another field already placed merges into it.
  node[last] =
    isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...value } : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
