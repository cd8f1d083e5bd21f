import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { CardInputError, prepareCard, runCard } from '../src/runtime/index.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://acme.okta.com';
const connection = bearerConnection({ orgUrl: ORG, accessToken: 'workflows-token-0123456789' });
const now = Date.parse('2026-03-01T12:00:00Z');
const clock = { now: () => now, sleep: async () => undefined };
const user = (n: number) => `00u8f2ks1VbQrZy6h0g${n}`;

/** Every request that reaches the org, whatever its method and path. */
function recordRequests() {
  const seen: { method: string; path: string; body: unknown }[] = [];
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    nock(ORG)
      .persist()
      .intercept(() => true, method)
      .reply(function (path, body) {
        seen.push({ method, path, body });
        return [200, {}];
      });
  }
  return seen;
}

async function rejection(promise: Promise<unknown>): Promise<CardInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardInputError);
  return error as CardInputError;
}

useNock();

describe('input validation, before anything is sent', () => {
  it('names the card, field, rule and value of a schema failure, and sends nothing', async () => {
    const seen = recordRequests();
    const error = await rejection(runCard('createLabel', { name: 'x'.repeat(51), labelValues: [{ name: 'High' }] }, connection));
    expect(error).toMatchObject({ card: 'createLabel', field: 'name', rule: 'maxLength', value: 'x'.repeat(51) });
    expect(error.message).toMatch(/createLabel.*"name".*at most 50 characters/);
    expect(seen).toEqual([]);
    // The recorder does see requests: the same card with a valid input goes out.
    await runCard('createLabel', { name: 'x', labelValues: [{ name: 'High' }] }, connection);
    expect(seen).toHaveLength(1);
  });

  it('points into nested values (labelValues[1].color)', async () => {
    const error = await rejection(runCard('createLabel', { name: 'Sensitivity', labelValues: [{ name: 'High' }, { name: 'Low', color: 'pink' }] } as never, connection));
    expect(error).toMatchObject({ field: 'labelValues', rule: 'enum', path: 'labelValues[1].color', value: 'pink' });
    expect(error.message).toContain('"red"');
  });

  it('rejects unknown keys and lists the real ones', async () => {
    const error = await rejection(runCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7', labelID: 'x' } as never, connection));
    expect(error).toMatchObject({ field: 'labelID', rule: 'additionalProperties' });
    expect(error.message).toContain('Its inputs are: labelId');
  });

  it('reports a missing required input by name', async () => {
    // @ts-expect-error the compiler catches the missing required filter too (see runtime-types.test.ts)
    const error = await rejection(runCard('listLabelResources', {}, connection));
    expect(error).toMatchObject({ field: 'filter', rule: 'required' });
  });

  it('refuses a friendly field together with its API form, and neither', async () => {
    const both = await rejection(
      // @ts-expect-error the compiler refuses both forms of one group too
      runCard('createLabel', { name: 'Sensitivity', labelValues: [{ name: 'High' }], values: [{ name: 'High' }] }, connection),
    );
    expect(both).toMatchObject({ rule: 'oneOf', field: 'values' });
    expect(both.message).toMatch(/only one of "labelValues" and "values"/);
    // @ts-expect-error the compiler refuses neither form of the group too
    const neither = await rejection(runCard('createLabel', { name: 'Sensitivity' }, connection));
    expect(neither).toMatchObject({ rule: 'oneOf', field: 'labelValues' });
  });

  it('refuses two fields of an at-most-one group (friendly and API form on an update)', async () => {
    const error = await rejection(
      runCard(
        'updateSecurityAccessReview',
        { securityAccessReviewId: 'sar8f3mZq2LwTn5Yv0g7', reviewerUserIds: [user(2)], reviewerSettings: { type: 'USER', userSettings: { includedUserIds: [user(3)] } } },
        connection,
      ),
    );
    expect(error).toMatchObject({ rule: 'atMostOne', field: 'reviewerSettings' });
  });

  it('rejects a non-object input', async () => {
    const error = await rejection(runCard('getLabel', 'lbc18v2lemBedxq6l1d7' as never, connection));
    expect(error.rule).toBe('type');
  });

  it('rejects an unknown card', async () => {
    // @ts-expect-error a misspelled card id is a compile error too
    const error = await rejection(runCard('createLabels', {}, connection));
    expect(error.rule).toBe('unknown-card');
    expect(error.message).toContain('createLabels');
  });
});

describe('business rules', () => {
  const launch = {
    principalId: user(1),
    name: 'Suspicious sign-in: jane.doe',
    reviewerUserIds: [user(2), user(1)],
  };

  it('rejects a security access review whose principal is among its reviewers (the seed guide example), sending nothing', async () => {
    const seen = recordRequests();
    const error = await rejection(runCard('createSecurityAccessReview', launch, connection, { clock }));
    expect(error).toMatchObject({ card: 'createSecurityAccessReview', field: 'reviewerUserIds', rule: 'sar-principal-not-reviewer', value: launch.reviewerUserIds });
    expect(error.message).toContain(user(1));
    expect(seen).toEqual([]);
  });

  it('applies the rule to the API form of the reviewers too', async () => {
    const { reviewerUserIds: _r, ...rest } = launch;
    const error = await rejection(
      runCard('createSecurityAccessReview', { ...rest, reviewerSettings: { type: 'USER', userSettings: { includedUserIds: [user(1)] } } }, connection, { clock }),
    );
    expect(error.rule).toBe('sar-principal-not-reviewer');
  });

  it('checks time rules against the clock it is given', () => {
    const input = { ...launch, reviewerUserIds: [user(2)], endTime: '2026-03-01T18:00:00Z' };
    expect(() => prepareCard('createSecurityAccessReview', input, new Date(now))).toThrow(/endTime/);
    expect(prepareCard('createSecurityAccessReview', { ...input, endTime: '2026-03-09T18:00:00Z' }, new Date(now)).request.body).toMatchObject({
      endTime: '2026-03-09T18:00:00Z',
    });
  });

  it('enforces the label value rules (1–10 values, unique names ignoring case)', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `v${i}` }));
    expect((await rejection(runCard('createLabel', { name: 'S', labelValues: eleven }, connection))).rule).toBe('maxItems');
    const twins = await rejection(runCard('createLabel', { name: 'S', labelValues: [{ name: 'High' }, { name: 'high' }] }, connection));
    expect(twins).toMatchObject({ rule: 'label-value-names-unique', field: 'labelValues' });
  });
});

