/**
 * The types of sopaudit's own documents (sopaudit.json, waivers.json, the
 * report) come from their JSON Schemas in src/schemas, like a workspace's
 * branch types come from its schemas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateTypes } from './typegen';

export const INTERNAL_SCHEMA_DIR = path.join(__dirname, '..', '..', 'src', 'schemas');

const TARGETS: Array<{ schema: string; type: string; out: string }> = [
  { schema: 'config.schema.json', type: 'WorkspaceConfig', out: 'config.ts' },
  { schema: 'waivers.schema.json', type: 'Waivers', out: 'waivers.ts' },
  { schema: 'report.schema.json', type: 'Report', out: 'report.ts' },
];

export async function internalTypeSources(): Promise<Record<string, string>> {
  const files = fs.readdirSync(INTERNAL_SCHEMA_DIR).map((name) => ({
    path: name,
    schema: JSON.parse(fs.readFileSync(path.join(INTERNAL_SCHEMA_DIR, name), 'utf8')) as unknown,
  }));
  const out: Record<string, string> = {};
  for (const target of TARGETS) out[target.out] = await generateTypes({ root: target.schema, files }, target.type);
  return out;
}
