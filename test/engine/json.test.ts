/**
 * Parsing with positions: line and column (in characters, also in Telugu),
 * JSON problems as findings, and hostile files that must never crash,
 * pollute prototypes or stop other files from being audited.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse as momoaParse, type AnyNode } from '@humanwhocodes/momoa';
import { MAX_BYTES, MAX_DEPTH, describeJsonProblem, parseJsonBytes, parseJsonText } from '../../src/engine';
import { quotedDetail } from '../../src/engine/json/document';
import { auditDir } from '../helpers/audit';
import { makeWorkspace } from '../helpers/workspace';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('positions', () => {
  const text = '{\n  "steps": [\n    { "id": "repeat", "text": "కస్టమర్ చెప్పిన", "role": "clerk" }\n  ]\n}\n';
  const doc = parseJsonText(text);

  it('gives 1-based line and column of a member key and an array item', () => {
    expect(doc.locator.position(['steps'])).toEqual({ line: 2, column: 3 });
    expect(doc.locator.position(['steps', 0])).toEqual({ line: 3, column: 5 });
    expect(doc.locator.position(['steps', 0, 'id'])).toEqual({ line: 3, column: 7 });
  });

  it('counts columns in characters after a Telugu string, not in UTF-8 bytes', () => {
    // "role" comes after 15 Telugu code points; counted in UTF-8 bytes it would be 30 columns further right.
    expect(doc.locator.position(['steps', 0, 'role'])).toEqual({ line: 3, column: 50 });
  });

  it('falls back to the nearest existing ancestor for a path that does not exist', () => {
    expect(doc.locator.position(['steps', 0, 'missing'])).toEqual({ line: 3, column: 5 });
    expect(doc.locator.position(['steps', 7])).toEqual({ line: 2, column: 3 });
  });

  it('counts a character outside the BMP (two UTF-16 units) as one column', () => {
    const emoji = parseJsonText('{"a": "😀😀", "b": 1}');
    expect(emoji.locator.position(['b'])).toEqual({ line: 1, column: 13 });
  });

  it('agrees with momoa on every member and item of random documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const source = JSON.stringify(value, null, pretty ? 2 : undefined);
        if (source === undefined || /[\uD800-\uDFFF]/.test(source)) return;
        if (hasDuplicateKeys(value)) return;
        const located = parseJsonText(source);
        for (const [tokens, expected] of momoaPositions(source)) {
          expect(located.locator.position(tokens)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** Positions of every member key and array item, as momoa (the reference parser) sees them. */
function momoaPositions(source: string): Array<[Array<string | number>, { line: number; column: number }]> {
  const out: Array<[Array<string | number>, { line: number; column: number }]> = [];
  const walk = (node: AnyNode, tokens: Array<string | number>) => {
    if (node.type === 'Object') {
      for (const member of node.members) {
        const name = member.name.type === 'String' ? member.name.value : member.name.name;
        out.push([[...tokens, name], { line: member.name.loc.start.line, column: member.name.loc.start.column }]);
        walk(member.value, [...tokens, name]);
      }
    } else if (node.type === 'Array') {
      node.elements.forEach((element, i) => {
        out.push([[...tokens, i], { line: element.loc.start.line, column: element.loc.start.column }]);
        walk(element.value, [...tokens, i]);
      });
    }
  };
  walk(momoaParse(source).body, []);
  return out;
}

function hasDuplicateKeys(_value: unknown): boolean {
  return false; // JSON.stringify never writes a key twice.
}

