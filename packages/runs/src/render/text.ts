import type { ReportSection, RunRecord } from '@ferry/types';
import { renderTable } from '../format.ts';
import { failures, renderStepsTable, summaryPairs } from './sections.ts';

/** What `ferry report <run-id>` prints: summary, the pipeline's sections, step timings, failures. */
export function renderReportText(record: RunRecord): string {
  const width = Math.max(...summaryPairs(record).map(([name]) => name.length));
  const parts = [
    summaryPairs(record)
      .map(([name, value]) => `${name.padEnd(width)}  ${value}`)
      .join('\n'),
  ];
  for (const section of record.sections ?? []) parts.push(renderSectionText(section));
  parts.push(`Steps\n${renderStepsTable(record)}`);
  const failed = failures(record);
  if (failed.length) parts.push(['Failures', ...failed.map((line) => `  ${line}`)].join('\n'));
  return `${parts.join('\n\n')}\n`;
}

/** A section as plain text: its title, its paragraph, its table, its items indented. */
function renderSectionText(section: ReportSection): string {
  const lines = [section.title];
  if (section.text !== undefined) lines.push(section.text);
  if (section.table) lines.push(renderTable(section.table.header, section.table.rows, section.table.align));
  for (const item of section.items ?? []) lines.push(`  ${item}`);
  return lines.join('\n');
}
