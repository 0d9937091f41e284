import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWireFeed, ingestInto } from '../support/admin-wire.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

const TOKEN = 'a-metrics-token-of-some-length';

describe.each(storeDialects())('/metrics (%s)', (dialect) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await createTestSite({ metricsToken: TOKEN }, dialect);
  });
  afterAll(async () => site.close());

  it('reports items stored and rejected per feed, publish latency and HTTP latency by route, in Prometheus format', async () => {
    const feed = await addWireFeed(site.runtime, 'metered-wire');
    await ingestInto(site.runtime, feed, [
      {
        guid: 'm-1',
        title: 'Harbour crane upgrade finished',
        body: '<p>Visakhapatnam, Nov 29 Two new cranes began work at the container terminal.</p>',
      },
      { guid: 'm-2', title: '', body: '<p>No headline here.</p>' },
    ]);
    await site.runtime.bus.settled();
    await site.app.inject({ url: '/' });
    expect((await site.app.inject({ url: '/' })).headers['x-cache']).toBe('HIT');
    const response = await site.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toContain('wiredesk_feed_items_stored{feed="metered-wire"} 1');
    expect(text).toContain('wiredesk_feed_items_rejected{feed="metered-wire"} 1');
    // Items were handed to the pipeline directly here; polls are counted in the transport tests.
    expect(text).toContain('wiredesk_feed_fetches{feed="metered-wire"} 0');
    expect(text).toMatch(/wiredesk_publish_latency_seconds_count\{type="published"\} 1/);
    expect(text).toMatch(/wiredesk_http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} 2/);
    expect(text).toContain('wiredesk_page_cache_requests_total{result="miss"} 1');
    expect(text).toContain('wiredesk_page_cache_requests_total{result="hit"} 1');
  });

  it('is not there at all without a configured token', async () => {
    const plain = await createTestSite({}, dialect);
    try {
      expect((await plain.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
