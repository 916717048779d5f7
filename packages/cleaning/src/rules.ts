/**
 * The cleaning rules, defined once. Both engines render SQL from this module (render.ts), so a
 * rule changes in one place. Order matters: a rejected row counts under the first rule it breaks.
 */
import { DEFAULT_RULE_PARAMS, FerryError } from '@ferry/types';
import type { RepairId, RuleId, RuleParams } from '@ferry/types';
import {
  addDays,
  and,
  coalesce,
  col,
  concat,
  element,
  eq,
  firstField,
  floorDiv,
  gt,
  isIn,
  isNull,
  le,
  lit,
  lt,
  matches,
  minus,
  ne,
  not,
  or,
  param,
  parseDatetime,
  rowNumber,
  safeCast,
  size,
  splitFields,
  startsWith,
  substring,
  unixSeconds,
  when,
} from './expr.ts';
import type { Expr, PatternName, SqlType } from './expr.ts';

export interface RuleDefinition {
  id: RuleId;
  description: string;
  /** True when the row breaks the rule (evaluated only on non-comment lines). */
  condition: Expr;
}

export interface RepairDefinition {
  id: RepairId;
  description: string;
  /** True when a kept row was repaired. */
  condition: Expr;
}

/** A derived column; it may read the input columns, earlier values and rule flags (`broken(id)`). */
export interface ValueDefinition {
  name: string;
  expr: Expr;
}

export interface OutputColumn {
  name: string;
  type: SqlType;
  expr: Expr;
}

/**
 * Where the fields come from; everything after the fields (values, rules, repairs, output) is shared.
 * - `line`: one row per physical line, (line_number, raw_line), raw_line NULL for an empty line; fields are split
 *   from the line (the Spark job, and the local engine's few lines that are not in canonical form).
 * - `typed`: one row per line in canonical form (CANONICAL_LINE), its nine fields read by a typed CSV reader into
 *   typed_<name> columns (the local engine's fast path for almost every line).
 */
export type FieldSource = 'line' | 'typed';

export interface CleaningDefinition {
  /** Columns of the input relation. */
  input: { source: 'line'; lineNumber: string; rawLine: string } | { source: 'typed'; columns: Array<{ name: string; type: SqlType }> };
  /** Lines that are comments, not rows (evaluated on the input columns). */
  comment: Expr;
  values: ValueDefinition[];
  /**
   * The one rule judged across rows rather than on a row alone: a row repeats the `key` of an earlier line, among the
   * rows no rule in `outrankedBy` (the rules ranking above it) rejects. `occurrence` is a row's rank among the rows of
   * its key, in line order, so the rule's condition is occurrence > 1. `candidateKey` is a cheap key of the raw line,
   * equal for any two rows of one key (and maybe for others): rows whose candidate key occurs once have occurrence 1
   * without a window, so only the few candidates are ranked.
   */
  repeat: { rule: RuleId; key: string; outrankedBy: RuleId[]; occurrence: ValueDefinition; candidateKey: Expr };
  rules: RuleDefinition[];
  repairs: RepairDefinition[];
  /** The typed projection of kept rows, in file-format order, then the partition column. */
  output: OutputColumn[];
  partitionColumn: string;
}

/**
 * Regular expressions behind `matches` (printers anchor them at both ends). Character classes only,
 * so no dialect reads a backslash.
 */
const INTEGER = '-?[0-9]{1,18}'; // 18 digits always fit a BIGINT, so a matching value never overflows on the cast
const DECIMAL = '-?[0-9]{1,10}([.][0-9]{1,2})?'; // DECIMAL(12,2): at most 10 integer digits, one or two decimals
// The shape only; whether it is a real calendar date/time is up to parseDatetime (hour 24 is the repair's case).
// Years start at 1000: DuckDB accepts year 0000 where Spark does not, and the data is 2019-2022.
const DATETIME = '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-4]):[0-5][0-9]:[0-5][0-9]';
export const PATTERNS: Record<PatternName, string> = {
  integer: INTEGER,
  decimal: DECIMAL,
  datetime: DATETIME,
  // A whole line whose every field has its expected shape: one match instead of nine for almost every line.
  wellShapedLine: [INTEGER, DATETIME, INTEGER, INTEGER, DECIMAL, INTEGER, INTEGER, INTEGER, INTEGER].join(','),
};

