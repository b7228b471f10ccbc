/**
 * How a command ends other than normally: an ExitError carries the exit code
 * and one line for the user. main.ts turns these (and the core's and the
 * workspace's typed errors) into exit codes; nothing else exits.
 */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bad flags, arguments or configuration: exit 2. */
export class UsageError extends ExitError {
  constructor(message: string) {
    super(2, message);
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70 } as const;
