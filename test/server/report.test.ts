/**
 * The cached report: kept current one branch at a time, it stays equal to
 * a full `buildReport` of every branch's latest audit, follows the day
 * (waivers expire), and answers GET /api/report fast with 10 000 branches.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildReport, parseJsonBytes, type BranchAudit } from '../../src/engine';
import { translator } from '../../src/i18n';
import { createApp } from '../../src/server/app';
import { fixedDayClock } from '../../src/server/clock';
import { DEFAULT_SERVER_CONFIG } from '../../src/server/config';
import { ReportCache } from '../../src/server/reportCache';
import { newToken } from '../../src/store';
import { TOOL } from '../../src/version';
import { loadConfig } from '../../src/workspace/config';
import { branchFiles, loadWaivers, readDocument } from '../../src/workspace/load';
import { createAuditor, prepareAudit } from '../../src/workspace/run';
import { relativePosix } from '../../src/workspace/files';
import { MemoryStore } from '../helpers/memoryStore';
import { REPO } from '../helpers/workspace';
import { branchDocument } from './helpers';
import fs from 'node:fs';
import path from 'node:path';

const config = loadConfig(REPO);
const auditor = createAuditor(prepareAudit(config));
const waivers = loadWaivers(config);
const audits: BranchAudit[] = branchFiles(config).map((file) => auditor.audit(relativePosix(REPO, file), readDocument(file)));

function cacheFor(today: () => string): ReportCache {
  return new ReportCache({
    tool: TOOL,
    standard: { file: auditor.standardFile, version: auditor.standardVersion },
    waivers,
    waiverNoticeDays: 30,
    translator: translator('en'),
    today,
  });
}

function full(list: BranchAudit[], today: string): string {
  return JSON.stringify(buildReport({
    tool: TOOL,
    standard: { file: auditor.standardFile, version: auditor.standardVersion },
    audits: list,
    waivers,
    today,
    waiverNoticeDays: 30,
    translator: translator('en'),
    complete: true,
  }));
}

const entry = (audit: BranchAudit, version: number) => ({ id: audit.id, file: audit.file, version, updatedAt: '2026-01-15T00:00:00.000Z', audit });

describe('the cached report', () => {
  it('equals a full build, whatever order branches arrive in and however often they change', () => {
    const cache = cacheFor(() => '2026-01-15');
    const shuffled = [...audits].reverse();
    shuffled.forEach((audit, i) => cache.put(entry(audit, 1 + (i % 3))));
    expect(cache.report().toString()).toBe(full(audits, '2026-01-15'));
    // A later version of one branch (here: Camden with Lucknow's findings) replaces it alone.
    const lucknow = audits.find((a) => a.id === 'in-lucknow-hazratganj')!;
    const camden = { ...lucknow, id: 'gb-london-camden', file: 'branches/gb-london-camden.json', findings: lucknow.findings };
    cache.put(entry(camden, 9));
    expect(cache.report().toString()).toBe(full(audits.map((a) => (a.id === 'gb-london-camden' ? camden : a)), '2026-01-15'));
  });

  it('keeps the later version when an earlier one arrives after it', () => {
    const cache = cacheFor(() => '2026-01-15');
    const [first, second] = audits;
    cache.put(entry(first, 5));
    cache.put({ ...entry(second, 4), id: first.id, audit: { ...second, id: first.id } });
    expect(cache.get(first.id)!.version).toBe(5);
    expect(cache.get(first.id)!.audit).toBe(first);
  });

  it('follows the day: a waiver that expires stops covering, without a new upload', () => {
    let today = '2027-06-30';
    const cache = cacheFor(() => today);
    audits.forEach((audit) => cache.put(entry(audit, 1)));
    const delhi = () => JSON.parse(cache.report().toString()).branches.find((b: { id: string }) => b.id === 'in-delhi-connaught');
    expect(delhi().findings[0].waived).toBe(true);
    const tag = cache.tag();
    today = '2027-07-01';
    expect(delhi().findings[0].waived).toBe(false);
    expect(cache.tag()).not.toBe(tag);
    expect(cache.report().toString()).toBe(full(audits, '2027-07-01'));
  });

  it('shows one branch its own result, summary and waivers only', () => {
    const cache = cacheFor(() => '2026-01-15');
    audits.forEach((audit) => cache.put(entry(audit, 1)));
    const own = JSON.parse(cache.branchReport('in-delhi-connaught').toString());
    expect(own.branches.map((b: { id: string }) => b.id)).toEqual(['in-delhi-connaught']);
    expect(own.summary).toEqual({ branches: 1, conforming: 1, findings: { error: 0, warning: 0, info: 0 }, waived: 1 });
    const lists = [...own.waivers.expired, ...own.waivers.expiring, ...own.waivers.unused];
    expect(lists.every((w: { branch: string }) => w.branch === 'in-delhi-connaught' || w.branch === '*')).toBe(true);
    expect(JSON.parse(cache.branchReport('nowhere').toString()).branches).toEqual([]);
  });
});

describe('GET /api/report with 10 000 branches', () => {
  // How fast it answers is measured by `npm run bench`, never asserted here.
  it('is current right after each upload, with every branch still in it', async () => {
    const store = new MemoryStore();
    const sources = fs.readdirSync(path.join(REPO, 'branches')).map((name) => fs.readFileSync(path.join(REPO, 'branches', name), 'utf8'));
    const valid = sources.filter((text) => !parseJsonBytes(Buffer.from(text)).problem && !text.includes('మూడు'));
    for (let i = 0; i < 10_000; i++) {
      const id = `b${String(i).padStart(5, '0')}`;
      const source = valid[0];
      store.data.versions.set(id, [{
        meta: { branch: id, version: 1, createdAt: '2026-01-15T00:00:00.000Z', source: 'upload', tokenId: null, valid: true, score: 100, sha256: '0'.repeat(64), size: 1 },
        bytes: Buffer.from(branchDocument(source, id)),
      }]);
    }
    const office = newToken('headOffice', undefined, new Date());
    await store.addToken(office.record);
    const app = await createApp(store, { server: DEFAULT_SERVER_CONFIG, workspace: config, clock: fixedDayClock('2026-01-15') });
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const request = (method: string, path: string, body?: string) => new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, headers: { Authorization: `Bearer ${office.token}`, 'Content-Type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
    try {
      const first = await request('GET', '/api/report');
      expect(first.status).toBe(200);
      expect(JSON.parse(first.text).branches).toHaveLength(10_000);
      for (let i = 0; i < 5; i++) {
        const id = `b0000${i}`;
        // Another branch's procedures under this id: different findings from the ones kept.
        const upload = await request('PUT', `/api/branches/${id}/procedures`, branchDocument(valid[(i % (valid.length - 1)) + 1], id));
        expect(upload.status).toBe(200);
        const report = JSON.parse((await request('GET', '/api/report')).text);
        expect(report.branches).toHaveLength(10_000);
        const branch = report.branches.find((b: { id: string }) => b.id === id);
        expect(branch.findings).toEqual(JSON.parse(upload.text).findings);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 120_000);
});