/** Source columns in file order (the header's `tranaction_id` typo is not carried over). */
export const SOURCE_COLUMNS = [
  'transaction_id',
  'tx_datetime',
  'customer_id',
  'terminal_id',
  'tx_amount',
  'tx_time_seconds',
  'tx_time_days',
  'tx_fraud',
  'tx_fraud_scenario',
] as const;

const SECONDS_PER_DAY = 86_400;

/** The name of the column holding "this row breaks rule `id`". */
export const brokenColumn = (id: RuleId): string => `breaks_${id}`;
const broken = (id: RuleId): Expr => col(brokenColumn(id));

type SourceColumn = (typeof SOURCE_COLUMNS)[number];

const raw = (name: SourceColumn): Expr => col(`raw_${name}`);

/**
 * The value of a field cast to `type`, or NULL when its text does not have the `pattern` shape.
 * A line whose every field has its shape (`well_shaped`, true for almost every line) skips the per-field patterns.
 */
const parsed = (name: SourceColumn, pattern: PatternName, type: SqlType): Expr =>
  when([
    [col('well_shaped'), safeCast(raw(name), type)],
    [matches(raw(name), pattern), safeCast(raw(name), type)],
  ]);

/** Fields with their pattern and type, in the order the rules read them. */
const NUMBER_FIELDS: Array<[SourceColumn, PatternName, SqlType]> = [
  ['transaction_id', 'integer', 'BIGINT'],
  ['customer_id', 'integer', 'BIGINT'],
  ['terminal_id', 'integer', 'BIGINT'],
  ['tx_amount', 'decimal', 'DECIMAL(12,2)'],
  ['tx_time_seconds', 'integer', 'BIGINT'],
  ['tx_time_days', 'integer', 'BIGINT'],
  ['tx_fraud', 'integer', 'BIGINT'],
  ['tx_fraud_scenario', 'integer', 'BIGINT'],
];

/**
 * A line in canonical form: nine fields, each exactly as DuckDB prints the value it reads as (integers without
 * leading zeros or `-0`, amounts with two decimals and no sign, datetimes of hours 00-23). A typed CSV reader
 * reads such a line to exactly the values the rules would parse from its text (or rejects it, for a day that does
 * not exist), and printing those values back gives the line again. JavaScript's RegExp (the engine's scan) and
 * RE2 (DuckDB's check of the reader's rejects) read it alike.
 */
const CANONICAL_INTEGER = '(?:0|-?[1-9][0-9]{0,17})';
const CANONICAL_AMOUNT = '(?:0|[1-9][0-9]{0,9})[.][0-9]{2}';
const CANONICAL_DATETIME = '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2} (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]';
export const CANONICAL_LINE = [
  CANONICAL_INTEGER,
  CANONICAL_DATETIME,
  CANONICAL_INTEGER,
  CANONICAL_INTEGER,
  CANONICAL_AMOUNT,
  CANONICAL_INTEGER,
  CANONICAL_INTEGER,
  CANONICAL_INTEGER,
  CANONICAL_INTEGER,
].join(',');

/** How a source provides field_count, each field's value (NULL when not of its type) and the datetime. */
interface SourceFields {
  values: ValueDefinition[];
  number: (name: SourceColumn, pattern: PatternName, type: SqlType) => Expr;
  /** True for `YYYY-MM-DD 24:00:00`, the repair's case (`is_midnight_24h`). */
  midnight: Expr;
  /** The datetime, repaired when `is_midnight_24h`; NULL when not a real date/time. */
  datetime: Expr;
}

