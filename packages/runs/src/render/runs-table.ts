import type { RunRecord } from '@ferry/types';
import { formatCount, formatDuration, formatTime, renderTable } from '../format.ts';
import { statusOf } from './sections.ts';

/** `ferry runs`: one line per run, newest first as given. */
export function renderRunsTable(runs: RunRecord[]): string {
  if (runs.length === 0) return 'No runs recorded yet.';
  return renderTable(
    ['run', 'pipeline', 'engine', 'started (UTC)', 'duration', 'status', 'periods/images', 'rows in', 'rows out', 'rejected'],
    runs.map((run) => [
      run.run_id,
      run.pipeline,
      run.engine ?? '-',
      formatTime(run.started_at),
      formatDuration(run.duration_ms),
      statusOf(run),
      // What the run went through: a transactions run's periods, a rocket run's images.
      formatCount(run.totals.periods ?? run.totals.images),
      formatCount(run.totals.rows_read),
      formatCount(run.totals.rows_written),
      formatCount(run.totals.rows_rejected),
    ]),
    ['left', 'left', 'left', 'left', 'right', 'left', 'right', 'right', 'right', 'right'],
  );
}
