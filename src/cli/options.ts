/**
 * Options every command shares (--workspace, --locale, --today) and the
 * parsing of option values into typed settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { LOCALES, resolveLocale } from '../i18n';
import { loadConfig, type ResolvedConfig } from '../workspace/config';
import { localDay } from '../server/clock';
import type { CliContext } from './context';
import { UsageError } from './errors';

export interface CommonOptions {
  workspace: string;
  locale?: string;
  today?: string;
}

/** --workspace on every command; --locale where it prints messages; --today where waivers or dates matter. */
export function withCommonOptions(command: Command, { locale = true, today = false } = {}): Command {
  command.option('-w, --workspace <dir>', 'workspace folder', '.');
  if (locale) command.option('--locale <locale>', `language of messages (${LOCALES.join(', ')}; default: the workspace's)`);
  if (today) command.addOption(new Option('--today <date>', 'audit as of this date (YYYY-MM-DD), for reproducible waiver expiry').argParser(parseDate));
  return command;
}

export function parseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  if (!match || !date || date.getUTCMonth() !== +match[2] - 1 || date.getUTCDate() !== +match[3]) {
    throw new UsageError(`--today ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
  }
  return value;
}

export function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs ${JSON.stringify(value)} must be a whole number from 1 to 256`);
  return jobs;
}

/** The workspace's configuration, with --locale checked and applied. */
export function resolveWorkspace(options: CommonOptions, context: CliContext): ResolvedConfig {
  const config = loadConfig(resolvePath(context, options.workspace));
  if (options.locale !== undefined) {
    const locale = resolveLocale(options.locale);
    if (!locale) throw new UsageError(`--locale ${JSON.stringify(options.locale)} is not available; use one of ${LOCALES.join(', ')}`);
    config.locale = locale;
  }
  return config;
}

export function today(options: CommonOptions, context: CliContext): string {
  return options.today ?? localDay(context.now());
}

/**
 * Files named on the command line, absolute and each once. A quoted glob
 * (the shell did not expand it: Windows, a CI input) is expanded here; a
 * name that matches nothing is a usage error in the user's own words.
 */
export function resolveFiles(context: CliContext, files: readonly string[]): string[] {
  const resolved = new Set<string>();
  for (const file of files) {
    const absolute = resolvePath(context, file);
    if (!fs.existsSync(absolute) && isDynamicPattern(file)) {
      const matches = globSync(file, { cwd: context.cwd, absolute: true, onlyFiles: true });
      if (matches.length === 0) throw new UsageError(`${file} matches no file`);
      for (const match of matches.sort()) resolved.add(path.resolve(match));
      continue;
    }
    if (!fs.existsSync(absolute)) throw new UsageError(`${file} does not exist`);
    if (fs.statSync(absolute).isDirectory()) throw new UsageError(`${file} is a folder; name branch files`);
    resolved.add(absolute);
  }
  return [...resolved];
}

export function resolvePath(context: CliContext, file: string): string {
  return path.resolve(context.cwd, file);
}
