/** The Workflows exports exactly as `oig build` wrote them under connector/ (what users import). */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const CONNECTOR = resolve(import.meta.dirname, '../../connector');

type Json = Record<string, any>;

export function shippedExport(path: string): Json {
  return JSON.parse(readFileSync(resolve(CONNECTOR, path), 'utf8')) as Json;
}

export const templateExport = (slug: string) => shippedExport(`templates/${slug}/${slug}.folder`);

/** Every export under connector/ (templates and the helper library), by path. */
export function shippedExports(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(resolve(dir, entry.name), `${rel}${entry.name}/`);
      else if (entry.name.endsWith('.folder')) out.set(`${rel}${entry.name}`, readFileSync(resolve(dir, entry.name), 'utf8'));
    }
  };
  walk(CONNECTOR, '');
  return out;
}

/** The card helper library's exports merged into one (every card helper flow, by id), for running helpers by name. */
export function helperLibrary(): Json {
  const flos: Json = {};
  for (const [path, text] of shippedExports()) if (path.startsWith('helpers/')) Object.assign(flos, (JSON.parse(text) as Json).data.flos);
  return { data: { flos, tables: {} } };
}
