/** Before the workers start (vitest.config.ts globalSetup): fixtures that cost seconds, made once per run. */
import { hasShared } from './shared.ts';
import { specDocument } from './spec.ts';

export default function setup(): void {
  if (hasShared) specDocument();
}
