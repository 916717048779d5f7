import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp directory and a function that removes it (tests only). */
export async function tempDir(label: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ferry-storage-${label}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
