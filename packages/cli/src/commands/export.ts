import type { Command } from 'commander';
import { layout } from '@ferry/types';
import { withStores, type LocationOptions } from '../context.ts';
import { addLocationOptions } from '../options.ts';
import { addExportExtras, applyExportExtras, type ExportExtras } from './export-archive.ts';

interface ExportOptions extends LocationOptions, ExportExtras {
  run?: string;
}

/** `ferry export <dir>`: the results store (or one run) as plain files in a timestamped folder. */
export function register(program: Command): void {
  addExportExtras(
    addLocationOptions(
      program
        .command('export')
        .description('copy the results store (data, quarantine, run logs and reports) into <dir>/ferry-export-<UTC time>/')
        .argument('<dir>', 'local folder to export into (created if missing)'),
    ).option('--run <id>', `export one run only: its ${layout.results.run('<id>').prefix} folder and the periods it published`),
  ).action(async (dir: string, options: ExportOptions) => {
    const [{ rocketKeys }, { exportResults, formatBytes }, { transactionsKeys }] = await Promise.all([
      import('@ferry/rocket'),
      import('@ferry/runs'),
      import('@ferry/transactions'),
    ]);
    await withStores(options, async (context) => {
      const results = await context.open('results');
      const exported = await exportResults(results, dir, {
        pipelines: [transactionsKeys, rocketKeys],
        ...(options.run ? { runId: options.run } : {}),
      });
      const extras = await applyExportExtras(results, exported.dir, options);
      const where = extras.path === exported.dir ? `  to ${exported.dir}\n  start with ${exported.dir}/README.txt` : `  to ${extras.path}`;
      process.stdout.write(
        `Exported ${exported.files} files (${formatBytes(exported.bytes)}) from ${context.describe('results')}\n${where}\n${extras.lines.map((line) => `${line}\n`).join('')}`,
      );
    });
  });
}
