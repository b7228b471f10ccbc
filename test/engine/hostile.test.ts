/**
 * Hostile values in branch documents, through real files: huge lists (a
 * 10 000-step sequence reversed, a 10 000-item set, an object of 10 000
 * properties), nesting at and past the 256-level limit, and names and key
 * values that are prototype names or JSON Pointer syntax. Each must give the
 * exact findings, at the right paths and positions, and pollute nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_DEPTH, type BranchResult } from '../../src/engine';
import { auditDir } from '../helpers/audit';
import { DRAFT_2020, auditOne, expectFindings, findingAt, type Tuple } from '../helpers/findings';
import { makeWorkspace } from '../helpers/workspace';

const N = 10_000;

/**
 * Line and column (in code points, from 1) of every offset of a text, found
 * the obvious way: walking its characters once. The engine's locator must agree.
 */
function positionsIn(text: string): (offset: number) => { line: number; column: number } {
  const lines = new Int32Array(text.length + 1);
  const columns = new Int32Array(text.length + 1);
  let offset = 0;
  let line = 1;
  let column = 1;
  for (const character of text) {
    lines[offset] = line;
    columns[offset] = column;
    offset += character.length;
    if (character === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  lines[offset] = line;
  columns[offset] = column;
  return (at) => ({ line: lines[at], column: columns[at] });
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  return positionsIn(text)(offset);
}

describe('a 10 000-step keyed sequence', () => {
  const schema = {
    $schema: DRAFT_2020,
    type: 'object',
    properties: {
      steps: { type: 'array', 'x-key': 'id', items: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } } },
    },
  };
  const ids = Array.from({ length: N }, (_, i) => `s${i}`);
  const standard = { steps: ids.map((id) => ({ id, role: 'clerk' })) };

  /** Checks the findings of the reversed list: every step but one reordered, each at its own item. */
  function expectReversed(result: BranchResult, text: string, itemOffsets: number[]): void {
    const positionAt = positionsIn(text);
    const actual = result.findings.map((f) => [f.kind, f.rule, f.severity, f.waived, f.path, f.expected, f.actual, f.line, f.column]);
    // The i-th step of the standard is at position n − i in the reversed branch (positions from 1);
    // any one step can stay as the common subsequence (length 1), and exactly one does.
    const moved = new Set(result.findings.map((f) => f.path));
    const kept = ids.filter((id) => !moved.has(`/steps/${id}`));
    expect(kept).toHaveLength(1);
    const expected = ids
      .map((id, i) => {
        const { line, column } = positionAt(itemOffsets[N - 1 - i]);
        return ['reordered', 'sequence', 'error', false, `/steps/${id}`, i + 1, N - i, line, column];
      })
      .filter((f) => f[4] !== `/steps/${kept[0]}`);
    const byPath = (x: unknown[], y: unknown[]) => (String(x[4]) < String(y[4]) ? -1 : 1);
    expect(actual.sort(byPath)).toEqual(expected.sort(byPath));
  }

  it('reversed, gives n − 1 reordered findings, each with its positions and its line', () => {
    const reversed = [...standard.steps].reverse();
    const text = JSON.stringify({ steps: reversed }, null, 2) + '\n';
    const offsets: number[] = [];
    for (let at = text.indexOf('    {'); at !== -1; at = text.indexOf('    {', at + 1)) offsets.push(at + 4);
    expect(offsets).toHaveLength(N);
    const result = auditOne({ schema, standard, branch: text });
    expectReversed(result, text, offsets);
  });

  it('reversed on one minified line, with emoji before each item, gives every column in characters', () => {
    // Each emoji is two UTF-16 units but one column, so columns drift from offsets along the line.
    const items = [...standard.steps].reverse().map((step) => JSON.stringify({ ...step, role: '🙂🙂' }));
    const offsets: number[] = [];
    let text = '{"steps":[';
    items.forEach((item, j) => {
      if (j > 0) text += ',';
      offsets.push(text.length);
      text += item;
    });
    text += ']}';
    const roles = { ...schema, properties: { steps: { ...schema.properties.steps, items: { type: 'object', properties: { id: { type: 'string' }, role: { 'x-compare': 'ignore' } } } } } };
    const result = auditOne({ schema: roles, standard, branch: text });
    expectReversed(result, text, offsets);
  });

  it('in order, gives nothing and scores 100', () => {
    expect(auditOne({ schema, standard, branch: standard })).toMatchObject({ score: 100, findings: [] });
  });
});

