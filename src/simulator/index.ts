/**
 * A local, stateful Okta Identity Governance org on 127.0.0.1 for the demo, end-to-end tests and
 * benchmarks (DESIGN.md "The simulator"). A test double checked against recorded traffic — never a
 * replacement for it.
 *
 *   const sim = await startSimulator({ timeScale: 60 });
 *   await fetch(`${sim.url}/governance/api/v1/labels`, { headers: { Authorization: `Bearer ${sim.token}` } });
 *   await sim.close();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthService, type ClientRegistration } from './auth.ts';
import { Clock } from './clock.ts';
import type { SimCore } from './core.ts';
import { FaultController, type FaultConfig } from './faults.ts';
import { IdGenerator } from './ids.ts';
import { RateLimiter, type RateLimitOverrides } from './rate-limit.ts';
import { allScopes } from './routes/index.ts';
import { tickRequests } from './routes/requests.ts';
import { createReview, tickReviews } from './routes/security-access-reviews.ts';
import { buildSeed, type SimSeed } from './seed.ts';
import { seedFamilies } from './seed-families.ts';
import { createHandler } from './server.ts';
import type { ReviewRecord, SimState } from './state.ts';

export type { FaultConfig } from './faults.ts';
export { parseFault, faultNames } from './faults.ts';
export type { ClientRegistration } from './auth.ts';
export type { SimSeed, SeedUser, SeedResource, SeedCatalogEntry, SeedLabel } from './seed.ts';
export type { SeededFamilies } from './seed-families.ts';
export type * from './state.ts';
export type { RateLimitOverrides } from './rate-limit.ts';
export { routes as simulatorRoutes } from './routes/index.ts';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Same seed, same org (ids included). Default "oig-sim". */
  seed?: string;
  /** 60 makes a rate-limit minute last one second; delays shrink by the same factor. Default 1. */
  timeScale?: number;
  /** Real ms a security access review stays PENDING before ACTIVE (divided by timeScale). Default 1500. */
  activationDelayMs?: number;
  /** Real ms a v2 request stays SUBMITTED (divided by timeScale). Default 1000. */
  requestDecisionDelayMs?: number;
  /** Turn on the recorded quirks: -admin link hosts, the teams `links` style, catalog extra rels. Default false. */
  realism?: boolean;
  faults?: FaultConfig;
  /** One line per request and per notable event. */
  log?: (line: string) => void;
  /** Per-bucket limits instead of the real ones, e.g. { '*': 10000 } to never throttle. */
  rateLimits?: RateLimitOverrides;
  /** Concurrent requests before the concurrency form of 429. Default 75. */
  concurrencyLimit?: number;
  /** Lifetime of tokens from /oauth2/v1/token. Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Bulk seeding for benchmarks: this many more users (with grants), v2 requests, campaigns, collections and security access reviews. Default 0. */
  seedScale?: number;
}

export interface Simulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** A Bearer token with every scope, acting as the seeded admin. */
  readonly token: string;
  /** An SSWS API token of the seeded admin. */
  readonly apiToken: string;
  /** A Bearer token with only these scopes (for 403 insufficient_scope). */
  issueToken(scopes: string[]): string;
  /** Registers a service app for client credentials with private_key_jwt (DPoP required unless dpop: false). */
  registerClient(registration: ClientRegistration): void;
  readonly faults: { set(config: FaultConfig): void; clear(): void; current(): Readonly<FaultConfig> };
  /** The live org, after applying pending time-driven transitions. Read it; don't write it. */
  readonly state: SimState;
  readonly seed: SimSeed;
  /** Moves the business clock forward (e.g. past a review's endTime); rate-limit windows are unaffected. */
  advanceClock(ms: number): void;
  /** Adds `count` security access reviews of the seeded target user (for paging tests). */
  addReviews(count: number, fields?: { name?: string; principalId?: string; reviewerIds?: string[] }): ReviewRecord[];
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`startSimulator: timeScale must be a number above 0, got ${String(options.timeScale)}`);
  const seedString = options.seed ?? 'oig-sim';
  const log = options.log ?? (() => {});
  const { seed, state } = buildSeed(seedString);
  const clock = new Clock();
  const faults = new FaultController(options.realism ?? false, options.faults);

  const core: SimCore = {
    settings: {
      timeScale,
      activationDelayMs: options.activationDelayMs ?? 1500,
      requestDecisionDelayMs: options.requestDecisionDelayMs ?? 1000,
      realism: options.realism ?? false,
    },
    url: '',
    state,
    seed,
    ids: new IdGenerator(seedString, 'run'),
    clock,
    faults,
    log,
    tick() {
      tickReviews(core);
      tickRequests(core);
    },
  };
  const seedScale = options.seedScale ?? 0;
  if (!Number.isInteger(seedScale) || seedScale < 0) throw new Error(`startSimulator: seedScale must be a whole number of 0 or more, got ${String(options.seedScale)}`);
  seed.families = seedFamilies(core, seedScale);
  const auth = new AuthService(() => [core.url], { type: 'USER', id: seed.users.admin.id }, new IdGenerator(seedString, 'clients'), options.tokenLifetimeSeconds ?? 3600);
  const limiter = new RateLimiter(timeScale, options.rateLimits, options.concurrencyLimit);
  const handle = createHandler(core, auth, limiter);
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  core.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = auth.issue(allScopes());
  log(`simulator: listening on ${core.url} (seed "${seedString}", time scale ${timeScale})`);

  let closed: Promise<void> | undefined;
  return {
    url: core.url,
    token,
    apiToken: auth.apiToken,
    issueToken: (scopes) => auth.issue(scopes),
    registerClient: (registration) => auth.registerClient(registration),
    faults: {
      set: (config) => faults.set(config),
      clear: () => faults.clear(),
      current: () => faults.current(),
    },
    get state() {
      core.tick();
      return state;
    },
    seed,
    advanceClock: (ms) => clock.advance(ms),
    addReviews(count, fields = {}) {
      const made: ReviewRecord[] = [];
      for (let i = 0; i < count; i++) {
        made.push(
          createReview(core, {
            name: fields.name ? `${fields.name} ${i + 1}` : `Access review ${i + 1} of ${seed.users.target.firstName} ${seed.users.target.lastName}`,
            principalId: fields.principalId ?? seed.users.target.id,
            reviewerIds: fields.reviewerIds ?? seed.users.security.map((u) => u.id),
            createdBy: seed.users.admin.id,
          }),
        );
      }
      return made;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        log('simulator: closed');
      });
      return closed;
    },
  };
}
