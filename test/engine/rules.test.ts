/**
 * Every comparison rule with every kind of finding it can give, and every
 * schema feature the rule tree follows, on small schemas written as real
 * workspaces (so cross-file $ref goes through the loader as in real use).
 * Each test states the complete list of findings: kind, path, rule and
 * severity, with values and positions where they are the point.
 */
import {
  DRAFT_07, DRAFT_2020, auditOne, expectFindings, findingAt, tuplesOf, type Tuple,
} from '../helpers/findings';

/** A root object schema of draft 2020-12 with these properties. */
const object = (properties: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  $schema: DRAFT_2020,
  type: 'object',
  properties,
  ...more,
});
const strings = { type: 'array', items: { type: 'string' } };

describe('exact', () => {
  it('is the default for strings, numbers, booleans and null, with expected and actual', () => {
    const result = auditOne({
      schema: object({ s: { type: 'string' }, n: { type: 'number' }, b: { type: 'boolean' }, z: { type: ['null', 'integer'] }, same: { type: 'string' } }),
      standard: { s: 'front', n: 2.5, b: true, z: null, same: 'x' },
      branch: { s: 'back', n: 2.5, b: false, z: 0, same: 'x' },
    });
    expectFindings(result, [
      ['changed', '/s', 'exact', 'error'],
      ['changed', '/b', 'exact', 'error'],
      ['changed', '/z', 'exact', 'error'],
    ]);
    expect(findingAt(result, '/s', 'changed')).toMatchObject({ expected: 'front', actual: 'back', line: 2, column: 3 });
    expect(findingAt(result, '/z', 'changed')).toMatchObject({ expected: null, actual: 0 });
  });

  it('compares numbers by value, not by how they are written', () => {
    const result = auditOne({ schema: object({ n: { type: 'number' } }), standard: { n: 1 }, branch: '{"n": 1.0}' });
    expect(result).toMatchObject({ score: 100, findings: [] });
  });

  it('compares objects under x-compare exact deeply, with key order free, as one value', () => {
    const schema = object({ o: { type: 'object', 'x-compare': 'exact' } });
    const standard = { o: { a: 1, b: { c: [1, 2], d: null } } };
    expect(auditOne({ schema, standard, branch: { o: { b: { d: null, c: [1, 2] }, a: 1 } } })).toMatchObject({ score: 100, findings: [] });
    const changed = auditOne({ schema, standard, branch: { o: { a: 1, b: { c: [2, 1], d: null }, e: 0 } } });
    // One finding at the object, not one per property: exact compares the whole value.
    expectFindings(changed, [['changed', '/o', 'exact', 'error']]);
    expect(changed.findings[0]).toMatchObject({ expected: standard.o, actual: { a: 1, b: { c: [2, 1], d: null }, e: 0 } });
  });

  it('compares a whole array of scalars by default: one finding at the array, order counts', () => {
    const schema = object({ languages: strings });
    expect(auditOne({ schema, standard: { languages: ['en', 'tr'] }, branch: { languages: ['en', 'tr'] } }).findings).toEqual([]);
    for (const languages of [['tr', 'en'], ['en'], ['en', 'tr', 'hi'], 'en']) {
      const result = auditOne({ schema: object({ languages: {} }), standard: { languages: ['en', 'tr'] }, branch: { languages } });
      expectFindings(result, [['changed', '/languages', 'exact', 'error']]);
      expect(result.findings[0]).toMatchObject({ expected: ['en', 'tr'], actual: languages });
    }
  });

  it('compares a whole array of objects under x-compare exact as one value', () => {
    const result = auditOne({
      schema: object({ list: { type: 'array', 'x-compare': 'exact', items: { type: 'object' } } }),
      standard: { list: [{ a: 1 }, { a: 2 }] },
      branch: { list: [{ a: 2 }, { a: 1 }] },
    });
    expectFindings(result, [['changed', '/list', 'exact', 'error']]);
  });
});

describe('atLeast and atMost', () => {
  const schema = object({
    hold: { type: 'number', 'x-compare': 'atMost' },
    window: { type: 'number', 'x-compare': 'atLeast' },
  });

  it('accepts the bound itself and the permitted side', () => {
    for (const branch of [{ hold: 60, window: 30 }, { hold: 0, window: 365 }, { hold: 59.5, window: 30.5 }]) {
      expect(auditOne({ schema, standard: { hold: 60, window: 30 }, branch })).toMatchObject({ score: 100, findings: [] });
    }
  });

  it('reports the other side as changed, with the bound as expected', () => {
    const result = auditOne({ schema, standard: { hold: 60, window: 30 }, branch: { hold: 60.5, window: 29 } });
    expectFindings(result, [
      ['changed', '/hold', 'atMost', 'error'],
      ['changed', '/window', 'atLeast', 'error'],
    ]);
    expect(findingAt(result, '/hold', 'changed')).toMatchObject({ expected: 60, actual: 60.5 });
    expect(findingAt(result, '/window', 'changed')).toMatchObject({ expected: 30, actual: 29 });
  });

  it('reports a branch value that is not a number as changed by the rule (and invalid where the schema says so)', () => {
    const untyped = object({ hold: { 'x-compare': 'atMost' }, window: { 'x-compare': 'atLeast' }, rings: { 'x-compare': 'atMost' } });
    const result = auditOne({ schema: untyped, standard: { hold: 60, window: 30, rings: 3 }, branch: { hold: '59', window: null, rings: [2] } });
    expectFindings(result, [
      ['changed', '/hold', 'atMost', 'error'],
      ['changed', '/window', 'atLeast', 'error'],
      ['changed', '/rings', 'atMost', 'error'],
    ]);
    const typed = auditOne({ schema, standard: { hold: 60, window: 30 }, branch: { hold: 'sixty', window: 30 } });
    expectFindings(typed, [
      ['invalid', '/hold', 'schema', 'error'],
      ['changed', '/hold', 'atMost', 'error'],
    ]);
    expect(typed.valid).toBe(false);
  });

  it('falls back to exact where the standard\'s value is not a number', () => {
    const mixed = object({ hold: { type: ['integer', 'string'], 'x-compare': 'atMost' } });
    expect(auditOne({ schema: mixed, standard: { hold: 'none' }, branch: { hold: 'none' } }).findings).toEqual([]);
    expectFindings(auditOne({ schema: mixed, standard: { hold: 'none' }, branch: { hold: 'some' } }), [['changed', '/hold', 'exact', 'error']]);
    // A number below the "bound" is no excuse: the standard's value is not a bound.
    expectFindings(auditOne({ schema: mixed, standard: { hold: 'none' }, branch: { hold: 1 } }), [['changed', '/hold', 'exact', 'error']]);
  });
});

