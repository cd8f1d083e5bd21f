/** The library: declarations, compiler, runtime and connections. */
export { operations, findOperation } from './operations/index.ts';
export { compileCard, type Card } from './compile/card.ts';
export { buildArtifacts } from './compile/build.ts';
export { inputSchema, outputSchema } from './compile/schemas.ts';
export type { Operation, InputField, OutputField, BusinessRule } from './model/operation.ts';
export * from './runtime/index.ts';
export {
  connect,
  connectionFromEnv,
  bearerConnection,
  apiTokenConnection,
  oauthConnection,
  parseOrgUrl,
  type Connection,
  type ConnectionConfig,
  type ConnectionKind,
  type OAuthConfig,
} from './auth/index.ts';
export { startSimulator, type Simulator, type SimulatorOptions, type SimSeed } from './simulator/index.ts';
export { flows, runFlow, flowContext, FlowInputError, type FlowContext, type FlowTemplate } from './flows/index.ts';
