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

export const REPAIR_IDS = ['midnight_24h'] as const;
export type RepairId = (typeof REPAIR_IDS)[number];

/** Parameters of the cleaning rules; defaults match the real dataset. */
export interface RuleParams {
  /** Largest valid terminal_id (inclusive). */
  terminalIdMax: number;
  /** Time origin of tx_time_seconds, `YYYY-MM-DD HH:MM:SS` (UTC, no zone). */
  epoch: string;
}

export const DEFAULT_RULE_PARAMS: RuleParams = { terminalIdMax: 999, epoch: '2019-08-22 00:00:00' };

/** Quality of one source period, as written to runs/<run-id>/quality.json (snake_case on purpose: it is a file format). */
export interface PeriodQuality {
  period: string;
  source: string;
  rows_read: number;
  rows_written: number;
  comment_lines: number;
  rejected: Record<RuleId, number>;
  repaired: Record<RepairId, number>;
}

export interface QualityReport {
  run_id: string;
  periods: PeriodQuality[];
}

/** One rejected line, as kept in quarantine/. */
export interface QuarantineRecord {
  source: string;
  line_number: number;
  raw_line: string;
  rule: RuleId;
}
