import { RULE_IDS, type PeriodQuality, type QualityReport } from '@ferry/types';
import { formatCount, renderTable } from '../format.ts';

/** Per-period quality as a table (plain text that is also Markdown), with a total line when there are several periods. */
export function renderQualityTable(quality: QualityReport): string {
  if (quality.periods.length === 0) return 'No periods were cleaned.';
  const table = qualityTable(quality);
  return renderTable(table.header, table.rows, table.align);
}

export function qualityTable(quality: QualityReport): { header: string[]; rows: string[][]; align: ('left' | 'right')[] } {
  const rows = quality.periods.map((period) => qualityRow(period.period, [period]));
  if (quality.periods.length > 1) rows.push(qualityRow('total', quality.periods));
  return {
    header: ['period', 'rows read', 'written', 'rejected', 'comment lines', 'repaired', 'rejected by rule'],
    rows,
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
  };
}

export function rejectedRows(period: PeriodQuality): number {
  return RULE_IDS.reduce((sum, rule) => sum + (period.rejected[rule] ?? 0), 0);
}

function qualityRow(label: string, periods: PeriodQuality[]): string[] {
  const sum = (pick: (period: PeriodQuality) => number) => periods.reduce((total, period) => total + pick(period), 0);
  const byRule = RULE_IDS.map((rule) => [rule, sum((period) => period.rejected[rule] ?? 0)] as const)
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
