/**
 * Fault switches, per run: set from the CLI (`--fault name=value`) or a test (`sim.faults.set`).
 * Counted faults hit the next N matching requests, then switch themselves off.
 */

export interface FaultConfig {
  /** Next N requests: 429 E0000047, per-minute form (X-Rate-Limit-Limit = the bucket's limit, Remaining 0). */
  rateLimit?: number;
  /** Next N requests: 429 E0000047, concurrency form (X-Rate-Limit-Limit 0, Remaining 0, an estimated Reset). */
  concurrencyLimit?: number;
  /** Next N requests: a 5xx (serverErrorStatus, default 500 E0000009). */
  serverError?: number;
  serverErrorStatus?: 500 | 502 | 503 | 504;
  /** Next N requests: the connection is destroyed before any response. */
  reset?: number;
  /** Next N requests are carried out, then the connection is destroyed instead of answering (a create that may have happened). */
  resetAfterHandling?: number;
  /** Next N requests: 401 E0000011, as when a token has expired or been revoked. */
  unauthorized?: number;
  /** Every response is delayed this many real milliseconds. */
  slowMs?: number;
  /** hrefs in bodies, Link and Location point at http://localhost-admin:PORT (the real `-admin` host quirk). */
  adminLinks?: boolean;
  /** The teams list answers {data, links} with relative hrefs and `next: {}`, as the real service does. */
  teamsLinks?: boolean;
  /** Resource calls with a DPoP token must carry the server's nonce (first answer: 401 use_dpop_nonce + DPoP-Nonce). */
  dpopNonceOnResources?: boolean;
  /** Only requests whose path starts with this are affected (default: every path except /oauth2/). */
  pathPrefix?: string;
}

export type CountedFault = 'rateLimit' | 'concurrencyLimit' | 'serverError' | 'reset' | 'resetAfterHandling' | 'unauthorized';
export type QuirkFault = 'adminLinks' | 'teamsLinks';

const COUNTED: readonly CountedFault[] = ['rateLimit', 'concurrencyLimit', 'serverError', 'reset', 'resetAfterHandling', 'unauthorized'];
const NUMERIC = new Set(['rateLimit', 'concurrencyLimit', 'serverError', 'serverErrorStatus', 'reset', 'resetAfterHandling', 'unauthorized', 'slowMs']);
const BOOLEAN = new Set(['adminLinks', 'teamsLinks', 'dpopNonceOnResources']);

export const faultNames: readonly (keyof FaultConfig)[] = [
  'rateLimit',
  'concurrencyLimit',
  'serverError',
  'serverErrorStatus',
  'reset',
  'resetAfterHandling',
  'unauthorized',
  'slowMs',
  'adminLinks',
  'teamsLinks',
  'dpopNonceOnResources',
  'pathPrefix',
];

export class FaultController {
  private config: FaultConfig = {};

  /** `realism` turns the recorded quirks (admin link hosts, teams links) on unless a switch says otherwise. */
  constructor(private readonly realism: boolean, initial: FaultConfig = {}) {
    this.set(initial);
  }

  /** Merges switches into the current ones. */
  set(config: FaultConfig): void {
    this.config = { ...this.config, ...config };
  }

  /** Every switch back to its default (the quirks then follow `realism`). */
  clear(): void {
    this.config = {};
  }

  current(): Readonly<FaultConfig> {
    return { ...this.config };
  }

  applies(path: string): boolean {
    const prefix = this.config.pathPrefix;
    return prefix ? path.startsWith(prefix) : !path.startsWith('/oauth2/');
  }

  /** Takes one from a counted fault if it is armed and the path matches. */
  take(name: CountedFault, path: string): boolean {
    const left = this.config[name] ?? 0;
    if (left <= 0 || !this.applies(path)) return false;
    this.config = { ...this.config, [name]: left - 1 };
    return true;
  }

  effective(name: QuirkFault): boolean {
    return this.config[name] ?? this.realism;
  }

  get slowMs(): number {
    return this.config.slowMs ?? 0;
  }

  get serverErrorStatus(): number {
    return this.config.serverErrorStatus ?? 500;
  }

  get dpopNonceOnResources(): boolean {
    return this.config.dpopNonceOnResources ?? false;
  }

  /** True while any counted fault is still armed (for logs). */
  armed(): boolean {
    return COUNTED.some((n) => (this.config[n] ?? 0) > 0);
  }
}

/** Parses one `name=value` of the CLI; a bare name means true. Throws a sentence on a bad switch. */
export function parseFault(text: string): FaultConfig {
  const eq = text.indexOf('=');
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  const raw = eq < 0 ? 'true' : text.slice(eq + 1).trim();
  if (!faultNames.includes(name as keyof FaultConfig)) {
    throw new Error(`unknown fault "${name}"; known: ${faultNames.join(', ')}`);
  }
  if (NUMERIC.has(name)) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`fault ${name} takes a whole number ≥ 0, got "${raw}"`);
    return { [name]: n } as FaultConfig;
  }
  if (BOOLEAN.has(name)) {
    if (raw !== 'true' && raw !== 'false') throw new Error(`fault ${name} takes true or false, got "${raw}"`);
    return { [name]: raw === 'true' } as FaultConfig;
  }
  return { [name]: raw } as FaultConfig;
}
