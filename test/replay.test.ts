/**
 * Replay of real recorded traffic (../shared/oig/recorded): for every interaction whose operation
 * has a card, the recorded request becomes card input (API names: path params, query, top-level
 * body properties), the card runs against a server that answers with the recorded response, and
 * the request it sends must be the recorded one (method, path, query, body), its outputs valid
 * against the card's output schema. New cards are picked up by themselves.
 */
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { apiTokenConnection } from '../src/auth/index.ts';
import { outputSchema } from '../src/compile/schemas.ts';
import { findOperation } from '../src/operations/index.ts';
import { CardInputError, OktaApiError, runCard } from '../src/runtime/index.ts';
import { loadRecorded, recordedToInput, type RecordedInteraction } from './support/recorded.ts';
import { hasShared } from './support/shared.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://replay.okta.com';
const connection = apiTokenConnection({ orgUrl: ORG, apiToken: 'replay-ssws-token-0123456789' });

/**
 * Recorded requests our input schemas reject, and why. Each is a real difference between what a
 * recorder sent and what the card allows (hand-scrubbed ids, values the spec forbids); a case that
 * starts passing or fails differently makes the suite fail, so the list stays true.
 */
const scrubbedEntry = {
  rule: 'pattern',
  field: 'entryId',
  reason: "the recorder hand-scrubbed the catalog entry id to ce5678abcdefghi12345, which is not a cen… id: the card's id pattern refuses it",
};
const pastCampaignStart = {
  rule: 'campaign-start-in-future',
  field: 'startDate',
  reason: 'the recorded campaign starts before the moment it was sent; Okta answered 400 "start date must be a future date", and the card refuses it up front',
};
const expectedRejections: Record<string, { rule?: string; field?: string; reason: string }> = {
  'go-sdk-campaigns-create_delete_campaign.json#0 createCampaign': pastCampaignStart,
  'go-sdk-campaigns-launch_end_campaign.json#0 createCampaign': pastCampaignStart,
  ...Object.fromEntries(
    ['classic', 'oie'].flatMap((org) => [
      [`terraform-TestEndUserMyRequests_without_requesterFields-${org}-00.json#0 createMyRequestV2`, scrubbedEntry],
      [`terraform-TestEndUserMyRequests_without_requesterFields-${org}-00.json#1 getMyRequestV2`, scrubbedEntry],
      [`terraform-TestEndUserMyRequests_without_requesterFields-${org}-00.json#2 getMyRequestV2`, scrubbedEntry],
    ]),
  ),
};

interface Case {
  name: string;
  interaction: RecordedInteraction;
}

const cases: Case[] = hasShared
  ? loadRecorded().flatMap(({ file, interactions }) =>
      interactions
        .filter((i) => findOperation(i.operation.operationId))
        .map((interaction) => ({ name: `${file}#${interaction.id} ${interaction.operation.operationId}`, interaction })),
    )
  : [];

const ajv = new Ajv({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const outputValidators = new Map<string, ReturnType<Ajv['compile']>>();
function outputValidator(id: string) {
  let validate = outputValidators.get(id);
  if (!validate) {
    const { $id: _id, ...schema } = outputSchema(findOperation(id)!);
    validate = ajv.compile(schema);
    outputValidators.set(id, validate);
  }
  return validate;
}

/** The recorded response headers, as nock wants them (repeated headers as arrays). */
function replayHeaders(headers: Record<string, string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(headers)) {
    if (name === 'content-length') continue;
    out[name] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

function queryObject(search: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

useNock();

describe.skipIf(!hasShared)('replay of recorded interactions', () => {
  it('finds recorded interactions for the declared cards', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  it('keeps the expected-rejection list to real recordings', () => {
    const names = new Set(cases.map((c) => c.name));
    expect(Object.keys(expectedRejections).filter((k) => !names.has(k))).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (name, { interaction }) => {
    const op = findOperation(interaction.operation.operationId)!;
    const { request, response } = interaction;
    const input = recordedToInput(op, request);
    const sent: { method: string; path: string; query: Record<string, string | string[]>; body: unknown }[] = [];
    nock(ORG)
      .intercept(() => true, request.method)
      .reply(function (uri, body) {
        const url = new URL(uri, ORG);
        sent.push({ method: this.req.method ?? request.method, path: url.pathname, query: queryObject(url.search), body: body === '' ? null : body });
        return [response.status, response.body === null ? '' : JSON.stringify(response.body), replayHeaders(response.headers)];
      });

    // Business rules judge time against the moment of the recording.
    const recordedAt = Date.parse(response.headers.date?.[0] ?? '') || Date.now();
    const items = Array.isArray((response.body as { data?: unknown[] } | null)?.data) ? (response.body as { data: unknown[] }).data.length : 1;
    const run = runCard(op.id as never, input as never, connection, {
      clock: { now: () => recordedAt, sleep: async () => undefined },
      resultSet: 'firstN',
      limit: Math.max(1, items),
      retry: { maxRetries: 0 },
    });
    const outcome = await run.then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );

    const expected = expectedRejections[name];
    if (expected) {
      expect('error' in outcome && outcome.error).toBeInstanceOf(CardInputError);
      const error = (outcome as { error: CardInputError }).error;
      expect({ rule: expected.rule ?? error.rule, field: expected.field ?? error.field }).toEqual({ rule: error.rule, field: error.field });
      expect(sent).toEqual([]);
      return;
    }
    if ('error' in outcome && outcome.error instanceof CardInputError) {
      throw new Error(`${name}: the recorded request was rejected locally (${outcome.error.message}); fix the card or add it to expectedRejections with the reason`);
    }

    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe(request.method);
    expect(decodeURIComponent(sent[0]!.path)).toBe(decodeURIComponent(request.path));
    expect(sent[0]!.query).toEqual(request.query ?? {});
    expect(sent[0]!.body).toEqual(request.body);

    if (response.status >= 400) {
      expect('error' in outcome && outcome.error).toBeInstanceOf(OktaApiError);
      const error = (outcome as { error: OktaApiError }).error;
      expect(error.status).toBe(response.status);
      expect(error.errorCode).toBe((response.body as { errorCode?: string }).errorCode);
      return;
    }
    if ('error' in outcome) throw outcome.error;
    const validate = outputValidator(op.id);
    const valid = validate(outcome.result.outputs);
    expect(valid ? [] : validate.errors).toEqual([]);
    expect(outcome.result.status).toBe(response.status);
  });
});
