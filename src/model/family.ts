import { docsLink, type DocsApi } from './docs.ts';
import type { HttpMethod, Lifecycle, Operation } from './operation.ts';

/** What every operation of an API family shares, stated once. */
export interface FamilyDefaults {
  family: string;
  /** Okta's reference for the family; each card links to its own operation there. */
  docs: { api: DocsApi; tag: string };
  lifecycle: Lifecycle;
  adminRoles: string[];
  /** Reads (GET) need `read`, every other method `manage`. */
  scopes: { read?: string[]; manage?: string[] };
}

/** One operation of a family: what it doesn't state is the family's (or, for the status, the method's) default. */
export type OperationDeclaration = Omit<Operation, 'family' | 'docs' | 'lifecycle' | 'adminRoles' | 'scopes' | 'successStatus'> &
  Partial<Pick<Operation, 'docs' | 'lifecycle' | 'adminRoles' | 'scopes' | 'successStatus'>>;

type Stated = 'family' | 'docs' | 'lifecycle' | 'adminRoles' | 'scopes' | 'successStatus';
/** A declaration with what the family fills in. */
export type FamilyOperation<D extends OperationDeclaration> = D & Pick<Operation, Stated>;

const defaultStatus: Record<HttpMethod, number> = { GET: 200, PUT: 200, PATCH: 200, POST: 200, DELETE: 204 };

/**
 * The operations of one API family, each filled in from the family's defaults. The declarations keep
 * their literal types (the runtime reads per-card input and output types off them).
 */
export function defineFamily<const T extends readonly OperationDeclaration[]>(
  defaults: FamilyDefaults,
  ops: T,
): { readonly [K in keyof T]: FamilyOperation<T[K]> } {
  return ops.map((op): Operation => {
    const scopes = op.scopes ?? (op.method === 'GET' ? defaults.scopes.read : defaults.scopes.manage);
    if (!scopes) {
      throw new Error(`${op.id}: the ${defaults.family} family states no ${op.method === 'GET' ? 'read' : 'manage'} scopes; give ${op.id} its scopes`);
    }
    return {
      ...op,
      family: defaults.family,
      docs: op.docs ?? docsLink(defaults.docs.api, defaults.docs.tag, op.id),
      lifecycle: op.lifecycle ?? defaults.lifecycle,
      adminRoles: op.adminRoles ?? defaults.adminRoles,
      scopes,
      successStatus: op.successStatus ?? defaultStatus[op.method],
    };
  }) as unknown as { readonly [K in keyof T]: FamilyOperation<T[K]> };
}
