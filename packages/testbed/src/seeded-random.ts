import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded uniform stream in [0, 1), so a failing trial's random choices can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => (generator.next() >>> 0) / 4294967296;
}
