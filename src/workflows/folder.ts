/**
 * The whole importable folder: a top folder with the templates, the jobs and support flows, and one
 * subfolder of card helpers per family; one connection placeholder for the Okta connection.
 */
import type { Card } from '../compile/card.ts';
import { scopeUnion } from '../compile/manifest.ts';
import { FLOPACK_FLAGS, FLOPACK_VERSION, type Flopack, type FlowRecord, type Folder } from './format.ts';
import { helperFlow, type HelperFlow, type LeftOut } from './helper-flows.ts';
import { uuidV5 } from './ids.ts';
import { missionTemplates, type CardHelper } from './mission-flows.ts';
import { readAllPagesFlow, readPageFlow, type FlowPlan } from './support-flows.ts';
import type { FieldSpec } from './flow-builder.ts';

export const FOLDER_NAME = 'Okta Identity Governance (OIG)';
export const CONNECTION_NAME = 'Okta (with the OIG scopes granted)';
/** Fixed, so that a rebuild is byte-identical. */
export const FOLDER_CREATED = '2026-01-01T00:00:00.000Z';

export interface FolderSummary {
  folder: string;
  connection: string;
  templates: { name: string; kind: 'delegated' | 'event'; description: string; scopes: string[]; fields: FieldSpec[] }[];
  jobs: { name: string; description: string }[];
  support: { name: string; description: string }[];
  helpers: { cardId: string; name: string; family: string; leftOut: LeftOut[] }[];
  scopes: string[];
}

export function buildFolder(cards: readonly Card[]): { pack: Flopack; summary: FolderSummary } {
  const folderId = (name: string) => uuidV5(`folder:${name}`);
  const root = folderId('root');
  const groups: Record<string, Folder> = {};
  const addFolder = (id: string, name: string, description: string, path: string) => {
    groups[id] = { id, data: { name, description, media_uri: '', path } };
    return id;
  };
  addFolder(root, FOLDER_NAME, 'Okta Identity Governance from Workflows: templates to run, and one helper flow per API card.', '');
  const templatesFolder = addFolder(folderId('templates'), 'Start here · templates', 'Delegated and event flows for the everyday jobs.', root);
  const buildingBlocks = addFolder(folderId('building-blocks'), 'Building blocks', 'The jobs the templates run, and the flows they share.', root);

  const connection = uuidV5('connection:okta');
  const flos: Record<string, FlowRecord> = {};
  const addFlow = (plan: FlowPlan, group: string) => {
    flos[plan.ref.uuid] = { id: plan.ref.uuid, name: plan.ref.name, description: plan.description, data: plan.build(group, connection) };
  };

  const readPage = readPageFlow();
  const readAll = readAllPagesFlow(readPage.ref);
  const helpers = new Map<string, CardHelper>();
  for (const card of cards) helpers.set(card.id, { card, flow: helperFlow(card, readPage.ref) });
  const templates = missionTemplates(helpers, readAll.ref);

  for (const t of [...templates.delegated, ...templates.events]) addFlow(t, templatesFolder);
  for (const plan of [...templates.jobs, ...templates.support, readPage, readAll]) addFlow(plan, buildingBlocks);
  const families = [...new Set(cards.map((c) => c.family))];
  for (const family of families) {
    const group = addFolder(folderId(`family:${family}`), `Cards · ${family}`, `One helper flow per ${family} card.`, root);
    for (const card of cards.filter((c) => c.family === family)) {
      const h: HelperFlow = helpers.get(card.id)!.flow;
      flos[h.ref.uuid] = {
        id: h.ref.uuid,
        name: h.ref.name,
        description: `${card.description} (${card.method} ${card.path})`,
        data: h.build(group, connection),
      };
    }
  }

  const pack: Flopack = {
    type: 'flopack',
    version: FLOPACK_VERSION,
    created: FOLDER_CREATED,
    flags: FLOPACK_FLAGS,
    data: {
      flos,
      configs: { [connection]: { id: connection, name: CONNECTION_NAME, module: 'okta', data: null } },
      tables: {},
      groups,
    },
  };
  const summary: FolderSummary = {
    folder: FOLDER_NAME,
    connection: CONNECTION_NAME,
    templates: [
      ...templates.delegated.map((t) => ({ name: t.ref.name, kind: 'delegated' as const, description: t.description, scopes: t.scopes, fields: t.fields })),
      ...templates.events.map((t) => ({ name: t.ref.name, kind: 'event' as const, description: t.description, scopes: t.scopes, fields: [] })),
    ],
    jobs: templates.jobs.map((j) => ({ name: j.ref.name, description: j.description })),
    support: [...templates.support, readPage, readAll].map((s) => ({ name: s.ref.name, description: s.description })),
    helpers: cards.map((c) => ({ cardId: c.id, name: helpers.get(c.id)!.flow.ref.name, family: c.family, leftOut: helpers.get(c.id)!.flow.plan.leftOut })),
    scopes: scopeUnion([...cards]),
  };
  return { pack, summary };
}
