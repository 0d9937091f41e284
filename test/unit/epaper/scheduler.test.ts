import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { DigitalEditionScheduler } from '../../../src/epaper/digital/scheduler.ts';
import type { EpaperService } from '../../../src/epaper/service.ts';
import { markRemote, PublishBus, type PublishEvent } from '../../../src/publish/index.ts';
import { migrate, openStore, type Store } from '../../../src/store/db.ts';

/** The scheduler over a real (empty, in-memory) store and a service that records compiles. */
async function schedulerWithRecorder(): Promise<{ scheduler: DigitalEditionScheduler; compiled: string[]; store: Store }> {
  const store = openStore('sqlite::memory:');
  await migrate(store);
  const compiled: string[] = [];
  const service = {
    config: loadConfig({ env: {}, file: null }),
    log: { error: () => undefined },
    // The story is printed in one digital edition already: an update must recompile it.
    editions: { digitalWithStories: async () => [{ edition: 'pune', date: '2026-12-05' }] },
    compileDigital: async (edition: string, date: string) => {
      compiled.push(`${edition}/${date}`);
    },
    settled: async () => undefined,
  } as unknown as EpaperService;
  return { scheduler: new DigitalEditionScheduler(service, store.db, 0), compiled, store };
}

const updated = (): PublishEvent => ({ type: 'updated', storyId: 7, sections: [], cities: [], tags: [], at: '2026-12-05T10:00:00.000Z' });

describe('digital edition scheduler', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("recompiles for this node's own changes and leaves other nodes' changes to them", async () => {
    const { scheduler, compiled, store } = await schedulerWithRecorder();
    cleanups.push(() => store.close());
    const bus = new PublishBus();
    scheduler.follow(bus);
    const remote = updated();
    markRemote(remote);
    bus.emit(remote);
    await bus.settled();
    await scheduler.settled();
    expect(compiled).toEqual([]);

    bus.emit(updated());
    await bus.settled();
    await scheduler.settled();
    expect(compiled).toEqual(['pune/2026-12-05']);
  });

  it('starts no timer for an event still being handled when it stops', async () => {
    const { scheduler, compiled, store } = await schedulerWithRecorder();
    cleanups.push(() => store.close());
    const handling = scheduler.handle(updated());
    await scheduler.stop();
    await handling;
    // A timer set now would keep the process alive; settled() would wait for it.
    await scheduler.settled();
    expect(compiled).toEqual([]);
  });
});
