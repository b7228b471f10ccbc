/**
 * A format turns the report document into text. Every format is a pure
 * function of the same document plus a context (locale, colour), registered
 * in one map: a new format does not compile until it is registered.
 */
import type { Report } from '../engine';
import type { Translator } from '../i18n';

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatContext {
  translator: Translator;
  /** Whether ANSI colours may be used (the shell decides: TTY, NO_COLOR, FORCE_COLOR). */
  color: boolean;
}

export type Formatter = (report: Report, context: FormatContext) => string;