/** The `line` source: fields split from the line, one regular expression over the whole line as the common case. */
function lineFields(): SourceFields {
  const line = col('line');
  const dt = raw('tx_datetime');
  return {
    values: [
      // An empty line reads as NULL in some readers; it is a (malformed) row with an empty text.
      { name: 'line', expr: coalesce(col('raw_line'), lit('')) },
      // Split once: the count and every field read the same array.
      { name: 'fields', expr: splitFields(line) },
      { name: 'field_count', expr: size(col('fields')) },
      ...SOURCE_COLUMNS.map((name, i) => ({ name: `raw_${name}`, expr: element(col('fields'), i + 1) })),
      { name: 'well_shaped', expr: matches(line, 'wellShapedLine') },
      { name: 'datetime_shaped', expr: when([[col('well_shaped'), lit(true)]], matches(dt, 'datetime')) },
    ],
    number: parsed,
    midnight: and(col('datetime_shaped'), eq(substring(dt, 12, 8), lit('24:00:00'))),
    datetime: when([
      [col('is_midnight_24h'), addDays(parseDatetime(concat(substring(dt, 1, 10), lit(' 00:00:00'))), 1)],
      [col('datetime_shaped'), parseDatetime(dt)],
    ]),
  };
}

/** The `typed` source: canonical lines, already read as their values (never the repair's case). */
function typedFields(): SourceFields {
  return {
    values: [{ name: 'field_count', expr: lit(SOURCE_COLUMNS.length) }],
    number: (name) => col(`typed_${name}`),
    midnight: lit(false),
    datetime: col('typed_tx_datetime'),
  };
}

/** The type of each field in the output. */
export const OUTPUT_TYPES: Record<SourceColumn, SqlType> = {
  transaction_id: 'BIGINT',
  tx_datetime: 'TIMESTAMP',
  customer_id: 'BIGINT',
  terminal_id: 'INTEGER',
  tx_amount: 'DECIMAL(12,2)',
  tx_time_seconds: 'BIGINT',
  tx_time_days: 'INTEGER',
  tx_fraud: 'SMALLINT',
  tx_fraud_scenario: 'SMALLINT',
};

/**
 * The columns the typed reader reads a canonical line into, in file order: each field as its output type, so rows
 * stay narrow. A value too large for it (a terminal_id of 18 digits) makes the reader reject the line, which is
 * then judged from its text like any line the reader rejects.
 */
const TYPED_COLUMNS = SOURCE_COLUMNS.map((name) => ({ name: `typed_${name}`, type: OUTPUT_TYPES[name] }));

