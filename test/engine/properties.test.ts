/**
 * Properties of the comparison that must hold for every schema and every
 * document, checked with fast-check on generated inputs:
 * (a) a branch equal to the standard has no finding and scores 100, whatever
 *     the schema's annotations;
 * (b) a permutation of a keyed sequence gives only `reordered` findings,
 *     exactly n − LCS of them (the LCS computed here independently);
 * (c) the report does not depend on file order (byte for byte) nor on the
 *     order of keys in a branch (the same findings, only their positions move);
 * (d) a waiver for a finding's path (and kind) waives exactly the findings it
 *     names, and nothing else;
 * (e) the in-place comparison of scalar members (the engine's fast path)
 *     finds exactly what the general walk finds.
 * These run in-process (the loader adds nothing here); the one check of the
 * CLI as a child process is at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Auditor, SchemaChecker, type Finding, type Report, type Waiver } from '../../src/engine';
import { COMPARE_RULES } from '../../src/engine/schema/keywords';
import { DRAFT_2020, auditorFor, reportOf, schemaSet } from '../helpers/findings';
import { makeWorkspace, runCli } from '../helpers/workspace';

// ---------------------------------------------------------------------------
// Generated schemas, each with a way to generate documents valid against it.

type Annotations = { compare?: string; severity?: string };
type Wrap = 'none' | 'ref' | 'allOf' | 'anyOf';
type Scalar = { t: 'string'; maxWords: boolean } | { t: 'integer' | 'number' | 'boolean' | 'null' };
type Shape = (
  | Scalar
  | { t: 'object'; props: Array<[string, Shape]>; closed: boolean }
  | { t: 'scalars'; item: Shape }
  | { t: 'keyed'; key: string; item: Shape & { t: 'object' } }
  | { t: 'objects'; item: Shape & { t: 'object' } }
) & { ann: Annotations; wrap: Wrap };

/**
 * Property names that have broken JSON tools before: prototype names, pointer
 * syntax, the empty name. Not "__proto__": Ajv drops it from `properties` on
 * purpose, so a schema cannot declare it (as data it is tested in hostile.test.ts).
 */
const NAMES = ['a', 'b', 'id', 'text', 'constructor', 'toString', 'hasOwnProperty', '~', '/', 'a~1b', '', 'x y', 'పేరు'];
const MAX_WORDS = 12;

const annotations: fc.Arbitrary<Annotations> = fc.record({
  compare: fc.constantFrom(undefined, ...COMPARE_RULES),
  severity: fc.constantFrom(undefined, 'error', 'warning', 'info'),
});
const wrap: fc.Arbitrary<Wrap> = fc.constantFrom('none', 'none', 'none', 'ref', 'allOf', 'anyOf');

const scalarShape: fc.Arbitrary<Shape> = fc.record({
  scalar: fc.constantFrom<Scalar>({ t: 'string', maxWords: false }, { t: 'string', maxWords: true }, { t: 'integer' }, { t: 'number' }, { t: 'boolean' }, { t: 'null' }),
  ann: annotations,
  wrap,
}).map(({ scalar, ann, wrap: w }) => ({ ...scalar, ann, wrap: w }));

function objectShape(depth: number): fc.Arbitrary<Shape & { t: 'object' }> {
  return fc.record({
    props: fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), shape(depth - 1)), { selector: ([name]) => name, maxLength: 4 }),
    closed: fc.boolean(),
    ann: annotations,
    wrap,
  }).map((o) => ({ t: 'object' as const, ...o }));
}

function shape(depth: number): fc.Arbitrary<Shape> {
  if (depth <= 0) return scalarShape;
  const item = objectShape(depth - 1);
  return fc.oneof(
    scalarShape,
    objectShape(depth),
    fc.record({ item: scalarShape, ann: annotations, wrap }).map((a) => ({ t: 'scalars' as const, ...a })),
    fc.record({ item, key: fc.constantFrom('id', 'name', 'constructor', 'a/b'), ann: annotations, wrap }).map((a) => ({
      t: 'keyed' as const,
      ...a,
      // The key is a string property of every item.
      item: { ...a.item, props: [[a.key, { t: 'string', maxWords: false, ann: {}, wrap: 'none' }] as [string, Shape], ...a.item.props.filter(([n]) => n !== a.key)] },
    })),
    fc.record({ item, ann: annotations, wrap }).map((a) => ({ t: 'objects' as const, ...a })),
  );
}

