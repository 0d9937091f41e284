import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { PublishBus } from '../publish/index.ts';
import { isPostgresUrl } from '../store/index.ts';
import { attachCdnPurge } from './cdn-purge.ts';
import { NotifyBridge } from './notify-bridge.ts';

/**
 * What ties one Wiredesk process to the others and to the CDN, in every process that can
 * publish — `serve`, and the CLI's `kill` and `restore` too: on PostgreSQL the NOTIFY bridge, so
 * a change made anywhere reaches every node's bus; and the CDN purge hook, if one is configured.
 */
export interface ClusterLink {
  close(): Promise<void>;
}

export async function openClusterLink(
  databaseUrl: string,
  bus: PublishBus,
  config: Pick<Config, 'cdn'>,
  log: Logger,
): Promise<ClusterLink> {
  const bridge = isPostgresUrl(databaseUrl) ? await NotifyBridge.open(databaseUrl, bus, log) : null;
  const detachPurge = attachCdnPurge(bus, config.cdn, log);
  return {
    async close() {
      detachPurge();
      await bridge?.close();
    },
  };
}
