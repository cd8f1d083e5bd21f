/**
 * The runtime against a hostile "org": a raw TCP server on 127.0.0.1 that answers with malformed
 * JSON, 50 MB bodies, next links and redirects to another host, broken and injected header lines,
 * and answers that never end. Each case ends with the card's result or a clear, typed error naming
 * the card, within its timeout; and a second "foreign" server on another loopback port, the one
 * the links and redirects point at, never receives a request — so never the credential.
 */
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { OktaApiError, TransportError, runCard, type RunOptions } from '../src/runtime/index.ts';
import { http, pour, startRawServer, type RawServer } from './support/hostile-server.ts';

const TOKEN = 'hostile-secret-token-0123456789';
const LABEL_ID = 'lbc18v2lemBedxq6l1d7';
const LABEL_PATH = `/governance/api/v1/labels/${LABEL_ID}`;
const LABEL = JSON.stringify({ labelId: LABEL_ID, name: 'Sensitivity', values: [] });
const MB = 1024 * 1024;
const FIFTY_MB = 50 * MB;

let org: RawServer;
let foreign: RawServer;
let connection: ReturnType<typeof bearerConnection>;

/** No real waits between retries; one retry, so idempotent requests show they were re-sent. */
const options = (extra: RunOptions = {}): RunOptions => ({ clock: { now: () => Date.now(), sleep: async () => undefined }, retry: { maxRetries: 1 }, ...extra });

beforeAll(async () => {
  org = await startRawServer();
  foreign = await startRawServer((_request, socket) => socket.end(http(200, { 'Content-Type': 'application/json' }, LABEL)));
  connection = bearerConnection({ orgUrl: org.url, accessToken: TOKEN });
});
afterAll(async () => {
  await org.close();
  await foreign.close();
});

let orgSeenBefore = 0;
afterEach(() => {
  // The foreign host never hears from the runtime; every request the org got carried the token.
  expect(foreign.requests).toEqual([]);
  for (const request of org.requests.slice(orgSeenBefore)) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  orgSeenBefore = org.requests.length;
});

const getLabel = (extra?: RunOptions) => runCard('getLabel', { labelId: LABEL_ID }, connection, options(extra));
const createLabel = (extra?: RunOptions) => runCard('createLabel', { name: 'Sensitivity', labelValues: [{ name: 'High' }] }, connection, options(extra));
const listLabelResources = (extra?: RunOptions) =>
  runCard('listLabelResources', { filter: 'resourceType eq "apps"' }, connection, options({ resultSet: 'all', ...extra }));

async function failure(promise: Promise<unknown>): Promise<Error & { card?: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the card to fail').toBeInstanceOf(Error);
  return error as Error & { card?: string };
}

/** Typed, names the card first, says what happened, and carries no credential. */
function expectClear(error: Error & { card?: string }, card: string, type: typeof TransportError | typeof OktaApiError, what: RegExp): void {
  expect(error, String(error.stack)).toBeInstanceOf(type);
  expect(error.card).toBe(card);
  expect(error.message.startsWith(`${card}: `), error.message).toBe(true);
  expect(error.message).toMatch(what);
  expect(`${error.message}\n${error.stack}\n${JSON.stringify(error)}`).not.toContain(TOKEN);
}

const requestsDuring = async (run: () => Promise<unknown>) => {
  const before = org.requests.length;
  await run();
  return org.requests.slice(before);
};

