/** What every route handler sees: the org, the clock, id streams, link building and the request. */
import type { Clock } from './clock.ts';
import type { FaultController } from './faults.ts';
import type { IdGenerator } from './ids.ts';
import type { SimSeed } from './seed.ts';
import type { Principal, SimState } from './state.ts';

export interface SimSettings {
  timeScale: number;
  activationDelayMs: number;
  /** Real ms (before scaling) a v2 request stays SUBMITTED. */
  requestDecisionDelayMs: number;
  realism: boolean;
}

export interface SimCore {
  settings: SimSettings;
  /** http://127.0.0.1:PORT once listening. */
  url: string;
  state: SimState;
  seed: SimSeed;
  ids: IdGenerator;
  clock: Clock;
  faults: FaultController;
  log: (line: string) => void;
  /** Applies the time-driven transitions (review activation and end, v2 request decisions). */
  tick(): void;
}

export interface Ctx {
  core: SimCore;
  method: string;
  /** The decoded path segments joined back, e.g. /governance/api/v1/labels/lbc… */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  caller: Principal;
}

export interface HalLink {
  href: string;
  hints?: Record<string, unknown>;
}

/**
 * Where hrefs point. The real service links to the `<org>-admin` host; the `adminLinks` switch
 * mimics that with http://localhost-admin:PORT, which a client must re-base onto its org URL.
 */
export function linkBase(core: SimCore): string {
  if (!core.faults.effective('adminLinks')) return core.url;
  const port = new URL(core.url).port;
  return `http://localhost-admin:${port}`;
}

export function href(core: SimCore, pathAndQuery: string): string {
  return `${linkBase(core)}${pathAndQuery}`;
}

export function link(core: SimCore, pathAndQuery: string): HalLink {
  return { href: href(core, pathAndQuery), hints: {} };
}
