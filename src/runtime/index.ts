/** The runtime: run any declared card against an org, safely. */
export { runCard, iterateCard, prepareCard, type CardResult, type PreparedCard } from './run-card.ts';
export type { RunOptions, ResultSet, RuntimeEvent, Clock } from './options.ts';
export { RateLimiter, type RateLimit } from './rate-limit.ts';
export type { RetrySettings } from './retry-policy.ts';
export type { PlannedRequest } from './build-request.ts';
export { CardInputError, ConnectionError, OktaApiError, TransportError, type ErrorCause } from '../model/errors.ts';
export type { CardId, CardInputs, CardItems, CardOutputs, InputFor, ItemFor, OutputsFor } from './card-types.ts';
