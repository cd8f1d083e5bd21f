/**
 * The importable Workflows exports, packaged the way Okta's template catalogue ships templates: one
 * small folder export per template — its flows, the helpers they call (followed through every Call
 * Flow), its audit table — and the per-card helper library split into folder exports of at most
 * MAX_FLOWS flows each (real exports hold at most 40).
 */
import type { CompiledCard } from '../compile/registry.ts';
import { scopeUnion } from '../compile/manifest.ts';
import type { FlowData, Flopack, FlowRecord, Folder, InlineFlow } from './format.ts';
import { FLOPACK_FLAGS, FLOPACK_VERSION } from './format.ts';
import { helperFlow, type LeftOut } from './helper-flows.ts';
import { uuidV4 } from './ids.ts';
import { readAllPagesFlow, readPageFlow, type FlowPlan } from './support-flows.ts';
import { auditTable, tableDefinition, type AuditTable, type CardHelper, type TemplateFlow, type TemplatePackage } from './templates/context.ts';
import { templatePackages } from './templates/index.ts';

export const CONNECTION_NAME = 'Okta (with the OIG scopes granted)';
/** Fixed, so that a rebuild is byte-identical. */
export const FOLDER_CREATED = '2026-01-01T00:00:00.000Z';
/** The most flows one of our exports holds (the largest real export seen holds 40). */
export const MAX_FLOWS = 40;

export interface ExportFile {
  /** Path under connector/. */
  path: string;
  pack: Flopack;
}

export interface TemplateSummary {
  slug: string;
  /** The mission job it is built from (its `oig flow` name). */
  mission: string;
  title: string;
  summary: string;
  setup: string[];
  file: string;
  scopes: string[];
  table: string;
  flows: { name: string; kind: TemplateFlow['kind'] | 'card'; description: string }[];
  /** Delegated flows' form fields, by flow name. */
  forms: { flow: string; fields: { key: string; label: string }[] }[];
}

export interface LibrarySummary {
  file: string;
  families: string[];
  helpers: { cardId: string; name: string; family: string; leftOut: LeftOut[] }[];
  flows: number;
}

export interface ExportSummary {
  connection: string;
  templates: TemplateSummary[];
  library: LibrarySummary[];
  scopes: string[];
}

/** The `flo` references (Call Flow, For Each) inside a flow, nested sub-flows included. */
function calledFlows(data: FlowData | InlineFlow): string[] {
  const out: string[] = [];
  for (const m of data.methods) {
    for (const field of Object.values(m.node.model.inputs.data)) {
      if (field.value.type !== 'flo') continue;
      const v = field.value.data;
      if (typeof v === 'string') out.push(v);
      else if (v && typeof v === 'object' && 'methods' in v) out.push(...calledFlows(v as InlineFlow));
    }
  }
  return out;
}

function envelope(flos: Record<string, FlowRecord>, groups: Record<string, Folder>, connection: string, tables: AuditTable[], folder: string): Flopack {
  return {
    type: 'flopack',
    version: FLOPACK_VERSION,
    created: FOLDER_CREATED,
    flags: FLOPACK_FLAGS,
    data: {
      flos,
      configs: { [connection]: { id: connection, name: CONNECTION_NAME, module: 'okta', data: null } },
      tables: Object.fromEntries(tables.map((t) => [t.id, tableDefinition(t, folder)])),
      groups,
    },
  };
}

