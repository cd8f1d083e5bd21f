/** RFC 6901 JSON pointers: reading values out of responses and writing inputs into request bodies. */

export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `0`, `1`, … (no leading zeros) or `-` (just past the end): a token that addresses a list item. */
export function isIndexToken(token: string): boolean {
  return token === '-' || /^(?:0|[1-9]\d*)$/.test(token);
}

export function getAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      if (token === '-' || !isIndexToken(token)) return undefined;
      node = node[Number(token)];
    } else {
      if (!Object.hasOwn(node, token)) return undefined;
      node = (node as Record<string, unknown>)[token];
    }
  }
  return node;
}

type Container = Record<string, unknown> | unknown[];

/**
 * Set a value inside `root` (an object the caller owns). Objects and lists met on the way are
 * copied before being written to, so values that came from the caller's input are never modified.
 * Where nothing exists yet, an index token (`0`, `-`) makes a list and any other token an object:
 * `/requesterUserIds/0` builds `{requesterUserIds: [value]}`, and `-` appends. An index past the
 * end of a list would leave a hole, and a name inside a list has no meaning: both throw.
 */
export function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const tokens = pointerTokens(pointer);
  if (!tokens.length) throw new Error('setAt needs a non-empty pointer');
  let node: Container = root;
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i]!;
    const next = read(node, token, pointer);
    const copy: Container = Array.isArray(next) ? [...next] : isPlainObject(next) ? { ...next } : isIndexToken(tokens[i + 1]!) ? [] : {};
    write(node, token, copy, pointer);
    node = copy;
  }
  const last = tokens[tokens.length - 1]!;
  const existing = read(node, last, pointer);
  // A field written inside an object another field already placed merges into it.
  write(node, last, isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...value } : value, pointer);
}

function read(node: Container, token: string, pointer: string): unknown {
  if (!Array.isArray(node)) return Object.hasOwn(node, token) ? node[token] : undefined;
  return token === '-' ? undefined : node[indexIn(node, token, pointer)];
}

function write(node: Container, token: string, value: unknown, pointer: string): void {
  if (Array.isArray(node)) {
    node[token === '-' ? node.length : indexIn(node, token, pointer)] = value;
  } else {
    // defineProperty, so a key such as "__proto__" is an ordinary property and never the prototype.
    Object.defineProperty(node, token, { value, writable: true, enumerable: true, configurable: true });
  }
}

function indexIn(list: unknown[], token: string, pointer: string): number {
  if (!isIndexToken(token)) throw new Error(`JSON pointer ${pointer}: "${token}" names a key, but that part of the body is a list`);
  const index = Number(token);
  if (index > list.length) throw new Error(`JSON pointer ${pointer}: index ${index} would leave a gap in a list of ${list.length}`);
  return index;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
