import { readdirSync, readFileSync } from 'node:fs';
import type { Operation } from '../../src/model/operation.ts';
import { sharedPath } from './shared.ts';

export interface RecordedInteraction {
  id: number;
  operation: { method: string; pathTemplate: string; operationId: string; tag: string };
  request: { method: string; url: string; path: string; query: Record<string, string | string[]>; headers: Record<string, string[]>; body: unknown };
  response: { status: number; headers: Record<string, string[]>; body: unknown };
}

export interface RecordedFile {
  file: string;
  interactions: RecordedInteraction[];
}

/** Every recorded cassette in ../shared/oig/recorded, in file-name order. */
export function loadRecorded(): RecordedFile[] {
  const dir = sharedPath('oig', 'recorded');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, interactions: (JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as { interactions: RecordedInteraction[] }).interactions }));
}

/** The path parameters of a concrete path, read against a template such as /labels/{labelId}. */
export function pathParams(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  const match = pattern.exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
}

/**
 * A recorded request as card input, using the API's own names (which every card accepts): path
 * parameters, query parameters (numbers where the card's schema wants an integer), and the body's
 * top-level properties — or the whole body for a card whose body is an array.
 */
export function recordedToInput(op: Operation, request: RecordedInteraction['request']): Record<string, unknown> {
  const input: Record<string, unknown> = { ...(pathParams(op.path, request.path) ?? {}) };
  for (const [key, raw] of Object.entries(request.query ?? {})) {
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    const schema = op.inputs[key]?.schema as { type?: string } | undefined;
    input[key] = schema?.type === 'integer' || schema?.type === 'number' ? Number(value) : value;
  }
  if (request.body !== null && request.body !== undefined) {
    const root = Object.entries(op.inputs).find(([, f]) => f.to.in === 'body-root');
    if (root) input[root[0]] = request.body;
    else if (typeof request.body === 'object' && !Array.isArray(request.body)) Object.assign(input, request.body);
  }
  return input;
}
