/**
 * Runs at most `concurrency` tasks at once; the rest wait their turn in order. Picture
 * fetches and encodes go through one each, so a burst of pictured stories or a crawler asking
 * for every size never takes all of sharp's and libuv's threads from page rendering.
 */
export class TaskLimiter {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finished task hands its slot straight to the next waiter, so a newcomer can never slip in between.
    if (this.#running >= this.concurrency) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next === undefined) this.#running--;
      else next();
    }
  }
}
