import { z } from 'zod';
import { jsonFormat } from './format.ts';

/** Rule ids, in the order they are applied; a rejected row counts under the first rule it breaks. */
export const RULE_IDS = [
  'malformed',
  'duplicate',
  'invalid_terminal',
  'terminal_out_of_range',
  'invalid_customer',
  'non_positive_amount',
  'invalid_datetime',
  'inconsistent_time',
  'invalid_fraud_label',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Zero rejections under every rule, in RULE_IDS order: where a period's counts start. */
export function noRejections(): Record<RuleId, number> {
  return Object.fromEntries(RULE_IDS.map((id) => [id, 0])) as Record<RuleId, number>;
}

export const REPAIR_IDS = ['midnight_24h'] as const;
export type RepairId = (typeof REPAIR_IDS)[number];

const count = z.number().int().nonnegative();

const periodQualitySchema = z.object({
  period: z.string(),
  source: z.string(),
  rows_read: count,
  rows_written: count,
  comment_lines: count,
  /** Every rule, in RULE_IDS order: a row counts under the first rule it breaks. */
  rejected: z.record(z.enum(RULE_IDS), count),
  repaired: z.record(z.enum(REPAIR_IDS), count),
});

/** Quality of one source period (snake_case on purpose: it is a file format). rows_read = rows_written + Σ rejected. */
export type PeriodQuality = z.infer<typeof periodQualitySchema>;

/**
 * A period's quality file in its staging folder (`layout.work.staged(…).quality`), written by the engines: the DuckDB
 * engine and the Spark job. It has no version: it is written and read within one run, by the job rendered from this
 * same ferry.
 */
export const periodQualityFormat = jsonFormat({ name: 'period quality file', schema: periodQualitySchema });

const runQualitySchema = z.object({ run_id: z.string(), periods: z.array(periodQualitySchema) });

export type QualityReport = z.infer<typeof runQualitySchema>;

/**
 * A transactions run's quality report (`layout.results.run(id).quality`): every period it cleaned. Version 1; files
 * written before it had a version are version 1 (the same fields).
 */
export const qualityReportFormat = jsonFormat({ name: 'ferry quality report', schema: runQualitySchema, version: 1 });

/** Rows rejected by any rule. */
export function rejectedRows(quality: PeriodQuality): number {
  return RULE_IDS.reduce((sum, rule) => sum + quality.rejected[rule], 0);
}

/** One rejected line, as kept in quarantine/. */
export interface QuarantineRecord {
  source: string;
  line_number: number;
  raw_line: string;
  rule: RuleId;
}