describe('a 10 000-item set', () => {
  const schema = { $schema: DRAFT_2020, type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, 'x-compare': 'set' } } };
  const tags = Array.from({ length: N }, (_, i) => `t${i}`);

  it('matches items in any order and names what differs by value', () => {
    const branch = [...tags].reverse();
    branch[0] = 'new-a';
    branch[N - 1] = 'new-b';
    const result = auditOne({ schema, standard: { tags }, branch: { tags: branch } });
    expectFindings(result, [
      ['missing', '/tags/t9999', 'set', 'error'],
      ['missing', '/tags/t0', 'set', 'error'],
      ['extra', '/tags/new-a', 'set', 'error'],
      ['extra', '/tags/new-b', 'set', 'error'],
    ]);
    expect(findingAt(result, '/tags/new-b', 'extra')).toMatchObject({ line: 3 + N - 1, column: 5 });
  });

  it('counts 10 000 copies of one value as a multiset', () => {
    const same = new Array<string>(N).fill('x');
    const result = auditOne({ schema, standard: { tags: same }, branch: { tags: [...same.slice(1), 'y'] } });
    expectFindings(result, [
      ['missing', '/tags/x', 'set', 'error'],
      ['extra', '/tags/y', 'set', 'error'],
    ]);
  });
});

describe('an object of 10 000 properties', () => {
  it('gives each extra property its own finding at its own key', () => {
    const schema = { $schema: DRAFT_2020, type: 'object', properties: { desk: { type: 'object', additionalProperties: { type: 'integer' } } } };
    const desk = Object.fromEntries(Array.from({ length: N }, (_, i) => [`k${i}`, i]));
    const text = JSON.stringify({ desk }, null, 2);
    const result = auditOne({ schema, standard: { desk: { k0: 0 } }, branch: text });
    const positionAt = positionsIn(text);
    const keyAt = new Map<string, number>();
    for (const match of text.matchAll(/"(k\d+)":/g)) keyAt.set(match[1], match.index);
    const actual = result.findings.map((f) => [f.kind, f.rule, f.severity, f.path, f.actual, f.line, f.column]).sort();
    const expected = Object.keys(desk)
      .slice(1)
      .map((name) => ['extra', 'exact', 'info', `/desk/${name}`, desk[name], positionAt(keyAt.get(name)!).line, positionAt(keyAt.get(name)!).column])
      .sort();
    expect(actual).toEqual(expected);
  });
});

