/** The security access review and user cards, through their compiled input schemas and their rules. */
import { createAjv, type ErrorObject, type ValidateFunction } from '../src/model/ajv.ts';
import { describe, expect, it } from 'vitest';
import { inputSchema } from '../src/compile/schemas.ts';
import type { Operation } from '../src/model/operation.ts';
import { findOperation, operations } from '../src/operations/index.ts';
import { securityAccessReviewOperations } from '../src/operations/security-access-reviews.ts';
import { userOperations } from '../src/operations/users.ts';

const ajv = createAjv();

const card = (id: string): Operation => findOperation(id)!;
const validators = new Map<string, ValidateFunction>();
const validatorOf = (op: Operation) => {
  if (!validators.has(op.id)) validators.set(op.id, ajv.compile(inputSchema(op)));
  return validators.get(op.id)!;
};
const errorsOf = (op: Operation, input: unknown): ErrorObject[] => {
  const validate = validatorOf(op);
  return validate(input) ? [] : (validate.errors ?? []);
};

/** The body the card sends, from the declared placements (pointer plus `set` constants). */
function wireBody(op: Operation, input: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (pointer: string, value: unknown) => {
    const keys = pointer.split('/').slice(1);
    let node = body;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  };
  for (const [key, value] of Object.entries(input)) {
    const to = op.inputs[key]?.to;
    if (to?.in !== 'body') continue;
    put(to.pointer, value);
    for (const [pointer, constant] of Object.entries(to.set ?? {})) put(pointer, constant);
  }
  return body;
}

/** Every rule of the card against the input as it will be sent; the sentences of those that fail. */
function ruleFailures(op: Operation, input: Record<string, unknown>, now: Date): string[] {
  const body = wireBody(op, input);
  return (op.rules ?? []).map((rule) => rule.check({ path: {}, query: {}, body, now })).filter((m): m is string => m !== null);
}

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const principalId = '00u8f2kq7TxLmWn3p0g7';
const reviewers = ['00u8f2ks1VbQrZy6h0g7', '00u8f2ku4NcJdPe9k0g7'];
const userId = (n: number) => `00u${String(n).padStart(17, '0')}`;

