import { buildFolder } from './folder.ts';
import type { Card } from '../compile/card.ts';

/**
 * connector/oig-connector.folder: the importable Workflows folder export, as compact JSON on one
 * line with a trailing newline (as console exports are written). Pure and deterministic.
 */
export function flopackFolder(cards: readonly Card[]): string {
  return `${JSON.stringify(buildFolder(cards).pack)}\n`;
}
