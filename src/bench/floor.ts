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
for (const keyword of ['x-compare', 'x-key', 'x-severity', 'x-maxWords']) ajv.addKeyword(keyword);
for (const name of fs.readdirSync(schemaDir)) {
  if (name.endsWith('.schema.json')) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8')), name);
}
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
