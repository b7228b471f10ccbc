/**
 * Serves the app on a port and stops it gracefully: on SIGTERM (or SIGINT)
 * it stops accepting connections, lets requests in progress finish (and
 * with them their writes), closes idle keep-alive connections, waits for
 * the store's queued writes, and closes the store. Connections still open
 * after the shutdown timeout are cut.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import type { Store } from '../store/types';
import { createApp, type AppConfig } from './app';
import type { Logger } from './logger';
import { silentLogger } from './logger';

export interface RunningServer {
  readonly port: number;
  readonly host: string;
  readonly url: string;
  /** Stops gracefully (idempotent); resolves once the store is closed too. */
  stop(): Promise<void>;
}

/** An address the server could not listen on (in use, not ours): a usage problem. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

export async function startServer(store: Store, config: AppConfig): Promise<RunningServer> {
  const logger: Logger = config.logger ?? silentLogger();
  let stopping = false;
  const app = await createApp(store, { ...config, logger, stopping: () => stopping });
  const server = http.createServer(app);
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  const { port, host } = config.server;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      reject(new ListenError(error.code === 'EADDRINUSE'
        ? `port ${port} on ${host} is in use; choose another with --port`
        : `cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: error }, 'server error'));
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  logger.info({ url, port: address.port, host: address.address, store: store.kind }, 'listening');

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      logger.info('stopping: finishing requests in progress');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const force = setTimeout(() => {
        logger.warn({ timeoutMs: config.server.shutdownTimeoutMs }, 'stopping: cutting connections still open');
        server.closeAllConnections();
      }, config.server.shutdownTimeoutMs);
      try {
        await closed;
      } finally {
        clearInterval(idle);
        clearTimeout(force);
      }
      await store.close();
      logger.info('stopped');
    })();
    return stopped;
  };
  return { port: address.port, host: address.address, url, stop };
}

/** Resolves with the first of these signals the process receives. */
export function nextSignal(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = signals.map((signal) => {
      const handler = () => {
        for (const [i, s] of signals.entries()) process.off(s, handlers[i]);
        resolve(signal);
      };
      process.on(signal, handler);
      return handler;
    });
  });
}
