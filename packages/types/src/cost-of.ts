// Apart from the formats of costs.ts: `ferry plan` estimates a cluster's cost, and the CLI's start-up cannot wait for
// zod (80 ms to load), which those formats need.
import type { Cost, PriceTable } from './costs.ts';
import { FerryError } from './errors.ts';

/** The cost of host time by preset; a preset the table does not price is one line naming it and the table. */
export function costOf(hostSeconds: Record<string, number>, prices: PriceTable, where: string): Cost {
  const byPreset: Record<string, number> = {};
  for (const [preset, seconds] of Object.entries(hostSeconds)) {
    const perHour = prices.host_hour[preset];
    if (perHour === undefined) {
      const priced = Object.keys(prices.host_hour).join(', ') || 'none';
      throw new FerryError(`the price table ${where} has no host_hour price for host preset ${preset} (it prices: ${priced})`);
    }
    byPreset[preset] = round((perHour * seconds) / 3600);
  }
  return { currency: prices.currency, total: round(Object.values(byPreset).reduce((sum, value) => sum + value, 0)), by_preset: byPreset };
}

/** Money to a hundredth of a cent: enough for any currency's smallest unit, without float noise. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
