import { describe, expect, it } from 'vitest';
import { TaskLimiter } from '../../../src/media/limiter.ts';

describe('TaskLimiter', () => {
  it('never runs more tasks at once than allowed, and runs them all', async () => {
    const limiter = new TaskLimiter(2);
    let running = 0;
    let most = 0;
    const task = (value: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return value;
    };
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => limiter.run(task(i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(2);
  });

  it('frees the slot of a task that fails', async () => {
    const limiter = new TaskLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('broken picture')))).rejects.toThrow('broken picture');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});