describe('superset, subset and set on scalar items', () => {
  const rule = (name: string) => object({ items: { ...strings, 'x-compare': name } });
  const standard = { items: ['cash', 'card', 'credit'] };
  const branch = { items: ['voucher', 'card', 'cash'] };

  it('superset: each standard item missing is reported by value; extra items are fine', () => {
    const result = auditOne({ schema: rule('superset'), standard, branch });
    expectFindings(result, [['missing', '/items/credit', 'superset', 'error']]);
    // A missing item sits at its parent: the "items" key, line 2 column 3.
    expect(result.findings[0]).toMatchObject({ expected: 'credit', line: 2, column: 3 });
    expect(result.findings[0]).not.toHaveProperty('actual');
  });

  it('subset: each branch item the standard lacks is extra; missing items are fine', () => {
    const result = auditOne({ schema: rule('subset'), standard, branch });
    expectFindings(result, [['extra', '/items/voucher', 'subset', 'error']]);
    // An extra item sits at itself: the first item, line 3 column 5.
    expect(result.findings[0]).toMatchObject({ actual: 'voucher', line: 3, column: 5 });
  });

  it('set: both, order free', () => {
    expectFindings(auditOne({ schema: rule('set'), standard, branch }), [
      ['missing', '/items/credit', 'set', 'error'],
      ['extra', '/items/voucher', 'set', 'error'],
    ]);
    expect(auditOne({ schema: rule('set'), standard, branch: { items: ['credit', 'cash', 'card'] } }).findings).toEqual([]);
  });

  it('counts duplicates: the items form a multiset', () => {
    const std = { items: ['a', 'a', 'b'] };
    expectFindings(auditOne({ schema: rule('set'), standard: std, branch: { items: ['b', 'a', 'b'] } }), [
      ['missing', '/items/a', 'set', 'error'],
      ['extra', '/items/b', 'set', 'error'],
    ]);
    expectFindings(auditOne({ schema: rule('superset'), standard: std, branch: { items: ['a', 'b'] } }), [['missing', '/items/a', 'superset', 'error']]);
    expectFindings(auditOne({ schema: rule('subset'), standard: std, branch: { items: ['b', 'b'] } }), [['extra', '/items/b', 'subset', 'error']]);
    expect(auditOne({ schema: rule('set'), standard: std, branch: { items: ['b', 'a', 'a'] } }).findings).toEqual([]);
  });

  it('tells a number from the string of its digits', () => {
    const schema = object({ codes: { type: 'array', items: { type: ['string', 'integer'] }, 'x-compare': 'set' } });
    const result = auditOne({ schema, standard: { codes: [1, 'x'] }, branch: { codes: ['1', 'x'] } });
    expectFindings(result, [
      ['missing', '/codes/1', 'set', 'error'],
      ['extra', '/codes/1', 'set', 'error'],
    ]);
    expect(findingAt(result, '/codes/1', 'missing').expected).toBe(1);
    expect(findingAt(result, '/codes/1', 'extra').actual).toBe('1');
  });

  it('reports a branch value that is not an array as one changed finding with the rule', () => {
    for (const name of ['superset', 'subset', 'set', 'sequence']) {
      const result = auditOne({ schema: object({ items: { 'x-compare': name } }), standard, branch: { items: 'cash' } });
      expectFindings(result, [['changed', '/items', name as Tuple[2], 'error']]);
    }
  });
});

describe('superset, subset and set on object items', () => {
  const schema = (name: string) => object({ hours: { type: 'array', 'x-compare': name, items: { type: 'object' } } });
  const standard = { hours: [{ day: 'mon', open: 9 }, { day: 'sat', open: 10 }] };

  it('matches object items by value, key order free, and names them by position', () => {
    const reordered = { hours: [{ open: 10, day: 'sat' }, { open: 9, day: 'mon' }] };
    expect(auditOne({ schema: schema('set'), standard, branch: reordered }).findings).toEqual([]);
    const result = auditOne({ schema: schema('set'), standard, branch: { hours: [{ day: 'sun', open: 12 }, { open: 9, day: 'mon' }] } });
    // The missing item by its index in the standard, the extra one by its index in the branch.
    expectFindings(result, [
      ['missing', '/hours/1', 'set', 'error'],
      ['extra', '/hours/0', 'set', 'error'],
    ]);
    expect(findingAt(result, '/hours/1', 'missing').expected).toEqual({ day: 'sat', open: 10 });
    expect(findingAt(result, '/hours/0', 'extra').actual).toEqual({ day: 'sun', open: 12 });
  });

  it('does not look inside a changed object item: it is one missing and one extra', () => {
    const result = auditOne({ schema: schema('superset'), standard, branch: { hours: [{ day: 'mon', open: 9 }, { day: 'sat', open: 11 }] } });
    expectFindings(result, [['missing', '/hours/1', 'superset', 'error']]);
  });
});

