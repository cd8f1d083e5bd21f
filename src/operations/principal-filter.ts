/**
 * The required filter of the "one user in one app" reads (Principal Access, Principal Entitlements):
 * it must name both the app and the user, each by one of a few attributes compared with eq.
 */
import { Type } from '@sinclair/typebox';
import type { BusinessRule } from '../model/operation.ts';
import { queryParam } from '../model/fields.ts';

/** One side the filter must name: the attributes that name it and how to tell the user to add it. */
export type FilterSide = { attributes: string[]; hint: string };

const names = (filter: string, attributes: string[]) => attributes.some((a) => new RegExp(`\\b${a.replace('.', '\\.')}\\s+eq\\s`, 'i').test(filter));

export const filterNamesBoth = (rule: { id: string; description: string; app: FilterSide; user: FilterSide }): BusinessRule => ({
  id: rule.id,
  field: 'filter',
  description: rule.description,
  check: ({ query }) => {
    const filter = query.filter ?? '';
    const missing = [rule.app, rule.user].filter((side) => !names(filter, side.attributes)).map((side) => side.hint);
    return missing.length ? `filter must name ${missing.join(' and ')}; add ${missing.length > 1 ? 'them' : 'it'} with AND` : null;
  },
});

/** The app and the user as parent… / targetPrincipal… (the current access and entitlements). */
export const parentAndTargetPrincipal = {
  description:
    'The filter names the app (parent.externalId with parent.type, or parentResourceOrn) and the user (targetPrincipal.externalId with targetPrincipal.type, or targetPrincipalOrn).',
  app: {
    attributes: ['parent.externalId', 'parentResourceOrn'],
    hint: 'the app (parent.externalId eq "0oa…" AND parent.type eq "APPLICATION", or parentResourceOrn eq "orn:…")',
  },
  user: {
    attributes: ['targetPrincipal.externalId', 'targetPrincipalOrn'],
    hint: 'the user (targetPrincipal.externalId eq "00u…" AND targetPrincipal.type eq "OKTA_USER", or targetPrincipalOrn eq "orn:…")',
  },
};

export const parentAndTargetPrincipalFilter = queryParam('filter', Type.String({ minLength: 1 }), {
  label: 'Filter',
  help: 'Required. Name the app and the user: parent.externalId eq "0oa…" AND parent.type eq "APPLICATION" AND targetPrincipal.externalId eq "00u…" AND targetPrincipal.type eq "OKTA_USER" (or parentResourceOrn / targetPrincipalOrn with ORNs).',
  required: true,
  example:
    'parent.externalId eq "0oao01ardu8r8qUP91d7" AND parent.type eq "APPLICATION" AND targetPrincipal.externalId eq "00unkw1sfbTw08c0g1d7" AND targetPrincipal.type eq "OKTA_USER"',
});
