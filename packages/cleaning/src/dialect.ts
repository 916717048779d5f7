/**
 * One class per engine's SQL dialect: every difference between DuckDB and Spark SQL lives in a subclass, and the
 * expression tree (expr.ts) prints the same way through either.
 */
import type { Expr, ParamName, SqlType } from './expr.ts';
import { PATTERNS } from './rules.ts';

export type DialectName = 'duckdb' | 'spark';

/** How a `param` prints when the SQL is a template filled in later (the Spark job): `{{name}}`. */
export function placeholder(name: ParamName): string {
  return `{{${name}}}`;
}

export abstract class Dialect {
  abstract readonly name: DialectName;

  abstract string(value: string): string;
  /** True when the whole of `arg` matches `regex` (printers anchor it). */
  abstract matches(arg: string, regex: string): string;
  /** A cast that is NULL instead of failing. */
  abstract safeCast(arg: string, type: SqlType): string;
  /** `YYYY-MM-DD HH:MM:SS`, already checked for that shape, to a TIMESTAMP; NULL when not a real date/time. */
  abstract parseDatetime(arg: string): string;
  abstract unixSeconds(arg: string): string;
  abstract splitFields(line: string): string;
  abstract element(fields: string, index: number): string;
  abstract size(fields: string): string;
  abstract firstField(line: string): string;
  /** The column type of rule and repair labels. */
  abstract labels(values: readonly string[]): string;

  /** Asks the planner to send `alias`, a small relation, to every task instead of shuffling what it is joined with. */
  broadcast(_alias: string): string {
    return '';
  }

  /** The expression as SQL of this dialect; with `placeholders`, rule parameters print as `{{name}}`. */
  print(expr: Expr, placeholders = false): string {
    const p = (e: Expr): string => this.print(e, placeholders);
    switch (expr.kind) {
      case 'column':
        return expr.name;
      case 'param':
        return placeholders ? placeholder(expr.name) : String(expr.value);
      case 'literal':
        if (expr.value === null) return 'NULL';
        if (typeof expr.value === 'string') return this.string(expr.value);
        if (typeof expr.value === 'boolean') return expr.value ? 'TRUE' : 'FALSE';
        return String(expr.value);
      case 'compare':
      case 'arith':
        return `(${p(expr.left)} ${expr.op} ${p(expr.right)})`;
      case 'logic':
        return `(${expr.args.map(p).join(` ${expr.op} `)})`;
      case 'not':
        return `(NOT ${p(expr.arg)})`;
      case 'isNull':
        return `(${p(expr.arg)} IS NULL)`;
      case 'in':
        return `(${p(expr.arg)} IN (${expr.values.map((v) => (typeof v === 'string' ? this.string(v) : String(v))).join(', ')}))`;
      case 'case':
        return `CASE ${expr.whens.map(([c, v]) => `WHEN ${p(c)} THEN ${p(v)}`).join(' ')}${expr.otherwise ? ` ELSE ${p(expr.otherwise)}` : ''} END`;
      case 'coalesce':
        return `COALESCE(${expr.args.map(p).join(', ')})`;
      case 'startsWith':
        return `(${p(expr.arg)} LIKE ${this.string(`${expr.prefix}%`)})`;
      case 'substring':
        return `substring(${p(expr.arg)}, ${expr.start}, ${expr.length})`;
      case 'concat':
        return `concat(${expr.args.map(p).join(', ')})`;
      case 'matches':
        return this.matches(p(expr.arg), PATTERNS[expr.pattern]);
      case 'safeCast':
        return this.safeCast(p(expr.arg), expr.type);
      case 'parseDatetime':
        return this.parseDatetime(p(expr.arg));
      case 'addDays':
        return `(${p(expr.arg)} + INTERVAL ${expr.days} DAY)`;
      case 'unixSeconds':
        return this.unixSeconds(p(expr.arg));
      case 'floorDiv':
        return `CAST(floor(${p(expr.arg)} / ${expr.divisor}) AS BIGINT)`;
      case 'splitFields':
        return this.splitFields(p(expr.line));
      case 'element':
        return this.element(p(expr.fields), expr.index);
      case 'size':
        return this.size(p(expr.fields));
      case 'firstField':
        return this.firstField(p(expr.line));
      case 'rowNumber':
        return `row_number() OVER (PARTITION BY ${expr.partitionBy.map(p).join(', ')} ORDER BY ${expr.orderBy.map(p).join(', ')})`;
    }
  }
}

export class DuckDbDialect extends Dialect {
  readonly name = 'duckdb';

  string(value: string): string {
    return `'${value.replaceAll("'", "''")}'`;
  }

  matches(arg: string, regex: string): string {
    return `regexp_full_match(${arg}, ${this.string(regex)})`;
  }

  // TRY_CAST rounds '1.5' to 2 and trims spaces: the definition only casts text that matched a pattern.
  safeCast(arg: string, type: SqlType): string {
    return `TRY_CAST(${arg} AS ${type})`;
  }

  // Cheaper than strptime and, like it, NULL for dates that do not exist.
  parseDatetime(arg: string): string {
    return `TRY_CAST(${arg} AS TIMESTAMP)`;
  }

  unixSeconds(arg: string): string {
    return `CAST(epoch(${arg}) AS BIGINT)`;
  }

  splitFields(line: string): string {
    return `string_split(${line}, ',')`;
  }

  element(fields: string, index: number): string {
    return `${fields}[${index}]`;
  }

  size(fields: string): string {
    return `len(${fields})`;
  }

  firstField(line: string): string {
    return `split_part(${line}, ',', 1)`;
  }

  // Enums, not text: one byte a row in a table of the whole file.
  labels(values: readonly string[]): string {
    return `ENUM(${values.map((value) => this.string(value)).join(', ')})`;
  }
}

export class SparkDialect extends Dialect {
  readonly name = 'spark';

  // Spark reads backslash escapes inside string literals (spark.sql.parser.escapedStringLiterals=false).
  string(value: string): string {
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  }

  matches(arg: string, regex: string): string {
    return `(${arg} RLIKE ${this.string(`^(${regex})$`)})`;
  }

  // With spark.sql.ansi.enabled=false a failed CAST is NULL; it truncates '1.5' to 1, hence the patterns first.
  safeCast(arg: string, type: SqlType): string {
    return `CAST(${arg} AS ${type})`;
  }

  // With ANSI off a cast is NULL for 2019-02-30 or 24:00:00, as strict java.time parsing would be, and several
  // times cheaper than to_timestamp.
  parseDatetime(arg: string): string {
    return `CAST(${arg} AS TIMESTAMP)`;
  }

  unixSeconds(arg: string): string {
    return `unix_seconds(${arg})`;
  }

  // A one-character pattern takes Java's split fast path; limit -1 keeps trailing empty fields.
  splitFields(line: string): string {
    return `split(${line}, ',', -1)`;
  }

  // 1-based, and NULL past the end with ANSI off.
  element(fields: string, index: number): string {
    return `element_at(${fields}, ${index})`;
  }

  size(fields: string): string {
    return `size(${fields})`;
  }

  firstField(line: string): string {
    return `substring_index(${line}, ',', 1)`;
  }

  labels(): string {
    return 'STRING';
  }

  // Without it Spark plans a sort-merge join that shuffles every line by its key before it learns how few keys repeat.
  override broadcast(alias: string): string {
    return `/*+ BROADCAST(${alias}) */ `;
  }
}

export const DUCKDB = new DuckDbDialect();
export const SPARK = new SparkDialect();
