/**
 * "Label resources": the job (find the label by name across every page or create it, add the values
 * it lacks, turn app and group names, ids or ORNs into ORNs, put the values on them) and its
 * delegated form. Lists are walked by support flows that call themselves once per item, the way
 * templates/people.ts walks users. Names are compared case aside with a case-insensitive Replace:
 * removing the name from the typed text leaves nothing exactly when the two are equal.
 */
import { labelResourcesMission as mission, MAX_RESOURCES } from '../../missions/label-resources.ts';
import { FlowBuilder, literal, type FieldSpec, type Port, type Source } from '../flow-builder.ts';
import {
  callFlow,
  comment,
  compose,
  construct,
  contextFields,
  delegatedTrigger,
  failIf,
  findPattern,
  get,
  length,
  makeRef,
  replace,
  returnValues,
  segment,
  spec,
  split,
  stringify,
  takeItem,
  union,
  type HelperRef,
} from '../steps.ts';
import { auditTable, recordAudit, stopOnError, text, type TemplateCards, type TemplateFlow, type TemplatePackage } from './context.ts';

const objects = (key: string, label: string): FieldSpec => ({ key, type: 'object', list: true, label, custom: true });
const texts = (key: string, label: string): FieldSpec => ({ key, type: 'string', list: true, label, custom: true });
const object = (key: string, label: string): FieldSpec => ({ key, type: 'object', label, custom: true });

/** Text without the spaces around it: Find Pattern gives the first non-space and where trailing spaces start. */
function trim(fb: FlowBuilder, role: string, value: Source): Port {
  const start = findPattern(fb, `${role}/start`, value, '\\S', 'First non-space');
  const end = findPattern(fb, `${role}/end`, value, '\\s*$', 'Trailing spaces');
  return segment(fb, role, value, start, end, 'Trim');
}

/** A support flow: its trigger (context fields + `takes`), built by `body`, ending with its Return. */
function supportFlow(role: string, name: string, description: string, takes: FieldSpec[], returns: FieldSpec[], body: (fb: FlowBuilder, ref: HelperRef, take: (key: string) => Port) => Record<string, Source>): TemplateFlow {
  const ref = makeRef(role, name, takes, returns);
  return {
    kind: 'support',
    ref,
    description,
    build(group) {
      const fb = new FlowBuilder(role);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...takes] });
      const values = body(fb, ref, (key) => t.out(key, null));
      returnValues(fb, Object.fromEntries(Object.entries(values).map(([key, source]) => [key, { source, spec: spec(ref, key) }])));
      return fb.build({ uuid: ref.uuid, group, callable: true, securityLevel: null });
    },
  };
}

