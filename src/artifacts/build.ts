import { CARD_TYPES_PATH, cardTypesModule } from '../compile/card-types.ts';
import { compiledCards, type CompiledCard } from '../compile/registry.ts';
import { connectorManifest } from '../compile/manifest.ts';
import { cardsReference, scopesReference } from '../compile/reference.ts';
import { buildExports } from '../workflows/folder.ts';
import { connectorReadme, templateJson, templateReadme } from '../workflows/readme.ts';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export interface BuildOptions {
  version: string;
}

/**
 * Everything `oig build` writes, as relative path → file content: the compiled cards and their
 * schemas (the same objects the runtime runs), the connector manifest and references, and the
 * Workflows exports. Pure and deterministic: the same declarations give byte-identical files.
 */
export function buildArtifacts(options: BuildOptions, compiled: readonly CompiledCard[] = compiledCards()): Map<string, string> {
  const files = new Map<string, string>();
  for (const { op, inputSchema, outputSchema } of compiled) {
    files.set(`schemas/${op.id}.input.json`, json(inputSchema));
    files.set(`schemas/${op.id}.output.json`, json(outputSchema));
  }
  const cards = compiled.map((c) => c.card);
  for (const card of cards) files.set(`cards/${card.id}.json`, json(card));
  files.set('connector/connector.json', json(connectorManifest(cards, options.version)));
  files.set('connector/CARDS.md', cardsReference(cards));
  files.set('connector/SCOPES.md', scopesReference(cards));
  const workflows = buildExports(compiled);
  for (const f of workflows.files) files.set(`connector/${f.path}`, `${JSON.stringify(f.pack)}\n`);
  for (const t of workflows.summary.templates) {
    const dir = `connector/templates/${t.slug}`;
    files.set(`${dir}/README.md`, templateReadme(t));
    files.set(`${dir}/template.json`, templateJson(t));
  }
  files.set('connector/README.md', connectorReadme(workflows.summary, workflows.files));
  files.set(CARD_TYPES_PATH, cardTypesModule(compiled));
  return files;
}

/** The directories the build owns: stale files in them are removed. */
export const BUILD_DIRS = ['cards', 'schemas', 'connector', 'src/generated'] as const;
