/**
 * A progress bar on stderr for long audits, only when stderr is a terminal:
 * never in CI logs or piped output, and not for runs too short to need one.
 */
import { SingleBar } from 'cli-progress';
import type { CliContext } from './context';

/** Runs under this many files finish before a bar would help. */
export const PROGRESS_MIN_FILES = 200;

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(context: CliContext, label: string): Progress {
  const stream = context.progressStream;
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!stream?.isTTY || total < PROGRESS_MIN_FILES) return;
      if (!bar) {
        bar = new SingleBar({
          stream,
          format: `${label} [{bar}] {value}/{total} {percentage}% · {eta_formatted} left`,
          barsize: 30,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 200,
        });
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
