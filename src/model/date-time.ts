import { Type } from '@sinclair/typebox';

/**
 * The one date-time schema (ISO 8601, JSON Schema `date-time`) and the arithmetic the time-window
 * rules share. Inputs carry a description; response records don't (their output schemas never did).
 */
export const dateTime = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });

/** An input date and time. */
export const isoDateTime = dateTime('ISO 8601 date and time');

/** A date and time in a response record. */
export const timestamp = dateTime();

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds since the epoch; NaN when absent or malformed (the schema reports a malformed one). */
export function instant(value: string | undefined): number {
  return value === undefined ? NaN : Date.parse(value);
}

/** The window [now + minDays, now + maxMonths) a time must fall in; months counted in UTC, as Okta does. */
export function windowFrom(now: Date, { minDays, maxMonths }: { minDays: number; maxMonths: number }): { earliest: Date; before: Date } {
  const before = new Date(now);
  before.setUTCMonth(before.getUTCMonth() + maxMonths);
  return { earliest: new Date(now.getTime() + minDays * DAY_MS), before };
}
