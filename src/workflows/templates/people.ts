/**
 * Support flows shared by the templates that name people: a login, an email or a user id → the
 * Okta user, with one users search (`profile.login eq … or profile.email eq … or id eq …`), the same
 * lookup the code templates make.
 */
import { PEOPLE_MESSAGES } from '../../missions/index.ts';
import { FlowBuilder, literal, type FieldSpec } from '../flow-builder.ts';
import { callFlow, compose, contextFields, failIf, get, length, makeRef, replace, returnValues, spec, takeItem, union, type HelperRef } from '../steps.ts';
import { text, type TemplateCards, type TemplateFlow } from './context.ts';

export interface People {
  findPerson: HelperRef;
  findPeople: HelperRef;
  flows: TemplateFlow[];
}

export function peopleFlows(cards: TemplateCards): People {
  const personRole = 'support:find-person';
  const personTakes = [text('who', 'Login, email or user id', { required: true })];
  const findPerson = makeRef(personRole, 'OIG support · Find user', personTakes, [
    { key: 'userId', type: 'string', label: 'User ID' },
    { key: 'login', type: 'string', label: 'Login' },
    { key: 'user', type: 'object', label: 'User' },
  ]);
  const searchKey = cards.key('listUsers', { in: 'query', name: 'search' }, findPerson.name);
  const person: TemplateFlow = {
    kind: 'support',
    ref: findPerson,
    description: 'Finds an Okta user by login, email or id (exact match) and returns the id and login; stops with a readable error when nobody matches.',
    build(group) {
      const fb = new FlowBuilder(personRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...personTakes] });
      const who = t.out('who', null);
      const quoted = replace(fb, 'escape', who, '"', '\\"', 'Escape quotes');
      const search = compose(fb, 'search', 'profile.login eq "{{who}}" or profile.email eq "{{who}}" or id eq "{{who}}"', { who: quoted }, 'Search expression');
      const found = callFlow(fb, 'list', cards.ref('listUsers'), { [searchKey]: search }, ['items', 'count'], 'List users');
      failIf(fb, 'check', found.count!, '==', literal(0), compose(fb, 'message', PEOPLE_MESSAGES.unknownUser, { who }, 'Error message'), 'Stop when nobody matches');
      const first = takeItem(fb, 'first', 'first', found.items!, 'object', 'The user');
      returnValues(fb, {
        userId: { source: get(fb, 'id', first.item, 'id', 'string', false, 'User ID'), spec: spec(findPerson, 'userId') },
        login: { source: get(fb, 'login', first.item, 'profile.login', 'string', false, 'Login'), spec: spec(findPerson, 'login') },
        user: { source: first.item, spec: spec(findPerson, 'user') },
      });
      return fb.build({ uuid: findPerson.uuid, group, callable: true, securityLevel: null });
    },
  };

  const peopleRole = 'support:find-people';
  const peopleTakes: FieldSpec[] = [
    { key: 'people', type: 'string', list: true, label: 'Logins, emails or user ids', custom: true },
    { key: 'userIds', type: 'string', list: true, label: 'User IDs found so far (start with an empty list)', custom: true },
  ];
  const findPeople = makeRef(peopleRole, 'OIG support · Find users', peopleTakes, [{ key: 'userIds', type: 'string', list: true, label: 'User IDs' }]);
  const people: TemplateFlow = {
    kind: 'support',
    ref: findPeople,
    description: 'Turns a list of logins, emails or ids into user ids (duplicates dropped); stops at the first one nobody matches, naming it.',
    build(group) {
      const fb = new FlowBuilder(peopleRole);
      const t = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...peopleTakes] });
      const list = t.out('people', null);
      const sofar = t.out('userIds', null);
      const left = length(fb, 'left', list, 'People left');
      const done = fb.ifElse('done', { a: left, op: '==', b: literal(0) }, { userIds: { type: 'string', list: true } }, {
        then: () => ({ userIds: sofar }),
        else: () => {
          const next = takeItem(fb, 'next', 'first', list, 'string', 'Next person');
          const user = callFlow(fb, 'find', findPerson, { who: next.item }, ['userId'], 'Find user');
          const ids = union(fb, 'add', sofar, user.userId!, true, 'Add the id');
          const rest = callFlow(fb, 'rest', findPeople, { people: next.rest, userIds: ids }, ['userIds'], 'Find the others');
          return { userIds: rest.userIds! };
        },
      });
      returnValues(fb, { userIds: { source: done.out('userIds'), spec: spec(findPeople, 'userIds') } });
      return fb.build({ uuid: findPeople.uuid, group, callable: true, securityLevel: null });
    },
  };
  return { findPerson, findPeople, flows: [person, people] };
}
