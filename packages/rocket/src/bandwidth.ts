import { sleep } from './http.ts';

/**
 * A token bucket shared by every concurrent download: the total rate stays under `bytesPerSecond`.
 * Takers queue in order; a chunk larger than the bucket is allowed and paid for by waiting off the debt.
 * The bucket starts empty and holds at most 50 ms of tokens, so a measured rate does not begin with a burst.
 */
export class TokenBucket {
  private tokens = 0;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();
  private readonly capacity: number;

  constructor(private readonly bytesPerSecond: number) {
    this.capacity = bytesPerSecond / 20;
  }

  /** Resolves when `bytes` may pass. */
  take(bytes: number): Promise<void> {
    const turn = this.queue.then(() => this.consume(bytes));
    this.queue = turn;
    return turn;
  }

  private async consume(bytes: number): Promise<void> {
    this.refill();
    this.tokens -= bytes;
    if (this.tokens < 0) {
      await sleep((-this.tokens / this.bytesPerSecond) * 1000);
      this.refill();
    }
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond);
    this.last = now;
  }
}
