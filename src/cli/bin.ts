#!/usr/bin/env node
/** The `sopaudit` executable: the only place that touches the process's exit code. */
import { main } from './main';

/**
 * A stream's writer that goes quiet once its reader has gone: a reader that
 * stops early (`sopaudit check | head`) closes the pipe, which is its choice,
 * not an error to print a stack trace for; the command still runs to its
 * exit code.
 */
function writer(stream: NodeJS.WriteStream): { write(s: string): void; isTTY: boolean } {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return { write: (s) => void (closed || stream.write(s)), isTTY: stream.isTTY === true };
}

main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: writer(process.stdout),
  stderr: writer(process.stderr),
  now: () => new Date(),
  progressStream: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sopaudit: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
