/**
 * The storage contract against every store: the workspace folder, the
 * memory store of the performance test, and MongoDB when MONGODB_URI is
 * set (a fresh database per test, dropped after). Without MONGODB_URI the
 * MongoDB suite is skipped, and says why.
 */
import { randomBytes } from 'node:crypto';
import { WorkspaceStore } from '../../src/store';
import { MongoStore } from '../../src/store/mongo/store';
import { loadConfig } from '../../src/workspace/config';
import { copyBundledWorkspace } from '../helpers/workspace';
import { MemoryStore, memoryData } from '../helpers/memoryStore';
import { storeContract } from './contract';

storeContract('workspace', async () => {
  const dir = copyBundledWorkspace();
  const config = loadConfig(dir);
  const store = await WorkspaceStore.open(config);
  return { store, reopen: () => WorkspaceStore.open(loadConfig(dir)), cleanup: () => store.close() };
});

storeContract('memory', async () => {
  const data = memoryData();
  const store = new MemoryStore(data);
  return { store, reopen: async () => new MemoryStore(data), cleanup: () => store.close() };
});

const uri = process.env.MONGODB_URI;
if (!uri) console.log('MongoDB store tests skipped: set MONGODB_URI (e.g. mongodb://127.0.0.1:27017) to run them against a real server.');

storeContract(
  'MongoDB',
  async () => {
    const dbName = `sopaudit_test_${randomBytes(6).toString('hex')}`;
    const opened: MongoStore[] = [];
    const open = async () => {
      const store = await MongoStore.open(uri!, { dbName, timeoutMs: 5000 });
      opened.push(store);
      return store;
    };
    const store = await open();
    return {
      store,
      reopen: open,
      cleanup: async () => {
        const last = await MongoStore.open(uri!, { dbName, timeoutMs: 5000 });
        await last.dropDatabase();
        await last.close();
        for (const s of opened) await s.close().catch(() => undefined);
      },
    };
  },
  Boolean(uri),
);