/** An object with these own properties (defineProperty, so "__proto__" is a plain key). */
function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of entries) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Writes a shape as JSON Schema, moving definitions to `defs` when the shape is wrapped in a $ref. */
function schemaOf(s: Shape, defs: Record<string, unknown>): Record<string, unknown> {
  const core: Record<string, unknown> = {};
  switch (s.t) {
    case 'string':
      core.type = 'string';
      if (s.maxWords) core['x-maxWords'] = MAX_WORDS;
      break;
    case 'integer':
    case 'number':
    case 'boolean':
    case 'null':
      core.type = s.t;
      break;
    case 'object':
      core.type = 'object';
      core.properties = objectOf(s.props.map(([name, child]) => [name, schemaOf(child, defs)]));
      if (s.closed) core.additionalProperties = false;
      break;
    case 'scalars':
      Object.assign(core, { type: 'array', items: schemaOf(s.item, defs) });
      break;
    case 'keyed':
      Object.assign(core, { type: 'array', 'x-key': s.key, items: schemaOf(s.item, defs) });
      break;
    case 'objects':
      Object.assign(core, { type: 'array', items: schemaOf(s.item, defs) });
      break;
  }
  const notes: Record<string, unknown> = {};
  if (s.ann.compare !== undefined) notes['x-compare'] = s.ann.compare;
  if (s.ann.severity !== undefined) notes['x-severity'] = s.ann.severity;
  switch (s.wrap) {
    case 'ref': {
      const name = `d${Object.keys(defs).length}`;
      defs[name] = { ...core, ...notes };
      return { $ref: `#/$defs/${name}` };
    }
    case 'allOf':
      return { allOf: [core], ...notes };
    case 'anyOf':
      // The standard's value is valid against the first alternative only where types differ; either way it chooses.
      return { anyOf: [{ ...core, ...notes }, { type: s.t === 'boolean' ? 'null' : 'boolean', 'x-compare': 'atMost', 'x-severity': 'info' }] };
    default:
      return { ...core, ...notes };
  }
}

