import { describe, expect, it } from 'vitest';
import { coverage } from '../src/operations/coverage.ts';
import { operations } from '../src/operations/index.ts';
import { hasShared } from './support/shared.ts';
import { loadSpec } from './support/spec.ts';

const CORE_OKTA = new Set(['listUsers', 'getUser', 'getApplication']);

describe('coverage manifest', () => {
  it('says "card" exactly for the declared OIG operations', () => {
    const declared = new Set(operations.map((o) => o.id).filter((id) => !CORE_OKTA.has(id)));
    const saysCard = new Set(Object.entries(coverage).filter(([, c]) => c === 'card').map(([id]) => id));
    expect([...declared].filter((id) => !saysCard.has(id))).toEqual([]);
    expect([...saysCard].filter((id) => !declared.has(id))).toEqual([]);
  });

  it('gives every exclusion a reason', () => {
    for (const [id, c] of Object.entries(coverage)) if (c !== 'card') expect(c.excluded.length, id).toBeGreaterThan(20);
  });

  it.skipIf(!hasShared)('lists exactly the operations of the official spec', () => {
    const specIds = [...loadSpec().entries.keys()].sort();
    expect(Object.keys(coverage).sort()).toEqual(specIds);
    expect(specIds).toHaveLength(147);
  });
});