describe('superset, subset and set on keyed items (x-key)', () => {
  const schema = (name: string) => object({
    rules: {
      type: 'array',
      'x-compare': name,
      'x-key': 'id',
      items: { type: 'object', properties: { id: { type: 'string' }, level: { type: 'integer', 'x-compare': 'atLeast' } } },
    },
  });
  const standard = { rules: [{ id: 'no-phone', level: 2 }, { id: 'greet', level: 1 }, { id: 'smile', level: 1 }] };
  const branch = { rules: [{ id: 'greet', level: 0 }, { id: 'local', level: 5 }, { id: 'no-phone', level: 3 }] };

  it('superset: missing items by key; extra items allowed; matched items compared property by property', () => {
    expectFindings(auditOne({ schema: schema('superset'), standard, branch }), [
      ['missing', '/rules/smile', 'superset', 'error'],
      ['changed', '/rules/greet/level', 'atLeast', 'error'],
    ]);
  });

  it('subset: extra items by key', () => {
    expectFindings(auditOne({ schema: schema('subset'), standard, branch }), [
      ['extra', '/rules/local', 'subset', 'error'],
      ['changed', '/rules/greet/level', 'atLeast', 'error'],
    ]);
  });

  it('set: both, and never reordered', () => {
    expectFindings(auditOne({ schema: schema('set'), standard, branch }), [
      ['missing', '/rules/smile', 'set', 'error'],
      ['extra', '/rules/local', 'set', 'error'],
      ['changed', '/rules/greet/level', 'atLeast', 'error'],
    ]);
  });
});

describe('sequence', () => {
  const steps = (key?: string) => object({
    steps: {
      type: 'array',
      'x-compare': 'sequence',
      ...(key ? { 'x-key': key } : {}),
      items: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } },
    },
  });
  const step = (id: string, role = 'clerk') => ({ id, role });

  it('keyed: missing, extra and reordered (items outside the one longest common subsequence)', () => {
    const result = auditOne({
      schema: steps('id'),
      standard: { steps: ['a', 'b', 'c', 'd', 'e'].map((id) => step(id)) },
      // The longest common subsequence of a b c d e and b c a x d is b c d, and only that one.
      branch: { steps: [step('b'), step('c'), step('a', 'manager'), step('x'), step('d')] },
    });
    expectFindings(result, [
      ['reordered', '/steps/a', 'sequence', 'error'],
      ['changed', '/steps/a/role', 'exact', 'error'],
      ['extra', '/steps/x', 'sequence', 'error'],
      ['missing', '/steps/e', 'sequence', 'error'],
    ]);
    // Positions from 1: first in the standard, third in the branch; the item's "{" is on line 11.
    expect(findingAt(result, '/steps/a', 'reordered')).toMatchObject({ expected: 1, actual: 3, line: 11, column: 5 });
    expect(findingAt(result, '/steps/e', 'missing')).toMatchObject({ expected: step('e'), line: 2, column: 3 });
    expect(findingAt(result, '/steps/x', 'extra')).toMatchObject({ actual: step('x'), line: 15, column: 5 });
  });

  it('is the default for a keyed array', () => {
    const schema = object({ steps: { type: 'array', 'x-key': 'id', items: { type: 'object' } } });
    const result = auditOne({ schema, standard: { steps: [step('a'), step('b')] }, branch: { steps: [step('b'), step('a')] } });
    expect(tuplesOf(result)).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ kind: 'reordered', rule: 'sequence', severity: 'error' });
  });

  it('unkeyed scalars: items matched by value, named by value', () => {
    const schema = object({ order: { ...strings, 'x-compare': 'sequence' } });
    const result = auditOne({ schema, standard: { order: ['greet', 'listen', 'solve', 'thank'] }, branch: { order: ['solve', 'greet', 'listen', 'wave'] } });
    expectFindings(result, [
      ['reordered', '/order/solve', 'sequence', 'error'],
      ['missing', '/order/thank', 'sequence', 'error'],
      ['extra', '/order/wave', 'sequence', 'error'],
    ]);
    expect(findingAt(result, '/order/solve', 'reordered')).toMatchObject({ expected: 3, actual: 1 });
  });

  it('unkeyed objects: items matched by value, named by their index in the branch', () => {
    const result = auditOne({
      schema: steps(),
      standard: { steps: [step('a'), step('b'), step('c')] },
      branch: { steps: [step('c'), step('a'), step('b')] },
    });
    expectFindings(result, [['reordered', '/steps/0', 'sequence', 'error']]);
    expect(result.findings[0]).toMatchObject({ expected: 3, actual: 1 });
  });

  it('counts repeated scalar items once each', () => {
    const schema = object({ order: { ...strings, 'x-compare': 'sequence' } });
    const result = auditOne({ schema, standard: { order: ['a', 'b', 'a'] }, branch: { order: ['a', 'a', 'b'] } });
    // Pairs: a(1→1), a(3→2), b(2→3); the longest in-order run keeps two of them.
    expect(result.findings.map((f) => f.kind)).toEqual(['reordered']);
  });
});

describe('ignore', () => {
  const schema = object({
    phone: { type: 'string', 'x-compare': 'ignore' },
    local: { type: 'object', 'x-compare': 'ignore', properties: { hours: { type: 'integer', 'x-compare': 'atMost' } } },
    systems: { ...strings, 'x-compare': 'ignore' },
    desk: { type: 'string' },
  });

  it('compares nothing at or below the node', () => {
    const result = auditOne({
      schema,
      standard: { phone: '+90 212', local: { hours: 8 }, systems: ['pos'], desk: 'front' },
      branch: { phone: '+91 40', local: { hours: 12, note: 'x' }, systems: ['erp', 'crm'], desk: 'front' },
    });
    expect(result).toMatchObject({ score: 100, findings: [] });
  });

  it('is never missing and never extra', () => {
    const missing = auditOne({ schema, standard: { phone: '1', local: {}, systems: [], desk: 'front' }, branch: { desk: 'front' } });
    expect(missing.findings).toEqual([]);
    const extra = auditOne({ schema, standard: { desk: 'front' }, branch: { phone: '1', local: {}, systems: [], desk: 'front' } });
    expect(extra.findings).toEqual([]);
  });
});