describe('malformed JSON', () => {
  it.each([
    ['cut short', '{"labelId": "lbc18v2lem'],
    ['single quotes', "{'labelId': 'x'}"],
    ['trailing comma', '{"labelId": "x",}'],
    ['NaN', '{"n": NaN}'],
    ['two documents', '{"a":1}{"b":2}'],
  ])('%s: a clear error, and a read is re-sent only as a whole request', async (_name, body) => {
    org.handle((_r, socket) => socket.end(http(200, { 'Content-Type': 'application/json' }, body)));
    let error!: Error & { card?: string };
    const sent = await requestsDuring(async () => {
      error = await failure(getLabel());
    });
    expectClear(error, 'getLabel', TransportError, /the answer is not valid JSON/);
    expect(sent).toHaveLength(1);
  });

  it('a create answered with broken JSON is not sent again', async () => {
    org.handle((_r, socket) => socket.end(http(200, { 'Content-Type': 'application/json' }, '{"labelId": ')));
    let error!: Error & { card?: string };
    const sent = await requestsDuring(async () => {
      error = await failure(createLabel());
    });
    expectClear(error, 'createLabel', TransportError, /not valid JSON/);
    expect(sent.map((r) => r.method)).toEqual(['POST']);
  });

  it('JSON of the wrong shape reads as no records, and a next link that is not text is not followed', async () => {
    for (const body of ['{"data": "not a list", "_links": {"next": {"href": 42}}}', '{"_links": {"next": {"href": {"evil": true}}}}', 'null', '"text"', '[]']) {
      org.handle((_r, socket) => socket.end(http(200, { 'Content-Type': 'application/json' }, body)));
      const sent = await requestsDuring(async () => {
        const result = await listLabelResources();
        expect(result.outputs).toEqual({ items: [], count: 0 });
      });
      expect(sent).toHaveLength(1);
    }
  });
});

