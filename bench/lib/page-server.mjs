// A fast local list endpoint for the streaming bench: security-access-review-shaped records, pages of
// `limit` (at most 200), `_links.next` until `total`, rate-limit headers that never run out.
// Records are made on demand, so the server holds one page at a time whatever the total.
import { listen } from './util.mjs';

export const LIST_PATH = '/governance/api/v2/security-access-reviews';

const reviewers = ['00ubench00000000001', '00ubench00000000002', '00ubench00000000003'].map((id, i) => ({
  id,
  email: `reviewer${i + 1}@example.com`,
  firstName: `Reviewer`,
  lastName: `Number ${i + 1}`,
  login: `reviewer${i + 1}@example.com`,
  status: 'ACTIVE',
  type: 'USER',
}));

function review(base, i) {
  const id = `sar${String(i).padStart(17, '0')}`;
  const self = `${base}${LIST_PATH}/${id}`;
  return {
    id,
    name: `Access review ${i + 1}`,
    status: i % 3 ? 'ACTIVE' : 'CLOSED',
    endTime: '2030-01-31T00:00:00.000Z',
    reviewerSettings: { type: 'USER', userSettings: { includedUserIds: reviewers.map((r) => r.id), includedUserProfiles: reviewers } },
    createdBy: '00ubenchadmin000001',
    created: '2029-12-01T10:00:00Z',
    lastUpdated: '2029-12-01T10:00:00Z',
    lastUpdatedBy: '00ubenchadmin000001',
    _links: {
      securityAccessReviewDetails: { href: self, hints: {} },
      history: { href: `${self}/history`, hints: {} },
      accesses: { href: `${self}/accesses`, hints: {} },
      actions: { href: `${self}/actions`, hints: {} },
      principalDetails: { href: `${self}/principal`, hints: {} },
    },
  };
}

/** Resolves to { url, close, requests() } — requests() counts the pages served. */
export async function startPageServer({ total }) {
  let served = 0;
  let base = '';
  const srv = await listen((req, res) => {
    const url = new URL(req.url, base);
    if (req.method !== 'GET' || url.pathname !== LIST_PATH) return res.writeHead(404).end();
    served++;
    const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 20));
    const start = Number(url.searchParams.get('after') ?? 0);
    const end = Math.min(total, start + limit);
    const data = [];
    for (let i = start; i < end; i++) data.push(review(base, i));
    const links = { self: { href: `${base}${req.url}`, hints: {} } };
    if (end < total) links.next = { href: `${base}${LIST_PATH}?limit=${limit}&after=${end}`, hints: {} };
    const body = JSON.stringify({ data, _links: links });
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-rate-limit-limit': '1000000',
      'x-rate-limit-remaining': '999999',
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 60),
    });
    res.end(body);
  });
  base = srv.url;
  return { url: srv.url, close: srv.close, requests: () => served };
}
