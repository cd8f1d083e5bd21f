import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The published package as a consumer sees it: `npm pack`, install the tarball into a scratch
 * project (offline: its dependencies are linked from this repo's node_modules), then type-check a
 * file that uses it with strict settings and `skipLibCheck: false`, under NodeNext and bundler
 * resolution. The misspelled card id and the missing required input must fail to compile.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  types: string;
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
};

const usage = `import { CardInputError, iterateCard, runCard, type CardId, type CardInputs } from 'oig-connector-bundle';
import { startSimulator } from 'oig-connector-bundle/simulator';

const connection = { orgUrl: 'https://acme.okta.com', accessToken: 'token' };

export async function launch(): Promise<string | undefined> {
  const review = await runCard('createSecurityAccessReview', {
    principalId: '00u1a2b3c4d5e6f7g8h9',
    name: 'Access check after a risk event',
    reviewerUserIds: ['00u9h8g7f6e5d4c3b2a1'],
  }, connection);
  return review.outputs.id;
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error principalId is required
  await runCard('createSecurityAccessReview', { name: 'Access check' }, connection);
  // @ts-expect-error there is no card createSecurityAccesReview
  await runCard('createSecurityAccesReview', { name: 'Access check', principalId: '00u1a2b3c4d5e6f7g8h9' }, connection);
}

export async function orns(): Promise<string[]> {
  const found: string[] = [];
  for await (const resource of iterateCard('listLabelResources', { filter: 'resourceType eq "apps"' }, connection)) {
    if (resource.orn) found.push(resource.orn);
  }
  return found;
}

export const labelInput: CardInputs['createLabel'] = { name: 'Sensitivity', labelValues: [{ name: 'High', color: 'red' }] };
export const card: CardId = 'assignResourceLabels';
export const isInputError = (e: unknown): boolean => e instanceof CardInputError;
export const simulator = (): Promise<{ url: string }> => startSimulator();
`;

const strict = { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', lib: ['ES2023'], types: ['node'] };
const configs = {
  nodenext: { ...strict, module: 'NodeNext', moduleResolution: 'NodeNext' },
  bundler: { ...strict, module: 'ESNext', moduleResolution: 'bundler' },
};

let scratch = '';
let tarball = '';
/** Resolution → what tsc printed for the consumer project. */
let checks: Record<string, string> = {};

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/index.js is missing: run `npm run bundle` (npm test does it first)');
  scratch = mkdtempSync(join(tmpdir(), 'oig-consumer-'));
  // `npm pack` would run prepare (a re-bundle) while other suites run the CLI from dist/: emit the
  // declarations here (what prepack does) and pack without scripts.
  await run(process.execPath, ['scripts/declarations.mjs'], { cwd: root });
  await run('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], { cwd: root });
  tarball = join(scratch, readdirSync(scratch).find((f) => f.endsWith('.tgz'))!);
  const linked = (name: string) => `file:${join(root, 'node_modules', name)}`;
  const dependencies = Object.fromEntries([...Object.keys(pkg.dependencies), '@types/node', 'typescript'].map((name) => [name, linked(name)]));
  const project = join(scratch, 'consumer');
  await run('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { [pkg.name]: `file:${tarball}`, ...dependencies } }));
  writeFileSync(join(project, 'use.ts'), usage);
  // The same mistakes without their @ts-expect-error lines: tsc must report exactly these two.
  writeFileSync(join(project, 'unmarked.ts'), usage.replace(/ *\/\/ @ts-expect-error.*\n/g, ''));
  for (const [name, compilerOptions] of Object.entries(configs)) {
    writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: ['use.ts', 'unmarked.ts'] }));
  }
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project });
  // Both resolutions at once: each check is mostly the dependencies' declarations (skipLibCheck off).
  checks = Object.fromEntries(await Promise.all(Object.keys(configs).map(async (config) => [config, await tsc(config)] as const)));
}, 400_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const project = () => join(scratch, 'consumer');
const tsc = (config: string) =>
  run(process.execPath, [join(project(), 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${config}.json`, '--pretty', 'false'], { cwd: project() }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );

describe('the published package', () => {
  it('points its types at compiled declarations, not at src/', () => {
    expect(pkg.types).toMatch(/^\.\/dist\/.*\.d\.ts$/);
    expect(pkg.exports['.']).toMatchObject({ types: pkg.types });
    const installed = join(project(), 'node_modules', pkg.name);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(installed, pkg.types))).toBe(true);
  });

  it.each(Object.keys(configs))('type-checks in a strict consumer with %s resolution and skipLibCheck off; the two mistakes fail', async (config) => {
    const output = checks[config]!;
    const errors = output.split('\n').filter((line) => /^\S+\(\d+,\d+\): error /.test(line));
    expect(errors.map((line) => line.replace(/\(.*/, '')), output).toEqual(['unmarked.ts', 'unmarked.ts']);
    expect(output).toMatch(/Property 'principalId' is missing/);
    expect(output).toMatch(/Argument of type '"createSecurityAccesReview"' is not assignable to parameter of type 'CardId'/);
  });

  it('runs: the library loads from the tarball and the CLI answers', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', "const m = await import('oig-connector-bundle'); console.log(typeof m.runCard, typeof m.iterateCard)"], { cwd: project() });
    expect(stdout.trim()).toBe('function function');
    const cli = await run(process.execPath, [join(project(), 'node_modules/.bin/oig'), 'describe', 'getLabel'], { cwd: project() });
    expect(cli.stdout).toContain('Get label (getLabel)');
  }, 60_000);
});
