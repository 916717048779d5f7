import type { RunRecord } from '@ferry/types';
import { formatCount, formatDuration, formatTime, renderTable } from '../format.ts';
import { statusOf } from './sections.ts';

/** The totals `ferry runs` shows, in this order, with their labels: each pipeline's headline numbers, by name. */
const HEADLINES: readonly (readonly [total: string, label: string])[] = [
  ['periods', 'periods'],
  ['rows_read', 'rows in'],
  ['rows_written', 'rows out'],
  ['rows_rejected', 'rejected'],
  ['launches', 'launches'],
  ['images_downloaded', 'images downloaded'],
  ['images_present', 'already stored'],
  ['images_failed', 'images failed'],
];

/** `ferry runs`: one line per run, newest first as given; each run with the headline numbers it has. */
export function renderRunsTable(runs: RunRecord[]): string {
  if (runs.length === 0) return 'No runs recorded yet.';
  return renderTable(
    ['run', 'pipeline', 'engine', 'started (UTC)', 'duration', 'status', 'counts'],
    runs.map((run) => [
      run.run_id,
      run.pipeline,
      run.engine ?? '-',
      formatTime(run.started_at),
      formatDuration(run.duration_ms),
      statusOf(run),
      HEADLINES.filter(([total]) => run.totals[total] !== undefined)
        .map(([total, label]) => `${formatCount(run.totals[total])} ${label}`)
        .join(', ') || '-',
    ]),
    ['left', 'left', 'left', 'left', 'right', 'left', 'left'],
  );
}
