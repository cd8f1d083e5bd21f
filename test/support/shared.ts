import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * ../shared holds the project's reference material (the official spec, recorded traffic, flopack
 * samples). A user's clone doesn't have it: suites that need it skip with a one-line notice. CI sets
 * OIG_REQUIRE_SHARED=1, and then a missing ../shared fails instead.
 */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared', import.meta.url));
export const hasShared = existsSync(join(SHARED_DIR, 'oig', 'governance-openapi.yaml'));

if (!hasShared) {
  if (process.env.OIG_REQUIRE_SHARED === '1') {
    throw new Error(`OIG_REQUIRE_SHARED=1 but ${SHARED_DIR} is missing: CI needs ../shared beside the clone.`);
  }
  process.stderr.write(`notice: ${SHARED_DIR} not found; suites that read ../shared are skipped.\n`);
}

export const sharedPath = (...parts: string[]) => join(SHARED_DIR, ...parts);
