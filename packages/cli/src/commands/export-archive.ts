import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Store } from '@ferry/types';

export interface ExportExtras {
  imagesByLaunch?: boolean;
  archive?: boolean;
}

/** The folder, under an export, where `--images-by-launch` puts the launch images under their launch's name. */
export const IMAGES_BY_LAUNCH = 'images-by-launch';

export function addExportExtras(command: Command): Command {
  return command
    .option(
      '--images-by-launch',
      `also copy launch images into ${IMAGES_BY_LAUNCH}/ as <net date>_<launch slug>.<ext> (those of --run, else every launch)`,
    )
    .option('--archive', 'write the export as one .tar.gz next to where its folder would be, instead of the folder');
}

/** What the extras add to an export folder; returns where the export ended up (the folder, or its archive). */
export async function applyExportExtras(
  results: Store,
  exportDir: string,
  options: ExportExtras & { run?: string },
): Promise<{ path: string; lines: string[] }> {
  const lines: string[] = [];
  if (options.imagesByLaunch) {
    const { exportImagesByLaunch } = await import('@ferry/rocket');
    const named = await exportImagesByLaunch(results, path.join(exportDir, IMAGES_BY_LAUNCH), options.run ? { runId: options.run } : {});
    lines.push(
      `  ${named.files.length} launch images named by launch in ${IMAGES_BY_LAUNCH}/${named.without ? ` (${named.without} launches have no stored image)` : ''}`,
    );
  }
  if (!options.archive) return { path: exportDir, lines };
  const { create } = await import('tar');
  const archive = `${exportDir}.tar.gz`;
  // portable: no owner, group or device fields, so the archive says nothing about this machine's users.
  await create({ gzip: true, file: archive, cwd: path.dirname(exportDir), portable: true }, [path.basename(exportDir)]);
  await rm(exportDir, { recursive: true, force: true });
  lines.push(`  archived as ${archive}`);
  return { path: archive, lines };
}
