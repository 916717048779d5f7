import { layout, type RunRecord, type Store } from '@ferry/types';
import { renderReportHtml } from './html.ts';
import { renderReportMarkdown } from './markdown.ts';

/** Draws a run's report.md and report.html from its record into the results store, each through `redact`. */
export async function writeReports(
  results: Store,
  runId: string,
  record: RunRecord,
  redact: (text: string) => string = (text) => text,
): Promise<void> {
  const keys = layout.results.run(runId);
  await Promise.all([
    results.write(keys.reportMarkdown, redact(renderReportMarkdown(record)), { contentType: 'text/markdown; charset=utf-8' }),
    results.write(keys.reportHtml, redact(renderReportHtml(record)), { contentType: 'text/html; charset=utf-8' }),
  ]);
}
