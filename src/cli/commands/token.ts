/**
 * `sopaudit token create --branch ID | --head-office` prints a new API
 * token once (only its hash is stored); `token list` shows ids and scopes,
 * `token revoke ID` removes one. Tokens live where the server's store is:
 * MongoDB when MONGODB_URI is set, else the workspace's .sopaudit folder.
 */
import { translator } from '../../i18n';
import { isBranchId, newToken, openStore, type Store } from '../../store';
import { mongodbUriFrom } from '../../server/config';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import { resolveWorkspace, type CommonOptions } from '../options';
import { asUsageError } from './shared';

export interface TokenCreateOptions extends CommonOptions {
  branch?: string;
  headOffice?: boolean;
}

export async function tokenCreate(options: TokenCreateOptions, context: CliContext): Promise<number> {
  if ((options.branch === undefined) === (options.headOffice !== true)) {
    throw new UsageError('give either --branch ID or --head-office, e.g. sopaudit token create --branch gb-london-camden');
  }
  if (options.branch !== undefined && !isBranchId(options.branch)) {
    throw new UsageError(`--branch ${JSON.stringify(options.branch)} is not a branch id: 1 to 64 letters, digits, ".", "_" or "-", and not only dots`);
  }
  return withStore(options, context, async (store, t) => {
    const { token, record } = newToken(options.branch !== undefined ? 'branch' : 'headOffice', options.branch, context.now());
    await store.addToken(record);
    context.stdout.write(`${token}\n`);
    context.stderr.write(
      (record.scope === 'branch' ? t.t('token.created.branch', { id: record.id, branch: record.branch! }) : t.t('token.created.headOffice', { id: record.id })) + '\n',
    );
    return EXIT.ok;
  });
}

export async function tokenList(options: CommonOptions, context: CliContext): Promise<number> {
  return withStore(options, context, async (store, t) => {
    const tokens = await store.tokens();
    if (tokens.length === 0) context.stderr.write(t.t('token.none') + '\n');
    for (const token of tokens) {
      context.stdout.write(`${token.id}\t${token.scope === 'branch' ? `branch\t${token.branch}` : 'head-office\t-'}\t${token.createdAt}\n`);
    }
    return EXIT.ok;
  });
}

export async function tokenRevoke(id: string, options: CommonOptions, context: CliContext): Promise<number> {
  if (!/^[0-9a-f]{16}$/.test(id)) throw new UsageError(`${JSON.stringify(id)} is not a token id (16 hex digits, as sopaudit token list shows)`);
  return withStore(options, context, async (store, t) => {
    if (await store.revokeToken(id)) {
      context.stderr.write(t.t('token.revoked', { id }) + '\n');
      return EXIT.ok;
    }
    context.stderr.write(t.t('token.notFound', { id }) + '\n');
    return EXIT.usage; // naming a token that does not exist is a usage error, like any other bad argument
  });
}

async function withStore(
  options: CommonOptions,
  context: CliContext,
  work: (store: Store, t: ReturnType<typeof translator>) => Promise<number>,
): Promise<number> {
  const workspace = resolveWorkspace(options, context);
  const store = await asUsageError(async () => openStore(workspace, mongodbUriFrom(context.env), { tokensOnly: true }));
  try {
    return await work(store, translator(workspace.locale));
  } finally {
    await store.close();
  }
}