function value(s: Shape): fc.Arbitrary<unknown> {
  switch (s.t) {
    case 'string':
      return fc.string({ maxLength: MAX_WORDS, unit: 'grapheme' });
    case 'integer':
      return fc.integer({ min: -1000, max: 1000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'object':
      return objectValue(s, undefined);
    case 'scalars':
      return fc.array(value(s.item), { maxLength: 5 });
    case 'keyed':
      // Key values unique and present: a standard with a repeated or missing key fails even an identical branch.
      return fc.uniqueArray(objectValue(s.item, s.key), { selector: (item) => item[s.key], maxLength: 5 });
    case 'objects':
      return fc.array(objectValue(s.item, undefined), { maxLength: 4 });
  }
}

function objectValue(s: Shape & { t: 'object' }, required: string | undefined): fc.Arbitrary<Record<string, unknown>> {
  const members = s.props.map(([name, child]) =>
    name === required ? value(child).map((v) => [name, v] as const) : fc.option(value(child).map((v) => [name, v] as const), { nil: undefined }),
  );
  return fc.tuple(...members).map((list) => objectOf(list.filter((m): m is readonly [string, unknown] => m !== undefined).map(([n, v]) => [n, v])));
}

/** A root object schema and a standard valid against it. */
const schemaAndStandard = objectShape(3).chain((root) => {
  const defs: Record<string, unknown> = {};
  const schema = { $schema: DRAFT_2020, ...schemaOf({ ...root, wrap: 'none' }, defs), $defs: defs };
  return objectValue(root, undefined).map((standard) => ({ schema, standard }));
});

/** A small seeded generator (xorshift), so a shuffle is reproduced by fast-check's seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** The list in another order (Fisher–Yates with a seeded generator). */
function permute<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The same value with the keys of every object in another order (a seeded shuffle). */
function shuffleKeys(input: unknown, seed: number): unknown {
  const random = seeded(seed);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    return objectOf(permute(Object.keys(v).map((k) => [k, walk((v as Record<string, unknown>)[k])] as [string, unknown]), random));
  };
  return walk(input);
}

describe('(a) a branch equal to the standard', () => {
  it('has no finding and scores 100, for generated schemas with random annotations', () => {
    fc.assert(
      fc.property(schemaAndStandard, fc.nat(), fc.boolean(), ({ schema, standard }, seed, pretty) => {
        const auditor = auditorFor(schema, standard);
        for (const branch of [standard, shuffleKeys(standard, seed)]) {
          const text = JSON.stringify(branch, null, pretty ? 2 : undefined);
          const result = reportOf(auditor, [['branches/b1.json', text]]).branches[0];
          expect(result.findings).toEqual([]);
          expect(result).toMatchObject({ valid: true, score: 100 });
        }
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------

/** Length of a longest common subsequence, by the textbook O(n·m) table. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i][j] = a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table[a.length][b.length];
}

describe('(b) a permutation of a sequence', () => {
  const keyed = {
    $schema: DRAFT_2020,
    type: 'object',
    properties: {
      steps: { type: 'array', 'x-key': 'id', items: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } } },
      order: { type: 'array', 'x-compare': 'sequence', items: { type: 'string' } },
    },
  };
  const permutation = fc.integer({ min: 0, max: 14 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    return fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: n, maxLength: n }));
  });

  const checker = new SchemaChecker(schemaSet(keyed));

  it('gives only reordered findings, n − LCS of them, at the items\' positions, for keyed and unkeyed items', () => {
    fc.assert(
      fc.property(permutation, ([ids, shuffled]) => {
        const standard = { steps: ids.map((id) => ({ id, role: 'clerk' })), order: ids };
        const branch = { steps: shuffled.map((id) => ({ id, role: 'clerk' })), order: shuffled };
        const auditor = new Auditor(checker, { standard: { file: 'standard.json', text: JSON.stringify(standard) } });
        const result = reportOf(auditor, [['b.json', JSON.stringify(branch, null, 2)]]).branches[0];
        const expectedCount = ids.length - lcsLength(ids, shuffled);
        for (const list of ['steps', 'order']) {
          const findings = result.findings.filter((f) => f.path.startsWith(`/${list}/`));
          expect(findings.every((f) => f.kind === 'reordered' && f.rule === 'sequence' && f.severity === 'error')).toBe(true);
          expect(findings).toHaveLength(expectedCount);
          const moved = new Set<string>();
          for (const f of findings) {
            const id = f.path.slice(list.length + 2);
            moved.add(id);
            expect([f.expected, f.actual]).toEqual([ids.indexOf(id) + 1, shuffled.indexOf(id) + 1]);
          }
          // What stays is in the standard's order: one longest common subsequence.
          const kept = shuffled.filter((id) => !moved.has(id)).map((id) => ids.indexOf(id));
          expect(kept).toEqual([...kept].sort((x, y) => x - y));
        }
        expect(result.findings).toHaveLength(2 * expectedCount);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// A fixed, rich schema and generated branches that diverge from its standard.

const fixedSchema = {
  $schema: DRAFT_2020,
  type: 'object',
  properties: {
    branch: { type: 'object', properties: { id: { type: 'string' } }, 'x-compare': 'ignore' },
    hold: { type: 'integer', 'x-compare': 'atMost' },
    window: { type: 'integer', 'x-compare': 'atLeast' },
    methods: { type: 'array', items: { type: 'string' }, 'x-compare': 'superset' },
    channels: { type: 'array', items: { type: 'string' }, 'x-compare': 'subset', 'x-severity': 'warning' },
    routes: { type: 'array', items: { type: 'string' }, 'x-compare': 'set' },
    steps: {
      type: 'array',
      'x-key': 'id',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, role: { type: 'string' }, text: { type: 'string', 'x-compare': 'ignore', 'x-maxWords': 3 } },
        additionalProperties: false,
      },
    },
    desk: { type: 'object', properties: { open: { type: 'integer' }, floor: { type: 'string' } }, additionalProperties: { type: 'string' } },
    local: { 'x-compare': 'ignore' },
  },
};
const fixedStandard = {
  hold: 60,
  window: 30,
  methods: ['cash', 'card'],
  channels: ['email', 'phone'],
  routes: ['product', 'packaging'],
  steps: [
    { id: 'greet', role: 'clerk', text: 'Greet.' },
    { id: 'listen', role: 'clerk', text: 'Listen.' },
    { id: 'solve', role: 'manager', text: 'Solve it.' },
  ],
  desk: { open: 9, floor: 'ground' },
};
const words = fc.constantFrom('cash', 'card', 'credit', 'email', 'phone', 'sms', 'product', 'packaging', 'legal', '~x', 'a/b');
const stepValue = fc.record(
  {
    id: fc.constantFrom('greet', 'listen', 'solve', 'thank', '__proto__', 'a~1b'),
    role: fc.constantFrom('clerk', 'manager'),
    text: fc.constantFrom('Greet.', 'Listen with care.', 'Listen to the customer fully.'),
    note: fc.constant('x'),
  },
  { requiredKeys: ['id'] },
);
/** A branch document for the fixed schema: sometimes conforming, sometimes not, sometimes schema-invalid. */
const divergentBranch = (id: fc.Arbitrary<string>) =>
  fc.record(
    {
      branch: id.map((value) => ({ id: value })),
      hold: fc.oneof(fc.integer({ min: 30, max: 90 }), fc.constant('sixty')),
      window: fc.integer({ min: 14, max: 45 }),
      methods: fc.array(words, { maxLength: 4 }),
      channels: fc.array(words, { maxLength: 4 }),
      routes: fc.array(words, { maxLength: 4 }),
      steps: fc.array(stepValue, { maxLength: 5 }),
      desk: fc.record({ open: fc.integer({ min: 8, max: 10 }), floor: fc.constantFrom('ground', 'first'), parking: fc.constant('rear') }, { requiredKeys: [] }),
      local: fc.anything({ maxDepth: 2 }),
    },
    { requiredKeys: ['branch'] },
  );

describe('(c) the report does not depend on order', () => {
  const auditor = auditorFor(fixedSchema, fixedStandard);

  it('is byte-identical whatever order the branch files come in', () => {
    const files = fc.uniqueArray(fc.tuple(fc.constantFrom('b1', 'b2', 'b3', 'b4', 'b5', 'b6'), divergentBranch(fc.constantFrom('tr-1', 'in-2', 'gb-3'))), {
      selector: ([name]) => name,
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(files, fc.nat(), (list, seed) => {
        const texts = list.map(([name, doc]) => [`branches/${name}.json`, JSON.stringify(doc, null, 2)] as [string, string]);
        const first = JSON.stringify(reportOf(auditor, texts));
        expect(JSON.stringify(reportOf(auditor, permute(texts, seeded(seed))))).toBe(first);
        expect(JSON.stringify(reportOf(auditor, [...texts].reverse()))).toBe(first);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same findings, scores and summary whatever order a branch writes its keys in', () => {
    /** A finding without its position (which moves with the text) and message (which quotes values as written). */
    const essence = (f: Finding) => ({ ...f, line: 0, column: 0, message: '' });
    const sorted = (report: Report) =>
      report.branches.flatMap((b) => b.findings).map(essence).sort((x, y) => (JSON.stringify(canonical(x)) < JSON.stringify(canonical(y)) ? -1 : 1));
    fc.assert(
      fc.property(divergentBranch(fc.constant('b')), fc.nat(), fc.boolean(), (doc, seed, pretty) => {
        const one = reportOf(auditor, [['b.json', JSON.stringify(doc, null, pretty ? 2 : undefined)]]);
        const two = reportOf(auditor, [['b.json', JSON.stringify(shuffleKeys(doc, seed), null, pretty ? 2 : undefined)]]);
        expect(sorted(two)).toEqual(sorted(one));
        expect(two.branches.map((b) => [b.id, b.valid, b.score])).toEqual(one.branches.map((b) => [b.id, b.valid, b.score]));
        expect(JSON.stringify(two.summary)).toBe(JSON.stringify(one.summary));
        // A message quotes only a scalar as it is: those read the same.
        const scalarMessages = (r: Report) => r.branches[0].findings.filter((f) => !isComposite(f.expected) && !isComposite(f.actual)).map((f) => f.message).sort();
        expect(scalarMessages(two)).toEqual(scalarMessages(one));
      }),
      { numRuns: 200 },
    );
  });
});

function isComposite(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/** A value with the keys of every object sorted, for an order-free comparison. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isComposite(value)) return value;
  return objectOf(Object.keys(value as object).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
}

// ---------------------------------------------------------------------------

describe('(d) a waiver for a finding', () => {
  const auditor = auditorFor(fixedSchema, fixedStandard);
  const waiver = (over: Partial<Waiver>): Waiver => ({ branch: 'b', path: '', reason: 'Test.', approvedBy: 'ops', expires: '2027-01-01', ...over });

  it('waives exactly the findings with its path (and kind, when given), and nothing else', () => {
    fc.assert(
      fc.property(divergentBranch(fc.constant('b')), fc.nat(), fc.boolean(), fc.boolean(), (doc, pick, withKind, anyBranch) => {
        const text = JSON.stringify(doc, null, 2);
        const before = reportOf(auditor, [['b.json', text]]);
        const findings = before.branches[0].findings;
        fc.pre(findings.length > 0);
        const target = findings[pick % findings.length];
        const w = waiver({ branch: anyBranch ? '*' : 'b', path: target.path, ...(withKind ? { kind: target.kind } : {}) });
        const after = reportOf(auditor, [['b.json', text]], { waivers: [w] });
        const covered = (f: Finding) => f.path === target.path && (!withKind || f.kind === target.kind);
        // The same findings, in the same order; only `waived` differs, exactly where the waiver applies.
        expect(after.branches[0].findings).toEqual(findings.map((f) => ({ ...f, waived: covered(f) })));
        expect(after.summary.waived).toBe(findings.filter(covered).length);
        expect(after.branches[0].score).toBeGreaterThanOrEqual(before.branches[0].score);
        expect(after.waivers).toEqual({ expired: [], expiring: [], unused: [] });
        if (findings.filter((f) => f.path === target.path && f.kind === target.kind).length === 1 && withKind) {
          expect(after.branches[0].findings.filter((f) => f.waived)).toEqual([{ ...target, waived: true }]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('waives nothing once expired, nor for another branch, nor below or above its path', () => {
    fc.assert(
      fc.property(divergentBranch(fc.constant('b')), fc.nat(), (doc, pick) => {
        const text = JSON.stringify(doc, null, 2);
        const findings = reportOf(auditor, [['b.json', text]]).branches[0].findings;
        fc.pre(findings.length > 0);
        const target = findings[pick % findings.length];
        const misses = [
          waiver({ path: target.path, expires: '2026-01-14' }),
          waiver({ branch: 'other', path: target.path }),
          waiver({ path: target.path + '/x' }),
          waiver({ path: target.path.slice(0, target.path.lastIndexOf('/')) + '/~' }),
        ];
        const after = reportOf(auditor, [['b.json', text]], { waivers: misses });
        expect(after.branches[0].findings.filter((f) => f.waived && f.path === target.path)).toEqual([]);
        expect(after.waivers.expired).toEqual([misses[0]]);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------

describe('(e) scalar members compared in place', () => {
  // `anyOf: [{}]` accepts everything, so it changes nothing the rules say,
  // but a member with a oneOf/anyOf choice always takes the general walk.
  const RULES = [undefined, 'exact', 'atLeast', 'atMost', 'ignore', 'set', 'superset'];
  const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', '1', ''), fc.boolean(), fc.constant(null));
  const value = fc.oneof({ weight: 6, arbitrary: scalar }, fc.constant({ x: 1 }), fc.constant([1]));
  const member = fc.record({
    rule: fc.constantFrom(...RULES),
    severity: fc.constantFrom(undefined, 'warning', 'info'),
    std: scalar,
    branch: fc.option(value, { nil: undefined }),
  });

  it('gives the same findings and score as the general walk', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 6 }), fc.constantFrom(undefined, 'warning'), (members, severity) => {
        const properties = (general: boolean) => Object.fromEntries(members.map((m, i) => [`p${i}`, {
          ...(m.rule && { 'x-compare': m.rule }),
          ...(m.severity && { 'x-severity': m.severity }),
          ...(general && { anyOf: [{}] }),
        }]));
        const standard = Object.fromEntries(members.map((m, i) => [`p${i}`, m.std]));
        const branch = Object.fromEntries(members.flatMap((m, i) => (m.branch === undefined ? [] : [[`p${i}`, m.branch]])));
        const audit = (general: boolean) => {
          const schema = { $schema: DRAFT_2020, type: 'object', ...(severity && { 'x-severity': severity }), properties: properties(general) };
          const report = reportOf(auditorFor(schema, standard), [['branches/b.json', JSON.stringify(branch)]]);
          return report.branches[0];
        };
        expect(audit(false)).toEqual(audit(true));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the CLI', () => {
  it('prints byte-identical JSON whatever order the branch files are given in', () => {
    const branches: Record<string, unknown> = {
      'tr-izmir.json': { ...fixedStandard, branch: { id: 'tr-izmir' }, hold: 90, steps: [...fixedStandard.steps].reverse() },
      'in-delhi.json': { ...fixedStandard, branch: { id: 'in-delhi' }, methods: ['card'], desk: { open: 9, floor: 'ground', parking: 'rear' } },
      'gb-camden.json': { ...fixedStandard, branch: { id: 'gb-camden' } },
      'broken.json': '{"branch": {"id": "x"}, "hold": 60,, }',
      'same-id.json': { ...fixedStandard, branch: { id: 'in-delhi' }, window: 10 },
    };
    const dir = makeWorkspace({
      schema: fixedSchema,
      standard: fixedStandard,
      branches,
      waivers: [{ branch: 'in-delhi', path: '/methods/cash', kind: 'missing', reason: 'Pilot.', approvedBy: 'ops', expires: '2026-02-01' }],
    });
    const names = Object.keys(branches).map((name) => path.join('branches', name));
    const orders = [names, [...names].reverse(), [names[2], names[0], names[4], names[1], names[3]]];
    const outputs = orders.map((files) => runCli(['check', ...files, '--format', 'json', '--today', '2026-01-15'], { cwd: dir }));
    for (const output of outputs) {
      expect(output.code).toBe(1);
      expect(output.stdout).toBe(outputs[0].stdout);
    }
    const report = JSON.parse(outputs[0].stdout) as Report;
    expect(report.branches.map((b) => [b.id, b.file])).toEqual([
      ['broken', 'branches/broken.json'],
      ['gb-camden', 'branches/gb-camden.json'],
      ['in-delhi', 'branches/in-delhi.json'],
      ['in-delhi', 'branches/same-id.json'],
      ['tr-izmir', 'branches/tr-izmir.json'],
    ]);
    expect(report.summary.waived).toBe(1);
    // And the same as auditing every file of the workspace.
    const all = runCli(['check', '--format', 'json', '--today', '2026-01-15'], { cwd: dir });
    expect(all.stdout).toBe(outputs[0].stdout);
    expect(fs.existsSync(path.join(dir, 'reports'))).toBe(false);
  });
});
