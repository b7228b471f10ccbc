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
}

export type Formatter = (report: Report, context: FormatContext) => string;
