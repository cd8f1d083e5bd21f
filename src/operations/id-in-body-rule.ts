import type { BusinessRule } from '../model/operation.ts';

/**
 * A body that names its record (PUT, some PATCH) must name the one in the URL. The message reads
 * "id <body id> differs from <param> <path id>: <mustCarry>; give the same id in both".
 */
export const idInBodyMatchesPath = (rule: { id: string; param: string; noun: string; mustCarry: string }): BusinessRule => ({
  id: rule.id,
  field: 'id',
  description: `The body id is the ${rule.noun} in the URL.`,
  check: ({ path, body }) => {
    const id = (body as { id?: string } | undefined)?.id;
    if (id === undefined || id === path[rule.param]) return null;
    return `id ${id} differs from ${rule.param} ${path[rule.param]}: ${rule.mustCarry}; give the same id in both`;
  },
});
