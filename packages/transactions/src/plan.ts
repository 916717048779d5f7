import { formatBytes } from '@ferry/runs';
import type { Plan, Store } from '@ferry/types';
import { describeHolder, readRunLock } from './lock.ts';
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

/**
 * The plan of a run started now, seen from outside one (`ferry plan`): with the run holding the results store, if
 * any, which would refuse it. A run plans with planTransactions once it holds the store itself.
 */
export async function planNextRun(source: Store, results: Store, now: () => Date = () => new Date()): Promise<Plan & { ignored: string[] }> {
  // Finding out how the lock holds writes and deletes one scratch object; read-only credentials just leave it unsaid.
  const lockGuarantee = results.conditionalWrites().catch(() => undefined);
  const [plan, holder, lock] = await Promise.all([planTransactions(source, results), readRunLock(results, now), lockGuarantee]);
  return { ...plan, ...(holder && { in_use_by: holder }), ...(lock && { lock }) };
}

/** The plan as `ferry plan` prints it; `results` says which store the lock line is about. */
export function renderPlan(plan: Plan, results = 'the results store'): string {
  const lines = [`source periods: ${plan.source.length}`, `processed:      ${plan.processed.length}`, `new:            ${plan.new.length}`];
  if (plan.in_use_by) {
    lines.push(
      `in use by ${describeHolder(plan.in_use_by)}; its lock expires at ${plan.in_use_by.expires_at} unless renewed: a run now would be refused`,
    );
  }
  if (plan.lock === 'best-effort') {
    lines.push(
      `lock: best-effort on ${results}: its S3 server ignores conditional writes, so two runs started at the same moment could both publish`,
    );
  }
  const recorded = new Map(plan.processed.map((record) => [record.period, record]));
  for (const period of plan.new) {
    const why = recorded.has(period.period) ? 'changed since it was processed' : 'not processed yet';
    lines.push(`  ${period.source}  ${formatBytes(period.size)}  (${why})`);
  }
  return lines.join('\n');
}