describe('a 50 MB body', () => {
  it('declared in Content-Length: refused before reading it', async () => {
    org.handle((_r, socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${FIFTY_MB}\r\n\r\n{"data":"`);
      pour(socket, Buffer.alloc(64 * 1024, 'x'), FIFTY_MB - 9);
    });
    const error = await failure(getLabel({ maxResponseBytes: MB }));
    expectClear(error, 'getLabel', TransportError, new RegExp(`the answer is ${FIFTY_MB} bytes, more than the ${MB} allowed`));
  });

  it('chunked, with no length: cut off once past the limit', async () => {
    const payload = Buffer.alloc(64 * 1024, 'x');
    const chunk = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n')]);
    org.handle((_r, socket) => {
      socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      pour(socket, chunk, chunk.length * (FIFTY_MB / payload.length), () => socket.end('0\r\n\r\n'));
    });
    const error = await failure(getLabel({ maxResponseBytes: MB }));
    expectClear(error, 'getLabel', TransportError, new RegExp(`more than the ${MB} bytes allowed`));
  });

  it('until the connection closes, at the default limit of 32 MiB', async () => {
    org.handle((_r, socket) => {
      socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n');
      pour(socket, Buffer.alloc(256 * 1024, ' '), FIFTY_MB, () => socket.end());
    });
    const error = await failure(getLabel());
    expectClear(error, 'getLabel', TransportError, new RegExp(`more than the ${32 * MB} bytes allowed`));
  });

  it('gzip-compressed to a few kilobytes: the limit applies after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(FIFTY_MB, ' '));
    expect(bomb.length).toBeLessThan(MB);
    org.handle((_r, socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`);
      socket.end(bomb);
    });
    const error = await failure(getLabel({ maxResponseBytes: MB }));
    expectClear(error, 'getLabel', TransportError, new RegExp(`more than the ${MB} bytes allowed`));
  });
});

describe('links and redirects to another host', () => {
  /** First answer: `first(foreignUrl)`; every later one: the last page. */
  function pages(first: (elsewhere: string) => string) {
    let served = 0;
    org.handle((_r, socket) => {
      served++;
      socket.end(served === 1 ? first(foreign.url) : http(200, { 'Content-Type': 'application/json' }, '{"data":[{"orn":"second"}]}'));
    });
  }

  it.each([
    ['body _links.next', (elsewhere: string) => http(200, { 'Content-Type': 'application/json' }, JSON.stringify({ data: [{ orn: 'first' }], _links: { next: { href: `${elsewhere}/governance/api/v1/resource-labels?after=first` } } }))],
    ['body links.next (teams style)', (elsewhere: string) => http(200, { 'Content-Type': 'application/json' }, JSON.stringify({ data: [{ orn: 'first' }], links: { next: { href: `${elsewhere}/governance/api/v1/resource-labels?after=first` } } }))],
    ['a Link header', (elsewhere: string) => http(200, { 'Content-Type': 'application/json', Link: `<${elsewhere}/governance/api/v1/resource-labels?after=first>; rel="next"` }, '{"data":[{"orn":"first"}]}')],
    ['a Link header naming localhost', (elsewhere: string) => http(200, { 'Content-Type': 'application/json', Link: `<${elsewhere.replace('127.0.0.1', 'localhost')}/governance/api/v1/resource-labels?after=first>; rel="next"` }, '{"data":[{"orn":"first"}]}')],
    ['a link with user info', (elsewhere: string) => http(200, { 'Content-Type': 'application/json' }, JSON.stringify({ data: [{ orn: 'first' }], _links: { next: { href: elsewhere.replace('//', '//admin:secret@') + '/governance/api/v1/resource-labels?after=first' } } }))],
  ])('a next link in %s is followed on the org, path and query only', async (_name, first) => {
    pages(first);
    let items: unknown[] = [];
    const sent = await requestsDuring(async () => {
      items = (await listLabelResources()).outputs.items.map((i) => i.raw);
    });
    expect(items).toEqual([{ orn: 'first' }, { orn: 'second' }]);
    expect(sent.map((r) => r.target)).toEqual(['/governance/api/v1/resource-labels?filter=resourceType%20eq%20%22apps%22', '/governance/api/v1/resource-labels?after=first']);
  });

  it.each([301, 302, 307])('a %i of a read to another host is followed on the org only', async (status) => {
    org.handle((request, socket) =>
      socket.end(request.target.includes('moved=1') ? http(200, { 'Content-Type': 'application/json' }, LABEL) : http(status, { Location: `${foreign.url}${LABEL_PATH}?moved=1` })),
    );
    let labelId: unknown;
    const sent = await requestsDuring(async () => {
      labelId = (await getLabel()).outputs.labelId;
    });
    expect(labelId).toBe(LABEL_ID);
    expect(sent.map((r) => `${r.method} ${r.target}`)).toEqual([`GET ${LABEL_PATH}`, `GET ${LABEL_PATH}?moved=1`]);
  });

  it('a 307 of a create is repeated on the org, same method and body; a 301 or 302 of a create is an error', async () => {
    org.handle((request, socket) =>
      socket.end(request.target.includes('moved=1') ? http(201, { 'Content-Type': 'application/json' }, LABEL) : http(307, { Location: `${foreign.url}/governance/api/v1/labels?moved=1` })),
    );
    const sent = await requestsDuring(async () => {
      expect((await createLabel()).outputs.labelId).toBe(LABEL_ID);
    });
    expect(sent.map((r) => `${r.method} ${r.target} ${r.headers['content-length']}`)).toEqual([
      `POST /governance/api/v1/labels ${sent[0]!.headers['content-length']}`,
      `POST /governance/api/v1/labels?moved=1 ${sent[0]!.headers['content-length']}`,
    ]);
    for (const status of [301, 302]) {
      org.handle((_r, socket) => socket.end(http(status, { Location: `${foreign.url}/governance/api/v1/labels` })));
      expectClear(await failure(createLabel()), 'createLabel', OktaApiError, new RegExp(`answered ${status}`));
    }
  });

  it('a redirect loop ends after five redirects', async () => {
    org.handle((_r, socket) => socket.end(http(302, { Location: `${foreign.url}${LABEL_PATH}` })));
    let error!: Error & { card?: string };
    const sent = await requestsDuring(async () => {
      error = await failure(getLabel());
    });
    expectClear(error, 'getLabel', OktaApiError, /answered 302/);
    expect(sent).toHaveLength(6);
  });

  it('an encoded CRLF in a Location stays encoded in the path: no header is injected', async () => {
    org.handle((request, socket) =>
      socket.end(
        request.target.startsWith(LABEL_PATH)
          ? http(302, { Location: `${foreign.url}/governance/api/v1/labels/x%0D%0AAuthorization:%20Bearer%20stolen%0D%0A%0D%0A?x=%0A` })
          : http(200, { 'Content-Type': 'application/json' }, LABEL),
      ),
    );
    const sent = await requestsDuring(async () => {
      await getLabel();
    });
    const followed = sent[1]!;
    expect(followed.target).toBe('/governance/api/v1/labels/x%0D%0AAuthorization:%20Bearer%20stolen%0D%0A%0D%0A?x=%0A');
    expect(followed.head.split('\r\n')[0]).toBe(`GET ${followed.target} HTTP/1.1`);
    expect(followed.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('header lines that break HTTP: a clear error, never a half-read answer', () => {
  const body = LABEL;
  it.each([
    ['a bare CR inside a value', `HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nX-Rate-Limit-Reset: 1\rInjected: yes\r\nContent-Length: ${body.length}\r\n\r\n${body}`],
    ['a bare LF inside a value', `HTTP/1.1 200 OK\r\nConnection: close\r\nX-A: a\nSet-Cookie: b\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`],
    ['LF-only line ends', `HTTP/1.1 200 OK\nConnection: close\nContent-Type: application/json\nContent-Length: ${body.length}\n\n${body}`],
    ['a NUL in a value', `HTTP/1.1 200 OK\r\nConnection: close\r\nX-A: a\u0000b\r\nContent-Length: ${body.length}\r\n\r\n${body}`],
    ['a line without a colon', `HTTP/1.1 200 OK\r\nConnection: close\r\nthis line has no colon\r\nContent-Length: ${body.length}\r\n\r\n${body}`],
    ['two Content-Lengths (response splitting)', `HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: ${body.length}\r\nContent-Length: 5\r\n\r\n${body}`],
    ['Transfer-Encoding and Content-Length together', `HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n`],
    ['a bad chunk size', `HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`],
    ['a body shorter than its Content-Length', `HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n${body}`],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n\r\n'],
  ])('%s', async (_name, raw) => {
    org.handle((_r, socket) => socket.end(Buffer.from(raw, 'latin1')));
    const error = await failure(getLabel());
    expectClear(error, 'getLabel', TransportError, new RegExp(`could not complete GET /governance/api/v1/labels/\\{labelId\\} at ${org.url}: \\S`));
  });

  it('a create whose answer breaks HTTP is not sent again', async () => {
    org.handle((_r, socket) => socket.end(Buffer.from(`HTTP/1.1 201 Created\r\nX-A: a\rB: c\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 'latin1')));
    let error!: Error & { card?: string };
    const sent = await requestsDuring(async () => {
      error = await failure(createLabel());
    });
    expectClear(error, 'createLabel', TransportError, /may have reached Okta, so it was not sent again/);
    expect(sent).toHaveLength(1);
  });
});