describe('Launch security access review (createSecurityAccessReview)', () => {
  const op = card('createSecurityAccessReview');
  const valid = { principalId, name: 'Suspicious sign-in: jane.doe', reviewerUserIds: reviewers, endTime: at(25 * HOUR) };

  it('accepts a valid input, and the example the card shows', () => {
    expect(errorsOf(op, valid)).toEqual([]);
    expect(ruleFailures(op, valid, NOW)).toEqual([]);
    const example = (inputSchema(op).examples as Record<string, unknown>[])[0]!;
    expect(errorsOf(op, example)).toEqual([]);
    expect(ruleFailures(op, example, NOW)).toEqual([]);
  });

  it('sends the friendly reviewer list as the API\'s reviewerSettings with type USER', () => {
    expect(wireBody(op, valid)).toEqual({
      principalId,
      name: valid.name,
      endTime: valid.endTime,
      reviewerSettings: { type: 'USER', userSettings: { includedUserIds: reviewers } },
    });
  });

  it('rejects a missing principalId, naming it', () => {
    const { principalId: _, ...input } = valid;
    const errors = errorsOf(op, input);
    expect(errors.map((e) => e.params.missingProperty)).toContain('principalId');
  });

  it('rejects a principalId that is not a user id, naming it', () => {
    const errors = errorsOf(op, { ...valid, principalId: '00g8f2kq7TxLmWn3p0g7' });
    expect(errors.map((e) => e.instancePath)).toContain('/principalId');
  });

  it('rejects 11 reviewers and an empty reviewer list, naming the field', () => {
    const eleven = errorsOf(op, { ...valid, reviewerUserIds: Array.from({ length: 11 }, (_, i) => userId(i)) });
    expect(eleven).toContainEqual(expect.objectContaining({ instancePath: '/reviewerUserIds', keyword: 'maxItems' }));
    const none = errorsOf(op, { ...valid, reviewerUserIds: [] });
    expect(none).toContainEqual(expect.objectContaining({ instancePath: '/reviewerUserIds', keyword: 'minItems' }));
    expect(errorsOf(op, { ...valid, reviewerUserIds: Array.from({ length: 10 }, (_, i) => userId(i)) })).toEqual([]);
  });

  it('rejects the principal among the reviewers, in the friendly form', () => {
    const input = { ...valid, reviewerUserIds: [reviewers[0]!, principalId] };
    expect(errorsOf(op, input)).toEqual([]);
    expect(ruleFailures(op, input, NOW)).toEqual([
      `reviewerUserIds must not contain principalId ${principalId}: the user under review can't review themselves; pick other reviewers`,
    ]);
  });

  it('rejects the principal among the reviewers, in the API form', () => {
    const { reviewerUserIds: _, ...rest } = valid;
    const input = { ...rest, reviewerSettings: { type: 'USER', userSettings: { includedUserIds: [principalId] } } };
    expect(errorsOf(op, input)).toEqual([]);
    expect(ruleFailures(op, input, NOW)).toEqual([
      `reviewerUserIds must not contain principalId ${principalId}: the user under review can't review themselves; pick other reviewers`,
    ]);
  });

  it('rejects a reviewer listed twice, naming the reviewer', () => {
    const failures = ruleFailures(op, { ...valid, reviewerUserIds: [reviewers[0]!, reviewers[0]!] }, NOW);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`reviewerUserIds lists ${reviewers[0]} more than once`);
  });

  it('accepts endTime 1 day + 1 hour ahead, exactly 1 day ahead, or left out', () => {
    expect(ruleFailures(op, { ...valid, endTime: at(25 * HOUR) }, NOW)).toEqual([]);
    expect(ruleFailures(op, { ...valid, endTime: at(24 * HOUR) }, NOW)).toEqual([]);
    const { endTime: _, ...noEnd } = valid;
    expect(ruleFailures(op, noEnd, NOW)).toEqual([]);
  });

  it('rejects endTime 12 hours ahead, naming the value and the window', () => {
    const endTime = at(12 * HOUR);
    const [failure, ...more] = ruleFailures(op, { ...valid, endTime }, NOW);
    expect(more).toEqual([]);
    expect(failure).toContain(`endTime ${endTime}`);
    expect(failure).toContain('at least 1 day and less than 6 months');
    expect(failure).toContain('from 2026-03-11T12:00:00.000Z up to (not including) 2026-09-10T12:00:00.000Z');
  });

  it('rejects endTime 7 months ahead, and exactly 6 months ahead', () => {
    expect(ruleFailures(op, { ...valid, endTime: '2026-10-10T12:00:00Z' }, NOW)).toEqual([
      expect.stringContaining('endTime 2026-10-10T12:00:00Z is outside the allowed window'),
    ]);
    expect(ruleFailures(op, { ...valid, endTime: '2026-09-10T12:00:00Z' }, NOW)).toHaveLength(1);
    expect(ruleFailures(op, { ...valid, endTime: '2026-09-10T11:59:59Z' }, NOW)).toEqual([]);
  });

  it('rejects an endTime that is not a date and time, naming it', () => {
    expect(errorsOf(op, { ...valid, endTime: 'next Friday' }).map((e) => e.instancePath)).toContain('/endTime');
  });

  it('rejects reviewerUserIds and reviewerSettings together, and neither', () => {
    const both = { ...valid, reviewerSettings: { type: 'USER', userSettings: { includedUserIds: reviewers } } };
    expect(errorsOf(op, both)).toContainEqual(expect.objectContaining({ keyword: 'oneOf', params: { passingSchemas: [0, 1] } }));
    const { reviewerUserIds: _, ...neither } = valid;
    expect(errorsOf(op, neither).map((e) => e.keyword)).toContain('oneOf');
    expect(op.oneOf).toEqual([['reviewerUserIds', 'reviewerSettings']]);
    expect(op.inputs.reviewerSettings?.advanced).toBe(true);
  });

  it('rejects a name over 255 characters and an unknown key', () => {
    expect(errorsOf(op, { ...valid, name: 'x'.repeat(256) }).map((e) => e.instancePath)).toContain('/name');
    expect(errorsOf(op, { ...valid, reviewer: 'x' })).toContainEqual(expect.objectContaining({ params: { additionalProperty: 'reviewer' } }));
  });
});

