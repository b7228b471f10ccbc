/**
 * `sopaudit serve [--port N] [--host H]`: checks the settings, opens the
 * store (MongoDB when MONGODB_URI is set, else the workspace), serves the
 * API until SIGTERM or SIGINT, then shuts down gracefully and exits 0.
 * Logs are pino JSON lines on stdout (for log collectors); one line for a
 * person on stderr says where to point a browser.
 */
import { openStore } from '../../store';
import { fixedDayClock, systemClock } from '../../server/clock';
import { loadServerConfig } from '../../server/config';
import { ListenError, nextSignal, startServer } from '../../server/listen';
import { createLogger } from '../../server/logger';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import { resolveWorkspace, type CommonOptions } from '../options';
import { asUsageError } from './shared';

export interface ServeOptions extends CommonOptions {
  port?: string;
  host?: string;
}

export async function serve(options: ServeOptions, context: CliContext): Promise<number> {
  const workspace = resolveWorkspace(options, context);
  const server = await asUsageError(async () => loadServerConfig({ port: options.port, host: options.host }, context.env));
  const logger = createLogger(server.logLevel, { write: (line: string) => context.stdout.write(line) });
  const clock = options.today !== undefined ? fixedDayClock(options.today, () => context.now()) : systemClock(() => context.now());
  const store = await asUsageError(() => openStore(workspace, server.mongodbUri));
  let running;
  try {
    running = await startServer(store, { server, workspace, clock, logger });
  } catch (error) {
    await store.close();
    if (error instanceof ListenError) throw new UsageError(error.message);
    throw error;
  }
  context.stderr.write(`sopaudit: serving ${workspace.dir} at ${running.url} (${store.kind} store); stop with Ctrl-C\n`);
  const signal = await nextSignal();
  logger.info({ signal }, 'signal received');
  await running.stop();
  return EXIT.ok;
}
