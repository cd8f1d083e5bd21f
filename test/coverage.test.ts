import { describe, expect, it } from 'vitest';
import { coverage, excluded, notInSpec } from '../src/operations/coverage.ts';
import { findOperation, operations } from '../src/operations/index.ts';
import { hasShared } from './support/shared.ts';
import { loadSpec } from './support/spec.ts';

describe('coverage manifest (derived from the declarations)', () => {
  it('says "card" for every declared operation but the few outside the OIG spec', () => {
    const cards = Object.entries(coverage).filter(([, c]) => c === 'card').map(([id]) => id);
    expect(cards).toEqual(operations.map((o) => o.id).filter((id) => !notInSpec.includes(id)));
  });

  it('names only declared cards as outside the spec, and never excludes a declared one', () => {
    for (const id of notInSpec) expect(findOperation(id), id).toBeDefined();
    for (const id of Object.keys(excluded)) expect(findOperation(id), `${id} is both declared and excluded`).toBeUndefined();
    for (const [id, reason] of Object.entries(excluded)) expect(reason.length, id).toBeGreaterThan(20);
  });

  it.skipIf(!hasShared)('lists exactly the operations of the official spec', () => {
    const specIds = [...loadSpec().entries.keys()].sort();
    expect(Object.keys(coverage).sort()).toEqual(specIds);
    for (const id of notInSpec) expect(specIds, id).not.toContain(id);
  });
});