describe('answers that never end, within the timeout', () => {
  /** Sockets the handlers keep open, closed after each test. */
  const open = new Set<Socket>();
  const trickles = new Set<NodeJS.Timeout>();
  afterEach(() => {
    for (const timer of trickles) clearInterval(timer);
    for (const socket of open) socket.destroy();
    trickles.clear();
    open.clear();
  });

  it('no answer at all: a read is tried twice, then a clear error', async () => {
    org.handle((_r, socket) => open.add(socket));
    let error!: Error & { card?: string };
    const sent = await requestsDuring(async () => {
      error = await failure(getLabel({ timeoutMs: 300 }));
    });
    expectClear(error, 'getLabel', TransportError, /no answer within 300 ms\. Gave up after 1 retry/);
    expect(sent).toHaveLength(2);
  }, 10_000);

  it('no answer to a create: sent once, and the error says it may have happened', async () => {
    org.handle((_r, socket) => open.add(socket));
    let error!: Error & { card?: string };
    const sent = await requestsDuring(async () => {
      error = await failure(createLabel({ timeoutMs: 300 }));
    });
    expectClear(error, 'createLabel', TransportError, /no answer within 300 ms\. The request may have reached Okta/);
    expect(sent).toHaveLength(1);
  }, 10_000);

  it('headers, then a body that trickles for ever', async () => {
    org.handle((_r, socket) => {
      open.add(socket);
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n');
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('1\r\n \r\n')), 20);
      trickles.add(timer);
    });
    const error = await failure(getLabel({ timeoutMs: 400 }));
    expectClear(error, 'getLabel', TransportError, /no answer within 400 ms/);
  }, 10_000);

  it('headers, then silence before the promised body', async () => {
    org.handle((_r, socket) => {
      open.add(socket);
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"labelId":');
    });
    const error = await failure(getLabel({ timeoutMs: 300 }));
    expectClear(error, 'getLabel', TransportError, /no answer within 300 ms/);
  }, 10_000);
});
