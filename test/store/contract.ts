/**
 * The storage contract, as tests: every Store implementation runs these
 * (the workspace folder, MongoDB when MONGODB_URI is set, and the memory
 * store the performance test uses).
 */
import { newToken, type NewSubmission, type Store } from '../../src/store';

export interface StoreFixture {
  store: Store;
  /** Reopens the same storage (a restart). */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

const doc = (id: string, n: number) => Buffer.from(JSON.stringify({ branch: { id }, n }, null, 2) + '\n');

const submission = (id: string, n: number, extra: Partial<NewSubmission> = {}): NewSubmission => ({
  bytes: doc(id, n),
  source: 'upload',
  tokenId: 'a1b2c3d4e5f60718',
  valid: true,
  score: 90 + (n % 10),
  createdAt: new Date(Date.UTC(2026, 0, 15, 10, 0, n)).toISOString(),
  ...extra,
});

export function storeContract(name: string, open: () => Promise<StoreFixture>, enabled = true): void {
  (enabled ? describe : describe.skip)(`the ${name} store keeps the storage contract`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('numbers versions 1, 2, 3 per branch and keeps each with its metadata', async () => {
      const first = await store.submit('b-one', submission('b-one', 1));
      const second = await store.submit('b-one', submission('b-one', 2, { tokenId: null, source: 'upload' }));
      const other = await store.submit('b-two', submission('b-two', 1));
      expect([first.version, second.version, other.version]).toEqual([1, 2, 1]);
      expect(first).toEqual({
        branch: 'b-one',
        version: 1,
        createdAt: '2026-01-15T10:00:01.000Z',
        source: 'upload',
        tokenId: 'a1b2c3d4e5f60718',
        valid: true,
        score: 91,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        size: doc('b-one', 1).length,
      });
      const history = await store.history('b-one');
      expect(history.map((m) => m.version)).toEqual([1, 2]);
      expect(history[0]).toEqual(first);
      const stored = await store.submission('b-one', 2);
      expect(Buffer.from(stored!.bytes).equals(doc('b-one', 2))).toBe(true);
      expect(stored!.meta).toEqual(second);
      expect(await store.submission('b-one', 3)).toBeUndefined();
      expect(await store.history('b-none')).toEqual([]);
    });

    it('stores nothing for an upload of exactly the current version\'s bytes, and answers that version', async () => {
      const first = await store.submit('same', submission('same', 1));
      const again = await store.submit('same', submission('same', 1, { createdAt: '2026-02-02T00:00:00.000Z' }));
      expect(again).toEqual(first);
      expect((await store.history('same')).map((m) => m.version)).toEqual([1]);
      expect((await store.submit('same', submission('same', 2))).version).toBe(2);
      // Going back to the first document's bytes is a change from the current version: a new version.
      expect((await store.submit('same', submission('same', 1))).version).toBe(3);
    });

    it('serves every branch\'s current version, in id order, after a restart too', async () => {
      await store.submit('zz', submission('zz', 1));
      await store.submit('aa', submission('aa', 1));
      await store.submit('aa', submission('aa', 2));
      const read = async (s: Store) => {
        const out: Array<[string, number, string]> = [];
        for await (const branch of s.current()) out.push([branch.id, branch.version, Buffer.from(branch.bytes).toString('utf8')]);
        return out.filter(([id]) => id === 'aa' || id === 'zz');
      };
      const expected = [['aa', 2, doc('aa', 2).toString()], ['zz', 1, doc('zz', 1).toString()]];
      expect(await read(store)).toEqual(expected);
      await store.close();
      store = await fixture.reopen();
      expect(await read(store)).toEqual(expected);
      expect((await store.submit('aa', submission('aa', 3))).version).toBe(3);
    });

    it('loses no version when 100 submissions to 10 branches arrive at once', async () => {
      const ids = Array.from({ length: 10 }, (_, i) => `c-${i}`);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => store.submit(ids[i % 10], submission(ids[i % 10], Math.floor(i / 10) + 1))),
      );
      for (const id of ids) {
        const history = await store.history(id);
        expect(history.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        const shas = new Set(results.filter((r) => r.branch === id).map((r) => r.sha256));
        expect(new Set(history.map((m) => m.sha256))).toEqual(shas);
      }
    });

    it('waits for writes in progress when closing', async () => {
      const writes = Array.from({ length: 20 }, (_, i) => store.submit('closing', submission('closing', i + 1)));
      await store.close();
      const done = await Promise.allSettled(writes);
      expect(done.every((r) => r.status === 'fulfilled')).toBe(true);
      await expect(store.submit('closing', submission('closing', 99))).rejects.toThrow('closing');
      store = await fixture.reopen();
      expect((await store.history('closing')).length).toBe(20);
    });

    it('keeps tokens by id with their hash only, and revokes them', async () => {
      const branch = newToken('branch', 'b-one', new Date('2026-01-15T10:00:00Z'));
      const office = newToken('headOffice', undefined, new Date('2026-01-15T11:00:00Z'));
      await store.addToken(branch.record);
      await store.addToken(office.record);
      expect(await store.token(branch.record.id)).toEqual(branch.record);
      expect(await store.token(office.record.id)).toEqual(office.record);
      expect((await store.tokens()).map((t) => t.id)).toEqual([branch.record.id, office.record.id]);
      expect(JSON.stringify(await store.tokens())).not.toContain(branch.token.slice(22));
      expect(await store.revokeToken(branch.record.id)).toBe(true);
      expect(await store.revokeToken(branch.record.id)).toBe(false);
      expect(await store.token(branch.record.id)).toBeUndefined();
    });

    it('refuses ids that are not plain branch ids before they reach a file name or a query', async () => {
      const hostile: unknown[] = ['..', '.', '../x', 'a/b', '', 'x'.repeat(65), { $ne: 'x' }, ['a'], 7];
      for (const id of hostile) {
        await expect(store.submit(id as string, submission('x', 1))).rejects.toThrow(TypeError);
        await expect(store.history(id as string)).rejects.toThrow(TypeError);
        await expect(store.submission(id as string, 1)).rejects.toThrow(TypeError);
      }
      await expect(store.submission('ok', { $gt: 0 } as unknown as number)).rejects.toThrow(TypeError);
      await expect(store.token({ $ne: '' } as unknown as string)).rejects.toThrow(TypeError);
      await expect(store.revokeToken({ $ne: '' } as unknown as string)).rejects.toThrow(TypeError);
    });
  });
}
