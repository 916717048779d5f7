import { formatBytes } from '@ferry/runs/format';
import { costOf, type ClusterHosts, type Cost, type PriceTable, type SourcePeriod } from '@ferry/types';

/** Where a run cleans: a named engine, or `auto`, which picks by the size of the new data. */
export const ENGINE_CHOICES = ['auto', 'duckdb', 'dataproc'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

/**
 * Below this much new data `auto` cleans with DuckDB where ferry runs. Measured on the 2-core machine: DuckDB cleans a
 * real-size period (2.8 GB) in 23–33 s, about 100 MB/s, so 20 GiB take some 3–4 minutes, still less than the cluster's
 * estimated start alone (CLUSTER_START_SECONDS), let alone its job and its deletion; past that, the cluster's cores win.
 */
export const DEFAULT_AUTO_THRESHOLD_BYTES = 20 * 1024 ** 3;

/**
 * The throughput model of the cluster estimate. `pnpm bench:spark`: Spark local[2] on 2 cores cleaned 10 M rows
 * (584 MB) in 58.4 s, i.e. 10 MB/s on 2 cores, 5 MB/s per core, taken to scale with the data hosts' cores.
 */
export const SPARK_BYTES_PER_CORE_SECOND = 584e6 / 58.4 / 2;
/** Estimates, not measurements (the docs say cluster creation typically takes 5–15 minutes; deletion is quicker). */
export const CLUSTER_START_SECONDS = 10 * 60;
export const CLUSTER_STOP_SECONDS = 3 * 60;

export interface ClusterEstimate {
  /** Bytes of new source data the job would clean. */
  bytes: number;
  /** The job alone: bytes over the measured Spark throughput of the data hosts' cores. */
  job_seconds: number;
  /** Estimates: creating and deleting the cluster. */
  start_seconds: number;
  stop_seconds: number;
  host_seconds: Record<string, number>;
  cost?: Cost;
}

export interface EngineDecision {
  engine: 'duckdb' | 'dataproc';
  why: string;
  /** For a cluster run: its time and, with a price table, its cost. */
  estimate?: ClusterEstimate;
}

/** The estimate of a cluster run over `bytes` of new data, on these hosts. */
function estimateClusterRun(bytes: number, hosts: readonly ClusterHosts[], prices?: { table: PriceTable; where: string }): ClusterEstimate {
  const sparkCores = hosts.filter((host) => host.role === 'data').reduce((sum, host) => sum + host.cores * host.count, 0);
  const jobSeconds = Math.ceil(bytes / (SPARK_BYTES_PER_CORE_SECOND * Math.max(sparkCores, 1)));
  const lifetime = CLUSTER_START_SECONDS + jobSeconds + CLUSTER_STOP_SECONDS;
  const hostSeconds: Record<string, number> = {};
  for (const host of hosts) hostSeconds[host.preset] = (hostSeconds[host.preset] ?? 0) + host.count * lifetime;
  const estimate: ClusterEstimate = {
    bytes,
    job_seconds: jobSeconds,
    start_seconds: CLUSTER_START_SECONDS,
    stop_seconds: CLUSTER_STOP_SECONDS,
    host_seconds: hostSeconds,
  };
  if (prices) estimate.cost = costOf(hostSeconds, prices.table, prices.where);
  return estimate;
}

/**
 * Which engine cleans these new periods: the one asked for, or for `auto`, DuckDB below the threshold (no cluster
 * at all) and the cluster from it on. A cluster run comes with its estimate.
 */
export function decideEngine(
  choice: EngineChoice,
  periods: readonly SourcePeriod[],
  options: { thresholdBytes?: number; hosts: readonly ClusterHosts[]; prices?: { table: PriceTable; where: string } },
): EngineDecision {
  const bytes = periods.reduce((sum, period) => sum + period.size, 0);
  const threshold = options.thresholdBytes ?? DEFAULT_AUTO_THRESHOLD_BYTES;
  const size = `${periods.length} new period(s), ${formatBytes(bytes)}`;
  if (choice === 'duckdb') return { engine: 'duckdb', why: 'asked for (--engine duckdb)' };
  const estimate = () => estimateClusterRun(bytes, options.hosts, options.prices);
  if (choice === 'dataproc') return { engine: 'dataproc', why: 'asked for (--engine dataproc)', estimate: estimate() };
  if (bytes < threshold) {
    return { engine: 'duckdb', why: `auto: ${size}, below the ${formatBytes(threshold)} threshold: DuckDB here, no cluster` };
  }
  return { engine: 'dataproc', why: `auto: ${size}, at or above the ${formatBytes(threshold)} threshold: a cluster`, estimate: estimate() };
}

/** The decision as `ferry plan` prints it: the engine and why, and for a cluster its estimated time and cost. */
export function renderEngineDecision(decision: EngineDecision): string[] {
  const lines = [`engine: ${decision.engine} (${decision.why})`];
  const estimate = decision.estimate;
  if (!estimate) return lines;
  const minutes = (seconds: number) => `${(seconds / 60).toFixed(1)} min`;
  lines.push(
    `  estimate: job ${minutes(estimate.job_seconds)} at ${formatBytes(SPARK_BYTES_PER_CORE_SECOND)}/s per data-host core (bench:spark),` +
      ` plus cluster start ${minutes(estimate.start_seconds)} and stop ${minutes(estimate.stop_seconds)} (estimates)`,
  );
  for (const [preset, seconds] of Object.entries(estimate.host_seconds)) {
    const cost = estimate.cost ? `, ${estimate.cost.by_preset[preset]} ${estimate.cost.currency}` : '';
    lines.push(`  ${preset}: ${Math.round(seconds)} host-seconds${cost}`);
  }
  lines.push(estimate.cost ? `  estimated cost: ${estimate.cost.total} ${estimate.cost.currency}` : '  cost: no price table given (--prices)');
  return lines;
}
