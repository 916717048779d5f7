import { formatBytes } from '@ferry/runs';
import type { Plan, Store } from '@ferry/types';
import { readManifest } from './manifest.ts';
import { listSourcePeriods } from './periods.ts';

/** Which source periods are new: absent from the manifest, or recorded with another size or ETag. Changes nothing. */
export async function planTransactions(source: Store, results: Store): Promise<Plan & { ignored: string[] }> {
  const [{ periods, ignored }, manifest] = await Promise.all([listSourcePeriods(source), readManifest(results)]);
  const processed = Object.values(manifest.periods).sort((a, b) => a.period.localeCompare(b.period));
  const fresh = periods.filter((candidate) => {
    const recorded = manifest.periods[candidate.period];
    return !recorded || recorded.size !== candidate.size || recorded.etag !== candidate.etag || recorded.source !== candidate.source;
  });
  return { source: periods, processed, new: fresh, ignored };
}

export function renderPlan(plan: Plan): string {
  const lines = [`source periods: ${plan.source.length}`, `processed:      ${plan.processed.length}`, `new:            ${plan.new.length}`];
  const recorded = new Map(plan.processed.map((record) => [record.period, record]));
  for (const period of plan.new) {
    const why = recorded.has(period.period) ? 'changed since it was processed' : 'not processed yet';
    lines.push(`  ${period.source}  ${formatBytes(period.size)}  (${why})`);
  }
  return lines.join('\n');
}
