/** The output formats, one module each, all fed the same report document. */
import { github } from './github';
import { json } from './json';
import { junit } from './junit';
import { markdown } from './markdown';
import { sarif } from './sarif';
import { text } from './text';
import type { Format, Formatter } from './types';

export { FORMATS, type Format, type FormatContext, type Formatter } from './types';
export { AreaIndex, inferAreas, procedureAreas, type Area } from './areas';

export const FORMATTERS: Record<Format, Formatter> = { text, json, markdown, junit, sarif, github };
