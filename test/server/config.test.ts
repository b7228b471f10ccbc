/**
 * The server's settings: read once from flags and the environment, each
 * bad value one clear line naming it (exit 2 from the CLI), never echoing
 * a MongoDB URI that may hold a password.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { DEFAULT_SERVER_CONFIG, ServerConfigError, loadServerConfig } from '../../src/server/config';
import { BIN, copyBundledWorkspace, runCli, writeJson } from '../helpers/workspace';
import path from 'node:path';

describe('loadServerConfig', () => {
  it('has safe defaults: localhost, port 8080, 1 MB bodies', () => {
    expect(loadServerConfig({}, {})).toEqual(DEFAULT_SERVER_CONFIG);
    expect(DEFAULT_SERVER_CONFIG).toMatchObject({ host: '127.0.0.1', port: 8080, bodyLimit: 1048576, trustProxy: false });
  });

  it('takes flags over the environment, and reads every variable', () => {
    const config = loadServerConfig({ port: '3000' }, {
      SOPAUDIT_PORT: '4000',
      SOPAUDIT_HOST: '0.0.0.0',
      SOPAUDIT_BODY_LIMIT: '512kb',
      MONGODB_URI: 'mongodb://db.internal:27017/sopaudit',
      SOPAUDIT_TRUST_PROXY: 'loopback, 10.0.0.0/8',
      SOPAUDIT_AUTH_FAILURES: '5',
      SOPAUDIT_LOG_LEVEL: 'warn',
      SOPAUDIT_SHUTDOWN_TIMEOUT: '3',
    });
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      bodyLimit: 512 * 1024,
      mongodbUri: 'mongodb://db.internal:27017/sopaudit',
      trustProxy: ['loopback', '10.0.0.0/8'],
      authFailures: { limit: 5, windowMs: 900000 },
      logLevel: 'warn',
      shutdownTimeoutMs: 3000,
    });
    expect(loadServerConfig({}, { PORT: '5000' }).port).toBe(5000);
    expect(loadServerConfig({}, { SOPAUDIT_TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it.each([
    [{ port: 'http' }, {}, '--port "http" is not a port; use a whole number from 0 to 65535 (0: any free port), e.g. 8080'],
    [{ port: '70000' }, {}, '--port "70000" is not a port'],
    [{}, { SOPAUDIT_PORT: '-1' }, 'SOPAUDIT_PORT "-1" is not a port'],
    [{ host: 'local host' }, {}, '--host "local host" is not a host name or IP address'],
    [{}, { SOPAUDIT_BODY_LIMIT: 'lots' }, 'SOPAUDIT_BODY_LIMIT "lots" is not a size; use bytes, or a number with kb or mb, e.g. 1mb'],
    [{}, { SOPAUDIT_BODY_LIMIT: '20mb' }, 'SOPAUDIT_BODY_LIMIT "20mb" is larger than the 8mb sopaudit reads in one document'],
    [{}, { SOPAUDIT_TRUST_PROXY: 'true' }, 'SOPAUDIT_TRUST_PROXY "true" would trust any X-Forwarded-For'],
    [{}, { SOPAUDIT_TRUST_PROXY: 'proxy.example' }, 'SOPAUDIT_TRUST_PROXY "proxy.example" must be false, a hop count'],
    [{}, { SOPAUDIT_AUTH_FAILURES: '0' }, 'SOPAUDIT_AUTH_FAILURES "0" must be a whole number from 1 to 1000000'],
    [{}, { SOPAUDIT_LOG_LEVEL: 'loud' }, 'SOPAUDIT_LOG_LEVEL "loud" is not a log level; use one of fatal, error, warn, info, debug, trace, silent'],
    [{}, { SOPAUDIT_SHUTDOWN_TIMEOUT: 'soon' }, 'SOPAUDIT_SHUTDOWN_TIMEOUT "soon" must be a whole number from 0 to 3600'],
  ])('names the bad setting in %j %j', (flags, env, message) => {
    expect(() => loadServerConfig(flags, env)).toThrow(ServerConfigError);
    expect(() => loadServerConfig(flags, env)).toThrow(message);
  });

  it('never echoes a MongoDB URI, which may hold a password', () => {
    expect(() => loadServerConfig({}, { MONGODB_URI: 'postgres://admin:hunter2@db' })).toThrow(
      'MONGODB_URI is not a MongoDB connection string; it starts with mongodb:// or mongodb+srv://, e.g. mongodb://localhost:27017/sopaudit',
    );
    try {
      loadServerConfig({}, { MONGODB_URI: 'postgres://admin:hunter2@db' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('sopaudit serve and token on the command line', () => {
  const env = { SOPAUDIT_LOG_LEVEL: 'silent' };

  it('exits 2 with one line naming a bad setting', () => {
    const dir = copyBundledWorkspace();
    const result = runCli(['serve', '--port', 'http'], { cwd: dir, env });
    expect(result).toMatchObject({ code: 2, stderr: 'sopaudit: --port "http" is not a port; use a whole number from 0 to 65535 (0: any free port), e.g. 8080\n' });
    expect(runCli(['serve'], { cwd: dir, env: { ...env, SOPAUDIT_BODY_LIMIT: 'lots' } }).stderr).toContain('SOPAUDIT_BODY_LIMIT "lots"');
  });

  it('exits 2 when the port is taken', async () => {
    const dir = copyBundledWorkspace();
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { cwd: dir, env: { ...process.env, ...env } });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
      });
      expect(result).toEqual({ code: 2, stderr: `sopaudit: port ${port} on 127.0.0.1 is in use; choose another with --port\n` });
    } finally {
      blocker.close();
    }
  });

  it('exits 2 for a workspace whose branches glob leaves nowhere to put uploads', () => {
    const dir = copyBundledWorkspace();
    writeJson(path.join(dir, 'sopaudit.json'), { branches: ['*.json'] });
    const result = runCli(['serve', '--port', '0'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"branches" starts with "*.json"');
  });

  it('exits 2 when MongoDB cannot be reached', () => {
    const dir = copyBundledWorkspace();
    const result = runCli(['token', 'list'], { cwd: dir, env: { ...env, MONGODB_URI: 'mongodb://127.0.0.1:1/sopaudit?serverSelectionTimeoutMS=500' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sopaudit: MONGODB_URI: cannot connect to MongoDB/);
  });

  it('creates a token once, lists it by id, and revokes it', () => {
    const dir = copyBundledWorkspace();
    const created = runCli(['token', 'create', '--branch', 'gb-london-camden', '--locale', 'tr'], { cwd: dir });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^sopa_[0-9a-f]{16}_[A-Za-z0-9_-]{43}\n$/);
    const id = created.stdout.slice(5, 21);
    expect(created.stderr).toBe(`gb-london-camden şubesi için ${id} belirteci oluşturuldu. Yalnızca bu kez gösteriliyor; sopaudit yalnızca karma değerini saklar.\n`);
    const office = runCli(['token', 'create', '--head-office'], { cwd: dir });
    expect(office.stderr).toMatch(/^Created head office token [0-9a-f]{16}\. It is shown only this once/);
    const list = runCli(['token', 'list'], { cwd: dir });
    expect(list.stdout.split('\n')[0]).toMatch(new RegExp(`^${id}\tbranch\tgb-london-camden\t\\d{4}-`));
    expect(list.stdout).not.toContain(created.stdout.trim());
    expect(runCli(['token', 'revoke', id], { cwd: dir })).toMatchObject({ code: 0, stderr: `Revoked token ${id}.\n` });
    expect(runCli(['token', 'revoke', id], { cwd: dir })).toMatchObject({ code: 2, stderr: `There is no token ${id}.\n` });
  });

  it.each([
    [['token', 'create'], 'give either --branch ID or --head-office'],
    [['token', 'create', '--branch', '../x'], '--branch "../x" is not a branch id'],
    [['token', 'create', '--branch', 'a', '--head-office'], "cannot be used with option '--head-office'"],
    [['token', 'revoke', 'xyz'], '"xyz" is not a token id'],
  ])('exits 2 for %j', (args, message) => {
    const result = runCli(args, { cwd: copyBundledWorkspace() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
