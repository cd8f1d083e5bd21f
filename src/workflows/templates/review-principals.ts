/** Support flow of the event template: the users a list of security access reviews is about. */
import { FlowBuilder, literal, type FieldSpec } from '../flow-builder.ts';
import { callFlow, contextFields, get, length, makeRef, returnValues, spec, takeItem, union, type HelperRef } from '../steps.ts';
import type { TemplateCards, TemplateFlow } from './context.ts';

export function principalsFlow(cards: TemplateCards): { ref: HelperRef; flow: TemplateFlow } {
  const role = 'support:review-principals';
  const takes: FieldSpec[] = [
    { key: 'reviews', type: 'object', list: true, label: 'Security access reviews', custom: true },
    { key: 'principalIds', type: 'string', list: true, label: 'User IDs found so far (start with an empty list)', custom: true },
  ];
  const ref = makeRef(role, 'OIG support · Users under review', takes, [{ key: 'principalIds', type: 'string', list: true, label: 'User IDs' }]);
  const reviewIdKey = cards.key('getSecurityAccessReviewPrincipalDetails', { in: 'path' }, ref.name);
  const flow: TemplateFlow = {
    kind: 'support',
    ref,
    description: 'Gives the id of the user each security access review is about (a review lists its reviewers, not its user).',
    build(group) {
      const fb = new FlowBuilder(role);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...takes] });
      const reviews = t.out('reviews', null);
      const sofar = t.out('principalIds', null);
      const left = length(fb, 'left', reviews, 'Reviews left');
      const done = fb.ifElse('done', { a: left, op: '==', b: literal(0) }, { principalIds: { type: 'string', list: true } }, {
        then: () => ({ principalIds: sofar }),
        else: () => {
          const next = takeItem(fb, 'next', 'first', reviews, 'object', 'Next review');
          const id = get(fb, 'review-id', next.item, 'id', 'string', false, 'Review ID');
          const details = callFlow(fb, 'principal', cards.ref('getSecurityAccessReviewPrincipalDetails'), { [reviewIdKey]: id }, ['body'], 'Get user under review');
          const userId = get(fb, 'user-id', details.body!, 'id', 'string', false, 'User ID');
          const ids = union(fb, 'add', sofar, userId, true, 'Add the id');
          const rest = callFlow(fb, 'rest', ref, { reviews: next.rest, principalIds: ids }, ['principalIds'], 'The other reviews');
          return { principalIds: rest.principalIds! };
        },
      });
      returnValues(fb, { principalIds: { source: done.out('principalIds'), spec: spec(ref, 'principalIds') } });
      return fb.build({ uuid: ref.uuid, group, callable: true, securityLevel: null });
    },
  };
  return { ref, flow };
}
