import { describe, expectTypeOf, it } from 'vitest';
import type { CardInputs, CardOutputs, InputFor } from '../src/runtime/index.ts';

describe('per-card types from the declarations', () => {
  it('types each card\'s input keys and values', () => {
    expectTypeOf<keyof CardInputs['getLabel']>().toEqualTypeOf<'labelId'>();
    expectTypeOf<CardInputs['getLabel']['labelId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CardInputs['createLabel']>().toHaveProperty('labelValues');
    expectTypeOf<NonNullable<CardInputs['createLabel']['labelValues']>[number]['color']>().toEqualTypeOf<
      'red' | 'orange' | 'yellow' | 'green' | 'blue' | 'purple' | 'teal' | 'beige' | 'gray' | undefined
    >();
    // @ts-expect-error an unknown key is a compile error
    const wrong: CardInputs['getLabel'] = { labelID: 'x' };
    void wrong;
  });

  it('types list outputs as {items, count}, each item its outputs and the raw record, and lets unknown ids through untyped', () => {
    expectTypeOf<CardOutputs['listLabels']['count']>().toEqualTypeOf<number>();
    expectTypeOf<CardOutputs['listLabels']['items'][number]>().toHaveProperty('raw');
    expectTypeOf<CardOutputs['listLabels']['items'][number]>().toHaveProperty('labelId');
    expectTypeOf<CardOutputs['listLabels']['items'][number]['raw']['name']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<InputFor<'notACard'>>().toEqualTypeOf<Record<string, unknown>>();
  });
});
