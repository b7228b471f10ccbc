/** The output formats, one module each, all fed the same report document. */
import { json } from './json';
import { text } from './text';
import type { Format, Formatter } from './types';

export { FORMATS, type Format, type FormatContext, type Formatter } from './types';

export const FORMATTERS: Record<Format, Formatter> = { text, json };