describe('Update security access review (updateSecurityAccessReview)', () => {
  const op = card('updateSecurityAccessReview');
  const securityAccessReviewId = 'sar8f3mZq2LwTn5Yv0g7';

  it('accepts a new end time alone, new reviewers alone, or both', () => {
    for (const input of [
      { securityAccessReviewId, endTime: at(3 * 24 * HOUR) },
      { securityAccessReviewId, reviewerUserIds: reviewers },
      { securityAccessReviewId, endTime: at(3 * 24 * HOUR), reviewerUserIds: reviewers },
    ]) {
      expect(errorsOf(op, input)).toEqual([]);
      expect(ruleFailures(op, input, NOW)).toEqual([]);
    }
  });

  it('refuses an update that changes nothing', () => {
    expect(ruleFailures(op, { securityAccessReviewId }, NOW)).toEqual([expect.stringContaining('endTime or reviewerUserIds is required')]);
  });

  it('refuses an end time in the past or 6 months or more away', () => {
    expect(ruleFailures(op, { securityAccessReviewId, endTime: at(-HOUR) }, NOW)).toEqual([expect.stringContaining('outside the allowed window')]);
    expect(ruleFailures(op, { securityAccessReviewId, endTime: '2026-10-10T12:00:00Z' }, NOW)).toHaveLength(1);
  });

  it('keeps the reviewer bounds and uniqueness in both forms', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => userId(i));
    expect(errorsOf(op, { securityAccessReviewId, reviewerUserIds: eleven }).map((e) => e.instancePath)).toContain('/reviewerUserIds');
    const apiForm = { securityAccessReviewId, reviewerSettings: { type: 'USER', userSettings: { includedUserIds: [reviewers[0], reviewers[0]] } } };
    expect(errorsOf(op, apiForm)).toEqual([]);
    expect(ruleFailures(op, apiForm, NOW)).toEqual([expect.stringContaining('more than once')]);
  });

  it('rejects a review id without the sar prefix, naming it', () => {
    expect(errorsOf(op, { securityAccessReviewId: 'abc8f3mZq2LwTn5Yv0g7', endTime: at(48 * HOUR) }).map((e) => e.instancePath)).toContain(
      '/securityAccessReviewId',
    );
  });
});

