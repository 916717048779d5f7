import type { LoadedRun } from '../history.ts';
import { failures, imagesSummary, renderStepsTable, summaryPairs } from './sections.ts';
import { renderQualityTable } from './quality.ts';

/** What `ferry report <run-id>` prints: summary, quality, images, step timings, failures. */
export function renderReportText(run: LoadedRun): string {
  const { record } = run;
  const width = Math.max(...summaryPairs(record).map(([name]) => name.length));
  const parts = [summaryPairs(record).map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')];
  if (run.quality) parts.push(`Quality\n${renderQualityTable(run.quality)}`);
  if (run.images) {
    const { headline, failed } = imagesSummary(run.images);
    parts.push(['Images', headline, ...failed.map((line) => `  ${line}`)].join('\n'));
  }
  parts.push(`Steps\n${renderStepsTable(record)}`);
  const failed = failures(record);
  if (failed.length) parts.push(['Failures', ...failed.map((line) => `  ${line}`)].join('\n'));
  return `${parts.join('\n\n')}\n`;
}
