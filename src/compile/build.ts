import type { Operation } from '../model/operation.ts';
import { compileCard, type Card } from './card.ts';
import { CARD_TYPES_PATH, cardTypesModule } from './card-types.ts';
import { connectorReadme } from './connector-readme.ts';
import { flopackFolder } from './flopack.ts';
import { connectorManifest } from './manifest.ts';
import { cardsReference, scopesReference } from './reference.ts';
import { inputSchema, outputSchema } from './schemas.ts';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export interface BuildOptions {
  version: string;
}

/**
 * Everything `oig build` writes, as relative path → file content. Pure and deterministic: the same
 * declarations give byte-identical files (no dates, no random ids, stable order).
 */
export function buildArtifacts(ops: readonly Operation[], options: BuildOptions): Map<string, string> {
  const files = new Map<string, string>();
  const cards: Card[] = ops.map(compileCard);
  for (const op of ops) {
    files.set(`schemas/${op.id}.input.json`, json(inputSchema(op)));
    files.set(`schemas/${op.id}.output.json`, json(outputSchema(op)));
  }
  for (const card of cards) files.set(`cards/${card.id}.json`, json(card));
  files.set('connector/connector.json', json(connectorManifest(cards, options.version)));
  files.set('connector/CARDS.md', cardsReference(cards));
  files.set('connector/SCOPES.md', scopesReference(cards));
  files.set('connector/oig-connector.folder', flopackFolder(cards));
  files.set('connector/README.md', connectorReadme(cards));
  files.set(CARD_TYPES_PATH, cardTypesModule(ops));
  return files;
}

/** The directories the build owns: stale files in them are removed. */
export const BUILD_DIRS = ['cards', 'schemas', 'connector', 'src/generated'] as const;
