import type { Kysely } from 'kysely';
import webpush from 'web-push';
import type { Database } from '../../store/index.ts';

/**
 * The site's VAPID key pair, made on first start and kept in the database: every node signs
 * with the same key, and browsers' subscriptions (bound to the public key) survive restarts.
 */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const SETTING = 'app.vapid_keys';

export async function vapidKeys(db: Kysely<Database>): Promise<VapidKeys> {
  const stored = await readKeys(db);
  if (stored !== null) return stored;
  const fresh = webpush.generateVAPIDKeys();
  // Two nodes starting together both generate; the first insert wins and both read it back.
  await db
    .insertInto('settings')
    .values({ key: SETTING, value: JSON.stringify(fresh) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const kept = await readKeys(db);
  if (kept === null) throw new Error(`setting ${SETTING} was written but cannot be read back`);
  return kept;
}

async function readKeys(db: Kysely<Database>): Promise<VapidKeys | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  if (row === undefined) return null;
  const keys = JSON.parse(row.value) as Partial<VapidKeys>;
  if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string') {
    throw new Error(`setting ${SETTING} holds no VAPID key pair; delete it to generate a new one (readers must then subscribe again)`);
  }
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}
