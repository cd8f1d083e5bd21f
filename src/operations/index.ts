import type { Operation } from '../model/operation.ts';
import { labelOperations } from './labels.ts';

/** Every declared operation, in the order the reference lists them. */
export const operations: readonly Operation[] = [...labelOperations];

const byId = new Map(operations.map((op) => [op.id, op]));

export function findOperation(id: string): Operation | undefined {
  return byId.get(id);
}
