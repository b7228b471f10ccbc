/**
 * The server's storage: MongoDB when a URI is given (MONGODB_URI), the
 * workspace folder otherwise. Both keep the same contract (types.ts).
 */
import type { ResolvedConfig } from '../workspace/config';
import type { Store } from './types';
import { WorkspaceStore } from './workspace';

export * from './types';
export { hashToken, newToken, tokenIdOf, tokenMatches, TOKEN_PREFIX } from './tokens';
export type { MongoStore } from './mongo/store';
export { WorkspaceStore, STATE_FOLDER, uploadsFolder } from './workspace';

export async function openStore(workspace: ResolvedConfig, mongodbUri: string | undefined, options: { tokensOnly?: boolean } = {}): Promise<Store> {
  if (!mongodbUri) return WorkspaceStore.open(workspace, options);
  // Loaded only here: mongoose costs every other start (the CLI, a workspace server) a fifth of a second.
  const { MongoStore } = await import('./mongo/store');
  return MongoStore.open(mongodbUri, options);
}