describe('files that are not usable JSON', () => {
  it.each([
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 'syntax', 3, 3],
    ['a trailing comma', '{"a": 1,}', 'syntax', 1, 9],
    ['an unterminated document', '{"a": [1, 2', 'unexpectedEnd', 1, 12],
    ['a document cut after a key', '{ "branch": ', 'unexpectedEnd', 1, 12],
    ['an empty file', '', 'empty', 1, 1],
    ['whitespace only', '  \n\t\n', 'empty', 1, 1],
    ['a duplicate key', '{\n  "a": 1,\n  "b": 2,\n  "a": 3\n}', 'duplicateKey', 4, 3],
    ['a duplicate key inside a Telugu text object', '{"x": {"పేరు": 1, "పేరు": 2}}', 'duplicateKey', 1, 19],
    // One key written `"b" :` once hid one repeat from a count of `":` alone.
    ['a duplicate key beside a key spaced from its colon', '{"a":1,"a":2,"b" :3}', 'duplicateKey', 1, 8],
    ['a raw tab inside a string', '{\n  "a": 1,\n  "b": "x\ty"\n}', 'syntax', 3, 10],
    ['a raw newline inside a string', '{"a": "x\ny"}', 'syntax', 1, 9],
  ])('reports %s with its position', (_label, text, code, line, column) => {
    const doc = parseJsonText(text);
    expect(doc.value).toBeUndefined();
    expect(doc.problem).toMatchObject({ code, line, column });
  });

  it('shows a raw control character, and a repeated key whatever it holds, as JSON strings', () => {
    const tab = parseJsonText('{"a": "x\ty"}').problem!;
    expect([tab.detail, quotedDetail(tab), describeJsonProblem(tab)]).toEqual(['\t', '"\\t"', 'unexpected "\\t"']);
    const key = parseJsonText('{"\\"q": 1, "\\"q": 2}').problem!;
    expect([key.code, key.detail, quotedDetail(key)]).toEqual(['duplicateKey', '"q', '"\\"q"']);
  });

  it('does not mistake a value starting with a colon for a repeated key', () => {
    const doc = parseJsonText('{"a": ":x", "b": " : y", "c\\"": 1}');
    expect(doc.problem).toBeUndefined();
    expect(doc.value).toEqual({ a: ':x', b: ' : y', 'c"': 1 });
  });

  it('reports bytes that are not UTF-8 at the first bad character', () => {
    const doc = parseJsonBytes(new Uint8Array([0x7b, 0x0a, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(doc.problem).toMatchObject({ code: 'encoding', line: 2, column: 6 });
  });

  it('accepts a byte-order mark, as editors write it, and counts columns without it', () => {
    const doc = parseJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a": 1}')]));
    expect(doc.problem).toBeUndefined();
    expect(doc.locator.position(['a'])).toEqual({ line: 1, column: 2 });
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} levels (here 10 000) without recursing`, () => {
    const deep = '['.repeat(10000) + ']'.repeat(10000);
    expect(parseJsonText(deep).problem).toMatchObject({ code: 'tooDeep' });
    // At the bracket that opens one level too many, strings with brackets and escaped quotes skipped.
    const nested = '{"a\\"[": ' + '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH) + '}';
    expect(parseJsonText(nested).problem).toMatchObject({ code: 'tooDeep', line: 1, column: 9 + MAX_DEPTH });
    const brokenDeep = '['.repeat(10000);
    expect(parseJsonText(brokenDeep).problem?.code).toMatch(/tooDeep|unexpectedEnd/);
  });

  it('keeps __proto__ and constructor keys as plain data, polluting nothing', () => {
    const doc = parseJsonText('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    expect(doc.problem).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(doc.value as object)).toEqual(['__proto__', 'constructor']);
  });
});

describe('hostile branch files in a workspace', () => {
  const schema = { type: 'object', properties: { holdMaxSeconds: { type: 'integer', 'x-compare': 'atMost' } } };
  const dir = makeWorkspace({ schema, standard: { holdMaxSeconds: 60 }, branches: { 'ok.json': { holdMaxSeconds: 90 } } });
  const branches = path.join(dir, 'branches');
  fs.writeFileSync(path.join(branches, 'latin1.json'), Buffer.from([0x7b, 0x22, 0x61, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
  fs.writeFileSync(path.join(branches, 'empty.json'), '');
  fs.writeFileSync(path.join(branches, 'bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"holdMaxSeconds": 60}')]));
  fs.writeFileSync(path.join(branches, 'deep.json'), '{"a":' + '['.repeat(10000) + ']'.repeat(10000) + '}');
  fs.writeFileSync(path.join(branches, 'proto.json'), '{"__proto__": {"holdMaxSeconds": 1}, "constructor": {"prototype": {"x": 1}}, "holdMaxSeconds": 60}');
  // 50 MB: refused by size, before it is read.
  const huge = fs.openSync(path.join(branches, 'huge.json'), 'w');
  fs.writeSync(huge, '[', 50 * 1024 * 1024);
  fs.closeSync(huge);

  const report = auditDir(dir);
  const byId = Object.fromEntries(report.branches.map((b) => [b.id, b]));

  it('audits every file, the good one included', () => {
    expect(Object.keys(byId).sort()).toEqual(['bom', 'deep', 'empty', 'huge', 'latin1', 'ok', 'proto']);
    expect(byId.ok.findings.map((f) => [f.kind, f.path, f.rule])).toEqual([['changed', '/holdMaxSeconds', 'atMost']]);
  });

  it.each([
    ['latin1', 'not valid UTF-8'],
    ['empty', 'empty'],
    ['deep', 'deeper than'],
    ['huge', `limit of ${Math.round(MAX_BYTES / 1048576)} MB`],
  ])('turns %s into one invalid json finding with a clear message', (id, text) => {
    expect(byId[id].valid).toBe(false);
    expect(byId[id].findings).toHaveLength(1);
    expect(byId[id].findings[0]).toMatchObject({ kind: 'invalid', rule: 'json', severity: 'error', path: '' });
    expect(byId[id].findings[0].message).toContain(text);
  });

  it('reads a file with a byte-order mark normally', () => {
    expect(byId.bom).toMatchObject({ valid: true, score: 100, findings: [] });
  });

  it('compares __proto__ and constructor as ordinary extra properties', () => {
    expect(byId.proto.findings.map((f) => [f.kind, f.path, f.severity])).toEqual([
      ['extra', '/__proto__', 'info'],
      ['extra', '/constructor', 'info'],
    ]);
    expect(({} as Record<string, unknown>).holdMaxSeconds).toBeUndefined();
  });
});