describe('building the request', () => {
  it('puts path parameters in the path, percent-encoded', () => {
    const { request } = prepareCard('getLabel', { labelId: 'lbc18v2lemBedxq6l1d7' });
    expect(request).toMatchObject({ method: 'GET', path: '/governance/api/v1/labels/lbc18v2lemBedxq6l1d7', query: '', body: undefined });
  });

  it('encodes query values with %20 for spaces and %22 for quotes', () => {
    const { request } = prepareCard('listLabelResources', { filter: 'labelValueId eq "lbl18v2len2Lk29141d7" AND resourceType eq "apps"', limit: 50 });
    expect(request.query).toBe('filter=labelValueId%20eq%20%22lbl18v2len2Lk29141d7%22%20AND%20resourceType%20eq%20%22apps%22&limit=50');
  });

  it('maps friendly list items into the API shape (each) and adds constants (set)', () => {
    const label = prepareCard('createLabel', { name: 'Sensitivity', labelValues: [{ name: 'High', color: 'red' }, { name: 'Low' }] });
    expect(label.request.body).toEqual({
      name: 'Sensitivity',
      values: [{ name: 'High', metadata: { additionalProperties: { backgroundColor: 'red' } } }, { name: 'Low' }],
    });
    const review = prepareCard('createSecurityAccessReview', { principalId: user(1), name: 'Review', reviewerUserIds: [user(2)] });
    expect(review.request.body).toEqual({
      principalId: user(1),
      name: 'Review',
      reviewerSettings: { type: 'USER', userSettings: { includedUserIds: [user(2)] } },
    });
  });

  it('sends a body-root input as the whole body', () => {
    const operations = [{ op: 'REPLACE', path: '/name', value: 'Data sensitivity', refType: 'LABEL-CATEGORY' }];
    const { request } = prepareCard('updateLabel', { labelId: 'lbc18v2lemBedxq6l1d7', operations });
    expect(request.body).toEqual(operations);
    expect(request.method).toBe('PATCH');
  });

  it('never modifies the caller\'s input', () => {
    const input = { principalId: user(1), name: 'Review', reviewerSettings: { type: 'USER' as const, userSettings: { includedUserIds: [user(2)] } } };
    const copy = structuredClone(input);
    prepareCard('createSecurityAccessReview', input);
    expect(input).toEqual(copy);
  });

  it('sends the built request: method, path, query, JSON body and headers', async () => {
    let sent: { headers: Record<string, unknown>; body: unknown } | undefined;
    nock(ORG)
      .post('/governance/api/v1/labels')
      .reply(function (_path, body) {
        sent = { headers: this.req.headers, body };
        return [201, { labelId: 'lbc18v2lemBedxq6l1d7', name: 'Sensitivity', values: [] }];
      });
    const result = await runCard('createLabel', { name: 'Sensitivity', labelValues: [{ name: 'High' }] }, connection);
    expect(sent?.body).toEqual({ name: 'Sensitivity', values: [{ name: 'High' }] });
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer workflows-token-0123456789', 'content-type': 'application/json', accept: 'application/json' });
    expect(result.status).toBe(201);
    expect(result.outputs).toEqual({ labelId: 'lbc18v2lemBedxq6l1d7', name: 'Sensitivity', values: [], response: { labelId: 'lbc18v2lemBedxq6l1d7', name: 'Sensitivity', values: [] } });
  });
});
