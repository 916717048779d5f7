/**
 * A tiny SQL expression tree: just enough to state the cleaning rules once and print them for
 * DuckDB and Spark SQL (see dialect.ts). Nothing here knows about a dialect.
 */

export type SqlType = 'BIGINT' | 'INTEGER' | 'SMALLINT' | 'DECIMAL(12,2)' | 'TIMESTAMP' | 'DATE';

/** The rule parameters the SQL reads (see `param`). */
export type ParamName = 'terminal_id_max' | 'epoch_seconds';

/** Named regular expressions, written without backslashes so both dialects read the literal the same way. */
export type PatternName = 'integer' | 'decimal' | 'datetime' | 'wellShapedLine';

export type Expr =
  | { kind: 'column'; name: string }
  | { kind: 'literal'; value: string | number | boolean | null }
  /** A rule parameter: printed as its value, or as a named placeholder the Spark job fills in from its CLI. */
  | { kind: 'param'; name: ParamName; value: number }
  | { kind: 'compare'; op: '=' | '<>' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { kind: 'arith'; op: '+' | '-'; left: Expr; right: Expr }
  | { kind: 'logic'; op: 'AND' | 'OR'; args: Expr[] }
  | { kind: 'not'; arg: Expr }
  | { kind: 'isNull'; arg: Expr }
  | { kind: 'in'; arg: Expr; values: Array<string | number> }
  | { kind: 'case'; whens: Array<[Expr, Expr]>; otherwise: Expr | null }
  | { kind: 'coalesce'; args: Expr[] }
  | { kind: 'startsWith'; arg: Expr; prefix: string }
  | { kind: 'substring'; arg: Expr; start: number; length: number }
  | { kind: 'concat'; args: Expr[] }
  | { kind: 'matches'; arg: Expr; pattern: PatternName }
  /** Cast that yields NULL instead of failing; callers validate with `matches` first (see rules.ts). */
  | { kind: 'safeCast'; arg: Expr; type: SqlType }
  /** Strict `YYYY-MM-DD HH:MM:SS` parse of a string into a TIMESTAMP; NULL when not a real date/time. */
  | { kind: 'parseDatetime'; arg: Expr }
  | { kind: 'addDays'; arg: Expr; days: number }
  /** Whole seconds from 1970-01-01 00:00:00 (no time zone) to a TIMESTAMP. */
  | { kind: 'unixSeconds'; arg: Expr }
  /** floor(arg / divisor) as BIGINT. */
  | { kind: 'floorDiv'; arg: Expr; divisor: number }
  /** The comma-separated fields of a line, as an array (trailing empty fields kept). */
  | { kind: 'splitFields'; line: Expr }
  /** The 1-based `index`-th element of an array of fields; NULL past its end. */
  | { kind: 'element'; fields: Expr; index: number }
  | { kind: 'size'; fields: Expr }
  /** The text before a line's first comma (the whole line when it has none), without splitting the rest. */
  | { kind: 'firstField'; line: Expr }
  | { kind: 'rowNumber'; partitionBy: Expr[]; orderBy: Expr[] };

export const col = (name: string): Expr => ({ kind: 'column', name });
export const lit = (value: string | number | boolean | null): Expr => ({ kind: 'literal', value });
export const param = (name: ParamName, value: number): Expr => ({ kind: 'param', name, value });
const compare =
  (op: '=' | '<>' | '<' | '<=' | '>' | '>=') =>
  (left: Expr, right: Expr | number): Expr => ({ kind: 'compare', op, left, right: asExpr(right) });
export const eq = compare('=');
export const ne = compare('<>');
export const lt = compare('<');
export const le = compare('<=');
export const gt = compare('>');
export const minus = (left: Expr, right: Expr | number): Expr => ({ kind: 'arith', op: '-', left, right: asExpr(right) });
export const and = (...args: Expr[]): Expr => ({ kind: 'logic', op: 'AND', args });
export const or = (...args: Expr[]): Expr => ({ kind: 'logic', op: 'OR', args });
export const not = (arg: Expr): Expr => ({ kind: 'not', arg });
export const isNull = (arg: Expr): Expr => ({ kind: 'isNull', arg });
export const isIn = (arg: Expr, values: Array<string | number>): Expr => ({ kind: 'in', arg, values });
export const when = (whens: Array<[Expr, Expr]>, otherwise: Expr | null = null): Expr => ({ kind: 'case', whens, otherwise });
export const coalesce = (...args: Expr[]): Expr => ({ kind: 'coalesce', args });
export const startsWith = (arg: Expr, prefix: string): Expr => ({ kind: 'startsWith', arg, prefix });
export const substring = (arg: Expr, start: number, length: number): Expr => ({ kind: 'substring', arg, start, length });
export const concat = (...args: Expr[]): Expr => ({ kind: 'concat', args });
export const matches = (arg: Expr, pattern: PatternName): Expr => ({ kind: 'matches', arg, pattern });
export const safeCast = (arg: Expr, type: SqlType): Expr => ({ kind: 'safeCast', arg, type });
export const parseDatetime = (arg: Expr): Expr => ({ kind: 'parseDatetime', arg });
export const addDays = (arg: Expr, days: number): Expr => ({ kind: 'addDays', arg, days });
export const unixSeconds = (arg: Expr): Expr => ({ kind: 'unixSeconds', arg });
export const floorDiv = (arg: Expr, divisor: number): Expr => ({ kind: 'floorDiv', arg, divisor });
export const splitFields = (line: Expr): Expr => ({ kind: 'splitFields', line });
export const element = (fields: Expr, index: number): Expr => ({ kind: 'element', fields, index });
export const size = (fields: Expr): Expr => ({ kind: 'size', fields });
export const firstField = (line: Expr): Expr => ({ kind: 'firstField', line });
export const rowNumber = (partitionBy: Expr[], orderBy: Expr[]): Expr => ({ kind: 'rowNumber', partitionBy, orderBy });

function asExpr(value: Expr | number): Expr {
  return typeof value === 'number' ? lit(value) : value;
}

/** Names of the columns an expression reads. */
export function columnsOf(expr: Expr): Set<string> {
  const found = new Set<string>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'column':
        found.add(e.name);
        return;
      case 'literal':
      case 'param':
        return;
      case 'compare':
      case 'arith':
        visit(e.left);
        visit(e.right);
        return;
      case 'logic':
      case 'coalesce':
      case 'concat':
        e.args.forEach(visit);
        return;
      case 'case':
        for (const [condition, value] of e.whens) {
          visit(condition);
          visit(value);
        }
        if (e.otherwise) visit(e.otherwise);
        return;
      case 'splitFields':
      case 'firstField':
        visit(e.line);
        return;
      case 'element':
      case 'size':
        visit(e.fields);
        return;
      case 'rowNumber':
        e.partitionBy.forEach(visit);
        e.orderBy.forEach(visit);
        return;
      default:
        visit(e.arg);
    }
  };
  visit(expr);
  return found;
}
