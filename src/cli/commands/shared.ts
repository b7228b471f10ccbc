/** Small pieces several commands share. */
import type { CliContext } from '../context';

/** Ajv's strict-mode remarks on the schema, once per run, on stderr. */
export function printWarnings(warnings: readonly string[], context: CliContext): void {
  for (const warning of warnings) context.stderr.write(`sopaudit: schema warning: ${warning}\n`);
}
