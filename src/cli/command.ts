/** One `oig` sub-command. `run` returns the process exit code (DESIGN.md: 0 ok, 1 API error, 2 usage/input, 3 config/auth, 4 could not reach the org). */
export interface Command {
  usage: string;
  /** Help for what the arguments name (e.g. one flow template's inputs); `usage` when absent or null. */
  helpFor?(args: string[]): string | null;
  run(args: string[]): Promise<number>;
}

/** Bad arguments: printed with the command's usage, exit code 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}
