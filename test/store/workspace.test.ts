/**
 * What only the workspace store does: where files go, how an interrupted
 * write is finished or dropped at the next start, how files changed while
 * the server was stopped are noticed, and which workspaces it refuses.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StoreConfigError, WorkspaceStore, newToken, uploadsFolder, type CurrentBranch, type NewSubmission } from '../../src/store';
import { loadConfig } from '../../src/workspace/config';
import { copyBundledWorkspace, writeJson } from '../helpers/workspace';

const submission = (text: string, source: NewSubmission['source'] = 'upload'): NewSubmission => ({
  bytes: Buffer.from(text),
  source,
  tokenId: source === 'upload' ? '0123456789abcdef' : null,
  valid: true,
  score: 100,
  createdAt: '2026-01-15T10:00:00.000Z',
});

async function currentOf(store: WorkspaceStore): Promise<Map<string, CurrentBranch>> {
  const out = new Map<string, CurrentBranch>();
  for await (const branch of store.current()) out.set(branch.id, branch);
  return out;
}

const camden = (dir: string) => path.join(dir, 'branches', 'gb-london-camden.json');
const history = (dir: string, id: string, name = '') => path.join(dir, '.sopaudit', 'history', id, name);

describe('the workspace store', () => {
  it('writes a new branch to branches/<id>.json and an existing one to its own file, keeping every version', async () => {
    const dir = copyBundledWorkspace();
    fs.renameSync(camden(dir), path.join(dir, 'branches', 'camden-high-street.json'));
    const store = await WorkspaceStore.open(loadConfig(dir));
    expect(store.fileOf('gb-london-camden')).toBe('branches/camden-high-street.json');
    expect(store.fileOf('new-branch')).toBe('branches/new-branch.json');
    await store.submit('gb-london-camden', submission('{"branch":{"id":"gb-london-camden"}}'));
    await store.submit('new-branch', submission('{"branch":{"id":"new-branch"}}'));
    expect(fs.readFileSync(path.join(dir, 'branches', 'camden-high-street.json'), 'utf8')).toBe('{"branch":{"id":"gb-london-camden"}}');
    expect(fs.readFileSync(path.join(dir, 'branches', 'new-branch.json'), 'utf8')).toBe('{"branch":{"id":"new-branch"}}');
    expect(fs.readdirSync(history(dir, 'new-branch')).sort()).toEqual(['1.json', '1.meta.json']);
    expect(JSON.parse(fs.readFileSync(history(dir, 'new-branch', '1.meta.json'), 'utf8'))).toMatchObject({ branch: 'new-branch', version: 1, tokenId: '0123456789abcdef', source: 'upload' });
    await store.close();
  });

  it('records a workspace-source version in the history only, leaving the branch file alone', async () => {
    const dir = copyBundledWorkspace();
    const store = await WorkspaceStore.open(loadConfig(dir));
    const before = fs.statSync(camden(dir)).mtimeMs;
    const branches = await currentOf(store);
    expect(branches.get('gb-london-camden')!.version).toBe(0);
    await store.submit('gb-london-camden', submission(fs.readFileSync(camden(dir), 'utf8'), 'workspace'));
    expect(fs.statSync(camden(dir)).mtimeMs).toBe(before);
    await store.close();
    const reopened = await WorkspaceStore.open(loadConfig(dir));
    expect((await currentOf(reopened)).get('gb-london-camden')!.version).toBe(1);
    await reopened.close();
  });

  it('serves a workspace from one store at a time, and takes over the lock of a process that is gone', async () => {
    const dir = copyBundledWorkspace();
    const first = await WorkspaceStore.open(loadConfig(dir));
    // A second server would number versions from what it read at start and overwrite the first one's uploads.
    await expect(WorkspaceStore.open(loadConfig(dir))).rejects.toThrow(/another sopaudit server \(process \d+\) is serving this workspace/);
    await expect(WorkspaceStore.open(loadConfig(dir), { tokensOnly: true })).resolves.toBeDefined(); // `sopaudit token` beside a server
    await first.close();
    const second = await WorkspaceStore.open(loadConfig(dir));
    await second.close();
    // A server killed without closing leaves its lock; a process id that no longer runs holds nothing.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(dir, '.sopaudit', 'server.lock'), JSON.stringify({ pid: Number(gone) }));
    const third = await WorkspaceStore.open(loadConfig(dir));
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.sopaudit', 'server.lock'), 'utf8'))).toEqual({ pid: process.pid });
    await third.close();
    expect(fs.existsSync(path.join(dir, '.sopaudit', 'server.lock'))).toBe(false);
  });

  it('takes over a lock naming its own process id that it does not hold (a container restarts its server under the same pid)', async () => {
    const dir = copyBundledWorkspace();
    fs.mkdirSync(path.join(dir, '.sopaudit'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.sopaudit', 'server.lock'), JSON.stringify({ pid: process.pid }));
    const store = await WorkspaceStore.open(loadConfig(dir));
    // Held now: a second store in this process is still refused, and the lock was linked into place whole, leaving no temporary file.
    await expect(WorkspaceStore.open(loadConfig(dir))).rejects.toThrow(/another sopaudit server/);
    expect(fs.readdirSync(path.join(dir, '.sopaudit')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await store.close();
  });

  it('notices a branch file changed while it was stopped', async () => {
    const dir = copyBundledWorkspace();
    const store = await WorkspaceStore.open(loadConfig(dir));
    await store.submit('gb-london-camden', submission('{"v":1}'));
    await store.close();
    fs.writeFileSync(camden(dir), '{"v":"edited by hand"}');
    const reopened = await WorkspaceStore.open(loadConfig(dir));
    const branch = (await currentOf(reopened)).get('gb-london-camden')!;
    expect(branch.version).toBe(0);
    expect(Buffer.from(branch.bytes).toString()).toBe('{"v":"edited by hand"}');
  });

  it('rolls forward a version committed before the process died, and drops one not committed', async () => {
    const dir = copyBundledWorkspace();
    const store = await WorkspaceStore.open(loadConfig(dir));
    await store.submit('gb-london-camden', submission('{"v":1}'));
    await store.submit('gb-london-camden', submission('{"v":2}'));
    await store.submit('in-delhi-connaught', submission('{"v":1}'));
    await store.close();
    // Killed after committing version 2 of Camden, before its branch file was written:
    fs.writeFileSync(camden(dir), '{"v":1}');
    fs.writeFileSync(history(dir, 'gb-london-camden', 'pending.json'), '{"version":2}');
    // Killed while writing version 2 of Delhi, before its commit; and a temporary file left over:
    fs.writeFileSync(history(dir, 'in-delhi-connaught', 'pending.json'), '{"version":2}');
    fs.writeFileSync(history(dir, 'in-delhi-connaught', '2.json'), '{"v":2}');
    fs.writeFileSync(path.join(dir, 'branches', '.in-delhi-connaught.json.123.abcdefabcdef.tmp'), '{"v":');

    const reopened = await WorkspaceStore.open(loadConfig(dir));
    expect(fs.readFileSync(camden(dir), 'utf8')).toBe('{"v":2}');
    expect(fs.existsSync(history(dir, 'gb-london-camden', 'pending.json'))).toBe(false);
    const branches = await currentOf(reopened);
    expect(branches.get('gb-london-camden')!.version).toBe(2);
    expect(branches.get('in-delhi-connaught')!.version).toBe(1);
    expect(fs.readdirSync(history(dir, 'in-delhi-connaught')).sort()).toEqual(['1.json', '1.meta.json']);
    expect(fs.readdirSync(path.join(dir, 'branches')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await reopened.submit('in-delhi-connaught', submission('{"v":"2b"}'))).version).toBe(2);
  });

  it('creates the file of a new branch whose first upload was committed but not yet written', async () => {
    const dir = copyBundledWorkspace();
    const store = await WorkspaceStore.open(loadConfig(dir));
    await store.submit('fresh', submission('{"branch":{"id":"fresh"}}'));
    await store.close();
    fs.rmSync(path.join(dir, 'branches', 'fresh.json'));
    fs.writeFileSync(history(dir, 'fresh', 'pending.json'), '{"version":1}');
    const reopened = await WorkspaceStore.open(loadConfig(dir));
    expect(fs.readFileSync(path.join(dir, 'branches', 'fresh.json'), 'utf8')).toBe('{"branch":{"id":"fresh"}}');
    expect((await currentOf(reopened)).get('fresh')!.version).toBe(1);
  });

  it('serves the first of two files naming one branch, and leaves out ids it cannot serve, saying so', async () => {
    const dir = copyBundledWorkspace();
    fs.copyFileSync(camden(dir), path.join(dir, 'branches', 'zz-copy.json'));
    writeJson(path.join(dir, 'branches', 'evil.json'), { branch: { id: '../../etc/passwd' } });
    const store = await WorkspaceStore.open(loadConfig(dir));
    expect(store.warnings).toEqual([
      'branches/evil.json names the branch "../../etc/passwd", which is not a branch id the server accepts ([A-Za-z0-9._-], at most 64); the server leaves it out',
      'branches/zz-copy.json names the branch gb-london-camden, like branches/gb-london-camden.json; the server serves only the first',
    ]);
    expect([...(await currentOf(store)).keys()]).not.toContain('../../etc/passwd');
  });

  it('keeps tokens in .sopaudit/tokens.json, readable by its owner only, and loses none to concurrent writers', async () => {
    const dir = copyBundledWorkspace();
    const a = await WorkspaceStore.open(loadConfig(dir), { tokensOnly: true });
    const b = await WorkspaceStore.open(loadConfig(dir), { tokensOnly: true });
    const made = Array.from({ length: 12 }, (_, i) => newToken('branch', `b${i}`, new Date()));
    await Promise.all(made.map((m, i) => (i % 2 ? a : b).addToken(m.record)));
    const file = path.join(dir, '.sopaudit', 'tokens.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of made) expect(text).not.toContain(m.token);
    expect((await a.tokens()).map((t) => t.id).sort()).toEqual(made.map((m) => m.record.id).sort());
    expect(await b.token(made[3].record.id)).toEqual(made[3].record);
  });
});

describe('where uploads go', () => {
  const folderFor = (branches: string[]) => {
    const dir = copyBundledWorkspace();
    writeJson(path.join(dir, 'sopaudit.json'), { branches });
    fs.mkdirSync(path.join(dir, 'procedures'), { recursive: true });
    const config = loadConfig(dir);
    return path.relative(dir, uploadsFolder(config));
  };

  it('is the folder the first branches glob starts with', () => {
    expect(folderFor(['branches/**/*.json'])).toBe('branches');
    expect(folderFor(['./procedures/*.json', 'branches/**/*.json'])).toBe('procedures');
    expect(folderFor(['stores/eu/**/*.json'])).toBe(path.join('stores', 'eu'));
  });

  it.each([[['*.json']], [['**/*.json']], [['schemas/*.json']], [['../elsewhere/*.json']], [['branches/*/procedures.json']]])(
    'refuses %j, where an upload could not be written or found again',
    (branches) => {
      expect(() => folderFor(branches)).toThrow(StoreConfigError);
      expect(() => folderFor(branches)).toThrow(/"branches" starts with/);
    },
  );
});
