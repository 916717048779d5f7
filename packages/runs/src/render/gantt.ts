import type { RunRecord } from '@ferry/types';

/** One bar of the Gantt chart: one attempt of one step. */
export interface GanttBar {
  step: string;
  attempt: number;
  status: 'succeeded' | 'failed' | 'running' | 'skipped';
  /** Epoch milliseconds. */
  start: number;
  end: number;
  label: string;
  error?: string;
}

/**
 * The bars of a run, steps in start order, each step's attempts in order. A step that retried shows every
 * attempt (`clean 2019-08-22 (attempt 1, failed)`); a step still running when the record was written ends
 * where the run ended.
 */
export function ganttBars(record: RunRecord): GanttBar[] {
  const runEnd = Date.parse(record.finished_at ?? record.started_at);
  return record.steps.flatMap((step) => {
    const attempts: Omit<GanttBar, 'label'>[] = step.attempts.map((attempt) => ({
      step: step.name,
      attempt: attempt.attempt,
      status: attempt.status,
      start: Date.parse(attempt.started_at),
      end: Date.parse(attempt.finished_at),
      ...(attempt.error !== undefined ? { error: attempt.error } : {}),
    }));
    if (attempts.length === 0 || step.status === 'running' || step.status === 'skipped') {
      const last = attempts.at(-1);
      const start = last ? last.end : Date.parse(step.started_at);
      const end = step.finished_at ? Date.parse(step.finished_at) : Math.max(runEnd, start);
      attempts.push({ step: step.name, attempt: attempts.length + 1, status: step.status, start, end });
    }
    const retried = attempts.length > 1;
    return attempts.map((bar) => ({ ...bar, label: barLabel(bar, retried) }));
  });
}

function barLabel(bar: Omit<GanttBar, 'label'>, retried: boolean): string {
  const notes = [retried ? `attempt ${bar.attempt}` : '', bar.status === 'succeeded' ? '' : bar.status].filter(Boolean);
  return notes.length ? `${bar.step} (${notes.join(', ')})` : bar.step;
}
