import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://acme.okta.com';
const LABEL = '/governance/api/v1/labels/lbc18v2lemBedxq6l1d7';
const labelInput = JSON.stringify({ labelId: 'lbc18v2lemBedxq6l1d7' });

let stdout = '';
let stderr = '';

async function oig(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main(args);
}

useNock();
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  for (const name of ['OKTA_ORG_URL', 'OKTA_ACCESS_TOKEN', 'OKTA_API_TOKEN', 'OKTA_CLIENT_ID', 'OKTA_PRIVATE_KEY', 'OKTA_SCOPES', 'OKTA_DPOP', 'OKTA_KEY_ID']) vi.stubEnv(name, '');
  vi.stubEnv('OKTA_ORG_URL', ORG);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  nock.cleanAll();
});

function authOf(path: string, status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen: unknown[] = [];
  nock(ORG)
    .get(path)
    .query(true)
    .reply(function () {
      seen.push(this.req.headers.authorization);
      return [status, body, headers];
    });
  return seen;
}

describe('oig invoke', () => {
  it('runs a card with an access token (Workflows passthrough) and prints its outputs', async () => {
    vi.stubEnv('OKTA_ACCESS_TOKEN', 'eyJworkflows.token.value');
    const seen = authOf(LABEL, 200, { labelId: 'lbc18v2lemBedxq6l1d7', name: 'Sensitivity' });
    expect(await oig('invoke', 'getLabel', '--input', labelInput)).toBe(0);
    expect(seen).toEqual(['Bearer eyJworkflows.token.value']);
    expect(JSON.parse(stdout)).toEqual({ labelId: 'lbc18v2lemBedxq6l1d7', name: 'Sensitivity', response: { labelId: 'lbc18v2lemBedxq6l1d7', name: 'Sensitivity' } });
  });

  it('runs with an API token, and with --org instead of OKTA_ORG_URL', async () => {
    vi.stubEnv('OKTA_ORG_URL', '');
    vi.stubEnv('OKTA_API_TOKEN', '00abcSSWStokenvalue');
    const seen = authOf(LABEL, 200, {});
    expect(await oig('invoke', 'getLabel', '--input', labelInput, '--org', ORG)).toBe(0);
    expect(seen).toEqual(['SSWS 00abcSSWStokenvalue']);
  });

  it('runs with an OAuth service app (private_key_jwt + DPoP)', async () => {
    vi.stubEnv('OKTA_CLIENT_ID', '0oaServiceApp0123456');
    vi.stubEnv('OKTA_PRIVATE_KEY', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    nock(ORG).post('/oauth2/v1/token').reply(200, { token_type: 'DPoP', access_token: 'access-token-cli0-0123456789', expires_in: 3600 });
    const seen = authOf(LABEL, 200, {});
    expect(await oig('invoke', 'getLabel', '--input', labelInput)).toBe(0);
    expect(seen).toEqual(['DPoP access-token-cli0-0123456789']);
  });

  it('--all prints every record of every page as one JSON array', async () => {
    vi.stubEnv('OKTA_API_TOKEN', '00abcSSWStokenvalue');
    nock(ORG)
      .get('/governance/api/v1/resource-labels')
      .query({ filter: 'resourceType eq "apps"' })
      .reply(200, { data: [{ orn: 'a' }, { orn: 'b' }] }, { link: `<${ORG}-admin/governance/api/v1/resource-labels?after=b>; rel="next"` });
    nock(ORG).get('/governance/api/v1/resource-labels').query({ after: 'b' }).reply(200, { data: [{ orn: 'c' }] });
    expect(await oig('invoke', 'listLabelResources', '--input', '{"filter":"resourceType eq \\"apps\\""}', '--all')).toBe(0);
    expect(JSON.parse(stdout)).toEqual(['a', 'b', 'c'].map((orn) => ({ orn, raw: { orn } })));
    expect(stderr).toMatch(/listLabelResources: page 2 \(1 record\)/);
    expect(stderr).not.toMatch(/page 1/);
  });

  it('--max-records N prints {items, count} with at most N records, and says when it cut the list (output and stderr)', async () => {
    vi.stubEnv('OKTA_API_TOKEN', '00abcSSWStokenvalue');
    authOf('/governance/api/v1/resource-labels', 200, { data: [{ orn: 'a' }, { orn: 'b' }, { orn: 'c' }], _links: { next: { href: `${ORG}/governance/api/v1/resource-labels?after=c` } } });
    expect(await oig('invoke', 'listLabelResources', '--input', '{"filter":"x"}', '--max-records', '2')).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ items: ['a', 'b'].map((orn) => ({ orn, raw: { orn } })), count: 2, truncated: true, next: '/governance/api/v1/resource-labels?after=c' });
    expect(stderr).toMatch(/listLabelResources: printed the first 2 records \(--max-records 2\); more exist, from \/governance\/api\/v1\/resource-labels\?after=c\. Use --all/);
  });

  it('signals a cut inside the last page with no next link, and nothing when the list ended', async () => {
    vi.stubEnv('OKTA_API_TOKEN', '00abcSSWStokenvalue');
    authOf('/governance/api/v1/resource-labels', 200, { data: [{ orn: 'a' }, { orn: 'b' }, { orn: 'c' }] });
    expect(await oig('invoke', 'listLabelResources', '--input', '{"filter":"x"}', '--max-records', '2')).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ items: ['a', 'b'].map((orn) => ({ orn, raw: { orn } })), count: 2, truncated: true });
    expect(stderr).toMatch(/more exist\. Use --all/);
    nock.cleanAll();
    authOf('/governance/api/v1/resource-labels', 200, { data: [{ orn: 'a' }, { orn: 'b' }] });
    expect(await oig('invoke', 'listLabelResources', '--input', '{"filter":"x"}', '--max-records', '2')).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ items: ['a', 'b'].map((orn) => ({ orn, raw: { orn } })), count: 2, truncated: false });
    expect(stderr).not.toMatch(/more exist/);
  });

  it('refuses --limit, pointing at --max-records and at the card\'s own page size input', async () => {
    const scope = nock(ORG).persist().get(/.*/).reply(200, {});
    expect(await oig('invoke', 'listLabelResources', '--input', '{"filter":"x"}', '--limit', '50')).toBe(2);
    expect(stderr).toMatch(/--limit is now --max-records 50 \(how many records to print\)\. The card's page size is its own "limit" input: --input '\{"limit": 50\}'/);
    expect(scope.isDone()).toBe(false);
  });

  it('reads the input from a file with @path', async () => {
    vi.stubEnv('OKTA_API_TOKEN', '00abcSSWStokenvalue');
    const file = join(mkdtempSync(join(tmpdir(), 'oig-input-')), 'input.json');
    writeFileSync(file, labelInput);
    authOf(LABEL, 200, {});
    expect(await oig('invoke', 'getLabel', '--input', `@${file}`)).toBe(0);
  });

  it('exit 2, nothing sent, for invalid input (even before checking the configuration)', async () => {
    vi.stubEnv('OKTA_ORG_URL', '');
    const scope = nock(ORG).persist().get(/.*/).reply(200, {});
    expect(await oig('invoke', 'getLabel', '--input', '{"labelId":"../users"}')).toBe(2);
    expect(stderr).toMatch(/getLabel: "labelId"/);
    expect(scope.isDone()).toBe(false);
  });

  it.each([
    [['invoke'], /name the card/],
    [['invoke', 'noSuchCard'], /no card "noSuchCard"/],
    [['invoke', 'getLabel', '--input', '{not json'], /not valid JSON/],
    [['invoke', 'getLabel', '--input', '[1]'], /JSON object/],
    [['invoke', 'getLabel', '--input', labelInput, '--all'], /not a list card/],
    [['invoke', 'listLabelResources', '--all', '--max-records', '3'], /not both/],
    [['invoke', 'listLabelResources', '--max-records', 'many'], /whole number/],
    [['invoke', 'getLabel', '--input', labelInput, '--max-records', '3'], /not a list card/],
    [['invoke', 'getLabel', '--input', '@/nonexistent/input.json'], /can't read/],
    [['invoke', 'getLabel', '--bogus'], /Unknown option/],
  ])('exit 2 for usage errors: %j', async (args, message) => {
    expect(await oig(...args)).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exit 3 for missing or bad configuration', async () => {
    expect(await oig('invoke', 'getLabel', '--input', labelInput)).toBe(3);
    expect(stderr).toMatch(/No credential/);
    vi.stubEnv('OKTA_API_TOKEN', '00abcSSWStokenvalue');
    expect(await oig('invoke', 'getLabel', '--input', labelInput, '--org', 'http://acme.okta.com')).toBe(3);
    expect(stderr).toMatch(/https/);
  });

  it('exit 3 when Okta refuses the credential (401)', async () => {
    vi.stubEnv('OKTA_API_TOKEN', '00abcSSWStokenvalue');
    authOf(LABEL, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorId: 'oae1', errorCauses: [] });
    expect(await oig('invoke', 'getLabel', '--input', labelInput)).toBe(3);
    expect(JSON.parse(stderr)).toMatchObject({ status: 401, errorCode: 'E0000011' });
    expect(stderr).not.toContain('00abcSSWStokenvalue');
  });

  it('exit 1 with the API error as JSON on stderr, including the missing scope', async () => {
    vi.stubEnv('OKTA_ACCESS_TOKEN', 'eyJworkflows.token.value');
    authOf(
      LABEL,
      403,
      { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action.', errorId: 'oae2', errorCauses: [] },
      { 'www-authenticate': 'Bearer error="insufficient_scope", scope="okta.governance.labels.read"' },
    );
    expect(await oig('invoke', 'getLabel', '--input', labelInput)).toBe(1);
    expect(JSON.parse(stderr)).toEqual({
      error: 'OktaApiError',
      card: 'getLabel',
      status: 403,
      errorCode: 'E0000006',
      errorSummary: 'You do not have permission to perform the requested action.',
      errorId: 'oae2',
      causes: [],
      missingScope: 'okta.governance.labels.read',
      hint: 'Grant scope okta.governance.labels.read to the Okta Workflows OAuth app and re-authorize the connection',
      request: `GET ${LABEL}`,
    });
    expect(stdout).toBe('');
  });

  it('prints retries on stderr', async () => {
    vi.stubEnv('OKTA_API_TOKEN', '00abcSSWStokenvalue');
    authOf(LABEL, 429, {}, { 'x-rate-limit-limit': '0', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '0' });
    authOf(LABEL, 200, {});
    expect(await oig('invoke', 'getLabel', '--input', labelInput)).toBe(0);
    expect(stderr).toMatch(/getLabel: concurrency limit \(429\); retrying in \d\.\d s/);
  });
});

