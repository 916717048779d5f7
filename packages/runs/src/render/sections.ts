import type { RunRecord, StepRecord } from '@ferry/types';
import { formatBytes, formatCount, formatDuration, formatTime, renderTable } from '../format.ts';

/** Report parts shared by the text, Markdown and HTML renderings. */

export function summaryPairs(record: RunRecord): [string, string][] {
  const pairs: [string, string][] = [
    ['run', record.run_id],
    ['pipeline', record.engine ? `${record.pipeline} (engine ${record.engine})` : record.pipeline],
    ['status', statusOf(record)],
    ['started', `${formatTime(record.started_at)} UTC`],
    ['finished', record.finished_at ? `${formatTime(record.finished_at)} UTC` : '-'],
    ['duration', formatDuration(record.duration_ms)],
  ];
  const totals = Object.entries(record.totals);
  if (totals.length) pairs.push(['totals', totals.map(([name, n]) => `${name} ${formatCount(n)}`).join(', ')]);
  if (record.error) pairs.push(['error', record.error]);
  return pairs;
}

export const STEP_HEADER = ['step', 'status', 'attempts', 'started', 'duration', 'counts', 'bytes'];
export const STEP_ALIGN: ('left' | 'right')[] = ['left', 'left', 'right', 'left', 'right', 'left', 'right'];

export function stepRow(step: StepRecord): string[] {
  const counts = Object.entries(step.counts)
    .map(([name, n]) => `${name} ${formatCount(n)}`)
    .join(', ');
  return [
    step.name,
    step.status,
    String(Math.max(step.attempts.length, 1)),
    step.started_at.slice(11, 23),
    formatDuration(step.duration_ms),
    counts || '-',
    step.bytes === undefined ? '-' : formatBytes(step.bytes),
  ];
}

export function renderStepsTable(record: RunRecord): string {
  if (record.steps.length === 0) return 'No steps were recorded.';
  return renderTable(STEP_HEADER, record.steps.map(stepRow), STEP_ALIGN);
}

/**
 * Every failure of the run: the items that failed (a partial run's), failed attempts (also those later retried
 * successfully), failed steps, the run error.
 */
export function failures(record: RunRecord): string[] {
  const lines: string[] = (record.failures ?? []).map((failure) => `${failure.item}: ${failure.reason}`);
  for (const step of record.steps) {
    const retried = step.attempts.length > 1;
    for (const attempt of step.attempts) {
      if (attempt.status !== 'failed') continue;
      lines.push(`${step.name}${retried ? ` (attempt ${attempt.attempt})` : ''}: ${attempt.error ?? 'failed'}`);
    }
    if (step.status === 'failed' && step.attempts.length === 0) lines.push(`${step.name}: ${step.error ?? 'failed'}`);
  }
  if (record.error) lines.push(`run: ${record.error}`);
  return lines;
}

/** A run's status as the reports and `ferry runs` show it: a partial run says how many of its items failed. */
export function statusOf(record: RunRecord): string {
  const failed = record.failures?.length ?? 0;
  return record.status === 'partial' && failed > 0 ? `partial (${failed} failed)` : record.status;
}
