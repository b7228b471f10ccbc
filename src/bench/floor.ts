/**
 * The floor the audit is measured against: one Node process that reads each
 * branch file, JSON.parses it and validates it with one precompiled Ajv
 * validator (the same draft, options and schema files as the audit), and
 * nothing else. Run as a child process by the benchmark: floor.js DIR.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const workspace = process.argv[2];
const schemaDir = path.join(workspace, 'schemas');
const ajv = new Ajv2020({ allErrors: true, verbose: true, strictRequired: false, strictTypes: 'log', logger: false });
addFormats(ajv);
const schemas = fs.readdirSync(schemaDir)
  .filter((name) => name.endsWith('.schema.json'))
  .map((name) => ({ name, schema: JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8')) as unknown }));
// Every x- annotation the schemas use, as the audit declares them (strict mode refuses unknown keywords).
for (const keyword of new Set(schemas.flatMap(({ schema }) => annotations(schema)))) ajv.addKeyword(keyword);
for (const { name, schema } of schemas) ajv.addSchema(schema as object, name);
const validate = ajv.getSchema('branch.schema.json')!;
const branches = path.join(workspace, 'branches');
let valid = 0;
let broken = 0;
for (const name of fs.readdirSync(branches)) {
  const text = fs.readFileSync(path.join(branches, name), 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    broken++;
    continue;
  }
  if (validate(value)) valid++;
}
process.stdout.write(JSON.stringify({ valid, broken }) + '\n');

function annotations(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(annotations);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [...(key.startsWith('x-') ? [key] : []), ...annotations(child)]);
}
