import { readFileSync } from 'node:fs';
import { CardInputError, ConnectionError, OktaApiError, TransportError } from '../model/errors.ts';
import type { RuntimeEvent } from '../runtime/options.ts';
import { UsageError } from './command.ts';

/** What the commands that talk to an org share: reading --input, printing progress, reporting failures. */

export function readInput(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) return {};
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = readFileSync(raw.slice(1), 'utf8');
    } catch {
      throw new UsageError(`can't read the input file ${raw.slice(1)}`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input is not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--input must be a JSON object of the card\'s inputs');
  return value as Record<string, unknown>;
}

/** Retries, pacing and pages on stderr, so long runs show what they are waiting for. */
export function printEvent(event: RuntimeEvent): void {
  if (event.type === 'retry') {
    const why = { 'rate-limit': 'rate limit (429)', 'concurrency-limit': 'concurrency limit (429)', 'server-error': `server error (${event.status})`, network: 'network failure', 'new-token': 'token refused; fetched a new one', 'dpop-nonce': 'DPoP nonce requested' }[event.reason] ?? event.reason;
    process.stderr.write(`oig: ${event.card}: ${why}; retrying in ${(event.waitMs / 1000).toFixed(1)} s\n`);
  } else if (event.type === 'page' && event.page > 1) {
    process.stderr.write(`oig: ${event.card}: page ${event.page} (${event.items} record${event.items === 1 ? '' : 's'})\n`);
  } else if (event.type === 'pace') {
    process.stderr.write(`oig: ${event.card}: waiting ${(event.waitMs / 1000).toFixed(1)} s for the rate-limit window of ${event.bucket}\n`);
  }
}

/** No answer from the org: it could not be reached (DNS, refused connection) or did not answer in time. */
export const EXIT_UNREACHABLE = 4;

export const EXIT_CODES =
  'Exit codes: 0 ok · 1 Okta answered with an error (or an unusable answer) · 2 invalid input or usage (nothing sent) · 3 configuration or authentication failure · 4 could not reach the org (DNS failure, refused connection, timeout, connection dropped).';

/** The network options of the commands that talk to an org: --timeout and --max-time, in seconds. */
export const NETWORK_OPTIONS = {
  timeout: { type: 'string' },
  'max-time': { type: 'string' },
} as const;

export const NETWORK_USAGE = `  --timeout S   seconds to wait for each answer before giving up on that attempt (default 30)
  --max-time S  seconds for the whole command, retries and waits included (default: no limit beyond
                the retry budget of 120 s)`;

export function networkOptions(values: { timeout?: string | undefined; 'max-time'?: string | undefined }): { timeoutMs?: number; totalTimeoutMs?: number } {
  const seconds = (flag: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`--${flag} must be a number of seconds above 0 (got "${raw}")`);
    return Math.round(n * 1000);
  };
  const timeoutMs = seconds('timeout', values.timeout);
  const totalTimeoutMs = seconds('max-time', values['max-time']);
  return { ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(totalTimeoutMs !== undefined ? { totalTimeoutMs } : {}) };
}

/** Print the failure and return the exit code of DESIGN.md. */
export function report(error: unknown): number {
  if (error instanceof CardInputError) {
    process.stderr.write(`oig: ${error.message}\n`);
    return 2;
  }
  if (error instanceof OktaApiError) {
    process.stderr.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
    return error.status === 401 ? 3 : 1;
  }
  if (error instanceof ConnectionError) {
    process.stderr.write(`oig: ${error.message}\n`);
    return 3;
  }
  if (error instanceof TransportError) {
    process.stderr.write(`${JSON.stringify({ error: 'TransportError', card: error.card, failure: error.failure, message: error.message })}\n`);
    return error.failure === 'answer' ? 1 : EXIT_UNREACHABLE;
  }
  throw error;
}
