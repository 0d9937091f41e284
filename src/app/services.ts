import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { PublishBus } from '../publish/index.ts';
import type { Database } from '../store/index.ts';
import { BreakingNews } from './push/breaking.ts';
import { PushSubscriptions } from './push/subscriptions.ts';

/** What the runtime holds for the app area: push subscriptions and breaking news (FLASH rule on). */
export interface AppServices {
  subscriptions: PushSubscriptions;
  breaking: BreakingNews;
}

export function openAppServices(db: Kysely<Database>, bus: PublishBus, config: Config, log: Logger): AppServices {
  const subscriptions = new PushSubscriptions(db, {
    sections: config.sections.map((section) => section.slug),
    serviceHosts: config.app.push.serviceHosts,
  });
  const breaking = new BreakingNews(db, subscriptions, config, log);
  breaking.subscribeFlash(bus);
  return { subscriptions, breaking };
}
