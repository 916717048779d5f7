import { layout, runRecordFormat, type ReportSection, type RunCluster, type Store } from '@ferry/types';
import { formatCount } from './format.ts';
import { loadRun } from './history.ts';
import { writeReports } from './render/reports.ts';

const CLUSTER_SECTION = 'Cluster';

/**
 * Adds what a finished run's cluster used to its record: a cluster outlives the run (it is deleted after it), so
 * its host time is known only later. Sets run.json's `cluster`, adds (or replaces) the report's Cluster section and
 * draws report.md and report.html again.
 */
export async function recordRunCluster(results: Store, runId: string, cluster: RunCluster): Promise<void> {
  const record = await loadRun(results, runId);
  record.cluster = cluster;
  record.sections = [...(record.sections ?? []).filter((section) => section.title !== CLUSTER_SECTION), clusterSection(cluster)];
  await runRecordFormat.write(results, layout.results.run(runId).record, record);
  await writeReports(results, runId, record);
}

function clusterSection(cluster: RunCluster): ReportSection {
  const seconds = (Date.parse(cluster.deleted_at) - Date.parse(cluster.created_at)) / 1000;
  const { cost } = cluster;
  const header = ['preset', 'hosts', 'host-seconds', ...(cost ? [`cost (${cost.currency})`] : [])];
  const rows = Object.entries(cluster.host_seconds).map(([preset, hostSeconds]) => [
    preset,
    String(cluster.hosts.filter((host) => host.preset === preset).reduce((sum, host) => sum + host.count, 0)),
    formatCount(Math.round(hostSeconds)),
    ...(cost ? [String(cost.by_preset[preset] ?? '-')] : []),
  ]);
  return {
    title: CLUSTER_SECTION,
    text:
      `Cluster ${cluster.cluster_id} lived ${formatCount(Math.round(seconds))} s, from its create operation's start (${cluster.created_at}) ` +
      `to its delete operation's end (${cluster.deleted_at}). ` +
      (cost ? `Cost: ${cost.total} ${cost.currency}, at the run's price table.` : 'No price table was given, so no cost.'),
    table: { header, rows, align: header.map((_, index) => (index === 0 ? 'left' : 'right')) },
  };
}
