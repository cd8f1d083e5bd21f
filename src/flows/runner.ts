import type { Connection, ConnectionConfig } from '../auth/index.ts';
import { connect } from '../auth/index.ts';
import type { RunOptions } from '../runtime/options.ts';
import { iterateCard, runCard } from '../runtime/run-card.ts';
import type { CardId, InputFor } from '../runtime/card-types.ts';
import type { FlowContext } from './context.ts';

/**
 * A FlowContext over a real connection: every step is a card run by the runtime, with its validation,
 * retries, paging and safety rules. `options` (pacing, events, retries) apply to every card.
 */
export function flowContext(connection: Connection | ConnectionConfig, options: RunOptions & { progress?: (message: string) => void } = {}): FlowContext {
  const { progress, ...runOptions } = options;
  const conn = connect(connection);
  return {
    run: (cardId, input, opts) => runCard(cardId as CardId, input as InputFor<CardId>, conn, { ...runOptions, ...opts }),
    iterate: (cardId, input) => iterateCard(cardId as CardId, input as InputFor<CardId>, conn, { ...runOptions, resultSet: 'all' }) as AsyncIterable<Record<string, unknown>>,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => new Date(),
    progress: progress ?? (() => {}),
  };
}