describe('x-key', () => {
  const schema = (rule?: string) => object({
    steps: {
      type: 'array',
      'x-key': 'id',
      ...(rule ? { 'x-compare': rule } : {}),
      items: {
        type: 'object',
        properties: {
          id: { type: ['string', 'integer', 'boolean', 'object'] },
          role: { type: 'string' },
          limits: { type: 'object', properties: { minutes: { type: 'integer', 'x-compare': 'atMost' } } },
        },
      },
    },
  });

  it('makes every repeat of a key extra, whatever the rule, named by the key and placed at the repeat', () => {
    for (const rule of ['superset', 'subset', 'set', 'sequence']) {
      const result = auditOne({
        schema: schema(rule),
        standard: { steps: [{ id: 'a' }, { id: 'b' }] },
        branch: { steps: [{ id: 'a' }, { id: 'a' }, { id: 'b' }, { id: 'a' }] },
      });
      expectFindings(result, [
        ['extra', '/steps/a', rule as Tuple[2], 'error'],
        ['extra', '/steps/a', rule as Tuple[2], 'error'],
      ]);
      // The second and fourth items (lines 6 and 12), not the first one that matched.
      expect(result.findings.map((f) => [f.line, f.column])).toEqual([[6, 5], [12, 5]]);
    }
  });

  it('makes an item without its key (or with a key that is not a scalar) extra, named by its index', () => {
    for (const rule of ['superset', 'sequence']) {
      const result = auditOne({
        schema: schema(rule),
        standard: { steps: [{ id: 'a' }] },
        branch: { steps: [{ id: 'a' }, { role: 'clerk' }, { id: { nested: 1 } }] },
      });
      expectFindings(result, [
        ['extra', '/steps/1', rule as Tuple[2], 'error'],
        ['extra', '/steps/2', rule as Tuple[2], 'error'],
      ]);
    }
  });

  it('compares matched items property by property, deeply, with missing and extra properties', () => {
    const result = auditOne({
      schema: schema(),
      standard: { steps: [{ id: 'greet', role: 'clerk', limits: { minutes: 2 } }] },
      branch: { steps: [{ id: 'greet', limits: { minutes: 3 }, note: 'local' }] },
    });
    expectFindings(result, [
      ['missing', '/steps/greet/role', 'exact', 'error'],
      ['extra', '/steps/greet/note', 'exact', 'info'],
      ['changed', '/steps/greet/limits/minutes', 'atMost', 'error'],
    ]);
    // The missing property sits at its item (line 3), the extra one at its key (line 8).
    expect(findingAt(result, '/steps/greet/role', 'missing')).toMatchObject({ line: 3, column: 5 });
    expect(findingAt(result, '/steps/greet/note', 'extra')).toMatchObject({ line: 8, column: 7 });
  });

  it('accepts numbers and booleans as key values and names items by them', () => {
    const result = auditOne({
      schema: schema(),
      standard: { steps: [{ id: 7, role: 'a' }, { id: true, role: 'b' }] },
      branch: { steps: [{ id: true, role: 'b' }, { id: 7, role: 'c' }] },
    });
    expectFindings(result, [
      ['reordered', '/steps/true', 'sequence', 'error'],
      ['changed', '/steps/7/role', 'exact', 'error'],
    ]);
  });
});

describe('default rules', () => {
  it('compares objects property by property, at every depth', () => {
    const schema = { $schema: DRAFT_2020 };
    const result = auditOne({
      schema,
      standard: { desk: { open: 9, staff: { min: 2, roles: ['clerk'] } }, name: 'x' },
      branch: { desk: { open: 10, staff: { min: 2, roles: ['clerk', 'guard'] } }, name: 'x' },
    });
    expectFindings(result, [
      ['changed', '/desk/open', 'exact', 'error'],
      ['changed', '/desk/staff/roles', 'exact', 'error'],
    ]);
  });

  it('compares an object with a value of another type as one changed value', () => {
    const result = auditOne({ schema: {}, standard: { desk: { open: 9 }, list: [{ a: 1 }] }, branch: { desk: 'closed', list: { a: 1 } } });
    expectFindings(result, [
      ['changed', '/desk', 'exact', 'error'],
      ['changed', '/list', 'exact', 'error'],
    ]);
  });

  it('compares arrays of objects without x-key by position: changed, missing and extra items', () => {
    const schema = object({ shifts: { type: 'array', items: { type: 'object', properties: { start: { type: 'integer', 'x-compare': 'atLeast' } } } } });
    const standard = { shifts: [{ start: 8 }, { start: 14 }] };
    const longer = auditOne({ schema, standard, branch: { shifts: [{ start: 8 }, { start: 13 }, { start: 20 }] } });
    expectFindings(longer, [
      ['changed', '/shifts/1/start', 'atLeast', 'error'],
      ['extra', '/shifts/2', 'exact', 'error'],
    ]);
    const shorter = auditOne({ schema, standard, branch: { shifts: [{ start: 9 }] } });
    expectFindings(shorter, [['missing', '/shifts/1', 'exact', 'error']]);
    expect(shorter.findings[0]).toMatchObject({ expected: { start: 14 }, line: 2, column: 3 });
  });
});

