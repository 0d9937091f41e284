import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeys } from '../../src/api/index.ts';
import { SharedRateLimiter } from '../../src/api/rate-limit.ts';
import { createTestNode, createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

/**
 * A key's per-minute limit counted in the shared store: what many nodes on PostgreSQL use, so a
 * key's budget holds for the whole cluster. The counter itself is tested on both engines; two
 * nodes serving one key are tested on PostgreSQL, where several nodes run.
 */
describe.each(storeDialects())('content API rate limit shared by nodes (%s)', (dialect) => {
  let nodeA: TestSite;
  let nodeB: TestSite;

  beforeAll(async () => {
    nodeA = await createTestSite({}, dialect);
    nodeB = dialect === 'postgres' ? await createTestNode(nodeA) : nodeA;
  });
  afterAll(async () => {
    if (nodeB !== nodeA) await nodeB?.close();
    await nodeA?.close();
  });

  it('counts a key per calendar minute, atomically, and forgets old minutes', async () => {
    let now = 29_000_000 * 60_000 + 20_000;
    const limiter = new SharedRateLimiter(nodeA.runtime.store.db, () => now);
    const taken = await Promise.all(Array.from({ length: 5 }, () => limiter.take(41, 3)));
    expect(taken.map((decision) => decision.allowed).sort()).toEqual([false, false, true, true, true]);
    expect(taken.every((decision) => decision.resetSeconds === 40)).toBe(true);
    expect((await limiter.take(42, 3)).allowed).toBe(true);

    now += 40_000;
    expect(await limiter.take(41, 3)).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 });
    now += 61 * 60_000;
    await limiter.take(41, 3);
    const minutes = await nodeA.runtime.store.db.selectFrom('api_rate_windows').select('minute').where('key_id', '=', 41).execute();
    expect(minutes).toEqual([{ minute: 29_000_000 + 62 }]);
  });

  it("holds one key's budget across the nodes it reaches", async () => {
    const { key } = await new ApiKeys(nodeA.runtime.store.db).create('Shared partner', 3, 'admin@example.test');
    const ask = (node: TestSite) => node.app.inject({ url: '/api/v1/sections', headers: { authorization: `Bearer ${key}` } });
    const answers = [await ask(nodeA), await ask(nodeB), await ask(nodeA), await ask(nodeB)];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 429]);
    expect(Number(answers[3]?.headers['retry-after'])).toBeGreaterThan(0);
  });
});
