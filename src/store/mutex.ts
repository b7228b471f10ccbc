/**
 * One queue per key: work for the same branch runs one piece at a time, in
 * arrival order, while different branches proceed in parallel. It also
 * counts what is running, so that closing can wait for every write.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();
  private running = 0;
  private waiters: Array<() => void> = [];

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    this.running++;
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
      this.running--;
      if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
    });
    return result;
  }

  /** Resolves once nothing is running or queued. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
