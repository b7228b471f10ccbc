/**
 * The server's storage: MongoDB when a URI is given (MONGODB_URI), the
 * workspace folder otherwise. Both keep the same contract (types.ts).
 */
import type { ResolvedConfig } from '../workspace/config';
import { MongoStore } from './mongo/store';
import type { Store } from './types';
import { WorkspaceStore } from './workspace';

export * from './types';
export { hashToken, newToken, tokenIdOf, tokenMatches, TOKEN_PREFIX } from './tokens';
export { MongoStore } from './mongo/store';
export { WorkspaceStore, STATE_FOLDER, uploadsFolder } from './workspace';

export async function openStore(workspace: ResolvedConfig, mongodbUri: string | undefined, options: { tokensOnly?: boolean } = {}): Promise<Store> {
  return mongodbUri ? MongoStore.open(mongodbUri, options) : WorkspaceStore.open(workspace, options);
}
