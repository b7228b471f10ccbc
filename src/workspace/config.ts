/**
 * Loads and checks sopaudit.json (spec §1): every key optional, an unknown
 * key, a wrong type or a missing file is one clear line naming the key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateConfig } from '../engine';
import type { WorkspaceConfig } from '../generated/config';
import { LOCALES, resolveLocale } from '../i18n';
import { WorkspaceError } from './errors';
import { readJsonFile, relativePosix } from './files';

export const CONFIG_FILE = 'sopaudit.json';

/** The workspace with every path made absolute and every default filled in. */
export interface ResolvedConfig {
  dir: string;
  schema: string;
  standard: string;
  branches: string[];
  branchId: string;
  /** Absolute path of the waivers file, or undefined when the default file does not exist. */
  waivers: string | undefined;
  reports: string;
  locale: string;
  waiverNoticeDays: number;
}

const DEFAULTS = {
  schema: 'schemas/branch.schema.json',
  standard: 'schemas/standard.json',
  branches: ['branches/**/*.json'],
  branchId: '/branch/id',
  waivers: 'waivers.json',
  reports: 'reports',
  locale: 'en',
  waiverNoticeDays: 30,
} satisfies Required<Omit<WorkspaceConfig, '$schema'>>;

export function loadConfig(workspace: string): ResolvedConfig {
  const dir = path.resolve(workspace);
  if (!isDirectory(dir)) throw new WorkspaceError(`workspace folder ${workspace} does not exist`);
  const raw = readConfigFile(path.join(dir, CONFIG_FILE));
  const config = { ...DEFAULTS, ...raw };
  const resolved: ResolvedConfig = {
    dir,
    schema: configuredFile(dir, 'schema', raw.schema, DEFAULTS.schema),
    standard: configuredFile(dir, 'standard', raw.standard, DEFAULTS.standard),
    branches: config.branches,
    branchId: config.branchId,
    waivers: waiversFile(dir, raw.waivers),
    reports: path.resolve(dir, config.reports),
    locale: config.locale,
    waiverNoticeDays: config.waiverNoticeDays,
  };
  if (resolved.schema === resolved.standard) {
    throw new WorkspaceError(`${CONFIG_FILE}: "schema" and "standard" name the same file; the standard is a document valid against the schema`);
  }
  const locale = resolveLocale(resolved.locale);
  if (!locale) {
    throw new WorkspaceError(`${CONFIG_FILE}: "locale" ${JSON.stringify(resolved.locale)} is not available; use one of ${LOCALES.join(', ')}`);
  }
  resolved.locale = locale;
  return resolved;
}

function readConfigFile(file: string): WorkspaceConfig {
  if (!fs.existsSync(file)) return {};
  const document = readJsonFile(file, CONFIG_FILE, (message) => new WorkspaceError(message), 1024 * 1024);
  const [first] = validateConfig(document.value);
  if (first) throw new WorkspaceError(`${CONFIG_FILE}: ${describeConfigError(first)}`);
  return document.value as WorkspaceConfig;
}

function describeConfigError(error: import('ajv').ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return `unknown key "${key}"; the keys are ${Object.keys(DEFAULTS).join(', ')}`;
  }
  if (error.keyword === 'type' && error.instancePath === '') return 'must be a JSON object';
  const key = error.instancePath.split('/')[1] ?? '';
  return `"${key}" ${error.message ?? 'is not valid'}${error.instancePath.split('/').length > 2 ? ` (at ${error.instancePath})` : ''}`;
}

/**
 * A file named in sopaudit.json must exist (a usage error naming the key);
 * a default one is only checked when a command needs it (`validate` needs no
 * standard), by `requireDefault`.
 */
function configuredFile(dir: string, key: string, configured: string | undefined, fallback: string): string {
  return configured !== undefined ? requireFile(dir, key, configured) : path.resolve(dir, fallback);
}

/** Checks a file a command is about to read; a missing default says how to name another. */
export function requireInput(config: ResolvedConfig, key: 'schema' | 'standard'): string {
  const file = config[key];
  if (!isFile(file)) throw new WorkspaceError(`no ${key} at ${relativePosix(config.dir, file)} (the default; name another with "${key}" in ${CONFIG_FILE})`);
  return file;
}

function requireFile(dir: string, key: string, relative: string): string {
  const file = path.resolve(dir, relative);
  if (!isFile(file)) throw new WorkspaceError(`${CONFIG_FILE}: "${key}" names ${relative}, which does not exist`);
  return file;
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** The default waivers file is optional; one named in sopaudit.json must exist. */
function waiversFile(dir: string, configured: string | undefined): string | undefined {
  if (configured !== undefined) return requireFile(dir, 'waivers', configured);
  const file = path.resolve(dir, DEFAULTS.waivers);
  return fs.existsSync(file) ? file : undefined;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
