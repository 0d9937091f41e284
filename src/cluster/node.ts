import type { FastifyInstance } from 'fastify';
import { databaseUrlOf } from '../config.ts';
import type { Runtime } from '../runtime.ts';
import { ClusterJobs } from './jobs.ts';

/**
 * One serving Wiredesk node: the site listening, the watch folders scanning, and the feed polls
 * and embargo releases running — as pg-boss jobs shared with the other nodes on PostgreSQL, or
 * on this process's own timers on SQLite, where there is only ever one node.
 */
export interface ServingNode {
  /** The address the site listens on. */
  address: string;
  /**
   * Graceful stop: take no new jobs and no new requests, and let the jobs and requests in flight
   * finish (up to `cluster.shutdownTimeoutMs`). The runtime stays open for its owner to close.
   */
  stop(): Promise<void>;
}

export async function startNode(runtime: Runtime, app: FastifyInstance): Promise<ServingNode> {
  const { config, log } = runtime;
  const databaseUrl = databaseUrlOf(config);
  let jobs: ClusterJobs | null = null;
  if (runtime.store.dialect === 'postgres') {
    jobs = await ClusterJobs.start({ ...runtime, databaseUrl });
  } else {
    runtime.poller.start();
    runtime.embargo.start();
  }
  runtime.watchFolder.start();
  const address = await app.listen({ port: config.port, host: config.host });
  let stopping: Promise<void> | null = null;
  return {
    address,
    stop() {
      stopping ??= (async () => {
        runtime.embargo.stop();
        await Promise.all([closeServer(app), jobs?.stop(config.cluster.shutdownTimeoutMs), runtime.watchFolder.stop()]);
        // Only now: stopping the poller cancels its fetches, and a job may still have been using it.
        await runtime.poller.stop();
        log.info('requests and jobs in flight finished');
      })();
      return stopping;
    },
  };
}

/**
 * Stops listening and waits for the requests in flight. A keep-alive connection goes idle only
 * once its last response is sent, after close() began, and the server would wait out its whole
 * keep-alive timeout; so idle connections are closed as they appear.
 */
async function closeServer(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}

/**
 * SIGTERM (a deploy, systemd, Kubernetes) and SIGINT (Ctrl-C) stop the node gracefully; if that
 * takes longer than the shutdown timeout, the process exits anyway with status 1, and a job it
 * still held is retried by another node.
 */
export function stopOnSignals(node: ServingNode, runtime: Runtime): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    runtime.log.info({ signal }, 'shutting down: finishing requests and jobs in flight');
    const deadline = setTimeout(() => {
      runtime.log.error({ timeoutMs: runtime.config.cluster.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, runtime.config.cluster.shutdownTimeoutMs + 5000);
    deadline.unref();
    node
      .stop()
      .then(() => runtime.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          runtime.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
