import { randomBytes } from 'node:crypto';

/** A run id that sorts by start time: `20261121T054300Z-3fa9c1` (UTC second + 6 random hex digits). */
export function newRunId(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Run ids become store keys and folder names: nothing that could climb out of a run's folder. */
export function isValidRunId(runId: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId) && !runId.includes('..');
}
