/**
 * A format turns the report document into text. Every format is a pure
 * function of the same document plus a context (locale, colour, areas),
 * registered in one map: a new format does not compile until it is
 * registered.
 */
import type { Report } from '../engine';
import type { Translator } from '../i18n';
import type { Area } from './areas';

export const FORMATS = ['text', 'json', 'markdown', 'junit', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatContext {
  translator: Translator;
  /** Whether ANSI colours may be used (the shell decides: TTY, NO_COLOR, FORCE_COLOR). */
  color: boolean;
  /**
   * The standard's procedure areas (`procedureAreas(standard)`), for formats
   * that group findings by area. The report document does not carry the
   * standard; without this list they infer areas from the findings' paths.
   */
  areas?: readonly Area[];
  /**
   * The workspace folder relative to where file paths are resolved by the
   * consumer (a CI runner resolves annotations and SARIF from the repository
   * root), with forward slashes; '' or absent when they are the same.
   * Formats that point tools at files prefix the report's paths with it.
   */
  root?: string;
}

/** A report file path as seen from `root` (see FormatContext). */
export function fromRoot(file: string, context: FormatContext): string {
  return context.root ? `${context.root.replace(/\/+$/, '')}/${file}` : file;
}

export type Formatter = (report: Report, context: FormatContext) => string;
