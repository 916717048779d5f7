import { Random, Stream } from './random.ts';

/** Side of the square map customers and terminals live on (the handbook's 100 × 100). */
const MAP_SIZE = 100;
/** How many terminals a customer should have within reach on average; the radius is derived from it. */
const TERMINALS_IN_REACH = 20;

/** The customers and terminals of the simulation (Fraud Detection Handbook, ch. 3), fixed by the seed alone. */
export interface World {
  terminalCount: number;
  customerCount: number;
  /** Per customer: mean and standard deviation of the amount, in currency units. */
  amountMean: Float64Array;
  amountStd: Float64Array;
  /** Per customer: exp(-mean transactions per day), what the Poisson draw needs. */
  expMinusDailyMean: Float64Array;
  /** Customer c can use terminals `reachable[reachableStart[c] .. reachableStart[c + 1])`. */
  reachableStart: Int32Array;
  reachable: Int32Array;
}

/**
 * Creates customers until the sum of their mean transactions per day reaches `rowsPerDay`, so a day holds
 * about `rowsPerDay` rows (each customer's count is a Poisson draw, so the real number varies around it).
 */
export function createWorld(seed: number, rowsPerDay: number, terminalCount: number): World {
  const terminalRandom = new Random(seed, Stream.terminals);
  const terminalX = new Float64Array(terminalCount);
  const terminalY = new Float64Array(terminalCount);
  for (let t = 0; t < terminalCount; t++) {
    terminalX[t] = terminalRandom.uniform() * MAP_SIZE;
    terminalY[t] = terminalRandom.uniform() * MAP_SIZE;
  }

  const customerRandom = new Random(seed, Stream.customers);
  const radius = MAP_SIZE * Math.sqrt(TERMINALS_IN_REACH / (Math.PI * terminalCount));
  const radiusSquared = radius * radius;
  const amountMean: number[] = [];
  const dailyMean: number[] = [];
  const reachableStart: number[] = [0];
  const reachable: number[] = [];
  let expectedRows = 0;
  while (expectedRows < rowsPerDay) {
    const x = customerRandom.uniform() * MAP_SIZE;
    const y = customerRandom.uniform() * MAP_SIZE;
    amountMean.push(5 + customerRandom.uniform() * 95);
    const mean = customerRandom.uniform() * 4;
    dailyMean.push(mean);
    expectedRows += mean;

    let nearest = 0;
    let nearestDistance = Infinity;
    const before = reachable.length;
    for (let t = 0; t < terminalCount; t++) {
      const dx = (terminalX[t] as number) - x;
      const dy = (terminalY[t] as number) - y;
      const distance = dx * dx + dy * dy;
      if (distance <= radiusSquared) reachable.push(t);
      if (distance < nearestDistance) {
        nearestDistance = distance;
        nearest = t;
      }
    }
    // A customer with no terminal in reach still shops: at the nearest one.
    if (reachable.length === before) reachable.push(nearest);
    reachableStart.push(reachable.length);
  }

  return {
    terminalCount,
    customerCount: amountMean.length,
    amountMean: Float64Array.from(amountMean),
    amountStd: Float64Array.from(amountMean, (mean) => mean / 2),
    expMinusDailyMean: Float64Array.from(dailyMean, (mean) => Math.exp(-mean)),
    reachableStart: Int32Array.from(reachableStart),
    reachable: Int32Array.from(reachable),
  };
}
