/** The library: declarations, compiler and (once present) runtime. */
export { operations, findOperation } from './operations/index.ts';
export { compileCard, type Card } from './compile/card.ts';
export { buildArtifacts } from './compile/build.ts';
export { inputSchema, outputSchema } from './compile/schemas.ts';
export type { Operation, InputField, OutputField, BusinessRule } from './model/operation.ts';
