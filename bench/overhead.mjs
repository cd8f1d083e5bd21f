#!/usr/bin/env node
// Per-call overhead of a card (validate + build + send + parse) against raw fetch to the same
// local HTTP server in the same run, with @okta/okta-sdk-nodejs's own request path (Http +
// DefaultRequestExecutor, cache off) as the peer. The runtime sends over node:http with a
// keep-alive agent; a fourth column, raw node:http with a keep-alive agent and JSON.parse, is the
// floor any client on that transport pays. Prints medians and ratios; not a test.
// Usage: node scripts/bundle.mjs && node bench/overhead.mjs [--calls N]
import { Agent, createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { runCard, apiTokenConnection } = await import(new URL('../dist/index.js', import.meta.url).href);
const { Http } = require('@okta/okta-sdk-nodejs/src/http.js');
const { DefaultRequestExecutor } = require('@okta/okta-sdk-nodejs');

const TOKEN = '00benchSSWStoken0123456789';
const LABEL_ID = 'lbc18v2lemBedxq6l1d7';
const FILTER = 'resourceType eq "apps"';

function fixtures() {
  const label = {
    labelId: LABEL_ID,
    name: 'Sensitivity',
    values: [
      { labelValueId: 'lbl18v2len2Lk29141d7', name: 'High', metadata: { additionalProperties: { backgroundColor: 'red' } } },
      { labelValueId: 'lbl18v2leoxMONDRn1d7', name: 'Low', metadata: { additionalProperties: { backgroundColor: 'green' } } },
    ],
    _links: { self: { href: `https://acme-admin.okta.com/governance/api/v1/labels/${LABEL_ID}`, hints: {} } },
  };
  const page = {
    data: Array.from({ length: 200 }, (_, i) => ({
      orn: `orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:oidc:0oa${String(i).padStart(17, '0')}`,
      profile: { id: `0oa${String(i).padStart(17, '0')}`, name: `App ${i}`, description: 'An application with labels' },
      labels: [label],
    })),
    _links: { self: { href: 'https://acme-admin.okta.com/governance/api/v1/resource-labels', hints: {} } },
  };
  return { label: JSON.stringify(label), page: JSON.stringify(page) };
}

function startServer() {
  const { label, page } = fixtures();
  const headers = (body) => ({
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-rate-limit-limit': '1000000',
    'x-rate-limit-remaining': '999999',
    'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 60),
  });
  const server = createServer((req, res) => {
    const body = req.url.startsWith('/governance/api/v1/resource-labels') ? page : label;
    res.writeHead(200, headers(body)).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const agent = new Agent({ keepAlive: true });
/** GET + JSON.parse over node:http: the runtime's transport without the card around it. */
function rawHttp(url, headers) {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Interleave the variants in rounds so drift (GC, CPU frequency) hits them all alike. */
async function measure(variants, calls, rounds = 10) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const perRound = Math.max(1, Math.floor(calls / rounds));
  for (const fn of Object.values(variants)) for (let i = 0; i < 200; i++) await fn(); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(variants)) {
      for (let i = 0; i < perRound; i++) {
        const start = process.hrtime.bigint();
        await fn();
        times[name].push(Number(process.hrtime.bigint() - start) / 1000);
      }
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
}

export async function overheadBench({ calls = 3000 } = {}) {
  const server = await startServer();
  const org = `http://127.0.0.1:${server.address().port}`;
  const connection = apiTokenConnection({ orgUrl: org, apiToken: TOKEN });
  const auth = { authorization: `SSWS ${TOKEN}`, accept: 'application/json' };
  const sdk = new Http({ requestExecutor: new DefaultRequestExecutor(), cacheMiddleware: null });
  sdk.defaultHeaders = { Authorization: `SSWS ${TOKEN}` };

  const getUrl = `${org}/governance/api/v1/labels/${LABEL_ID}`;
  const listUrl = `${org}/governance/api/v1/resource-labels?filter=${encodeURIComponent(FILTER)}&limit=200`;
  const workloads = {
    'get (one label)': {
      fetch: async () => (await fetch(getUrl, { headers: auth })).json(),
      http: () => rawHttp(getUrl, auth),
      runCard: () => runCard('getLabel', { labelId: LABEL_ID }, connection),
      'okta-sdk': () => sdk.getJson(getUrl),
    },
    'list page (200 items)': {
      fetch: async () => (await fetch(listUrl, { headers: auth })).json(),
      http: () => rawHttp(listUrl, auth),
      runCard: () => runCard('listLabelResources', { filter: FILTER, limit: 200 }, connection),
      'okta-sdk': () => sdk.getJson(listUrl),
    },
  };

  // The three must do the same work: the same records come back.
  const sample = await runCard('listLabelResources', { filter: FILTER, limit: 200 }, connection);
  if (sample.outputs.count !== 200) throw new Error(`expected a 200-item page, got ${sample.outputs.count}`);

  const results = [];
  for (const [workload, variants] of Object.entries(workloads)) {
    const m = await measure(variants, calls);
    results.push({
      workload,
      fetchUs: m.fetch,
      httpUs: m.http,
      runCardUs: m.runCard,
      oktaSdkUs: m['okta-sdk'],
      runCardVsFetch: m.runCard / m.fetch,
      runCardVsHttp: m.runCard / m.http,
      runCardVsOktaSdk: m.runCard / m['okta-sdk'],
    });
  }
  await new Promise((resolve) => server.close(resolve));
  return { calls, node: process.version, results };
}

function print({ calls, node, results }) {
  const f = (x) => x.toFixed(1).padStart(9);
  const r = (x) => `${x.toFixed(2)}×`.padStart(9);
  console.log(`Card overhead — median µs per call, ${calls} calls per variant, Node ${node}, local HTTP server`);
  console.log(`${'workload'.padEnd(24)}${'fetch'.padStart(9)}${'http'.padStart(9)}${'runCard'.padStart(9)}${'okta-sdk'.padStart(9)}${'card/fetch'.padStart(11)}${'card/http'.padStart(10)}${'card/sdk'.padStart(9)}`);
  for (const x of results) {
    console.log(`${x.workload.padEnd(24)}${f(x.fetchUs)}${f(x.httpUs)}${f(x.runCardUs)}${f(x.oktaSdkUs)}  ${r(x.runCardVsFetch)} ${r(x.runCardVsHttp)}${r(x.runCardVsOktaSdk)}`);
  }
  console.log('Targets: card/fetch ≤ 1.10× and card/sdk ≤ 1.00×. card/http is the card\'s own cost over the same transport (node:http, keep-alive).');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { calls: { type: 'string' } } });
  print(await overheadBench({ calls: values.calls ? Number(values.calls) : 3000 }));
}
