/**
 * Reads a workspace's inputs for the core: the schema folder as a schema
 * set, the standard's text, the branch files (by glob, or as given), and the
 * waivers. Every path that reaches a report is relative to the workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import {
  MAX_BYTES, SchemaError, describeJsonProblem, StandardError, WaiversError, parseJsonBytes, parseWaivers, tooLargeDocument,
  type JsonDocument, type SchemaSet, type Waiver,
} from '../engine';
import { requireInput, type ResolvedConfig } from './config';
import { WorkspaceError } from './errors';
import { readBounded, readJsonFile, relativePosix } from './files';

/** Every JSON file of the root schema's folder (and below), except the standard. */
export function loadSchemaSet(config: ResolvedConfig): SchemaSet {
  requireInput(config, 'schema');
  const folder = path.dirname(config.schema);
  const names = globSync('**/*.json', { cwd: folder, onlyFiles: true, dot: false }).sort();
  const root = relativePosix(folder, config.schema);
  const files: SchemaSet['files'] = [];
  for (const name of names) {
    const absolute = path.join(folder, name);
    if (absolute === config.standard) continue;
    const document = readDocument(absolute);
    const label = relativePosix(config.dir, absolute);
    if (document.problem) {
      // A broken file here is most likely a schema the root references: say so rather than leave the $ref unresolved.
      const { line, column } = document.problem;
      throw new SchemaError(`${label}:${line}:${column}: the schema is not valid JSON: ${describeJsonProblem(document.problem)}`, name);
    }
    const value = document.value;
    // Objects and booleans are schemas; any other JSON beside them (examples, data) is not.
    const isSchema = typeof value === 'boolean' || (value !== null && typeof value === 'object' && !Array.isArray(value));
    if (name !== root && !isSchema) continue;
    files.push({ path: name.split(path.sep).join('/'), schema: value });
  }
  return { root, files };
}

export function readStandard(config: ResolvedConfig, override?: string): { file: string; text: string } {
  const absolute = override ? path.resolve(override) : requireInput(config, 'standard');
  if (override && !fs.existsSync(absolute)) throw new WorkspaceError(`the standard ${override} does not exist`);
  const file = relativePosix(config.dir, absolute);
  return { file, text: readJsonFile(absolute, file, (message) => new StandardError(message)).text };
}

/**
 * The branch files to audit, sorted, as absolute paths: the given ones (a
 * file outside the globs is still accepted), or every match of the globs
 * except the schema folder's own files.
 */
export function branchFiles(config: ResolvedConfig, given?: readonly string[]): string[] {
  if (given && given.length > 0) {
    return given.map((file) => {
      const absolute = path.resolve(file);
      if (!fs.existsSync(absolute)) throw new WorkspaceError(`${file} does not exist`);
      if (fs.statSync(absolute).isDirectory()) throw new WorkspaceError(`${file} is a folder; give branch files`);
      return absolute;
    });
  }
  const schemaFolder = path.dirname(config.schema) + path.sep;
  return globSync(config.branches, { cwd: config.dir, onlyFiles: true, absolute: true })
    .map((file) => path.resolve(file))
    .filter((file) => file !== config.standard && !file.startsWith(schemaFolder))
    .sort();
}

/** A branch file as a document: unreadable, huge, non-UTF-8 or broken files become a problem, not an exception. */
export function readDocument(file: string): JsonDocument {
  let read;
  try {
    read = readBounded(file, MAX_BYTES);
  } catch (error) {
    throw new WorkspaceError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return 'tooLarge' in read ? tooLargeDocument() : parseJsonBytes(read.bytes);
}

export function loadWaivers(config: ResolvedConfig): Waiver[] {
  if (!config.waivers) return [];
  const label = relativePosix(config.dir, config.waivers);
  const document = readJsonFile(config.waivers, label, (message) => new WaiversError(message));
  try {
    return parseWaivers(document.value);
  } catch (error) {
    throw new WaiversError(`${label}: ${(error as Error).message}`);
  }
}
