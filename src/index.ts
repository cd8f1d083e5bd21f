/** The library: declarations, compiler, runtime, connections and flow templates. The simulator has its own entry, `oig-connector-bundle/simulator`. */
export { operations, findOperation } from './operations/index.ts';
export { compileCard, type Card } from './compile/card.ts';
export { buildArtifacts } from './artifacts/build.ts';
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
export { flows, runFlow, flowContext, FlowInputError, type FlowContext, type FlowTemplate } from './flows/index.ts';
