import { z } from 'zod';
import { jsonFormat } from './format.ts';

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a time');

const runLockSchema = z.object({
  run_id: z.string(),
  acquired_at: isoTime,
  expires_at: isoTime,
  /** Where the run's process is: its host name (shown), and an id that tells whether another process shares its process table. */
  host: z.string().optional(),
  host_id: z.string().optional(),
  pid: z.number().int().positive().optional(),
});

/** Who holds a results store's run lock, and until when unless renewed. */
export type RunLockHolder = z.infer<typeof runLockSchema>;

/**
 * The run lock's body (`layout.results.lock`), one line. Locks written before it had a version are version 1: the
 * same fields. A lock of a newer version is one this ferry cannot judge, so it neither takes it over nor removes it
 * without `ferry unlock --force`.
 */
export const runLockFormat = jsonFormat({ name: 'ferry lock', schema: runLockSchema, version: 1, compact: true });