export function buildExports(compiled: readonly CompiledCard[]): { files: ExportFile[]; summary: ExportSummary } {
  const cards = compiled.map((c) => c.card);
  const readPage = readPageFlow();
  const readAll = readAllPagesFlow(readPage.ref);
  const helpers = new Map<string, CardHelper>();
  for (const c of compiled) helpers.set(c.card.id, { card: c.card, flow: helperFlow(c.card, c.inputSchema, readPage.ref) });
  const packages = templatePackages(helpers, readAll.ref);

  // Every flow any export may need, by UUID, with how to describe it.
  const known = new Map<string, { plan: FlowPlan; kind: TemplateSummary['flows'][number]['kind'] }>();
  for (const plan of [readPage, readAll]) known.set(plan.ref.uuid, { plan, kind: 'support' });
  for (const h of helpers.values()) {
    known.set(h.flow.ref.uuid, { plan: { ref: h.flow.ref, description: `${h.card.description} (${h.card.method} ${h.card.path})`, build: h.flow.build }, kind: 'card' });
  }
  for (const p of packages) for (const f of p.flows) known.set(f.ref.uuid, { plan: f, kind: f.kind });

  const files: ExportFile[] = [];
  const templates: TemplateSummary[] = [];
  for (const p of packages) {
    const folder = uuidV4(`folder:template:${p.slug}`);
    const connection = uuidV4(`connection:template:${p.slug}`);
    const groups: Record<string, Folder> = {
      [folder]: { id: folder, data: { name: `OIG · ${p.title}`, description: p.summary, media_uri: '', path: '' } },
    };
    const flos: Record<string, FlowRecord> = {};
    const queue = p.flows.map((f) => f.ref.uuid);
    const order: string[] = [];
    while (queue.length) {
      const uuid = queue.shift()!;
      if (flos[uuid]) continue;
      const entry = known.get(uuid);
      if (!entry) throw new Error(`template ${p.slug}: a flow calls ${uuid}, which no template, support flow or card helper is`);
      const data = entry.plan.build(folder, connection);
      flos[uuid] = { id: uuid, name: entry.plan.ref.name, description: entry.plan.description, data };
      order.push(uuid);
      queue.push(...calledFlows(data));
    }
    if (order.length > MAX_FLOWS) throw new Error(`template ${p.slug} needs ${order.length} flows; an export holds at most ${MAX_FLOWS}`);
    const table = auditTable(p.mission);
    const file = `templates/${p.slug}/${p.slug}.folder`;
    files.push({ path: file, pack: envelope(flos, groups, connection, [table], folder) });
    const usedCards = order.map((u) => known.get(u)!).filter((e) => e.kind === 'card');
    templates.push({
      slug: p.slug,
      mission: p.mission.name,
      title: p.title,
      summary: p.summary,
      setup: p.setup,
      file,
      scopes: scopeUnion(cards.filter((c) => usedCards.some((e) => e.plan.ref.uuid === helpers.get(c.id)!.flow.ref.uuid))),
      table: table.name,
      flows: order.map((u) => ({ name: known.get(u)!.plan.ref.name, kind: known.get(u)!.kind, description: known.get(u)!.plan.description })),
      forms: p.flows.filter((f) => f.kind === 'delegated').map((f) => ({ flow: f.ref.name, fields: (f.fields ?? []).map((x) => ({ key: x.key, label: x.label ?? x.key })) })),
    });
  }

  // The card helper library: whole families, in declaration order, packed into exports of at most MAX_FLOWS flows.
  const families = [...new Set(cards.map((c) => c.family))];
  const bins: string[][] = [];
  const room = MAX_FLOWS - 2; // each file also carries Read page and Read all pages
  for (const family of families) {
    const size = cards.filter((c) => c.family === family).length;
    const last = bins.at(-1);
    const used = last ? last.reduce((n, f) => n + cards.filter((c) => c.family === f).length, 0) : room;
    if (last && used + size <= room) last.push(family);
    else bins.push([family]);
  }
  const library: LibrarySummary[] = [];
  bins.forEach((bin, i) => {
    const n = String(i + 1).padStart(2, '0');
    const root = uuidV4(`folder:library:${n}`);
    const connection = uuidV4(`connection:library:${n}`);
    const groups: Record<string, Folder> = {
      [root]: { id: root, data: { name: `OIG · card helpers ${n}`, description: `One helper flow per card of: ${bin.join(', ')}.`, media_uri: '', path: '' } },
    };
    const flos: Record<string, FlowRecord> = {};
    const add = (plan: FlowPlan, group: string) => {
      flos[plan.ref.uuid] = { id: plan.ref.uuid, name: plan.ref.name, description: plan.description, data: plan.build(group, connection) };
    };
    const inBin = cards.filter((c) => bin.includes(c.family));
    for (const family of bin) {
      const sub = uuidV4(`folder:library:${n}:${family}`);
      groups[sub] = { id: sub, data: { name: family, description: `One helper flow per ${family} card.`, media_uri: '', path: root } };
      for (const card of inBin.filter((c) => c.family === family)) add(known.get(helpers.get(card.id)!.flow.ref.uuid)!.plan, sub);
    }
    add(readPage, root);
    add(readAll, root);
    const file = `helpers/oig-card-helpers-${n}.folder`;
    files.push({ path: file, pack: envelope(flos, groups, connection, [], root) });
    library.push({
      file,
      families: bin,
      helpers: inBin.map((c) => ({ cardId: c.id, name: helpers.get(c.id)!.flow.ref.name, family: c.family, leftOut: helpers.get(c.id)!.flow.plan.leftOut })),
      flows: Object.keys(flos).length,
    });
  });
  return { files, summary: { connection: CONNECTION_NAME, templates, library, scopes: scopeUnion([...cards]) } };
}