describe('the other security access review cards', () => {
  it('are GA cards with the admin scopes and the SUPER_ADMIN role, all of them registered', () => {
    expect(operations.filter((o) => o.family === 'Security access reviews')).toEqual(securityAccessReviewOperations);
    for (const op of securityAccessReviewOperations) {
      expect(op.lifecycle).toBe('GA');
      expect(op.adminRoles).toEqual(['SUPER_ADMIN']);
      expect(op.scopes).toEqual([`okta.governance.securityAccessReviews.admin.${op.method === 'GET' ? 'read' : 'manage'}`]);
    }
  });

  it('accept the example each card shows', () => {
    for (const op of securityAccessReviewOperations) {
      const example = (inputSchema(op).examples as Record<string, unknown>[] | undefined)?.[0] ?? {};
      expect(errorsOf(op, example), op.id).toEqual([]);
    }
  });

  it('list cards keep the spec\'s page size (1–200, default 20) and a one-item orderBy', () => {
    const op = card('listSecurityAccessReviews');
    expect(errorsOf(op, { limit: 200, orderBy: ['endTime desc'] })).toEqual([]);
    expect(errorsOf(op, { limit: 201 }).map((e) => e.instancePath)).toContain('/limit');
    expect(errorsOf(op, { limit: 0 }).map((e) => e.instancePath)).toContain('/limit');
    expect(errorsOf(op, { orderBy: ['name asc', 'created desc'] }).map((e) => e.instancePath)).toContain('/orderBy');
    expect(errorsOf(op, { orderBy: ['priority desc'] }).map((e) => e.instancePath)).toContain('/orderBy/0');
    expect(errorsOf(card('listSecurityAccessReviewAccesses'), { securityAccessReviewId: 'sar8f3mZq2LwTn5Yv0g7', orderBy: ['priority desc'] })).toEqual([]);
  });

  it('take only the spec\'s action types', () => {
    const review = { securityAccessReviewId: 'sar8f3mZq2LwTn5Yv0g7' };
    expect(errorsOf(card('executeSecurityAccessReviewAction'), { ...review, actionType: 'DELETE_REVIEW' }).map((e) => e.instancePath)).toContain('/actionType');
    const target = { ...review, securityAccessReviewTargetId: 'sai8f3nRt6KpXc1Jd0g7' };
    expect(errorsOf(card('executeSecurityAccessReviewAccessesAction'), { ...target, type: 'REVOKE_ACCESS' })).toEqual([]);
    expect(errorsOf(card('executeSecurityAccessReviewAccessesAction'), { ...target, type: 'REVOKE' }).map((e) => e.instancePath)).toContain('/type');
  });

  it('bound a comment to 1–1000 characters', () => {
    const op = card('addSecurityAccessReviewComment');
    const review = { securityAccessReviewId: 'sar8f3mZq2LwTn5Yv0g7' };
    expect(errorsOf(op, { ...review, comment: 'x'.repeat(1000) })).toEqual([]);
    expect(errorsOf(op, { ...review, comment: 'x'.repeat(1001) }).map((e) => e.instancePath)).toContain('/comment');
    expect(errorsOf(op, { ...review, comment: '' }).map((e) => e.instancePath)).toContain('/comment');
  });
});

describe('user cards', () => {
  const getUser = card('getUser');

  it('are the two core Okta calls, with scope okta.users.read', () => {
    expect(userOperations.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /api/v1/users', 'GET /api/v1/users/{id}']);
    for (const op of userOperations) expect(op.scopes).toEqual(['okta.users.read']);
  });

  it('getUser takes a user id or a login', () => {
    for (const id of ['00u8f2kq7TxLmWn3p0g7', 'jane.doe@example.com', 'jdoe', "o'brien+test@sub.example.co.uk"]) {
      expect(errorsOf(getUser, { id }), id).toEqual([]);
    }
  });

  it('getUser refuses what could leave the path or is too long, naming the field', () => {
    for (const id of ['a/b', '..', 'jane..doe@example.com', 'a?b=1', 'a#b', '%2e%2e', 'jane doe', '', 'x'.repeat(101), '.hidden']) {
      expect(errorsOf(getUser, { id }).map((e) => e.instancePath), JSON.stringify(id)).toContain('/id');
    }
  });

  it('listUsers pages 1–200 at a time (200 by default) and takes search, q and filter', () => {
    const op = card('listUsers');
    expect(errorsOf(op, { search: 'profile.login eq "jane.doe@example.com"', limit: 200 })).toEqual([]);
    expect(errorsOf(op, { q: 'jan', filter: 'status eq "ACTIVE"' })).toEqual([]);
    expect(errorsOf(op, { limit: 201 }).map((e) => e.instancePath)).toContain('/limit');
    expect((inputSchema(op).properties as Record<string, { default?: number }>).limit?.default).toBe(200);
    expect(op.answer).toMatchObject({ kind: 'list', paginated: true });
  });
});
