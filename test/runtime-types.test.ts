import { describe, expectTypeOf, it } from 'vitest';
import type { CardId, CardInputs, CardItems, CardOutputs, CardResult, iterateCard, runCard } from '../src/runtime/index.ts';

// Type-level checks: `npm test` runs tsc over this file, so each @ts-expect-error fails the run when
// the generated types (src/generated/card-types.ts) stop catching the mistake.
type Run = typeof runCard;

describe('per-card types generated from the schemas', () => {
  it('types each card\'s input keys, values and required keys', () => {
    expectTypeOf<keyof CardInputs['getLabel']>().toEqualTypeOf<'labelId'>();
    expectTypeOf<CardInputs['getLabel']['labelId']>().toEqualTypeOf<string>();
    expectTypeOf<CardInputs['listLabelResources']['limit']>().toEqualTypeOf<number | undefined>();
    const colors: NonNullable<Extract<CardInputs['createLabel'], { labelValues: unknown }>['labelValues']>[number]['color'] = 'red';
    void colors;
    // @ts-expect-error an unknown key is a compile error
    const wrong: CardInputs['getLabel'] = { labelID: 'x' };
    // @ts-expect-error a colour outside the enum is a compile error
    const purple: CardInputs['createLabel'] = { name: 'S', labelValues: [{ name: 'H', color: 'violet' }] };
    void wrong;
    void purple;
  });

  it('refuses a missing required input, a misspelled card id, and both forms of an exactly-one group', () => {
    const check = (run: Run) => {
      // @ts-expect-error principalId is required
      void run('createSecurityAccessReview', { name: 'Review' }, { orgUrl: 'https://acme.okta.com', accessToken: 't' });
      // @ts-expect-error no card is called createSecurityAccessReviews
      void run('createSecurityAccessReviews', { name: 'Review', principalId: '00u1' }, { orgUrl: 'https://acme.okta.com', accessToken: 't' });
      // @ts-expect-error labelValues and values exclude each other
      void run('createLabel', { name: 'S', labelValues: [{ name: 'H' }], values: [{ name: 'H' }] }, { orgUrl: 'https://acme.okta.com', accessToken: 't' });
      void run('createLabel', { name: 'S', labelValues: [{ name: 'H', color: 'red' }] }, { orgUrl: 'https://acme.okta.com', accessToken: 't' });
    };
    void check;
    expectTypeOf<'getLabel'>().toExtend<CardId>();
    expectTypeOf<'notACard'>().not.toExtend<CardId>();
  });

  it('types outputs: list cards as {items, count}, each item its outputs and raw, others with their declared outputs', () => {
    expectTypeOf<CardOutputs['listLabels']['count']>().toEqualTypeOf<number>();
    expectTypeOf<CardOutputs['listLabels']['items'][number]['labelId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CardOutputs['listLabels']['items'][number]['raw']['name']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CardOutputs['getLabel']>().toHaveProperty('labelId');
    expectTypeOf<Awaited<ReturnType<typeof runCard<'getLabel'>>>>().toEqualTypeOf<CardResult<CardOutputs['getLabel']>>();
  });

  it('iterateCard yields the typed record', () => {
    expectTypeOf<ReturnType<typeof iterateCard<'listLabels'>>>().toEqualTypeOf<AsyncIterable<CardItems['listLabels']>>();
    expectTypeOf<CardItems['listLabelResources']['orn']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CardItems['listLabelResources']['raw']['profile']>().toEqualTypeOf<{ id?: string; name?: string; description?: string; [k: string]: unknown } | undefined>();
  });
});
