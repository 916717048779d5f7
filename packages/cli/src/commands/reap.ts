import { Option, type Command } from 'commander';
import { FerryError } from '@ferry/types';
import { duration } from '../options.ts';

interface ReapOptions {
  dryRun?: boolean;
  /** In milliseconds. */
  olderThan?: number;
  folderId?: string;
}

export function register(program: Command): void {
  program
    .command('reap')
    .description('delete leftover ferry clusters (label app=ferry) whose ferry-expires-at has passed; safe to schedule')
    .option('--dry-run', 'show what would be deleted; delete nothing')
    .addOption(
      new Option(
        '--older-than <duration>',
        'instead of the expiry label: delete ferry clusters created longer ago than this (90m, 4h, 2d, 0s)',
      ).argParser(duration),
    )
    .option('--folder-id <id>', 'folder to sweep (env YC_FOLDER_ID)')
    .action(async (options: ReapOptions) => {
      const { createYandexClientFromEnv, formatReapRow, reapClusters } = await import('@ferry/yandex');
      const client = createYandexClientFromEnv();
      const folderId = options.folderId ?? client.folderId;
      if (!folderId) throw new FerryError('ferry reap needs a folder: set YC_FOLDER_ID or pass --folder-id');
      const rows = await reapClusters({ client, folderId, dryRun: options.dryRun, olderThanMs: options.olderThan });
      if (rows.length === 0) process.stdout.write(`no ferry clusters in folder ${folderId}\n`);
      for (const row of rows) process.stdout.write(`${formatReapRow(row)}\n`);
      const failed = rows.filter((row) => row.action === 'failed');
      if (failed.length > 0)
        throw new FerryError(`${failed.length} leftover cluster(s) could not be deleted: ${failed.map((row) => row.id).join(', ')}`);
    });
}
