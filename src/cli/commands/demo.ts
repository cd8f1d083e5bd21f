import { parseArgs } from 'node:util';
import { connectionFromEnv } from '../../auth/env.ts';
import type { Connection, ConnectionConfig } from '../../auth/index.ts';
import { buildArtifacts } from '../../artifacts/build.ts';
import { flowContext, runFlow } from '../../flows/index.ts';
import type { FiledRequest } from '../../flows/file-access-request.ts';
import type { LabelledResources } from '../../flows/label-resources.ts';
import type { LaunchedReview } from '../../flows/launch-security-access-review.ts';
import type { RiskEventOutcome } from '../../flows/review-on-risk-event.ts';
import { operations } from '../../operations/index.ts';
import { startSimulator, type Simulator } from '../../simulator/index.ts';
import { packageVersion } from '../../version.ts';
import { UsageError, type Command } from '../command.ts';
import { writeArtifacts } from './build.ts';
import { printEvent, report } from '../io.ts';

/** What the three mission flows and the event template run with. */
interface DemoInputs {
  reviewUser: string;
  reviewers: string[];
  requester: string;
  requestType: string;
  labelResources: string[];
}

const REAL_ORG_VARIABLES = {
  OIG_REVIEW_USER: 'the user to review (login or id)',
  OIG_REVIEWERS: 'reviewers, comma-separated logins or ids',
  OIG_REQUESTER: 'who to file an access request for',
  OIG_REQUEST_TYPE: 'an ACTIVE request type, by name or id',
  OIG_LABEL_RESOURCES: 'apps and groups to label (names, ids or ORNs), comma-separated',
} as const;

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (message: string) => process.stderr.write(`  … ${message}\n`);

function inputsFromSimulator(sim: Simulator): DemoInputs {
  const { users, requestTypes, apps, groups } = sim.seed;
  return {
    reviewUser: users.target.login,
    reviewers: users.security.map((u) => u.login),
    requester: users.requester.login,
    requestType: requestTypes.active.name,
    labelResources: [apps[0]!.orn, groups[0]!.id, groups[1]!.name],
  };
}

function inputsFromEnvironment(env: NodeJS.ProcessEnv): DemoInputs {
  const missing = Object.entries(REAL_ORG_VARIABLES).filter(([name]) => !env[name]);
  if (missing.length) {
    throw new UsageError(
      `against a real org the demo needs:\n${missing.map(([name, what]) => `  ${name}  ${what}`).join('\n')}\n(unset OKTA_ORG_URL to run against the local simulator instead)`,
    );
  }
  const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    reviewUser: env.OIG_REVIEW_USER!,
    reviewers: list(env.OIG_REVIEWERS!),
    requester: env.OIG_REQUESTER!,
    requestType: env.OIG_REQUEST_TYPE!,
    labelResources: list(env.OIG_LABEL_RESOURCES!),
  };
}

async function missionFlows(connection: Connection | ConnectionConfig, inputs: DemoInputs, principalId: () => Promise<string>) {
  const ctx = flowContext(connection, { onEvent: printEvent, pace: true, progress: step });

  say('1. Launch a security access review for a user');
  const review = (await runFlow('launch-security-access-review', { user: inputs.reviewUser, reviewers: inputs.reviewers, waitUntilActive: true, waitTimeoutSeconds: 30 }, ctx)) as LaunchedReview;
  say(`   Review ${review.reviewId} of ${review.principal.login} is ${review.status}, ending ${review.endTime ?? 'in 7 days'}.`);
  say(`   Reviewers: ${review.reviewers.map((r) => r.login).join(', ')}.`);

  say('2. File an access request');
  const justification = 'Filed by the OIG connector bundle demo (npm start).';
  const request = (await runFlow(
    'file-access-request',
    { requester: inputs.requester, requestType: inputs.requestType, subject: 'Access for the quarterly audit', justification },
    ctx,
  )) as FiledRequest;
  say(`   Request ${request.requestId} for ${request.requester.login} is ${request.status}; message added: "${justification}".`);

  say('3. Label resources');
  const labelled = (await runFlow(
    'label-resources',
    { label: 'Data sensitivity', values: [{ name: 'High', color: 'red' }], resources: inputs.labelResources },
    ctx,
  )) as LabelledResources;
  say(`   Label "${labelled.label}" ${labelled.created ? 'created' : 'reused'} (${labelled.labelId}); High is now on:`);
  for (const { orn } of labelled.assigned) say(`     ${orn}`);

  say('4. React to a risk event (delivered twice, as event hooks may)');
  const userId = await principalId();
  const event = { uuid: 'demo-event-1', eventType: 'user.risk.change', target: [{ type: 'User', id: userId, alternateId: inputs.requester }] };
  for (const delivery of ['first delivery', 'redelivery']) {
    const outcome = (await runFlow('review-on-risk-event', { event, reviewers: inputs.reviewers }, ctx)) as RiskEventOutcome;
    say(`   ${delivery}: ${outcome.action === 'launched' ? `launched review ${outcome.review.reviewId} (${outcome.review.status}).` : `skipped: ${outcome.reason}`}`);
  }
}

export const demoCommand: Command = {
  usage: `Usage: oig demo

Builds cards/, schemas/ and connector/, starts the local OIG simulator on a free port, and runs the three
mission flows and the risk-event template through the runtime over HTTP. With OKTA_ORG_URL and credentials
set it runs against that org instead, with inputs from ${Object.keys(REAL_ORG_VARIABLES).join(', ')}.`,
  async run(args) {
    parseArgs({ args, options: {}, strict: true });
    const files = buildArtifacts({ version: packageVersion });
    const { written } = await writeArtifacts(process.cwd(), files);
    say(`OIG connector bundle ${packageVersion}: ${operations.length} cards built (${written ? `${written} files updated` : 'already up to date'}).`);
    say('  cards/<id>.json, schemas/<id>.{input,output}.json, connector/connector.json, connector/templates/<job>/<job>.folder and connector/helpers/*.folder (import into Okta Workflows), connector/CARDS.md');
    say();

    const realOrg = Boolean(process.env.OKTA_ORG_URL);
    let sim: Simulator | undefined;
    try {
      if (realOrg) {
        const inputs = inputsFromEnvironment(process.env);
        const connection = connectionFromEnv(process.env);
        say(`Running the mission flows against ${process.env.OKTA_ORG_URL}.`);
        await missionFlows(connection, inputs, async () => {
          const { findPerson } = await import('../../flows/people.ts');
          return (await findPerson(flowContext(connection), 'demo', 'OIG_REQUESTER', inputs.requester)).id;
        });
      } else {
        sim = await startSimulator({ port: 0, timeScale: 60, activationDelayMs: 500, realism: true });
        say(`Local OIG simulator at ${sim.url} (seeded org ${sim.seed.orgId}; set OKTA_ORG_URL and credentials to use a real org).`);
        const inputs = inputsFromSimulator(sim);
        const simulator = sim;
        await missionFlows({ orgUrl: sim.url, accessToken: sim.token }, inputs, async () => simulator.seed.users.requester.id);
      }
      say();
      say('Done. Next: `npx oig cards`, `npx oig describe createSecurityAccessReview`, or import a template from connector/templates/ into Okta Workflows (connector/README.md says which).');
      return 0;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if ((error as Error).name === 'FlowInputError') {
        process.stderr.write(`oig demo: ${(error as Error).message}\n`);
        return 2;
      }
      return report(error);
    } finally {
      await sim?.close();
    }
  },
};