describe('the oig binary, as a process, against a local server', () => {
  let server: Server;
  let url: string;
  let cli: string;
  const requests: string[] = [];

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    // Bundled inside the repo (node_modules/.cache) so the external packages resolve as in dist/.
    cli = fileURLToPath(new URL(`../node_modules/.cache/oig-test/cli-invoke-${process.pid}.mjs`, import.meta.url));
    await build({
      entryPoints: [fileURLToPath(new URL('../src/cli/bin.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: cli,
      logLevel: 'silent',
    });
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ labelId: 'lbc18v2lemBedxq6l1d7', name: 'From server' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    rmSync(cli, { force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const run = (args: string[]) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, ...args],
        { env: { PATH: process.env.PATH ?? '', OKTA_ORG_URL: url, OKTA_API_TOKEN: '00abcSSWStokenvalue' }, cwd: fileURLToPath(new URL('..', import.meta.url)) },
        (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }),
      );
    });

  it('prints outputs and exits 0; exits 2 for invalid input without a request', async () => {
    const ok = await run(['invoke', 'getLabel', '--input', labelInput]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ name: 'From server' });
    expect(requests).toEqual([`GET ${LABEL} SSWS 00abcSSWStokenvalue`]);
    const bad = await run(['invoke', 'getLabel', '--input', '{"labelId":"nope"}']);
    expect(bad.code).toBe(2);
    expect(requests).toHaveLength(1);
  });
});
