/**
 * What a flow template needs from the world: run a card, stream a list card, wait, and say what it is
 * doing. The runtime provides it over a real connection (src/flows/runner.ts); a flow never builds a
 * URL or touches HTTP itself.
 */
export interface CardCall {
  status: number;
  outputs: Record<string, unknown>;
  body: unknown;
}

export interface FlowContext {
  run(cardId: string, input: Record<string, unknown>, options?: { resultSet?: 'first' | 'firstN' | 'all'; limit?: number }): Promise<CardCall>;
  iterate(cardId: string, input: Record<string, unknown>): AsyncIterable<Record<string, unknown>>;
  sleep(ms: number): Promise<void>;
  now(): Date;
  progress(message: string): void;
}

/** A flow input that can't work (unknown user, principal among reviewers, …): exit code 2 in the CLI. */
export class FlowInputError extends Error {
  override name = 'FlowInputError';
  constructor(
    readonly flow: string,
    readonly field: string,
    message: string,
  ) {
    // A whole sentence (a mission message) follows the field after a colon; a fragment ("must …") continues it.
    super(/^[A-Z]/.test(message) ? `${flow}: ${field}: ${message}` : `${flow}: ${field} ${message}`);
  }
}

export interface FlowTemplate<I = Record<string, unknown>, O = Record<string, unknown>> {
  name: string;
  title: string;
  description: string;
  /** The cards it calls, in order of use: their scopes are what the flow needs granted. */
  cards: string[];
  /** JSON Schema of the input (strict), from TypeBox. */
  input: object;
  run(ctx: FlowContext, input: I): Promise<O>;
}