describe(`nesting near the ${MAX_DEPTH}-level limit`, () => {
  // A category holds a limit and, optionally, one sub-category: the schema recurses as deep as the data.
  const schema = {
    $schema: DRAFT_2020,
    $ref: '#/$defs/level',
    $defs: { level: { type: 'object', properties: { sub: { $ref: '#/$defs/level' }, limit: { type: 'integer', 'x-compare': 'atMost' } } } },
  };
  /** Objects nested `levels` deep (the root counts as one), the innermost holding the limit. */
  const nest = (levels: number, limit: number): unknown => {
    let value: unknown = { limit };
    for (let i = 1; i < levels; i++) value = { sub: value };
    return value;
  };
  const deepPath = (levels: number) => '/sub'.repeat(levels - 1) + '/limit';

  it(`compares a document exactly ${MAX_DEPTH} levels deep, at the innermost value`, () => {
    const text = JSON.stringify(nest(MAX_DEPTH, 2), null, 2);
    const result = auditOne({ schema, standard: nest(MAX_DEPTH, 1), branch: text });
    expectFindings(result, [['changed', deepPath(MAX_DEPTH), 'atMost', 'error']]);
    expect(result.findings[0]).toMatchObject({ expected: 1, actual: 2 });
    expect({ line: result.findings[0].line, column: result.findings[0].column }).toEqual(positionOf(text, text.indexOf('"limit"')));
    expect(auditOne({ schema, standard: nest(MAX_DEPTH, 1), branch: nest(MAX_DEPTH, 1) })).toMatchObject({ score: 100, findings: [] });
  });

  it('compares arrays nested to the limit too', () => {
    const wrap = (levels: number, inner: unknown): unknown => {
      let value = inner;
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    // The root object and 255 arrays: 256 levels.
    const result = auditOne({ schema: {}, standard: { x: wrap(MAX_DEPTH - 1, 1) }, branch: { x: wrap(MAX_DEPTH - 1, 2) } });
    expectFindings(result, [['changed', '/x' + '/0'.repeat(MAX_DEPTH - 2), 'exact', 'error']]);
  });

  it('refuses a document one level deeper, or far deeper, as one invalid json finding, and audits the others', () => {
    const dir = makeWorkspace({
      schema,
      standard: nest(MAX_DEPTH, 1),
      branches: {
        'limit.json': nest(MAX_DEPTH, 1),
        'over.json': nest(MAX_DEPTH + 1, 1),
        'far.json': '{"sub":'.repeat(100_000) + '{}' + '}'.repeat(100_000),
        'arrays.json': '['.repeat(100_000) + ']'.repeat(100_000),
      },
    });
    const report = auditDir(dir);
    const byId = Object.fromEntries(report.branches.map((b) => [b.id, b]));
    expect(byId.limit).toMatchObject({ valid: true, score: 100, findings: [] });
    for (const id of ['over', 'far', 'arrays']) {
      expect(byId[id]).toMatchObject({ valid: false, score: 0 });
      expect(byId[id].findings).toEqual([expect.objectContaining({ kind: 'invalid', rule: 'json', severity: 'error', path: '' })]);
      // Placed at the bracket that opens one level too many.
      const { line, column } = byId[id].findings[0];
      const text = fs.readFileSync(path.join(dir, 'branches', `${id}.json`), 'utf8');
      expect('{['.includes(text.split('\n')[line - 1][column - 1])).toBe(true);
    }
    expect(byId.far.findings[0]).toMatchObject({ line: 1, column: 1 + '{"sub":'.length * MAX_DEPTH });
  });
});

describe('names and key values that are prototype names or pointer syntax', () => {
  /** Each hostile name with its escaped audit-path token (RFC 6901: ~ as ~0, / as ~1). */
  const NAMES: Array<[string, string]> = [
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['prototype', 'prototype'],
    ['toString', 'toString'],
    ['~', '~0'],
    ['/', '~1'],
    ['a~1b', 'a~01b'],
    ['~/~', '~0~1~0'],
    ['', ''],
  ];
  /** An object with these own keys (defineProperty, so "__proto__" is a key and not the prototype). */
  const objectOf = (entries: Array<[string, unknown]>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  };
  const schema = {
    $schema: DRAFT_2020,
    type: 'object',
    properties: {
      limits: { type: 'object', additionalProperties: { type: 'integer', 'x-compare': 'atMost' } },
      steps: { type: 'array', 'x-key': 'id', items: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } } },
      tags: { type: 'array', items: { type: 'string' }, 'x-compare': 'set' },
      local: { type: 'object' },
    },
  };
  const names = NAMES.map(([name]) => name);
  const standard = {
    limits: objectOf(names.map((n) => [n, 1])),
    steps: names.map((id) => ({ id, role: 'clerk' })),
    tags: names.slice(0, 5),
    local: {},
  };
  const branch = {
    limits: objectOf(names.map((n) => [n, 2])),
    steps: names.map((id) => ({ id, role: 'manager' })),
    tags: names.slice(4),
    local: objectOf(names.map((n) => [n, { polluted: true }])),
  };
  const text = JSON.stringify(branch, null, 2);
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  let result: BranchResult;

  beforeAll(() => {
    result = auditOne({ schema, standard, branch: text });
  });

  it('writes them into audit paths escaped as RFC 6901 says, for property names, key values and values', () => {
    const expected: Tuple[] = [];
    for (const [, token] of NAMES) {
      expected.push(['changed', `/limits/${token}`, 'atMost', 'error']);
      expected.push(['changed', `/steps/${token}/role`, 'exact', 'error']);
      expected.push(['extra', `/local/${token}`, 'exact', 'info']);
    }
    for (const [, token] of NAMES.slice(0, 4)) expected.push(['missing', `/tags/${token}`, 'set', 'error']);
    for (const [, token] of NAMES.slice(5)) expected.push(['extra', `/tags/${token}`, 'set', 'error']);
    expectFindings(result, expected);
  });

  it('places each finding at its own key in the file', () => {
    const limitsAt = text.indexOf('"limits"');
    const localAt = text.indexOf('"local"');
    for (const [name, token] of NAMES) {
      const key = JSON.stringify(name) + ':';
      expect(pick(`/limits/${token}`, 'changed')).toEqual(positionOf(text, text.indexOf(key, limitsAt)));
      expect(pick(`/local/${token}`, 'extra')).toEqual(positionOf(text, text.indexOf(key, localAt)));
    }
  });

  it('keeps them as data: nothing reaches Object.prototype', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    const plain: Record<string, unknown> = {};
    expect(plain.polluted).toBeUndefined();
    expect(plain.role).toBeUndefined();
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(typeof Object.prototype.toString).toBe('function');
    expect(findingAt(result, '/local/__proto__', 'extra').actual).toEqual({ polluted: true });
  });

  it('lets waivers name them, and a branch be called "__proto__"', () => {
    const named = { ...branch, branch: { id: '__proto__' } };
    const dir = makeWorkspace({
      schema,
      standard,
      branches: { 'b1.json': JSON.stringify(named, null, 2) },
      waivers: NAMES.map(([, token]) => ({ branch: '__proto__', path: `/limits/${token}`, kind: 'changed', reason: 'Local law.', approvedBy: 'ops', expires: '2027-01-01' })),
    });
    const report = auditDir(dir);
    expect(report.branches.map((b) => b.id)).toEqual(['__proto__']);
    const waived = report.branches[0].findings.filter((f) => f.waived).map((f) => f.path).sort();
    expect(waived).toEqual(NAMES.map(([, token]) => `/limits/${token}`).sort());
    expect(report.waivers.unused).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });

  it('validates only a document\'s own properties, never what Object.prototype seems to have', () => {
    const declared = {
      $schema: DRAFT_2020,
      type: 'object',
      properties: { constructor: { type: 'object' }, toString: { type: 'string' }, name: { type: 'string' } },
      required: ['name'],
    };
    // `{}.constructor` is a function: were it validated, every branch without the property would be invalid.
    expect(auditOne({ schema: declared, standard: { name: 'x' }, branch: { name: 'x' } })).toMatchObject({ valid: true, score: 100, findings: [] });
    const requiresToString = { ...declared, required: ['toString'] };
    const missing = auditOne({ schema: requiresToString, standard: { toString: 'x' }, branch: {} });
    expectFindings(missing, [
      ['invalid', '', 'schema', 'error'],
      ['missing', '/toString', 'exact', 'error'],
    ]);
  });

  function pick(pathName: string, kind: string): { line: number; column: number } {
    const found = result.findings.find((f) => f.path === pathName && f.kind === kind);
    expect(found).toBeDefined();
    return { line: found!.line, column: found!.column };
  }
});

describe('hostile files leave the workspace as it was', () => {
  it('writes nothing into the workspace while auditing', () => {
    const dir = makeWorkspace({
      schema: { type: 'object' },
      standard: {},
      branches: { 'a.json': '{"__proto__": {"x": 1}}', 'b.json': '[' },
    });
    const before = fs.readdirSync(dir, { recursive: true }).map(String).sort();
    auditDir(dir);
    expect(fs.readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'reports'))).toBe(false);
  });
});
