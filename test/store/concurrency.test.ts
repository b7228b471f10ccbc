/**
 * Bounded concurrency: never more than the limit in flight, results in
 * order, and a failure that stops new work, waits for the running work and
 * then surfaces (never swallowed, never an unhandled rejection).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { eachLimited, mapLimited } from '../../src/store/concurrency';

describe('eachLimited and mapLimited', () => {
  it('keep at most `limit` operations in flight and give results in the items\' order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimited([...Array(40).keys()], 5, async (n) => {
      running++;
      most = Math.max(most, running);
      await sleep((n * 7) % 5);
      running--;
      return n * n;
    });
    expect(most).toBe(5);
    expect(results).toEqual([...Array(40).keys()].map((n) => n * n));
  });

  it('take items from an async iterable as the window frees', async () => {
    async function* items() {
      for (let n = 0; n < 10; n++) {
        await sleep(1);
        yield n;
      }
    }
    const seen: number[] = [];
    await eachLimited(items(), 3, async (n) => {
      await sleep(2);
      seen.push(n);
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
  });

  it('on a failure start nothing new, let the running work finish, then throw the first failure', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const started: number[] = [];
    const finished: number[] = [];
    const run = eachLimited([...Array(50).keys()], 4, async (n) => {
      started.push(n);
      await sleep(n === 5 ? 1 : 10);
      if (n === 5 || n === 6) throw new Error(`item ${n} failed`);
      finished.push(n);
    });
    await expect(run).rejects.toThrow('item 5 failed');
    await sleep(20);
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    expect(Math.max(...started)).toBeLessThan(12); // stopped soon after the failure
    for (const n of started) if (n !== 5 && n !== 6) expect(finished).toContain(n); // none left running behind the caller
  });
});
