/**
 * `sopaudit types [--out FILE] [--check]`: generates the TypeScript types of
 * a branch document from the workspace's schemas (json-schema-to-typescript).
 * With --check it writes nothing and exits 1 when the file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { relativePosix } from '../../workspace/files';
import { writeOutput } from './shared';
import { loadSchemaSet } from '../../workspace/load';
import type { CliContext } from '../context';
import { EXIT } from '../errors';
import { resolvePath, resolveWorkspace, type CommonOptions } from '../options';

export const DEFAULT_TYPES_FILE = 'types/branch.ts';
export const BRANCH_TYPE_NAME = 'BranchDocument';

export interface TypesOptions extends CommonOptions {
  out?: string;
  check?: boolean;
}

export async function types(options: TypesOptions, context: CliContext): Promise<number> {
  const config = resolveWorkspace(options, context);
  const out = options.out !== undefined ? resolvePath(context, options.out) : path.join(config.dir, DEFAULT_TYPES_FILE);
  // Loaded here, not at start-up: the generator brings prettier, which every other command would pay for.
  const { generateTypes } = await import('../../workspace/typegen');
  const source = await generateTypes(loadSchemaSet(config), BRANCH_TYPE_NAME);
  const label = relativePosix(context.cwd, out);
  if (options.check) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
    if (current === source) {
      context.stdout.write(`${label} is up to date\n`);
      return EXIT.ok;
    }
    context.stderr.write(`${label} is ${current === undefined ? 'missing' : 'stale'}; run sopaudit types\n`);
    return EXIT.findings;
  }
  writeOutput(out, source, '--out');
  context.stdout.write(`wrote ${label}\n`);
  return EXIT.ok;
}
