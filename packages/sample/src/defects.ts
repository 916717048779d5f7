import { DEFAULT_RULE_PARAMS, FerryError } from '@ferry/types';
import type { RuleId } from '@ferry/types';
import { clock, formatCents, SECONDS_PER_DAY } from './format.ts';
import type { Random } from './random.ts';

/** Share of a file's data lines that carry each defect; the number injected per file is round(rate × data lines). */
export interface DefectRates {
  duplicate: number;
  invalid_customer: number;
  non_positive_amount: number;
  invalid_terminal: number;
  terminal_out_of_range: number;
  midnight_24h: number;
  inconsistent_time: number;
  malformed: number;
  invalid_datetime: number;
  invalid_fraud_label: number;
}
export type DefectKind = keyof DefectRates;

/**
 * Rates measured on the real 1.88 G rows (reference/dataset.md §1, §3). The real files have no malformed lines,
 * unparsable datetimes or invalid fraud labels; the cleaning rules cover them, so they can be switched on.
 */
export const REAL_DEFECT_RATES: DefectRates = {
  duplicate: 1.4e-6,
  invalid_customer: 7.8e-6,
  non_positive_amount: 1.9e-5,
  invalid_terminal: 2.1e-5,
  terminal_out_of_range: 3.3e-4,
  midnight_24h: 2.0e-6,
  inconsistent_time: 2.3e-7,
  malformed: 0,
  invalid_datetime: 0,
  invalid_fraud_label: 0,
};

export const DEFECT_KINDS = Object.keys(REAL_DEFECT_RATES) as DefectKind[];

export function resolveRates(overrides: Partial<DefectRates> = {}): DefectRates {
  const rates = { ...REAL_DEFECT_RATES };
  for (const [kind, rate] of Object.entries(overrides)) {
    if (!(kind in rates)) throw new FerryError(`Unknown defect kind "${kind}"; known: ${DEFECT_KINDS.join(', ')}.`);
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 0.5)) {
      throw new FerryError(`Defect rate for ${kind} must be a number in [0, 0.5), got ${String(rate)}.`);
    }
    rates[kind as DefectKind] = rate;
  }
  return rates;
}

/**
 * How many of each defect a file with `generatedRows` rows gets. Duplicates are extra lines, so their count is the
 * fixed point of n = round(rate × (generatedRows + n)); every count is then round(rate × data lines).
 */
export function defectCounts(rates: DefectRates, generatedRows: number): { dataLines: number; counts: Record<DefectKind, number> } {
  let duplicates = 0;
  for (let next = Math.round(rates.duplicate * generatedRows); next !== duplicates;) {
    duplicates = next;
    next = Math.round(rates.duplicate * (generatedRows + duplicates));
  }
  const dataLines = generatedRows + duplicates;
  const counts = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, Math.round(rates[kind] * dataLines)])) as Record<DefectKind, number>;
  return { dataLines, counts };
}

/** Which generated rows (by index in the file, ascending) get which defect. */
export interface DefectPlan {
  rows: Int32Array;
  kinds: DefectKind[];
}

/** Picks distinct rows for the defects, never row 0 (transaction 0 of the first file stays a clean edge value). */
export function planDefects(random: Random, generatedRows: number, counts: Record<DefectKind, number>): DefectPlan {
  const kinds = random.shuffle(DEFECT_KINDS.flatMap((kind) => Array<DefectKind>(counts[kind]).fill(kind)));
  const eligible = generatedRows - 1;
  if (kinds.length > 0 && kinds.length > eligible) {
    throw new FerryError(
      `Defect rates ask for ${kinds.length} defective rows in a file of ${generatedRows} rows; lower the rates or raise rowsPerDay.`,
    );
  }
  const rows = Int32Array.from(random.distinct(kinds.length, eligible), (i) => i + 1).sort();
  return { rows, kinds };
}

/** One generated row, before formatting. */
export interface Row {
  id: number;
  date: string;
  day: number;
  secondOfDay: number;
  customer: number;
  terminal: number;
  cents: number;
  fraud: number;
  scenario: number;
}

/** The huge terminal ids of the real data reach 89,518,096. */
const LARGEST_BAD_TERMINAL = 89_518_096;

/**
 * The line for a row carrying one defect (not `duplicate`, which repeats the clean line), and the rule that must
 * reject it — none for `midnight_24h`, which cleaning repairs. Each line breaks exactly that rule and no earlier one.
 */
export function defectiveLine(kind: Exclude<DefectKind, 'duplicate'>, row: Row, random: Random): { line: string; rule?: RuleId } {
  const fields = [
    String(row.id),
    `${row.date} ${clock(row.secondOfDay)}`,
    String(row.customer),
    String(row.terminal),
    formatCents(row.cents),
    String(row.day * SECONDS_PER_DAY + row.secondOfDay),
    String(row.day),
    String(row.fraud),
    String(row.scenario),
  ];
  const [hours, minutes, seconds] = clock(row.secondOfDay).split(':');
  switch (kind) {
    case 'midnight_24h':
      // The real generator let time-of-day reach 86,400: next day's midnight, printed and counted as this day.
      fields[1] = `${row.date} 24:00:00`;
      fields[5] = String((row.day + 1) * SECONDS_PER_DAY);
      return { line: fields.join(',') };
    case 'malformed':
      switch (random.int(3)) {
        case 0:
          fields.pop();
          break;
        case 1:
          fields.push('0');
          break;
        default:
          // A typed field that does not parse; transaction_id stays intact so ids never collide.
          fields[[2, 4, 5, 6, 7, 8][random.int(6)] as number] = 'n/a';
      }
      return { line: fields.join(','), rule: 'malformed' };
    case 'invalid_terminal':
      fields[3] = random.int(2) === 0 ? 'Err' : 'None';
      return { line: fields.join(','), rule: 'invalid_terminal' };
    case 'terminal_out_of_range': {
      const first = DEFAULT_RULE_PARAMS.terminalIdMax + 1;
      fields[3] = String(first + random.int(LARGEST_BAD_TERMINAL - first + 1));
      return { line: fields.join(','), rule: 'terminal_out_of_range' };
    }
    case 'invalid_customer':
      fields[2] = '-999999';
      return { line: fields.join(','), rule: 'invalid_customer' };
    case 'non_positive_amount':
      fields[4] = '0.00';
      return { line: fields.join(','), rule: 'non_positive_amount' };
    case 'invalid_datetime': {
      const variants = [
        `${row.date.slice(0, 4)}-13-45 ${hours}:${minutes}:${seconds}`,
        `${row.date} 25:${minutes}:${seconds}`,
        `${row.date} ${hours}:61:${seconds}`,
      ];
      fields[1] = variants[random.int(variants.length)] as string;
      return { line: fields.join(','), rule: 'invalid_datetime' };
    }
    case 'inconsistent_time':
      if (random.int(2) === 0) {
        fields[6] = String(row.day > 0 ? row.day - 1 : row.day + 1);
      } else {
        fields[5] = String(row.day * SECONDS_PER_DAY + row.secondOfDay + 1 + random.int(3600));
      }
      return { line: fields.join(','), rule: 'inconsistent_time' };
    case 'invalid_fraud_label':
      if (random.int(2) === 0) {
        fields[7] = '2';
      } else {
        fields[7] = '1';
        fields[8] = '5';
      }
      return { line: fields.join(','), rule: 'invalid_fraud_label' };
  }
}
