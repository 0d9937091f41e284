import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServingNode, startNode } from '../../src/cluster/index.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

/** A promise a test opens by hand. */
function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe.each(storeDialects())('graceful shutdown of a serving node (%s)', (dialect) => {
  let site: TestSite;
  let node: ServingNode;
  const arrived = gate();
  const release = gate();

  beforeAll(async () => {
    site = await createTestSite({ port: 0, host: '127.0.0.1' }, dialect, (app) => {
      // A request that stays in flight until the test lets it finish.
      app.get('/test/slow', async () => {
        arrived.open();
        await release.promise;
        return 'finished';
      });
    });
    node = await startNode(site.runtime, site.app);
  });
  afterAll(async () => site?.close());

  it('stops taking requests, finishes the one in flight, then resolves', async () => {
    const inFlight = fetch(`${node.address}/test/slow`);
    await arrived.promise;

    let stopped = false;
    const stopping = node.stop().then(() => {
      stopped = true;
    });
    // Let the server close its listening socket.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = await fetch(`${node.address}/healthz`).then(
      (response) => response.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    expect(stopped).toBe(false);

    release.open();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('finished');
    await stopping;
    expect(stopped).toBe(true);
  });
});
