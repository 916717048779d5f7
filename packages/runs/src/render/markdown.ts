import type { ReportSection, RunRecord } from '@ferry/types';
import { renderTable } from '../format.ts';
import { ganttBars } from './gantt.ts';
import { failures, renderStepsTable, summaryPairs } from './sections.ts';

/** report.md: summary, the pipeline's sections, steps, a Mermaid Gantt chart with every attempt, failures. */
export function renderReportMarkdown(record: RunRecord): string {
  const parts = [
    `# ferry ${record.pipeline} run ${record.run_id}`,
    summaryPairs(record)
      .map(([name, value]) => `- **${name}**: ${inline(value)}`)
      .join('\n'),
  ];
  for (const section of record.sections ?? []) parts.push(sectionMarkdown(section));
  parts.push(`## Steps\n\n${renderStepsTable(record)}`);
  if (record.steps.length) parts.push(`## Timeline\n\n${mermaidGantt(record)}`);
  const failed = failures(record);
  if (failed.length) parts.push(['## Failures', '', ...failed.map((line) => `- ${inline(line)}`)].join('\n'));
  return `${parts.join('\n\n')}\n`;
}

function sectionMarkdown(section: ReportSection): string {
  const blocks = [`## ${inline(section.title)}`];
  if (section.text !== undefined) blocks.push(inline(section.text));
  if (section.table)
    blocks.push(
      renderTable(
        section.table.header.map(inline),
        section.table.rows.map((row) => row.map(inline)),
        section.table.align,
      ),
    );
  if (section.items?.length) blocks.push(section.items.map((item) => `- ${inline(item)}`).join('\n'));
  return blocks.join('\n\n');
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
