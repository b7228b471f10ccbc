/**
 * What a command may touch of the outside world, passed in rather than read
 * from `process`, so that commands stay testable and only bin.ts owns the
 * process.
 */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
}

export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: Output;
  stderr: Output;
  /** The clock (for today's date and waiver expiry). */
  now(): Date;
  /** The terminal stream a progress bar may draw on (stderr), when there is one. */
  progressStream?: NodeJS.WriteStream;
}

/** Colour on a terminal, never when NO_COLOR is set, always when FORCE_COLOR is (and not "0"). */
export function useColor(output: Output, env: CliContext['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return output.isTTY;
}
