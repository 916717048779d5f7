// Apart from the quality file's schema: the CLI's option defaults need these at start-up, and zod costs 80 ms to load.

/** Parameters of the cleaning rules; defaults match the real dataset. */
export interface RuleParams {
  /** Largest valid terminal_id (inclusive). */
  terminalIdMax: number;
  /** Time origin of tx_time_seconds, `YYYY-MM-DD HH:MM:SS` (UTC, no zone). */
  epoch: string;
}

export const DEFAULT_RULE_PARAMS: RuleParams = { terminalIdMax: 999, epoch: '2019-08-22 00:00:00' };
