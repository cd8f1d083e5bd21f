/**
 * Two simulators from the same seed, fresh for every test: the Workflows template runs against `sim`
 * (through the interpreter), the code template against `twin`, and the tests compare what each did.
 */
import { afterEach, beforeEach } from 'vitest';
import type { Mission } from '../../src/missions/index.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.ts';

export const TWIN_OPTIONS: SimulatorOptions = { timeScale: 60, rateLimits: { '*': 100000 } };

/** Registers the hooks; read `twins.sim` and `twins.twin` inside tests. `twinOptions` adds options to the twin only. */
export function useTwinSimulators(twinOptions: () => Partial<SimulatorOptions> = () => ({})): { sim: Simulator; twin: Simulator } {
  const twins = {} as { sim: Simulator; twin: Simulator };
  beforeEach(async () => {
    [twins.sim, twins.twin] = await Promise.all([startSimulator(TWIN_OPTIONS), startSimulator({ ...TWIN_OPTIONS, ...twinOptions() })]);
  });
  afterEach(async () => {
    await Promise.all([twins.sim?.close(), twins.twin?.close()]);
  });
  return twins;
}

/**
 * An audit record (a Workflows table row, keyed by column label, or the code template's `audit`, keyed
 * by column key) keyed by column key, without what differs by design: when it ran, who started it, and
 * the ids each simulator mints for what the run created (`minted`) — a simulator's id streams also feed
 * its timed transitions, so the same seed need not mint the same id twice; tests check those ids against
 * each simulator's own state instead.
 */
export function auditEssence(mission: Mission, record: Record<string, unknown>, minted: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of mission.audit) {
    if (column.key === 'when' || column.key === 'startedBy' || minted.includes(column.key)) continue;
    out[column.key] = column.label in record ? record[column.label] : record[column.key];
  }
  return out;
}
