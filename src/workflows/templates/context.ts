/**
 * What every Workflows template is built from: the card helpers (by card id, with their input keys
 * found by placement), the shared support flows, and the pieces each template ends with — the
 * "stop with Okta's errorSummary" check and the audit row.
 */
import type { Card } from '../../compile/card.ts';
import type { Mission } from '../../missions/index.ts';
import type { FieldSpec } from '../flow-builder.ts';
import { FlowBuilder, literal, type Port, type Source } from '../flow-builder.ts';
import { inputKey, type HelperFlow, type Where } from '../helper-flows.ts';
import type { Table } from '../format.ts';
import { uuidV4 } from '../ids.ts';
import { compose, createRow, failIf, get, now, type HelperRef } from '../steps.ts';
import type { FlowPlan } from '../support-flows.ts';

export interface CardHelper {
  card: Card;
  flow: HelperFlow;
}

/** A card helper's reference and its input keys by placement; fails the build naming the card a template needs. */
export class TemplateCards {
  constructor(private readonly helpers: ReadonlyMap<string, CardHelper>) {}

  private helper(id: string, neededBy: string): CardHelper {
    const h = this.helpers.get(id);
    if (!h) throw new Error(`${neededBy} needs the card ${id}, which no declaration in src/operations/ provides. Declare it, or the templates cannot be built.`);
    return h;
  }
  ref(id: string, neededBy = 'A Workflows template'): HelperRef {
    return this.helper(id, neededBy).flow.ref;
  }
  key(id: string, where: Where, neededBy: string): string {
    const h = this.helper(id, neededBy);
    return inputKey(h.card, h.flow.plan, where, neededBy);
  }
  scopes(ids: readonly string[]): string[] {
    return [...new Set(ids.flatMap((id) => this.helper(id, 'scopes').card.scopes))].sort();
  }
}

/** A flow of a template: the ones admins start (delegated, event) and the ones they call (job, support). */
export interface TemplateFlow extends FlowPlan {
  kind: 'delegated' | 'event' | 'job' | 'support';
  /** Delegated flows: the form fields. */
  fields?: FieldSpec[];
}

/** One template as shipped: a small folder export of its own, with the helpers it calls. */
export interface TemplatePackage {
  /** File name: connector/templates/<slug>.folder. */
  slug: string;
  mission: Mission;
  title: string;
  /** What it does, in two or three sentences, for the readme. */
  summary: string;
  /** What to set after import (also written on the flows' Comment cards). */
  setup: string[];
  /** The cards (by id) its flows call: their scopes are what to grant. */
  cards: string[];
  flows: TemplateFlow[];
}

/** A text field of a template's own flows. */
export const text = (key: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, type: 'string', label, custom: true, ...extra });

/**
 * Stops the flow, with `message` filled with Okta's HTTP status and errorSummary, when a card helper
 * answered 300 or more.
 */
export function stopOnError(fb: FlowBuilder, role: string, call: Record<string, Port>, message: string, values: Record<string, Source> = {}) {
  const summary = get(fb, `${role}/summary`, call.body!, 'errorSummary', 'string', false, 'Okta error summary');
  const text = compose(fb, `${role}/message`, message, { ...values, status: call.statusCode!, summary }, 'Error message');
  failIf(fb, `${role}/check`, call.statusCode!, '>=', literal(300), text, 'Stop on an Okta error');
}

/** A template's audit table: one text column per audit column of its mission. */
export interface AuditTable {
  id: string;
  name: string;
  description: string;
  /** Column labels in order (a Tables column is named by its label). */
  columns: string[];
  /** Audit key → column label. */
  labels: Record<string, string>;
}

export function auditTable(mission: Mission): AuditTable {
  return {
    id: uuidV4(`table:${mission.name}`),
    name: `OIG audit · ${mission.title}`,
    description: `One row per run of "${mission.title}": when, which flow, who started it, the outcome and the Okta ids.`,
    columns: mission.audit.map((c) => c.label),
    labels: Object.fromEntries(mission.audit.map((c) => [c.key, c.label])),
  };
}

/** The table as the export carries it (in the template's folder). */
export function tableDefinition(table: AuditTable, folder: string): Table {
  return {
    id: table.id,
    name: table.name,
    description: table.description,
    data: { class: 'simple', group_id: folder, structure: table.columns.map((name) => ({ name, type: 'str', default: '' })) },
  };
}

/**
 * Adds the run's row to the audit table: `when` is now; every other column comes from `values`,
 * keyed like the mission's audit columns (a missing one stays empty).
 */
export function recordAudit(fb: FlowBuilder, role: string, table: AuditTable, values: Record<string, Source>) {
  const unknown = Object.keys(values).filter((k) => !(k in table.labels));
  if (unknown.length) throw new Error(`${fb.role}: the audit of "${table.name}" has no column ${unknown.join(', ')}`);
  const when = now(fb, `${role}/now`, 'Now');
  const row: Record<string, Source> = { [table.labels.when!]: when };
  for (const [key, source] of Object.entries(values)) row[table.labels[key]!] = source;
  createRow(fb, role, { id: table.id, name: table.name, columns: table.columns }, row, 'Record the run');
}
