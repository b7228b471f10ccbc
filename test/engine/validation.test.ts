/**
 * Validation with the draft the root schema's $schema selects, strict mode
 * for everything but x- annotations, and schema errors that name the file.
 */
import { SchemaChecker, SchemaError, parseJsonText, type SchemaSet } from '../../src/engine';

const DRAFTS: Array<[string, string | undefined, 'definitions' | '$defs']> = [
  ['2020-12', 'https://json-schema.org/draft/2020-12/schema', '$defs'],
  ['2019-09', 'https://json-schema.org/draft/2019-09/schema', '$defs'],
  ['draft-07', 'http://json-schema.org/draft-07/schema#', 'definitions'],
  ['draft-06', 'http://json-schema.org/draft-06/schema#', 'definitions'],
  ['draft-04', 'http://json-schema.org/draft-04/schema#', 'definitions'],
  ['no $schema (2020-12)', undefined, '$defs'],
];

function set(root: Record<string, unknown>, others: Record<string, unknown> = {}): SchemaSet {
  return { root: 'branch.schema.json', files: [{ path: 'branch.schema.json', schema: root }, ...Object.entries(others).map(([path, schema]) => ({ path, schema }))] };
}

describe.each(DRAFTS)('a %s schema', (_name, uri, defs) => {
  const root: Record<string, unknown> = {
    type: 'object',
    required: ['hold'],
    properties: {
      hold: { $ref: `defs.schema.json#/${defs}/seconds`, 'x-compare': 'atMost' },
      email: { type: 'string', format: 'email' },
    },
    additionalProperties: false,
  };
  const other: Record<string, unknown> = { [defs]: { seconds: { type: 'integer', minimum: 0 } } };
  if (uri) {
    root.$schema = uri;
    other.$schema = uri;
  }
  const checker = new SchemaChecker(set(root, { 'defs.schema.json': other }));
  const check = (text: string) => checker.validate('b.json', parseJsonText(text));

  it('accepts a valid document', () => {
    expect(check('{"hold": 30, "email": "desk@example.com"}')).toMatchObject({ valid: true, findings: [] });
  });

  it('reports every error with its instance path, constraint and position, across files', () => {
    const audit = check('{\n  "hold": -5,\n  "email": "not-an-email",\n  "extra": true\n}');
    expect(audit.valid).toBe(false);
    const summary = audit.findings.map((f) => [f.path, f.kind, f.rule, f.expected, f.line, f.column]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['/hold', 'invalid', 'schema', { minimum: 0 }, 2, 3],
        ['/email', 'invalid', 'schema', { format: 'email' }, 3, 3],
        ['', 'invalid', 'schema', { additionalProperties: false }, 4, 3],
      ]),
    );
    expect(audit.findings).toHaveLength(3);
  });

  it('reports a missing required property at its parent', () => {
    const audit = check('{}');
    expect(audit.findings.map((f) => [f.path, f.messageId, f.params?.property])).toEqual([['', 'finding.invalid.schema.required', 'hold']]);
  });
});

describe('draft-04 exclusive bounds (minimum with exclusiveMinimum: true)', () => {
  it('says the value must be above the bound, not at least it, and shows both keywords as expected', () => {
    const checker = new SchemaChecker(set({
      $schema: 'http://json-schema.org/draft-04/schema#',
      properties: { days: { type: 'integer', minimum: 0, exclusiveMinimum: true }, hold: { type: 'integer', maximum: 60, exclusiveMaximum: true } },
    }));
    const audit = checker.validate('b.json', parseJsonText('{"days": 0, "hold": 60}'));
    expect(audit.findings.map((f) => [f.path, f.messageId, f.expected])).toEqual([
      ['/days', 'finding.invalid.schema.exclusiveMinimum', { minimum: 0, exclusiveMinimum: true }],
      ['/hold', 'finding.invalid.schema.exclusiveMaximum', { maximum: 60, exclusiveMaximum: true }],
    ]);
  });
});

