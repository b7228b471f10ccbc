/** The report document itself (spec §6), two-space indented, with a final newline. */
import type { Formatter } from './types';

export const json: Formatter = (report) => JSON.stringify(report, null, 2) + '\n';