export function labelResourcesTemplate(cards: TemplateCards, readAllPages: HelperRef): TemplatePackage {
  const table = auditTable(mission);
  const flows: TemplateFlow[] = [];
  const add = (flow: TemplateFlow) => (flows.push(flow), flow.ref);

  // ── Keep the records whose name (at a path) is the given name, case aside ─────────────────
  const keepTakes = [objects('items', 'Records'), text('path', 'Name at (path)'), text('name', 'Name'), objects('kept', 'Kept so far (start with an empty list)')];
  const keepIfNamed = add(
    supportFlow('support:keep-if-named', 'OIG support · Keep record if named', 'Adds the record to the kept ones when its name (at the path) is the given name, case aside.',
      [object('item', 'Record'), ...keepTakes.slice(1)], [objects('kept', 'Kept records')], (fb, _ref, take) => {
        const value = get(fb, 'value', take('item'), take('path'), 'string', false, 'Its name');
        // Empty exactly when the record's name is the typed name (case aside); an empty record name leaves the typed name.
        const rest = replace(fb, 'compare', take('name'), value, '', 'Remove its name from the typed one', { all: false, caseSensitive: false });
        const kept = fb.ifElse('same', { a: rest, op: 'is empty' }, { kept: { type: 'object', list: true } }, {
          then: () => ({ kept: union(fb, 'keep', take('kept'), take('item'), true, 'Keep it') }),
          else: () => ({ kept: take('kept') }),
        });
        return { kept: kept.out('kept') };
      }),
  );
  const keepNamed = add(
    supportFlow('support:keep-named', 'OIG support · Keep records named', 'Returns the records whose name (at the path) is the given name, case aside; calls itself once per record.',
      keepTakes, [objects('kept', 'Kept records')], (fb, ref, take) => {
        const left = length(fb, 'left', take('items'), 'Records left');
        const done = fb.ifElse('done', { a: left, op: '==', b: literal(0) }, { kept: { type: 'object', list: true } }, {
          then: () => ({ kept: take('kept') }),
          else: () => {
            const next = takeItem(fb, 'next', 'first', take('items'), 'object', 'Next record');
            const one = callFlow(fb, 'one', keepIfNamed, { item: next.item, path: take('path'), name: take('name'), kept: take('kept') }, ['kept'], 'Keep it if named');
            const rest = callFlow(fb, 'rest', ref, { items: next.rest, path: take('path'), name: take('name'), kept: one.kept! }, ['kept'], 'The others');
            return { kept: rest.kept! };
          },
        });
        return { kept: done.out('kept') };
      }),
  );
  const named = (fb: FlowBuilder, role: string, items: Port, path: string, name: Source, title: string) =>
    callFlow(fb, role, keepNamed, { items, path: literal(path), name, kept: literal([]) }, ['kept'], title).kept!;

  /** Every record of a list card, following next pages. */
  const readAll = (fb: FlowBuilder, role: string, card: string, pass: Record<string, Source>, title: string) => {
    const page = callFlow(fb, role, cards.ref(card), pass, ['items', 'next'], title);
    return callFlow(fb, `${role}/all`, readAllPages, { relativeUrl: page.next!, items: page.items! }, ['items'], 'Read all pages').items!;
  };

  // ── The org id and partition ORNs carry, once per run ──────────────────────────────────
  const orgFields: FieldSpec[] = [text('orgId', 'Org ID (00o…)'), text('partition', 'ORN partition (okta or oktapreview)')];
  const org = add(
    supportFlow('support:org', 'OIG support · Org id for ORNs', 'Reads the org id from the org\'s well-known metadata, and the ORN partition from its URL (oktapreview for preview orgs).', [], orgFields, (fb) => {
      const metadata = callFlow(fb, 'metadata', cards.ref('getWellknownOrgMetadata'), {}, ['statusCode', 'body'], 'Get org metadata');
      stopOnError(fb, 'metadata', metadata, "Okta didn't tell the org id (HTTP {{status}}): {{summary}}");
      const url = get(fb, 'url', metadata.body!, '_links.organization.href', 'string', false, 'Org URL');
      const preview = findPattern(fb, 'preview', url, 'oktapreview\\.com', 'A preview org?');
      const partition = fb.ifElse('partition', { a: preview, op: '==', b: literal(-1) }, { partition: { type: 'string' } }, {
        then: () => ({ partition: literal('okta') }),
        else: () => ({ partition: literal('oktapreview') }),
      });
      return { orgId: get(fb, 'id', metadata.body!, 'id', 'string', false, 'Org ID'), partition: partition.out('partition') };
    }),
  );

  // ── A resource (name, id or ORN) → its ORN ─────────────────────────────────────────────
  const appOrn = (fb: FlowBuilder, role: string, app: Port, take: (key: string) => Port) =>
    compose(fb, role, 'orn:{{partition}}:idp:{{org}}:apps:{{name}}:{{id}}', {
      partition: take('partition'),
      org: take('orgId'),
      name: get(fb, `${role}/name`, app, 'name', 'string', false, 'Technical name'),
      id: get(fb, `${role}/id`, app, 'id', 'string', false, 'App ID'),
    }, 'App ORN');
  const groupOrn = (fb: FlowBuilder, role: string, id: Source, take: (key: string) => Port) =>
    compose(fb, role, 'orn:{{partition}}:directory:{{org}}:groups:{{id}}', { partition: take('partition'), org: take('orgId'), id }, 'Group ORN');
  const orgTakes: FieldSpec[] = [text('orgId', 'Org ID'), text('partition', 'ORN partition')];
  const ornOut: FieldSpec[] = [{ key: 'orn', type: 'string', label: 'ORN' }];

  const appsQ = cards.key('listApplications', { in: 'query', name: 'q' }, 'OIG support · Find app or group by name');
  const groupsQ = cards.key('listGroups', { in: 'query', name: 'q' }, 'OIG support · Find app or group by name');
  const byName = add(
    supportFlow('support:find-by-name', 'OIG support · Find app or group by name', 'Finds the one app (by label) or group (by name) with this name, case aside, reading every page; stops when none or several have it.',
      [text('name', 'App label or group name', { required: true }), ...orgTakes], ornOut, (fb, _ref, take) => {
        const name = take('name');
        const apps = named(fb, 'apps/named', readAll(fb, 'apps', 'listApplications', { [appsQ]: name }, 'List applications'), 'label', name, 'Apps with this label');
        const groups = named(fb, 'groups/named', readAll(fb, 'groups', 'listGroups', { [groupsQ]: name }, 'List groups'), 'profile.name', name, 'Groups with this name');
        const count = length(fb, 'count', union(fb, 'all', apps, groups, false, 'Apps and groups'), 'How many');
        failIf(fb, 'none', count, '==', literal(0), compose(fb, 'none/message', mission.messages.unknownResource, { name }, 'Error message'), 'Stop when none has it');
        failIf(fb, 'many', count, '>', literal(1), compose(fb, 'many/message', mission.messages.ambiguousResource, { name, count }, 'Error message'), 'Stop when several have it');
        const orn = fb.ifElse('kind', { a: length(fb, 'apps/count', apps, 'Apps found'), op: '==', b: literal(1) }, { orn: { type: 'string' } }, {
          then: () => ({ orn: appOrn(fb, 'app', takeItem(fb, 'app/item', 'first', apps, 'object', 'The app').item, take) }),
          else: () => {
            const group = takeItem(fb, 'group/item', 'first', groups, 'object', 'The group').item;
            return { orn: groupOrn(fb, 'group', get(fb, 'group/id', group, 'id', 'string', false, 'Group ID'), take) };
          },
        });
        return { orn: orn.out('orn') };
      }),
  );

  const appIdKey = cards.key('getApplication', { in: 'path' }, 'OIG support · Resource ORN');
  const groupIdKey = cards.key('getGroup', { in: 'path' }, 'OIG support · Resource ORN');
  const resourceOrn = add(
    supportFlow('support:resource-orn', 'OIG support · Resource ORN', 'Turns an app or group id (0oa…, 00g…), an ORN or a name into the ORN; stops when Okta has no such id or name.',
      [text('resource', 'Name, id or ORN', { required: true }), ...orgTakes], ornOut, (fb, _ref, take) => {
        const resource = take('resource');
        const byId = (kind: 'app' | 'group', pattern: string, card: string, key: string) => {
          const at = findPattern(fb, `${kind}/id?`, resource, pattern, `An ${kind} id?`);
          return fb.ifElse(`${kind}/id`, { a: at, op: '==', b: literal(-1) }, { orn: { type: 'string' } }, {
            then: () => ({ orn: literal('') }),
            else: () => {
              const read = callFlow(fb, `${kind}/read`, cards.ref(card), { [key]: resource }, ['statusCode', 'body'], kind === 'app' ? 'Get application' : 'Get group');
              stopOnError(fb, `${kind}/read`, read, mission.messages.unknownId, { kind: literal(kind), id: resource });
              return { orn: kind === 'app' ? appOrn(fb, `${kind}/orn`, read.body!, take) : groupOrn(fb, `${kind}/orn`, resource, take) };
            },
          }).out('orn');
        };
        const app = byId('app', '^0oa[0-9A-Za-z]{17}$', 'getApplication', appIdKey);
        const group = byId('group', '^00g[0-9A-Za-z]{17}$', 'getGroup', groupIdKey);
        const isOrn = findPattern(fb, 'orn?', resource, '^orn:', 'An ORN?');
        const given = fb.ifElse('orn', { a: isOrn, op: '==', b: literal(-1) }, { orn: { type: 'string' } }, {
          then: () => ({ orn: literal('') }),
          else: () => ({ orn: resource }),
        });
        const known = compose(fb, 'known', '{{app}}{{group}}{{orn}}', { app, group, orn: given.out('orn') }, 'ORN from an id or as given');
        const orn = fb.ifElse('name', { a: known, op: 'is empty' }, { orn: { type: 'string' } }, {
          then: () => ({ orn: callFlow(fb, 'by-name', byName, { name: resource, orgId: take('orgId'), partition: take('partition') }, ['orn'], 'Find app or group by name').orn! }),
          else: () => ({ orn: known }),
        });
        return { orn: orn.out('orn') };
      }),
  );

  const ornsTakes = [texts('orns', 'ORNs so far (start with an empty list)'), ...orgTakes];
  const ornsOut = [texts('orns', 'ORNs')];
  const addResource = add(
    supportFlow('support:add-resource', 'OIG support · Add resource ORN', 'Adds the resource\'s ORN to the list (once); a blank entry adds nothing.', [text('resource', 'Name, id or ORN'), ...ornsTakes], ornsOut, (fb, _ref, take) => {
      const resource = trim(fb, 'trim', take('resource'));
      const orns = fb.ifElse('blank', { a: resource, op: 'is empty' }, { orns: { type: 'string', list: true } }, {
        then: () => ({ orns: take('orns') }),
        else: () => {
          const found = callFlow(fb, 'orn', resourceOrn, { resource, orgId: take('orgId'), partition: take('partition') }, ['orn'], 'Resource ORN');
          return { orns: union(fb, 'add', take('orns'), found.orn!, true, 'Add the ORN') };
        },
      });
      return { orns: orns.out('orns') };
    }),
  );
  const resolveResources = add(
    supportFlow('support:resolve-resources', 'OIG support · Resource ORNs', 'Turns a list of app and group names, ids or ORNs into ORNs (duplicates dropped); calls itself once per resource.',
      [texts('resources', 'Names, ids or ORNs'), ...ornsTakes], ornsOut, (fb, ref, take) => {
        const left = length(fb, 'left', take('resources'), 'Resources left');
        const done = fb.ifElse('done', { a: left, op: '==', b: literal(0) }, { orns: { type: 'string', list: true } }, {
          then: () => ({ orns: take('orns') }),
          else: () => {
            const next = takeItem(fb, 'next', 'first', take('resources'), 'string', 'Next resource');
            const one = callFlow(fb, 'one', addResource, { resource: next.item, orns: take('orns'), orgId: take('orgId'), partition: take('partition') }, ['orns'], 'Add its ORN');
            const rest = callFlow(fb, 'rest', ref, { resources: next.rest, orns: one.orns!, orgId: take('orgId'), partition: take('partition') }, ['orns'], 'The others');
            return { orns: rest.orns! };
          },
        });
        return { orns: done.out('orns') };
      }),
  );

  // ── Label values: created with the label, or added to it ─────────────────────────────────
  const labelValue = add(
    supportFlow('support:label-value', 'OIG support · Label value', 'A label value as Okta takes it: its name, and its colour when one is given.',
      [text('name', 'Value', { required: true }), text('color', 'Colour (optional)')], [object('value', 'Value')], (fb, _ref, take) => {
        const value = fb.ifElse('has-colour', { a: take('color'), op: 'is empty' }, { value: { type: 'object' } }, {
          then: () => ({ value: construct(fb, 'plain', { name: { source: take('name') } }, 'Value') }),
          else: () => {
            const colour = construct(fb, 'colour', { backgroundColor: { source: take('color') } }, 'Colour');
            const extra = construct(fb, 'extra', { additionalProperties: { source: colour, type: 'object' } }, 'Metadata');
            return { value: construct(fb, 'full', { name: { source: take('name') }, metadata: { source: extra, type: 'object' } }, 'Value with colour') };
          },
        });
        return { value: value.out('value') };
      }),
  );

  const createKeys = { name: cards.key('createLabel', { in: 'body', pointer: '/name' }, 'OIG support · Create label'), values: cards.key('createLabel', { in: 'body', pointer: '/values' }, 'OIG support · Create label') };
  const createLabel = add(
    supportFlow('support:create-label', 'OIG support · Create label', 'Creates a label with one value (coloured when a colour is given); stops with Okta\'s message when Okta refuses.',
      [text('labelName', 'Label name', { required: true }), text('valueName', 'Value', { required: true }), text('color', 'Colour (optional)')], [object('label', 'Label')], (fb, _ref, take) => {
        const value = callFlow(fb, 'value', labelValue, { name: take('valueName'), color: take('color') }, ['value'], 'Label value');
        const made = callFlow(fb, 'create', cards.ref('createLabel'), { [createKeys.name]: take('labelName'), [createKeys.values]: value.value! }, ['statusCode', 'body'], 'Create label');
        stopOnError(fb, 'create', made, mission.messages.labelRefused, { label: take('labelName') });
        return { label: made.body! };
      }),
  );

  const updateKeys = { labelId: cards.key('updateLabel', { in: 'path' }, 'OIG support · Label value ID'), operations: cards.key('updateLabel', { in: 'body', pointer: '' }, 'OIG support · Label value ID') };
  const valuesTakes = [object('label', 'Label'), text('color', 'Colour of new values (optional)'), texts('valueIds', 'Value IDs so far (start with an empty list)'), texts('valueNames', 'Value names so far (start with an empty list)')];
  const valuesOut = [object('label', 'Label'), texts('valueIds', 'Label value IDs'), texts('valueNames', 'Value names')];
  const namedValue = add(
    supportFlow('support:named-value', 'OIG support · Label value ID', 'Finds the value on the label (case aside), adding it when the label lacks it, and adds its id and name to the lists.',
      [text('value', 'Value', { required: true }), ...valuesTakes], valuesOut, (fb, _ref, take) => {
        const name = take('value');
        const has = named(fb, 'has', get(fb, 'values', take('label'), 'values', 'object', true, 'Its values'), 'name', name, 'The value, if the label has it');
        const label = fb.ifElse('missing', { a: length(fb, 'has/count', has, 'Found'), op: '==', b: literal(0) }, { label: { type: 'object' } }, {
          then: () => {
            const value = callFlow(fb, 'value', labelValue, { name, color: take('color') }, ['value'], 'Label value');
            const op = construct(fb, 'op', { op: { source: literal('ADD') }, path: { source: literal('/values/-') }, value: { source: value.value!, type: 'object' }, refType: { source: literal('LABEL-VALUE') } }, 'Add the value');
            const labelId = get(fb, 'label/id', take('label'), 'labelId', 'string', false, 'Label ID');
            const updated = callFlow(fb, 'update', cards.ref('updateLabel'), { [updateKeys.labelId]: labelId, [updateKeys.operations]: op }, ['statusCode', 'body'], 'Update label');
            stopOnError(fb, 'update', updated, mission.messages.labelRefused, { label: get(fb, 'label/name', take('label'), 'name', 'string', false, 'Label name') });
            return { label: updated.body! };
          },
          else: () => ({ label: take('label') }),
        });
        const found = named(fb, 'found', get(fb, 'now', label.out('label'), 'values', 'object', true, 'Its values now'), 'name', name, 'The value');
        const value = takeItem(fb, 'value/item', 'first', found, 'object', 'The value').item;
        return {
          label: label.out('label'),
          valueIds: union(fb, 'ids', take('valueIds'), get(fb, 'value/id', value, 'labelValueId', 'string', false, 'Label value ID'), true, 'Add its id'),
          valueNames: union(fb, 'names', take('valueNames'), get(fb, 'value/name', value, 'name', 'string', false, 'Value name'), true, 'Add its name'),
        };
      }),
  );
  const pass = (take: (key: string) => Port) => ({ color: take('color'), valueIds: take('valueIds'), valueNames: take('valueNames') });
  const oneValue = add(
    supportFlow('support:value', 'OIG support · Add value', 'Trims a typed value and finds or adds it on the label; a blank entry adds nothing.', [text('value', 'Value'), ...valuesTakes], valuesOut, (fb, _ref, take) => {
      const value = trim(fb, 'trim', take('value'));
      const out = fb.ifElse('blank', { a: value, op: 'is empty' }, { label: { type: 'object' }, valueIds: { type: 'string', list: true }, valueNames: { type: 'string', list: true } }, {
        then: () => ({ label: take('label'), valueIds: take('valueIds'), valueNames: take('valueNames') }),
        else: () => {
          const r = callFlow(fb, 'named', namedValue, { value, label: take('label'), ...pass(take) }, ['label', 'valueIds', 'valueNames'], 'Label value ID');
          return { label: r.label!, valueIds: r.valueIds!, valueNames: r.valueNames! };
        },
      });
      return { label: out.out('label'), valueIds: out.out('valueIds'), valueNames: out.out('valueNames') };
    }),
  );
  const allValues = add(
    supportFlow('support:values', 'OIG support · Add values', 'Finds or adds each typed value on the label; calls itself once per value.', [texts('values', 'Values'), ...valuesTakes], valuesOut, (fb, ref, take) => {
      const left = length(fb, 'left', take('values'), 'Values left');
      const out = fb.ifElse('done', { a: left, op: '==', b: literal(0) }, { label: { type: 'object' }, valueIds: { type: 'string', list: true }, valueNames: { type: 'string', list: true } }, {
        then: () => ({ label: take('label'), valueIds: take('valueIds'), valueNames: take('valueNames') }),
        else: () => {
          const next = takeItem(fb, 'next', 'first', take('values'), 'string', 'Next value');
          const one = callFlow(fb, 'one', oneValue, { value: next.item, label: take('label'), ...pass(take) }, ['label', 'valueIds', 'valueNames'], 'Add value');
          const rest = callFlow(fb, 'rest', ref, { values: next.rest, label: one.label!, color: take('color'), valueIds: one.valueIds!, valueNames: one.valueNames! }, ['label', 'valueIds', 'valueNames'], 'The others');
          return { label: rest.label!, valueIds: rest.valueIds!, valueNames: rest.valueNames! };
        },
      });
      return { label: out.out('label'), valueIds: out.out('valueIds'), valueNames: out.out('valueNames') };
    }),
  );

  // ── The job ─────────────────────────────────────────────────────────────────────────────
  const jobRole = 'job:label-resources';
  const takes: FieldSpec[] = [
    text('label', 'Label (e.g. Sensitivity; created when new)', { required: true }),
    text('values', 'Values (comma-separated, e.g. High)', { required: true }),
    text('color', 'Colour of new values (optional: red, orange, yellow, green, blue, purple, teal, beige, gray)'),
    text('resources', `Apps and groups: names, ids or ORNs (comma-separated, 1–${MAX_RESOURCES})`, { required: true }),
  ];
  const job = makeRef(jobRole, 'OIG job · Label resources', takes, [
    { key: 'label', type: 'string', label: 'Label' },
    { key: 'labelId', type: 'string', label: 'Label ID' },
    { key: 'values', type: 'string', label: 'Values (JSON list)' },
    { key: 'valueIds', type: 'string', label: 'Label value IDs (JSON list)' },
    { key: 'resources', type: 'string', label: 'Resources (JSON list of ORNs)' },
  ]);
  const assignKeys = {
    orns: cards.key('assignResourceLabels', { in: 'body', pointer: '/resourceOrns' }, job.name),
    values: cards.key('assignResourceLabels', { in: 'body', pointer: '/labelValueIds' }, job.name),
  };
  const jobFlow: TemplateFlow = {
    kind: 'job',
    ref: job,
    description: mission.description,
    build(group) {
      const fb = new FlowBuilder(jobRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...takes] });
      const labelName = trim(fb, 'label/trim', t.out('label', null));
      failIf(fb, 'label/none', labelName, 'is empty', literal(null), literal(mission.messages.needLabel), 'Need a label');
      const pieces = split(fb, 'resources/split', t.out('resources', null), ',', 'Split the resources');
      const count = length(fb, 'resources/count', pieces, 'Count resources');
      failIf(fb, 'resources/many', count, '>', literal(MAX_RESOURCES), compose(fb, 'resources/many/message', mission.messages.tooManyResources, { count }, 'Error message'), `At most ${MAX_RESOURCES} resources`);

      // Everything is read before anything is written: a resource that can't be found changes nothing.
      const existing = named(fb, 'label/existing', readAll(fb, 'labels', 'listLabels', {}, 'List labels'), 'name', labelName, 'The label, if it exists');
      const orgIds = callFlow(fb, 'org', org, {}, ['orgId', 'partition'], 'Org id for ORNs');
      const orns = callFlow(fb, 'orns', resolveResources, { resources: pieces, orns: literal([]), orgId: orgIds.orgId!, partition: orgIds.partition! }, ['orns'], 'Resource ORNs').orns!;
      failIf(fb, 'resources/none', length(fb, 'orns/count', orns, 'Count ORNs'), '==', literal(0), literal(mission.messages.needResources), 'Need a resource');

      const values = split(fb, 'values/split', t.out('values', null), ',', 'Split the values');
      const firstValue = trim(fb, 'values/first', takeItem(fb, 'values/first/item', 'first', values, 'string', 'First value').item);
      const label = fb.ifElse('label', { a: length(fb, 'label/count', existing, 'Labels found'), op: '==', b: literal(0) }, { label: { type: 'object' } }, {
        then: () => ({ label: callFlow(fb, 'create', createLabel, { labelName, valueName: firstValue, color: t.out('color', null) }, ['label'], 'Create label').label! }),
        else: () => ({ label: takeItem(fb, 'label/item', 'first', existing, 'object', 'The label').item }),
      });
      const ensured = callFlow(
        fb,
        'values',
        allValues,
        { values, label: label.out('label'), color: t.out('color', null), valueIds: literal([]), valueNames: literal([]) },
        ['label', 'valueIds', 'valueNames'],
        'Add values',
      );
      failIf(fb, 'values/none', length(fb, 'values/count', ensured.valueIds!, 'Count values'), '==', literal(0), literal(mission.messages.needValues), 'Need a value');
      const assigned = callFlow(fb, 'assign', cards.ref('assignResourceLabels'), { [assignKeys.orns]: orns, [assignKeys.values]: ensured.valueIds! }, ['statusCode', 'body'], 'Assign labels to resources');
      stopOnError(fb, 'assign', assigned, mission.messages.refused);
      returnValues(fb, {
        label: { source: get(fb, 'name', ensured.label!, 'name', 'string', false, 'Label name'), spec: spec(job, 'label') },
        labelId: { source: get(fb, 'id', ensured.label!, 'labelId', 'string', false, 'Label ID'), spec: spec(job, 'labelId') },
        values: { source: stringify(fb, 'values/text', ensured.valueNames!, 'Values as text'), spec: spec(job, 'values') },
        valueIds: { source: stringify(fb, 'ids/text', ensured.valueIds!, 'Value ids as text'), spec: spec(job, 'valueIds') },
        resources: { source: stringify(fb, 'orns/text', orns, 'ORNs as text'), spec: spec(job, 'resources') },
      });
      return fb.build({ uuid: job.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── By hand: a delegated form ─────────────────────────────────────────────────────────────
  const formRole = 'template:label-resources/form';
  const formFields: FieldSpec[] = takes.map((f) => ({ ...f, required: false, group: 'inputs' }));
  const formRef = makeRef(formRole, mission.title, [], []);
  const form: TemplateFlow = {
    kind: 'delegated',
    ref: formRef,
    fields: formFields,
    description: `Run from the Admin Console (Workflow → Delegated Flows): a label, its values, and up to ${MAX_RESOURCES} apps and groups by name, id or ORN.`,
    build(group) {
      const fb = new FlowBuilder(formRole);
      const t = delegatedTrigger(fb, formFields);
      comment(fb, 'about', formRef.name, [
        `Runs **${job.name}** with what the admin typed, then adds a row to the table *${table.name}*.`,
        'Nothing to set after import but the Okta connection, with the scopes listed in the readme (labels, apps and groups). Apps are named by their label as the Admin Console shows it, groups by their name; give the id (0oa…, 00g…) when a name is shared.',
        'A failure stops the flow with Okta\'s errorSummary in the message and adds no row.',
      ]);
      const done = callFlow(fb, 'job', job, Object.fromEntries(takes.map((f) => [f.key, t.out(f.key, 'inputs')])), ['label', 'labelId', 'values', 'valueIds', 'resources'], `Call ${job.name}`);
      recordAudit(fb, 'audit', table, {
        job: literal(formRef.name),
        startedBy: t.out('okta-user-id', 'user context'),
        outcome: literal('labelled'),
        label: done.label!,
        labelId: done.labelId!,
        values: done.values!,
        valueIds: done.valueIds!,
        resources: done.resources!,
      });
      return fb.build({ uuid: formRef.uuid, group, callable: false, securityLevel: 'high' });
    },
  };
  return {
    slug: 'label-resources',
    mission,
    title: mission.title,
    summary: mission.description,
    setup: ['Nothing to set but the Okta connection (grant it the scopes below).'],
    cards: [...mission.cards],
    flows: [form, jobFlow, ...flows],
  };
}