export function cleaningDefinition(params: RuleParams = DEFAULT_RULE_PARAMS, source: FieldSource = 'line'): CleaningDefinition {
  const epochSeconds = epochToUnixSeconds(params.epoch);
  if (!Number.isInteger(params.terminalIdMax) || params.terminalIdMax < 0) {
    throw new FerryError(`terminalIdMax must be a non-negative integer, got ${params.terminalIdMax}`);
  }
  const fields = source === 'line' ? lineFields() : typedFields();

  const values: ValueDefinition[] = [
    ...fields.values,
    ...NUMBER_FIELDS.map(([name, pattern, type]) => ({ name, expr: fields.number(name, pattern, type) })),
    { name: 'is_midnight_24h', expr: fields.midnight },
    { name: 'tx_datetime', expr: fields.datetime },
    { name: 'days_from_seconds', expr: floorDiv(col('tx_time_seconds'), SECONDS_PER_DAY) },
    {
      name: 'tx_time_days_repaired',
      expr: when(
        [[and(col('is_midnight_24h'), eq(col('tx_time_days'), minus(col('days_from_seconds'), 1))), col('days_from_seconds')]],
        col('tx_time_days'),
      ),
    },
  ];

  const rules: RuleDefinition[] = [
    {
      id: 'malformed',
      description: 'not exactly 9 comma-separated fields, or a field other than terminal_id/tx_datetime is not a number of its type',
      condition: or(
        ne(col('field_count'), 9),
        ...(['transaction_id', 'customer_id', 'tx_amount', 'tx_time_seconds', 'tx_time_days', 'tx_fraud', 'tx_fraud_scenario'] as const).map((name) =>
          isNull(col(name)),
        ),
      ),
    },
    { id: 'duplicate', description: 'transaction_id already seen on an earlier line of the same file', condition: gt(col(REPEAT_OCCURRENCE), 1) },
    { id: 'invalid_terminal', description: 'terminal_id is not an integer (Err, None, empty)', condition: isNull(col('terminal_id')) },
    {
      id: 'terminal_out_of_range',
      description: `terminal_id outside [0, ${params.terminalIdMax}]`,
      condition: or(lt(col('terminal_id'), 0), gt(col('terminal_id'), param('terminal_id_max', params.terminalIdMax))),
    },
    { id: 'invalid_customer', description: 'customer_id < 0', condition: lt(col('customer_id'), 0) },
    { id: 'non_positive_amount', description: 'tx_amount <= 0', condition: le(col('tx_amount'), 0) },
    {
      id: 'invalid_datetime',
      description: 'tx_datetime is not a real YYYY-MM-DD HH:MM:SS date/time (YYYY-MM-DD 24:00:00 is repaired, not rejected)',
      condition: isNull(col('tx_datetime')),
    },
    {
      id: 'inconsistent_time',
      description: `tx_time_seconds is not tx_datetime - ${params.epoch}, or tx_time_days is not floor(tx_time_seconds / 86400)`,
      condition: or(
        ne(col('tx_time_seconds'), minus(unixSeconds(col('tx_datetime')), param('epoch_seconds', epochSeconds))),
        ne(col('tx_time_days_repaired'), col('days_from_seconds')),
      ),
    },
    {
      id: 'invalid_fraud_label',
      description: 'tx_fraud not 0/1, tx_fraud_scenario not 0-3, or label and scenario disagree',
      condition: or(
        not(isIn(col('tx_fraud'), [0, 1])),
        not(isIn(col('tx_fraud_scenario'), [0, 1, 2, 3])),
        and(eq(col('tx_fraud'), 0), ne(col('tx_fraud_scenario'), 0)),
        and(eq(col('tx_fraud'), 1), eq(col('tx_fraud_scenario'), 0)),
      ),
    },
  ];

  const repairs: RepairDefinition[] = [
    {
      id: 'midnight_24h',
      description: 'YYYY-MM-DD 24:00:00 read as the next day 00:00:00; tx_time_days moved to that day when it named the previous one',
      condition: col('is_midnight_24h'),
    },
  ];

  const output: OutputColumn[] = [
    ...SOURCE_COLUMNS.map((name) => ({ name, type: OUTPUT_TYPES[name], expr: col(name === 'tx_time_days' ? 'tx_time_days_repaired' : name) })),
    { name: 'tx_date', type: 'DATE', expr: safeCast(col('tx_datetime'), 'DATE') },
  ];

  return {
    input: source === 'line' ? { source, lineNumber: 'line_number', rawLine: 'raw_line' } : { source, columns: TYPED_COLUMNS },
    // A comment is never in canonical form, so the typed source has none.
    comment: source === 'line' ? startsWith(coalesce(col('raw_line'), lit('')), '#') : lit(false),
    values,
    repeat: repeatOf(rules, 'duplicate', 'transaction_id'),
    rules,
    repairs,
    output,
    partitionColumn: 'tx_date',
  };
}

const REPEAT_OCCURRENCE = 'id_occurrence';

/** The across-rows rule `id` over `key`: the rules before it in `rules` outrank it; the earliest line of a key is kept. */
function repeatOf(rules: RuleDefinition[], id: RuleId, key: string): CleaningDefinition['repeat'] {
  const outrankedBy = rules
    .slice(
      0,
      rules.findIndex((rule) => rule.id === id),
    )
    .map((rule) => rule.id);
  return {
    rule: id,
    key,
    outrankedBy,
    occurrence: { name: REPEAT_OCCURRENCE, expr: rowNumber([...outrankedBy.map(broken), col(key)], [col('line_number')]) },
    // Where transaction_id parses, this cast gives the same number, so rows of one id always share the key.
    candidateKey: safeCast(firstField(coalesce(col('raw_line'), lit(''))), 'BIGINT'),
  };
}

function epochToUnixSeconds(epoch: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(epoch);
  const ms = match ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!) : NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19).replace('T', ' ') !== epoch) {
    throw new FerryError(`epoch must be a real date/time "YYYY-MM-DD HH:MM:SS", got "${epoch}"`);
  }
  return ms / 1000;
}