describe('x-severity', () => {
  it('applies at its node and below until a deeper node sets its own', () => {
    const schema = object({
      feedback: {
        type: 'object',
        'x-severity': 'warning',
        properties: {
          days: { type: 'integer', 'x-compare': 'atMost' },
          note: { type: 'string', 'x-severity': 'info' },
          routing: { type: 'object', properties: { team: { type: 'string' }, urgent: { type: 'boolean', 'x-severity': 'error' } } },
        },
      },
      desk: { type: 'string' },
    });
    const result = auditOne({
      schema,
      standard: { feedback: { days: 2, note: 'a', routing: { team: 'x', urgent: true } }, desk: 'front' },
      branch: { feedback: { days: 3, note: 'b', routing: { team: 'y', urgent: false } }, desk: 'side' },
    });
    expectFindings(result, [
      ['changed', '/feedback/days', 'atMost', 'warning'],
      ['changed', '/feedback/note', 'exact', 'info'],
      ['changed', '/feedback/routing/team', 'exact', 'warning'],
      ['changed', '/feedback/routing/urgent', 'exact', 'error'],
      ['changed', '/desk', 'exact', 'error'],
    ]);
  });

  it('gives an item\'s own findings (missing, extra, reordered) the item schema\'s severity', () => {
    const schema = object({
      steps: {
        type: 'array',
        'x-key': 'id',
        'x-severity': 'warning',
        items: {
          type: 'object',
          'x-severity': 'info',
          properties: { id: { type: 'string' }, role: { type: 'string' }, limit: { type: 'integer', 'x-compare': 'atMost', 'x-severity': 'error' } },
        },
      },
    });
    const result = auditOne({
      schema,
      standard: { steps: [{ id: 'a', role: 'x', limit: 1 }, { id: 'b' }, { id: 'c' }, { id: 'e' }] },
      // In order: b e (the one longest common subsequence); a comes too late.
      branch: { steps: [{ id: 'b' }, { id: 'e' }, { id: 'a', role: 'y', limit: 2 }, { id: 'd' }, { id: 'b' }, {}] },
    });
    expectFindings(result, [
      ['reordered', '/steps/a', 'sequence', 'info'],
      ['changed', '/steps/a/role', 'exact', 'info'],
      ['changed', '/steps/a/limit', 'atMost', 'error'],
      ['missing', '/steps/c', 'sequence', 'info'],
      ['extra', '/steps/d', 'sequence', 'info'],
      ['extra', '/steps/b', 'sequence', 'info'],
      ['extra', '/steps/5', 'sequence', 'info'],
    ]);
  });

  it('gives item findings the array\'s severity when the item schema sets none, also for items matched by value', () => {
    const schema = object({ channels: { ...strings, 'x-compare': 'set', 'x-severity': 'warning' } });
    expectFindings(auditOne({ schema, standard: { channels: ['email', 'phone'] }, branch: { channels: ['email', 'sms'] } }), [
      ['missing', '/channels/phone', 'set', 'warning'],
      ['extra', '/channels/sms', 'set', 'warning'],
    ]);
  });

  it('gives a missing property the severity at that property', () => {
    const schema = object({ a: { type: 'string', 'x-severity': 'info' }, b: { type: 'string', 'x-severity': 'warning', 'x-compare': 'atLeast' } });
    expectFindings(auditOne({ schema, standard: { a: 'x', b: 'y' }, branch: {} }), [
      ['missing', '/a', 'exact', 'info'],
      ['missing', '/b', 'atLeast', 'warning'],
    ]);
  });
});

describe('x-maxWords', () => {
  const limited = (limit: number) => object({ text: { type: 'string', 'x-compare': 'ignore', 'x-maxWords': limit } });

  it.each([
    ['English', 'Greet the customer, then smile.', 5],
    ['Turkish', 'Müşteriyi gülümseyerek karşılayın ve dinleyin.', 5],
    ['Hindi', 'ग्राहक की बात ध्यान से सुनें', 6],
    ['Tamil', 'வாடிக்கையாளரை புன்னகையுடன் வரவேற்கவும்', 3],
    ['Telugu', 'కస్టమర్ చెప్పిన సమస్యను మళ్లీ చెప్పండి', 5],
  ])('counts %s words with Intl.Segmenter: at the limit passes, one over is changed', (_script, text, words) => {
    expect(auditOne({ schema: limited(words), standard: { text: 'x' }, branch: { text } }).findings).toEqual([]);
    const over = auditOne({ schema: limited(words - 1), standard: { text: 'x' }, branch: { text } });
    expectFindings(over, [['changed', '/text', 'maxWords', 'error']]);
    expect(over.findings[0]).toMatchObject({ expected: words - 1, actual: text });
  });

  it('counts whatever x-compare says, next to a comparison finding of its own', () => {
    const schema = object({ free: { type: 'string', 'x-maxWords': 2 } });
    expectFindings(auditOne({ schema, standard: { free: 'a b' }, branch: { free: 'a b c' } }), [
      ['changed', '/free', 'exact', 'error'],
      ['changed', '/free', 'maxWords', 'error'],
    ]);
  });

  it('counts inside ignored subtrees, on extra and branch-only items and on extra properties', () => {
    const text = { type: 'string', 'x-maxWords': 2 };
    const schema = object({
      local: { type: 'object', 'x-compare': 'ignore', properties: { note: text, list: { type: 'array', items: text } } },
      steps: { type: 'array', 'x-key': 'id', items: { type: 'object', properties: { id: { type: 'string' }, text: { ...text, 'x-compare': 'ignore' } } } },
      extras: { type: 'array', 'x-key': 'id', 'x-compare': 'superset', 'x-severity': 'warning', items: { type: 'object', properties: { id: { type: 'string' }, text } } },
      tags: { type: 'array', 'x-compare': 'subset', items: text },
      notes: { type: 'object', additionalProperties: text },
    });
    const long = 'one two three';
    const result = auditOne({
      schema,
      standard: { local: {}, steps: [{ id: 'a', text: 'x' }], extras: [], tags: ['a b'], notes: {} },
      branch: {
        local: { note: long, list: ['fine', long] },
        steps: [{ id: 'a', text: long }, { id: 'b', text: long }, { text: long }],
        extras: [{ id: 'own', text: long }],
        tags: ['a b', long],
        notes: { parking: long },
      },
    });
    expectFindings(result, [
      ['changed', '/local/note', 'maxWords', 'error'],
      ['changed', '/local/list/one two three', 'maxWords', 'error'],
      ['changed', '/steps/a/text', 'maxWords', 'error'],
      ['extra', '/steps/b', 'sequence', 'error'],
      ['changed', '/steps/b/text', 'maxWords', 'error'],
      ['extra', '/steps/2', 'sequence', 'error'],
      ['changed', '/steps/2/text', 'maxWords', 'error'],
      ['changed', '/extras/own/text', 'maxWords', 'warning'],
      ['extra', '/tags/one two three', 'subset', 'error'],
      ['changed', '/tags/one two three', 'maxWords', 'error'],
      ['extra', '/notes/parking', 'exact', 'info'],
      ['changed', '/notes/parking', 'maxWords', 'error'],
    ]);
  });

  it('counts only strings: a number where a text belongs is for the schema to judge', () => {
    const schema = object({ text: { 'x-maxWords': 1 } });
    expectFindings(auditOne({ schema, standard: { text: 'a' }, branch: { text: 12345 } }), [['changed', '/text', 'exact', 'error']]);
  });
});