describe('schema problems', () => {
  it('refuses an unknown $schema, naming the file', () => {
    expect(() => new SchemaChecker(set({ $schema: 'http://example.com/my-draft' }))).toThrow(SchemaError);
    expect(() => new SchemaChecker(set({ $schema: 'http://example.com/my-draft' }))).toThrow(/unsupported "\$schema"/);
  });

  it('keeps strict mode on for unknown keywords that are not x- annotations', () => {
    expect(() => new SchemaChecker(set({ type: 'object', minLenght: 3 }))).toThrow(/unknown keyword: "minLenght"/);
  });

  it('accepts any x- vendor annotation but checks the values of sopaudit\'s own', () => {
    expect(() => new SchemaChecker(set({ type: 'object', 'x-docs-url': 'https://example.com' }))).not.toThrow();
    expect(() => new SchemaChecker(set({ properties: { a: { 'x-compare': 'atleast' } } }))).toThrow(/x-compare at \/properties\/a must be one of exact, atLeast/);
    expect(() => new SchemaChecker(set({ properties: { a: { 'x-severity': 'fatal' } } }))).toThrow(/x-severity/);
    expect(() => new SchemaChecker(set({ properties: { a: { 'x-maxWords': 0 } } }))).toThrow(/x-maxWords/);
    expect(() => new SchemaChecker(set({ properties: { a: { 'x-key': '' } } }))).toThrow(/x-key/);
    expect(() => new SchemaChecker(set({ properties: { a: { 'x-title': 'Returns' } } }))).toThrow(/x-title at \/properties\/a must map language codes to names/);
    expect(() => new SchemaChecker(set({ properties: { a: { 'x-title': { en: 'Returns', tr: 'İadeler' } } } }))).not.toThrow();
  });

  it('refuses a schema that refers to itself without end, when compiled or when it validates', () => {
    expect(() => new SchemaChecker(set({ type: 'object', properties: { a: { $ref: '#/properties/a' } } }))).toThrow(/refers to itself without end/);
    const circle = new SchemaChecker(set({
      $defs: { a: { $ref: '#/$defs/b' }, b: { allOf: [{ $ref: '#/$defs/a' }] } },
      type: 'object',
      properties: { x: { $ref: '#/$defs/a' } },
    }));
    expect(() => circle.validate('b.json', parseJsonText('{"x": 1}'))).toThrow(SchemaError);
    expect(() => circle.validate('b.json', parseJsonText('{"x": 1}'))).toThrow(/refers to itself without end/);
  });

  it('names files by their path in Ajv\'s strict-mode remarks, never by a made-up address', () => {
    const { warnings } = new SchemaChecker(set({ properties: { a: { type: 'string' } } }));
    expect(warnings.join('\n')).toMatch(/missing type "object".*branch\.schema\.json/);
    expect(warnings.join('\n')).not.toContain('sopaudit.invalid');
  });

  it('refuses a $ref that points nowhere', () => {
    expect(() => new SchemaChecker(set({ properties: { a: { $ref: 'missing.schema.json#/x' } } }))).toThrow(SchemaError);
  });

  it('keeps only the summary when no oneOf alternative fits', () => {
    const checker = new SchemaChecker(set({ properties: { f: { oneOf: [{ type: 'integer' }, { type: 'object', required: ['days'] }] } } }));
    const audit = checker.validate('b.json', parseJsonText('{"f": "soon"}'));
    expect(audit.findings.map((f) => [f.path, f.messageId])).toEqual([['/f', 'finding.invalid.schema.oneOf']]);
  });
});

describe('a standard that breaks its own comparison rules', () => {
  const { Auditor } = jest.requireActual('../../src/engine') as typeof import('../../src/engine');
  const schema = set({
    type: 'object',
    properties: {
      steps: { type: 'array', 'x-key': 'id', items: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'string', 'x-compare': 'ignore', 'x-maxWords': 3 } } } },
    },
  });
  const audit = (standard: unknown) => () => new Auditor(new SchemaChecker(schema), { standard: { file: 'standard.json', text: JSON.stringify(standard, null, 2) } });

  it('is refused when one of its texts is over x-maxWords, naming the place', () => {
    expect(audit({ steps: [{ id: 'a', text: 'one two three four' }] })).toThrow(
      'standard.json:5:7: the standard breaks its own rule at "/steps/a/text": it has 4 words, more than x-maxWords 3',
    );
  });

  it('is refused when a keyed list repeats a key', () => {
    expect(audit({ steps: [{ id: 'a' }, { id: 'a' }] })).toThrow(/breaks its own rule at "\/steps\/a": the list's x-key "id" repeats this value/);
  });

  it('is accepted when it keeps its rules', () => {
    expect(audit({ steps: [{ id: 'a', text: 'one two three' }] })).not.toThrow();
  });
});
