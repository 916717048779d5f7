import type { RunRecord } from '@ferry/types';
import type { LoadedRun } from '../history.ts';
import { ganttBars } from './gantt.ts';
import { renderQualityTable } from './quality.ts';
import { failures, imagesSummary, renderStepsTable, summaryPairs } from './sections.ts';

/** report.md: summary, quality, images, steps, a Mermaid Gantt chart with every attempt, failures. */
export function renderReportMarkdown(run: LoadedRun): string {
  const { record } = run;
  const parts = [
    `# ferry ${record.pipeline} run ${record.run_id}`,
    summaryPairs(record).map(([name, value]) => `- **${name}**: ${inline(value)}`).join('\n'),
  ];
  if (run.quality) parts.push(`## Quality\n\n${renderQualityTable(run.quality)}`);
  if (run.images) {
    const { headline, failed } = imagesSummary(run.images);
    parts.push(['## Images', '', inline(headline), ...(failed.length ? ['', ...failed.map((line) => `- ${inline(line)}`)] : [])].join('\n'));
  }
  parts.push(`## Steps\n\n${renderStepsTable(record)}`);
  if (record.steps.length) parts.push(`## Timeline\n\n${mermaidGantt(record)}`);
  const failed = failures(record);
  if (failed.length) parts.push(['## Failures', '', ...failed.map((line) => `- ${inline(line)}`)].join('\n'));
  return `${parts.join('\n\n')}\n`;
}

/**
 * A Mermaid gantt with millisecond dates (UTC): one bar per step, and one `crit` bar per failed attempt of a
 * retried step, so retries are visible on the timeline.
 */
function mermaidGantt(record: RunRecord): string {
  const lines = [
    '```mermaid',
    'gantt',
    `  title ${taskName(`${record.pipeline} run ${record.run_id} (UTC)`)}`,
    '  dateFormat YYYY-MM-DD HH:mm:ss.SSS',
    '  axisFormat %H:%M:%S',
    '  section steps',
  ];
  for (const bar of ganttBars(record)) {
    const tag = bar.status === 'failed' ? 'crit, ' : bar.status === 'running' ? 'active, ' : bar.status === 'succeeded' ? 'done, ' : '';
    // A zero-length bar would not be drawn at all.
    const end = Math.max(bar.end, bar.start + 1);
    lines.push(`  ${taskName(bar.label)} :${tag}${mermaidDate(bar.start)}, ${mermaidDate(end)}`);
  }
  lines.push('```');
  return lines.join('\n');
}

function mermaidDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Mermaid reads ':' as the start of the task data and '#'/';' as syntax. */
function taskName(text: string): string {
  return text.replace(/[:#;\n\r]/g, ' ');
}

/** Table cells and list items stay on one line and cannot open HTML. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/\|/g, '\\|');
}
