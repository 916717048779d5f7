import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Murmur3's finaliser: spreads nearby inputs (seed 1, seed 2, day 7, day 8) over the whole 32-bit range. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;

/** What a random stream is for; each purpose gets its own independent sequence. */
export const Stream = {
  terminals: 1,
  customers: 2,
  dailyCounts: 3,
  dailyRows: 4,
  compromisedTerminals: 5,
  compromisedCustomers: 6,
  defects: 7,
} as const;
export type Stream = (typeof Stream)[keyof typeof Stream];

/**
 * A seeded random stream for one (seed, purpose, index), e.g. the rows of day 41.
 * Streams keyed by day make a day's content independent of how many periods are generated.
 */
export class Random {
  private readonly generator: RandomGenerator;
  private spareNormal = Number.NaN;

  constructor(seed: number, stream: Stream, index = 0) {
    const high = Math.floor(seed / TWO_POW_32);
    let h = fmix32(seed | 0);
    h = fmix32(h ^ Math.imul(high | 0, 0x9e3779b1));
    h = fmix32(h ^ Math.imul(stream, 0x85ebca77));
    h = fmix32(h ^ Math.imul(index | 0, 0xc2b2ae3d) ^ 0x27d4eb2f);
    this.generator = xoroshiro128plus(h);
    // xoroshiro's first outputs still resemble its seed: let the state mix.
    for (let i = 0; i < 8; i++) this.generator.next();
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return (this.generator.next() >>> 0) * INV_TWO_POW_32;
  }

  /** Uniform integer in [0, n), n ≤ 2^32 (the bias of a 32-bit draw is negligible here). */
  int(n: number): number {
    return Math.floor((this.generator.next() >>> 0) * INV_TWO_POW_32 * n);
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log stays finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Poisson draw by Knuth's product method; takes exp(-mean), precomputed by the caller (means here are ≤ 4). */
  poisson(expMinusMean: number): number {
    let k = 0;
    let product = this.uniform();
    while (product > expMinusMean) {
      k++;
      product *= this.uniform();
    }
    return k;
  }

  /** `count` distinct integers of [0, n), in draw order (Floyd's algorithm: O(count) whatever n is). */
  distinct(count: number, n: number): number[] {
    const chosen = new Set<number>();
    for (let j = n - count; j < n; j++) {
      const t = this.int(j + 1);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen];
  }

  /** Shuffles in place (Fisher–Yates). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const swap = items[i] as T;
      items[i] = items[j] as T;
      items[j] = swap;
    }
    return items;
  }
}
