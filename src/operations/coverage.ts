/**
 * What this bundle does with each operation of the official OIG spec: `card`, or `excluded` with the
 * reason a user would accept. Derived from the declarations: only the exceptions are written here.
 * A test checks the result against the spec (an operation gained or lost fails).
 */
import { operations } from './index.ts';

export type Coverage = 'card' | { excluded: string };

/** Declared cards that are not OIG operations: core Okta management calls the flows need. */
export const notInSpec: readonly string[] = ['listUsers', 'getUser', 'getApplication', 'listApplications', 'listGroups', 'getGroup', 'getWellknownOrgMetadata'];

/** OIG operations with no card, and why. */
export const excluded: Readonly<Record<string, string>> = {};

export const coverage: Readonly<Record<string, Coverage>> = {
  ...Object.fromEntries(operations.filter((op) => !notInSpec.includes(op.id)).map((op) => [op.id, 'card' as const])),
  ...Object.fromEntries(Object.entries(excluded).map(([id, reason]) => [id, { excluded: reason }])),
};