describe('missing and extra properties', () => {
  it('gives a property the schema allows but the standard lacks severity info, wherever the schema allows it', () => {
    const schema = object(
      { declared: { type: 'string' }, group: { type: 'object', 'x-severity': 'warning' } },
      { patternProperties: { '^x-': { type: 'string' } }, additionalProperties: { type: 'string' } },
    );
    const result = auditOne({ schema, standard: { group: {} }, branch: { declared: 'a', 'x-local': 'b', parking: 'c', group: { anything: 1 } } });
    expectFindings(result, [
      ['extra', '/declared', 'exact', 'info'],
      ['extra', '/x-local', 'exact', 'info'],
      ['extra', '/parking', 'exact', 'info'],
      ['extra', '/group/anything', 'exact', 'info'],
    ]);
  });

  it('keeps the node\'s severity for a property the schema forbids, which is also invalid', () => {
    const schema = object(
      { open: { type: 'object', 'x-severity': 'warning', properties: { a: {} }, additionalProperties: false } },
      { additionalProperties: false },
    );
    const result = auditOne({ schema, standard: { open: { a: 1 } }, branch: { open: { a: 1, b: 2 }, c: 3 } });
    expectFindings(result, [
      ['invalid', '', 'schema', 'error'],
      ['invalid', '/open', 'schema', 'error'],
      ['extra', '/open/b', 'exact', 'warning'],
      ['extra', '/c', 'exact', 'error'],
    ]);
  });

  it('treats a property declared false, or matching a pattern declared false, as forbidden', () => {
    const schema = object({ legacy: false, name: { type: 'string' } }, { patternProperties: { '^tmp': false } });
    const result = auditOne({ schema, standard: { name: 'x' }, branch: { name: 'x', legacy: 1, tmpNote: 'y' } });
    expectFindings(result, [
      ['invalid', '/legacy', 'schema', 'error'],
      ['extra', '/legacy', 'exact', 'error'],
      ['invalid', '/tmpNote', 'schema', 'error'],
      ['extra', '/tmpNote', 'exact', 'error'],
    ]);
  });

  it('forbids what unevaluatedProperties false closes, across allOf', () => {
    const schema = {
      $schema: DRAFT_2020,
      type: 'object',
      allOf: [{ properties: { a: { type: 'integer' } } }],
      properties: { b: { type: 'integer' } },
      unevaluatedProperties: false,
    };
    const result = auditOne({ schema, standard: {}, branch: { a: 1, b: 2, c: 3 } });
    expectFindings(result, [
      ['extra', '/a', 'exact', 'info'],
      ['extra', '/b', 'exact', 'info'],
      ['invalid', '', 'schema', 'error'],
      ['extra', '/c', 'exact', 'error'],
    ]);
  });

  it('carries the rule at the property: its x-compare, sequence for a keyed array, else exact', () => {
    const schema = object({
      hold: { type: 'integer', 'x-compare': 'atMost' },
      methods: { ...strings, 'x-compare': 'superset' },
      steps: { type: 'array', 'x-key': 'id' },
      plain: { type: 'array' },
      desk: { type: 'string' },
    });
    const standard = { hold: 60, methods: ['cash'], steps: [{ id: 'a' }], plain: [{ id: 'a' }], desk: 'front' };
    expectFindings(auditOne({ schema, standard, branch: {} }), [
      ['missing', '/hold', 'atMost', 'error'],
      ['missing', '/methods', 'superset', 'error'],
      ['missing', '/steps', 'sequence', 'error'],
      ['missing', '/plain', 'exact', 'error'],
      ['missing', '/desk', 'exact', 'error'],
    ]);
    expectFindings(auditOne({ schema, standard: {}, branch: standard }), [
      ['extra', '/hold', 'atMost', 'info'],
      ['extra', '/methods', 'superset', 'info'],
      ['extra', '/steps', 'sequence', 'info'],
      ['extra', '/plain', 'exact', 'info'],
      ['extra', '/desk', 'exact', 'info'],
    ]);
  });
});

