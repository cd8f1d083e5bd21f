/**
 * A mission job, described once: what it is called, what it takes, which cards it calls, what it
 * tells people and what it records. The code template (src/flows/) and the Workflows templates
 * (src/workflows/templates/) are both built from this description, and a test runs both against
 * the simulator on the same inputs and compares the records they leave — so they can't drift.
 */
import type { TObject } from '@sinclair/typebox';

/** A column of the audit record (a Workflows table column; a key of the code template's `audit`). */
export interface AuditColumn {
  key: string;
  label: string;
  type: 'text' | 'date & time';
}

export interface Mission {
  /** The name `oig flow` takes. */
  name: string;
  title: string;
  description: string;
  /** The input, strict (unknown keys refused). Each property carries a `title` (its label) and `examples`. */
  input: TObject;
  /** The inputs a Workflows form (a delegated flow) shows, in order: text, number, date & time or true/false only. */
  form: readonly string[];
  /** Every card the job may call, in order of use: their scopes are what it needs granted. */
  cards: readonly string[];
  /** What people are told, with {{placeholders}}: the code template throws these, the Workflows templates compose them. */
  messages: Readonly<Record<string, string>>;
  /** The record each run leaves: the code template returns it as `audit`, the Workflows templates add it as a table row. */
  audit: readonly AuditColumn[];
}

/** Fills a message's {{placeholders}}; a missing value is a bug in the caller, not in the input. */
export function say(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`message needs {{${name}}}: ${template}`);
    return String(values[name]);
  });
}

/** The standard audit columns every job starts with. */
export const AUDIT_COMMON: readonly AuditColumn[] = [
  { key: 'when', label: 'When', type: 'date & time' },
  { key: 'job', label: 'Job', type: 'text' },
  { key: 'startedBy', label: 'Started by', type: 'text' },
  { key: 'outcome', label: 'Outcome', type: 'text' },
];

/** Messages about people, shared by every job that finds users by login, email or id. */
export const PEOPLE_MESSAGES = {
  unknownUser: 'No Okta user has the login, email or id "{{who}}". Check the spelling, or give the 00u… id.',
} as const;
