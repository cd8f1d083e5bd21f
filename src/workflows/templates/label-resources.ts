/**
 * "Label resources": the job (find the label by name or create it with the value, put the value on
 * the resources, list what now carries it) and its delegated form.
 */
import { labelResourcesMission as mission } from '../../missions/index.ts';
import { FlowBuilder, literal, type FieldSpec } from '../flow-builder.ts';
import { callFlow, comment, compose, construct, contextFields, delegatedTrigger, failIf, findBy, get, makeRef, replace, returnValues, spec, split, type HelperRef } from '../steps.ts';
import { auditTable, recordAudit, stopOnError, text, type TemplateCards, type TemplateFlow, type TemplatePackage } from './context.ts';

export function labelResourcesTemplate(cards: TemplateCards, readAllPages: HelperRef): TemplatePackage {
  const table = auditTable(mission);

  // ── Create a label with one value (with or without a colour) ─────────────────────────────
  const newLabelRole = 'support:create-label';
  const newLabelTakes = [text('labelName', 'Label name', { required: true }), text('valueName', 'Value', { required: true }), text('color', 'Colour (optional)')];
  const newLabel = makeRef(newLabelRole, 'OIG support · Create label with one value', newLabelTakes, [{ key: 'label', type: 'object', label: 'Label' }]);
  const labelNameKey = cards.key('createLabel', { in: 'body', pointer: '/name' }, newLabel.name);
  const labelValuesKey = cards.key('createLabel', { in: 'body', pointer: '/values' }, newLabel.name);
  const newLabelFlow: TemplateFlow = {
    kind: 'support',
    ref: newLabel,
    description: 'Creates a label with one value, coloured when a colour is given; stops with Okta\'s message when Okta refuses.',
    build(group) {
      const fb = new FlowBuilder(newLabelRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...newLabelTakes] });
      const valueName = t.out('valueName', null);
      const color = t.out('color', null);
      const value = fb.ifElse('colour', { a: color, op: 'is empty' }, { value: { type: 'object' } }, {
        then: () => ({ value: construct(fb, 'value/plain', { name: { source: valueName } }, 'Value') }),
        else: () => {
          const colour = construct(fb, 'value/colour', { backgroundColor: { source: color } }, 'Colour');
          const extra = construct(fb, 'value/extra', { additionalProperties: { source: colour, type: 'object' } }, 'Metadata');
          return { value: construct(fb, 'value/full', { name: { source: valueName }, metadata: { source: extra, type: 'object' } }, 'Value with colour') };
        },
      });
      const made = callFlow(fb, 'create', cards.ref('createLabel'), { [labelNameKey]: t.out('labelName', null), [labelValuesKey]: value.out('value') }, ['statusCode', 'body'], 'Create label');
      stopOnError(fb, 'create', made, mission.messages.refused);
      returnValues(fb, { label: { source: made.body!, spec: spec(newLabel, 'label') } });
      return fb.build({ uuid: newLabel.uuid, group, callable: true, securityLevel: null });
    },
  };

  // ── The job ─────────────────────────────────────────────────────────────────────────────
  const jobRole = 'job:label-resources';
  const takes: FieldSpec[] = [
    text('label', 'Label (e.g. Sensitivity; created when new)', { required: true }),
    text('values', 'Value (e.g. High)', { required: true }),
    text('color', 'Colour for a new label\'s value (optional: red, orange, yellow, green, blue, purple, teal, beige, gray)'),
    text('resources', 'Resource ORNs (comma-separated, 1–10)', { required: true }),
  ];
  const job = makeRef(jobRole, 'OIG job · Label resources', takes, [
    { key: 'labelId', type: 'string', label: 'Label ID' },
    { key: 'labelValueId', type: 'string', label: 'Label value ID' },
    { key: 'labelled', type: 'object', list: true, label: 'Resources with this value' },
    { key: 'labelledCount', type: 'number', label: 'How many resources have this value' },
  ]);
  const keys = {
    orns: cards.key('assignResourceLabels', { in: 'body', pointer: '/resourceOrns' }, job.name),
    values: cards.key('assignResourceLabels', { in: 'body', pointer: '/labelValueIds' }, job.name),
    filter: cards.key('listLabelResources', { in: 'query', name: 'filter' }, job.name),
  };
  const jobFlow: TemplateFlow = {
    kind: 'job',
    ref: job,
    description: 'Finds the label by name (exact match) or creates it with the value, then puts the value on the resources and lists everything that now carries it.',
    build(group) {
      const fb = new FlowBuilder(jobRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...takes] });
      const labelName = t.out('label', null);
      const valueName = t.out('values', null);
      const labels = callFlow(fb, 'labels', cards.ref('listLabels'), {}, ['items'], 'List labels');
      const existing = findBy(fb, 'existing', labels.items!, 'name', labelName, 'Find the label');
      const label = fb.ifElse('label', { a: existing.index, op: '==', b: literal(-1) }, { label: { type: 'object' } }, {
        then: () => ({ label: callFlow(fb, 'create', newLabel, { labelName, valueName, color: t.out('color', null) }, ['label'], 'Create label with the value').label! }),
        else: () => ({ label: existing.item }),
      });
      const values = get(fb, 'values', label.out('label'), 'values', 'object', true, 'Label values');
      const value = findBy(fb, 'value', values, 'name', valueName, 'Find the value');
      const noValue = compose(fb, 'value/message', 'The label "{{label}}" has no value "{{value}}". Add the value to the label (Update label), or pick one of its values.', { label: labelName, value: valueName }, 'Error message');
      failIf(fb, 'value/check', value.index, '==', literal(-1), noValue, 'Stop when the value is missing');
      const valueId = get(fb, 'value/id', value.item, 'labelValueId', 'string', false, 'Label value ID');
      const orns = split(fb, 'orns', replace(fb, 'orns/trim', t.out('resources', null), ' ', '', 'Remove spaces'), ',', 'Split resource ORNs');
      const assigned = callFlow(fb, 'assign', cards.ref('assignResourceLabels'), { [keys.orns]: orns, [keys.values]: valueId }, ['statusCode', 'body'], 'Assign labels to resources');
      stopOnError(fb, 'assign', assigned, mission.messages.refused);
      const filter = compose(fb, 'labelled/filter', 'labelValueId eq "{{id}}"', { id: valueId }, 'Filter');
      const first = callFlow(fb, 'labelled', cards.ref('listLabelResources'), { [keys.filter]: filter }, ['items', 'next'], 'List labelled resources');
      const all = callFlow(fb, 'labelled/all', readAllPages, { relativeUrl: first.next!, items: first.items! }, ['items', 'count'], 'Read all pages');
      returnValues(fb, {
        labelId: { source: get(fb, 'label/id', label.out('label'), 'labelId', 'string', false, 'Label ID'), spec: spec(job, 'labelId') },
        labelValueId: { source: valueId, spec: spec(job, 'labelValueId') },
        labelled: { source: all.items!, spec: spec(job, 'labelled') },
        labelledCount: { source: all.count!, spec: spec(job, 'labelledCount') },
      });
      return fb.build({ uuid: job.uuid, group, callable: true, securityLevel: null });
    },
  };

  const formRole = 'template:label-resources/form';
  const formFields: FieldSpec[] = takes.map((f) => ({ ...f, group: 'inputs' }));
  const formRef = makeRef(formRole, 'Label resources', [], []);
  const form: TemplateFlow = {
    kind: 'delegated',
    ref: formRef,
    fields: formFields,
    description: 'Run from the Admin Console: puts a governance label value (created if new) on up to 10 resources given by ORN.',
    build(group) {
      const fb = new FlowBuilder(formRole);
      const t = delegatedTrigger(fb, formFields);
      comment(fb, 'about', formRef.name, [`Runs **${job.name}** with what the admin typed, then adds a row to the table *${table.name}*.`]);
      const done = callFlow(fb, 'job', job, Object.fromEntries(takes.map((f) => [f.key, t.out(f.key, 'inputs')])), ['labelId', 'labelValueId'], `Call ${job.name}`);
      recordAudit(fb, 'audit', table, {
        job: literal(formRef.name),
        startedBy: t.out('okta-user-id', 'user context'),
        outcome: literal('labelled'),
        label: t.out('label', 'inputs'),
        values: t.out('values', 'inputs'),
        resources: t.out('resources', 'inputs'),
      });
      return fb.build({ uuid: formRef.uuid, group, callable: false, securityLevel: 'high' });
    },
  };
  return {
    slug: 'label-resources',
    mission,
    title: mission.title,
    summary: mission.description,
    setup: ['Nothing to set but the Okta connection.'],
    cards: ['listLabels', 'createLabel', 'assignResourceLabels', 'listLabelResources'],
    flows: [form, jobFlow, newLabelFlow],
  };
}
