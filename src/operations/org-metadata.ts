/**
 * The org's well-known metadata (core Okta): its id (00o…), which ORNs carry, and its own URL. Okta
 * serves it without credentials, so the card needs no scope.
 */
import { Type } from '@sinclair/typebox';
import { object } from '../model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../model/family.ts';
import { out } from '../model/fields.ts';

const defaults: FamilyDefaults = {
  family: 'Org Metadata',
  docs: { api: 'management', tag: 'OrgSettingMetadata' },
  lifecycle: 'GA',
  adminRoles: [],
  scopes: { read: [] },
};

const metadata = Type.Object({
  id: Type.Optional(Type.String()),
  pipeline: Type.Optional(Type.String()),
  _links: Type.Optional(
    Type.Object({
      organization: Type.Optional(Type.Object({ href: Type.Optional(Type.String()) })),
      alternate: Type.Optional(Type.Object({ href: Type.Optional(Type.String()) })),
    }),
  ),
});

export const orgMetadataOperations = defineFamily(defaults, [
  {
    id: 'getWellknownOrgMetadata',
    title: 'Get org metadata',
    description: 'Read the org\'s id (00o…, the one in ORNs), its sign-in pipeline and its URL, from the org\'s public well-known document.',
    method: 'GET',
    path: '/.well-known/okta-organization',
    inputs: {},
    answer: object(metadata, {
      id: out('/id', 'Org ID', 'The org id (00o…) that ORNs carry, e.g. orn:okta:directory:<org id>:groups:00g….'),
      pipeline: out('/pipeline', 'Pipeline', 'idx (Identity Engine) or v1 (Classic).'),
      url: out('/_links/organization/href', 'Org URL'),
    }),
  },
]);