describe('the schema walker', () => {
  it('follows $ref across files of the schema folder, subfolders and file-relative refs included', () => {
    const result = auditOne({
      schema: object({
        phone: { $ref: 'procedure.schema.json#/$defs/phone' },
        steps: { $ref: 'common/steps.schema.json' },
      }),
      schemaFiles: {
        'procedure.schema.json': {
          $schema: DRAFT_2020,
          $defs: { phone: { type: 'object', properties: { hold: { type: 'integer', 'x-compare': 'atMost' } } } },
        },
        'common/steps.schema.json': {
          $schema: DRAFT_2020,
          type: 'array',
          'x-compare': 'superset',
          items: { $ref: 'step.schema.json' },
        },
        'common/step.schema.json': {
          $schema: DRAFT_2020,
          type: 'string',
          'x-severity': 'warning',
        },
      },
      standard: { phone: { hold: 60 }, steps: ['greet', 'thank'] },
      branch: { phone: { hold: 61 }, steps: ['greet'] },
    });
    expectFindings(result, [
      ['changed', '/phone/hold', 'atMost', 'error'],
      ['missing', '/steps/thank', 'superset', 'warning'],
    ]);
  });

  it('follows $ref to $defs, and lets an annotation beside the $ref override the definition\'s', () => {
    const schema = object(
      {
        hold: { $ref: '#/$defs/seconds' },
        wait: { $ref: '#/$defs/seconds', 'x-compare': 'atLeast', 'x-severity': 'warning' },
        viaAllOf: { allOf: [{ $ref: '#/$defs/seconds' }], 'x-compare': 'exact' },
      },
      { $defs: { seconds: { type: 'integer', 'x-compare': 'atMost', 'x-severity': 'info' } } },
    );
    const result = auditOne({ schema, standard: { hold: 60, wait: 60, viaAllOf: 60 }, branch: { hold: 90, wait: 30, viaAllOf: 30 } });
    expectFindings(result, [
      ['changed', '/hold', 'atMost', 'info'],
      ['changed', '/wait', 'atLeast', 'warning'],
      ['changed', '/viaAllOf', 'exact', 'info'],
    ]);
  });

  it('follows draft-07 definitions, with the local annotation beside $ref winning as in 2020-12', () => {
    const schema = {
      $schema: DRAFT_07,
      type: 'object',
      properties: {
        hold: { $ref: '#/definitions/seconds', 'x-severity': 'warning' },
        rest: { $ref: '#/definitions/seconds' },
      },
      definitions: { seconds: { type: 'integer', 'x-compare': 'atMost', 'x-severity': 'info' } },
    };
    expectFindings(auditOne({ schema, standard: { hold: 60, rest: 5 }, branch: { hold: 90, rest: 6 } }), [
      ['changed', '/hold', 'atMost', 'warning'],
      ['changed', '/rest', 'atMost', 'info'],
    ]);
  });

  it('merges allOf: properties and annotations from every member', () => {
    const schema = object({
      desk: {
        allOf: [
          { type: 'object', properties: { hold: { type: 'integer', 'x-compare': 'atMost' } } },
          { properties: { steps: { type: 'array', 'x-key': 'id' } } },
          { 'x-severity': 'warning' },
        ],
      },
    });
    const result = auditOne({
      schema,
      standard: { desk: { hold: 60, steps: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] } },
      branch: { desk: { hold: 70, steps: [{ id: 'b' }, { id: 'c' }, { id: 'a' }] } },
    });
    expectFindings(result, [
      ['changed', '/desk/hold', 'atMost', 'warning'],
      ['reordered', '/desk/steps/a', 'sequence', 'warning'],
    ]);
  });

  describe('oneOf and anyOf', () => {
    const schema = (keyword: 'oneOf' | 'anyOf') => object({
      followUp: {
        [keyword]: [
          { type: 'integer', 'x-compare': 'atMost' },
          { type: 'object', properties: { days: { type: 'integer', 'x-compare': 'atLeast' }, by: { type: 'string', 'x-compare': 'ignore' } } },
        ],
      },
    });

    it.each(['oneOf', 'anyOf'] as const)('%s: the alternative the standard\'s value is valid against gives the rule', (keyword) => {
      expectFindings(auditOne({ schema: schema(keyword), standard: { followUp: 2 }, branch: { followUp: 3 } }), [['changed', '/followUp', 'atMost', 'error']]);
      expectFindings(auditOne({ schema: schema(keyword), standard: { followUp: { days: 5, by: 'mail' } }, branch: { followUp: { days: 4, by: 'phone' } } }), [
        ['changed', '/followUp/days', 'atLeast', 'error'],
      ]);
      // The standard chooses even when the branch's value fits the other alternative.
      expectFindings(auditOne({ schema: schema(keyword), standard: { followUp: 2 }, branch: { followUp: { days: 1 } } }), [['changed', '/followUp', 'atMost', 'error']]);
    });

    it('lets the branch\'s value choose for a value only the branch has', () => {
      const branchOnly = object({
        extras: {
          type: 'array',
          'x-compare': 'subset',
          items: { anyOf: [{ type: 'integer', 'x-severity': 'warning' }, { type: 'string', 'x-severity': 'info' }] },
        },
      });
      expectFindings(auditOne({ schema: branchOnly, standard: { extras: [] }, branch: { extras: ['free text', 4] } }), [
        ['extra', '/extras/free text', 'subset', 'info'],
        ['extra', '/extras/4', 'subset', 'warning'],
      ]);
    });
  });

  it('follows patternProperties and additionalProperties, each name to its own rule', () => {
    const schema = object(
      {},
      {
        patternProperties: { '^max': { type: 'integer', 'x-compare': 'atMost' }, '^min': { type: 'integer', 'x-compare': 'atLeast' } },
        additionalProperties: { type: 'string', 'x-compare': 'ignore' },
      },
    );
    const result = auditOne({ schema, standard: { maxHold: 60, minDays: 30, note: 'a' }, branch: { maxHold: 61, minDays: 29, note: 'b', other: 'c' } });
    expectFindings(result, [
      ['changed', '/maxHold', 'atMost', 'error'],
      ['changed', '/minDays', 'atLeast', 'error'],
    ]);
  });

  it('follows prefixItems and items (2020-12)', () => {
    const schema = object({
      row: {
        type: 'array',
        prefixItems: [{ type: 'integer', 'x-compare': 'atMost' }, { type: 'string', 'x-compare': 'ignore' }],
        items: { type: 'object', properties: { n: { type: 'integer', 'x-compare': 'atLeast' } } },
      },
    });
    const result = auditOne({ schema, standard: { row: [5, 'a', { n: 3 }, { n: 4 }] }, branch: { row: [6, 'b', { n: 2 }] } });
    expectFindings(result, [
      ['changed', '/row/0', 'atMost', 'error'],
      ['changed', '/row/2/n', 'atLeast', 'error'],
      ['missing', '/row/3', 'exact', 'error'],
    ]);
  });

  it('compares a tuple of scalars position by position when the schema rules each position', () => {
    const row = {
      type: 'array',
      prefixItems: [{ type: 'integer', 'x-compare': 'atLeast' }, { type: 'string', 'x-compare': 'ignore' }],
      items: { type: 'integer', 'x-compare': 'atMost' },
    };
    const result = auditOne({ schema: object({ row }), standard: { row: [5, 'x', 3] }, branch: { row: [6, 'y', 2, 4] } });
    expectFindings(result, [['extra', '/row/3', 'atMost', 'error']]);
    const draft07 = {
      $schema: DRAFT_07,
      type: 'object',
      properties: { row: { type: 'array', items: [{ type: 'integer', 'x-compare': 'atMost' }, { type: 'string' }] } },
    };
    expectFindings(auditOne({ schema: draft07, standard: { row: [5, 'x'] }, branch: { row: [7, 'x'] } }), [['changed', '/row/0', 'atMost', 'error']]);
  });

  it('follows $ref by file name to a file whose own $id names it otherwise, and files of an older draft', () => {
    const result = auditOne({
      schema: object({ hold: { $ref: 'parts/hold.json' }, days: { $ref: 'parts/days.json#/definitions/days' } }),
      schemaFiles: {
        'parts/hold.json': { $id: 'https://example.com/elsewhere/hold.json', type: 'integer', 'x-compare': 'atMost' },
        'parts/days.json': { $schema: 'http://json-schema.org/draft-07/schema#', definitions: { days: { type: 'integer', minimum: 0, 'x-compare': 'atLeast' } } },
      },
      standard: { hold: 60, days: 3 },
      branch: { hold: 61, days: -1 },
    });
    expectFindings(result, [
      ['changed', '/days', 'atLeast', 'error'],
      ['invalid', '/days', 'schema', 'error'],
      ['changed', '/hold', 'atMost', 'error'],
    ]);
  });

  it('follows draft-07 array-form items and additionalItems', () => {
    const schema = {
      $schema: DRAFT_07,
      type: 'object',
      properties: {
        row: {
          type: 'array',
          items: [{ type: 'integer', 'x-compare': 'atMost' }, { type: 'string', 'x-compare': 'ignore' }],
          additionalItems: { type: 'object', properties: { n: { type: 'integer', 'x-compare': 'atLeast' } } },
        },
      },
    };
    const result = auditOne({ schema, standard: { row: [5, 'a', { n: 3 }] }, branch: { row: [5, 'b', { n: 2 }, { n: 9 }] } });
    expectFindings(result, [
      ['changed', '/row/2/n', 'atLeast', 'error'],
      ['extra', '/row/3', 'exact', 'error'],
    ]);
  });

  it('follows a recursive schema (a tree of categories) to any depth', () => {
    const schema = {
      $schema: DRAFT_2020,
      type: 'object',
      properties: { root: { $ref: '#/$defs/category' } },
      $defs: {
        category: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            limit: { type: 'integer', 'x-compare': 'atMost' },
            children: { type: 'array', 'x-key': 'name', items: { $ref: '#/$defs/category' } },
          },
        },
      },
    };
    const leaf = (name: string, limit: number, children: unknown[] = []) => ({ name, limit, children });
    const result = auditOne({
      schema,
      standard: { root: leaf('all', 9, [leaf('food', 5, [leaf('fruit', 2, [leaf('apples', 1)])]), leaf('toys', 3)]) },
      branch: { root: leaf('all', 9, [leaf('toys', 3), leaf('food', 5, [leaf('fruit', 2, [leaf('apples', 4, [leaf('red', 0)])])])]) },
    });
    expectFindings(result, [
      ['reordered', '/root/children/toys', 'sequence', 'error'],
      ['changed', '/root/children/food/children/fruit/children/apples/limit', 'atMost', 'error'],
      ['extra', '/root/children/food/children/fruit/children/apples/children/red', 'sequence', 'error'],
    ]);
  });

  it('takes boolean schemas: true compares by default, false forbids', () => {
    const schema = object({ open: true, list: { type: 'array', items: true }, gone: false });
    const result = auditOne({
      schema,
      standard: { open: { a: 1 }, list: [{ b: 1 }] },
      branch: { open: { a: 2 }, list: [{ b: 2 }], gone: 1 },
    });
    expectFindings(result, [
      ['changed', '/open/a', 'exact', 'error'],
      ['changed', '/list/0/b', 'exact', 'error'],
      ['invalid', '/gone', 'schema', 'error'],
      ['extra', '/gone', 'exact', 'error'],
    ]);
  });

  it('takes a root schema that is just true: every default applies', () => {
    const result = auditOne({ schema: true, standard: { desk: 'front', steps: [{ id: 1 }] }, branch: { desk: 'side', steps: [{ id: 1 }], own: 1 } });
    expectFindings(result, [
      ['changed', '/desk', 'exact', 'error'],
      ['extra', '/own', 'exact', 'info'],
    ]);
  });

  it('takes schemas without type and unknown keywords under an x- prefix', () => {
    const schema = {
      $schema: DRAFT_2020,
      'x-owner': 'head office',
      properties: {
        hold: { 'x-compare': 'atMost', 'x-docs': { properties: { 'x-compare': 'not a rule' }, see: ['https://example.com'] } },
        desk: { 'x-ui': { widget: 'select' } },
      },
    };
    expectFindings(auditOne({ schema, standard: { hold: 60, desk: { floor: 1 } }, branch: { hold: 61, desk: { floor: 2 } } }), [
      ['changed', '/hold', 'atMost', 'error'],
      ['changed', '/desk/floor', 'exact', 'error'],
    ]);
  });
});
