/**
 * Bounded concurrency for file and database work: many operations in
 * flight let the disk (or the database) overlap them, thousands at once
 * would run out of file descriptors. One mechanism, a sliding window: a new
 * operation starts as soon as one ends.
 *
 * On the first failure no new operation starts, every one already running
 * is waited for (none keeps writing behind the caller's back), and then the
 * failure is thrown; nothing is left as an unhandled rejection.
 */

/** Runs `work` for every item, at most `limit` at a time. Items may come from an async iterable (read as the window frees). */
export async function eachLimited<T>(items: Iterable<T> | AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const item of items) {
    if (failure) break;
    const task: Promise<void> = work(item)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => running.delete(task));
    running.add(task);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}

/** `work`'s results for every item, in the items' order, at most `limit` at a time. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  await eachLimited(items.keys(), limit, async (i) => {
    results[i] = await work(items[i]);
  });
  return results;
}
