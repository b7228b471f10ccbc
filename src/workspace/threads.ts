/**
 * Work split over threads: the main thread and `jobs - 1` worker threads
 * take batches of items from one queue, so a few slow items do not hold up
 * a whole share, and the main thread, which would otherwise only wait, does
 * a share itself. Each worker has two batches in flight, because the main
 * thread runs its own batches synchronously and a worker waiting for it to
 * hand out the next one would sit idle. Results come back in item order.
 *
 * Used for auditing branch files and for writing the HTML report's pages;
 * the worker module of each calls `serveBatches` with the same function the
 * main thread runs as `here`.
 */
import fs from 'node:fs';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker, parentPort } from 'node:worker_threads';
import { WorkspaceError } from './errors';

export interface ThreadWork<Item, Result> {
  /** The compiled worker module (it calls `serveBatches`). */
  workerFile: string;
  /** What every worker gets once, before any batch: plain data. */
  workerData: unknown;
  items: readonly Item[];
  /** Threads in all, this one included. */
  jobs: number;
  /** Items per batch: large enough that messaging costs little, small enough to balance. */
  batch: number;
  /** The main thread's share: the same work the workers do. */
  here(items: readonly Item[]): Result[];
  onProgress?(done: number, total: number): void;
}

type Reply<Result> = { results: Result[] } | { error: { message: string } };

export async function inThreads<Item, Result>(work: ThreadWork<Item, Result>): Promise<Result[]> {
  const { items, batch: size } = work;
  const results = new Array<Result[]>(Math.ceil(items.length / size));
  let next = 0;
  let done = 0;
  // Set when any thread fails: the others hand out no more batches (the main thread would otherwise carry on after the error is thrown).
  let stopped = false;
  const take = (): number | undefined => (!stopped && next < results.length ? next++ : undefined);
  const batch = (n: number) => items.slice(n * size, (n + 1) * size);
  const finished = (n: number, batchResults: Result[]) => {
    results[n] = batchResults;
    done += batchResults.length;
    work.onProgress?.(done, items.length);
  };

  // Without the compiled worker module (the TypeScript sources run under a test runner) this thread does it all.
  const workerCount = fs.existsSync(work.workerFile) ? Math.max(0, Math.min(work.jobs - 1, results.length - 1)) : 0;
  const workers = Array.from({ length: workerCount }, () => new Worker(work.workerFile, { workerData: work.workerData }));
  const inWorker = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const sent: number[] = [];
      const send = () => {
        const n = take();
        if (n === undefined) return;
        sent.push(n);
        worker.postMessage(batch(n));
      };
      worker.on('message', (reply: Reply<Result>) => {
        if ('error' in reply) return reject(new WorkspaceError(reply.error.message));
        finished(sent.shift()!, reply.results);
        send();
        if (sent.length === 0) resolve();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`a worker thread stopped with code ${code}`));
      });
      send();
      send();
      if (sent.length === 0) resolve();
    });
  const inMainThread = async () => {
    for (let n = take(); n !== undefined; n = take()) {
      finished(n, work.here(batch(n)));
      await yieldToEvents(); // let the workers' replies in between batches
    }
  };
  try {
    await Promise.all([inMainThread(), ...workers.map(inWorker)]);
  } catch (error) {
    stopped = true;
    throw error;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.flat();
}

/** The worker side: answers each batch the main thread sends with `handle`'s results (or the error, as plain data). */
export function serveBatches<Item, Result>(handle: (items: readonly Item[]) => Result[]): void {
  parentPort!.on('message', (items: Item[]) => {
    let reply: Reply<Result>;
    try {
      reply = { results: handle(items) };
    } catch (error) {
      reply = { error: { message: (error as Error).message } };
    }
    parentPort!.postMessage(reply);
  });
}
