import type { Command } from 'commander';
import { layout, whereIs } from '@ferry/types';
import { withStores, type LocationOptions } from '../context.ts';
import { addLocationOptions } from '../options.ts';

/** `ferry report <run-id>`: one run's summary, quality, step timings and failures. */
export function register(program: Command): void {
  addLocationOptions(
    program.command('report').description('show the report of one run (ids: ferry runs)').argument('<run-id>', 'the run to report'),
  ).action(async (runId: string, options: LocationOptions) => {
    const { loadRun, renderReportText } = await import('@ferry/runs');
    await withStores(options, async (context) => {
      const results = await context.open('results');
      const run = await loadRun(results, runId);
      const files = layout.results.run(runId);
      process.stdout.write(
        `${renderReportText(run)}\nWith the Gantt chart: ${whereIs(results, files.reportHtml)} (and ${layout.results.runFiles.reportMarkdown})\n`,
      );
    });
  });
}
