/** Every Workflows template, each built from its mission (src/missions/) and shipped as a folder export of its own. */
import type { HelperRef } from '../steps.ts';
import { TemplateCards, type CardHelper, type TemplatePackage } from './context.ts';
import { fileAccessRequestTemplate } from './file-access-request.ts';
import { labelResourcesTemplate } from './label-resources.ts';
import { launchReviewTemplate } from './launch-security-access-review.ts';
import { peopleFlows } from './people.ts';
import { suspiciousActivityTemplate } from './review-on-suspicious-activity.ts';

export function templatePackages(helpers: ReadonlyMap<string, CardHelper>, readAllPages: HelperRef): TemplatePackage[] {
  const cards = new TemplateCards(helpers);
  const people = peopleFlows(cards);
  const review = launchReviewTemplate(cards, people);
  const job = review.flows.find((f) => f.kind === 'job')!.ref;
  return [
    review,
    suspiciousActivityTemplate(cards, people, job, readAllPages),
    fileAccessRequestTemplate(cards, people, readAllPages),
    labelResourcesTemplate(cards, readAllPages),
  ];
}

export type { CardHelper, TemplatePackage, TemplateFlow } from './context.ts';
