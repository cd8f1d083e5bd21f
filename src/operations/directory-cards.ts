/** The core Okta (management API) cards the mission flows use to find apps, groups and the org id. */
export { applicationListOperations } from './applications-list.ts';
export { groupOperations } from './groups.ts';
export { orgMetadataOperations } from './org-metadata.ts';
