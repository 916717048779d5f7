import { formatCount, renderTable } from '@ferry/runs';
import {
  FerryError,
  RULE_IDS,
  layout,
  qualityReportFormat,
  rejectedRows,
  type PeriodQuality,
  type ReportSection,
  type ReportTable,
  type Store,
} from '@ferry/types';

const NOTHING_CLEANED = 'No periods were cleaned.';

/** A period is published only when its rows add up: rows_read = rows_written + Σ rejected. */
export function checkQualityBalance(quality: PeriodQuality): void {
  const rejected = rejectedRows(quality);
  if (quality.rows_read !== quality.rows_written + rejected) {
    throw new FerryError(
      `${quality.source}: rows do not add up (read ${quality.rows_read}, written ${quality.rows_written}, rejected ${rejected}); nothing of this period is published`,
    );
  }
}

/** The run's quality report: every period it cleaned. Refuses to replace a file there that this ferry cannot read. */
export async function writeQualityReport(results: Store, runId: string, periods: PeriodQuality[]): Promise<void> {
  await qualityReportFormat.write(results, layout.results.run(runId).quality, { run_id: runId, periods });
}

/** The quality section of a transactions run's report. */
export function qualitySection(periods: PeriodQuality[]): ReportSection {
  return periods.length === 0 ? { title: 'Quality', text: NOTHING_CLEANED } : { title: 'Quality', table: qualityTable(periods) };
}

/** Per-period quality as a table (plain text that is also Markdown), with a total line when there are several periods. */
export function renderQualityTable(periods: PeriodQuality[]): string {
  if (periods.length === 0) return NOTHING_CLEANED;
  const table = qualityTable(periods);
  return renderTable(table.header, table.rows, table.align);
}

function qualityTable(periods: PeriodQuality[]): ReportTable {
  const rows = periods.map((period) => qualityRow(period.period, [period]));
  if (periods.length > 1) rows.push(qualityRow('total', periods));
  return {
    header: ['period', 'rows read', 'written', 'rejected', 'comment lines', 'repaired', 'rejected by rule'],
    rows,
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
  };
}

function qualityRow(label: string, periods: PeriodQuality[]): string[] {
  const sum = (pick: (period: PeriodQuality) => number) => periods.reduce((total, period) => total + pick(period), 0);
  const byRule = RULE_IDS.map((rule) => [rule, sum((period) => period.rejected[rule])] as const)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => `${rule} ${formatCount(n)}`)
    .join(', ');
  return [
    label,
    formatCount(sum((period) => period.rows_read)),
    formatCount(sum((period) => period.rows_written)),
    formatCount(sum(rejectedRows)),
    formatCount(sum((period) => period.comment_lines)),
    formatCount(sum((period) => Object.values(period.repaired).reduce((a, b) => a + b, 0))),
    byRule || '-',
  ];
}
