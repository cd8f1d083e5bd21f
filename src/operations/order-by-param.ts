import { Type } from '@sinclair/typebox';
import { queryParam } from '../model/fields.ts';

const orList = (keys: readonly string[]) => (keys.length > 1 ? `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}` : (keys[0] ?? ''));

/**
 * orderBy where the spec takes a one-item list: "<key> asc" or "<key> desc" (a bare key sorts
 * ascending). `keysText` is how the help names the keys (default "a, b or c").
 */
export const orderByOneKey = (options: { keys: readonly string[]; default: string; example: string; keysText?: string }) =>
  queryParam(
    'orderBy',
    Type.Array(Type.String({ pattern: `^(${options.keys.join('|')})( (asc|desc))?$` }), { minItems: 1, maxItems: 1, default: [options.default] }),
    {
      label: 'Order by',
      help: `One sort key: ${options.keysText ?? orList(options.keys)}, followed by asc or desc. Okta sorts by ${options.default} when empty.`,
      example: [options.example],
    },
  );
