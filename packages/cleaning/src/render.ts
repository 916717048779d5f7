/**
 * Renders the cleaning definition (rules.ts) as SQL: the Spark job's query over lines (renderCleaningQuery, printable
 * for either dialect) and the local engine's classification of typed rows or of lines (renderDuckDbClassification).
 * Every dialect difference lives in the two printers below.
 */
import { DEFAULT_RULE_PARAMS, REPAIR_IDS, RULE_IDS } from '@ferry/types';
import type { RuleParams } from '@ferry/types';
import { columnsOf } from './expr.ts';
import type { Expr, ParamName, SqlType } from './expr.ts';
import { PATTERNS, cleaningDefinition } from './rules.ts';
import type { FieldSource } from './rules.ts';

export type DialectName = 'duckdb' | 'spark';

interface Dialect {
  string(value: string): string;
  matches(arg: string, regex: string): string;
  safeCast(arg: string, type: SqlType): string;
  parseDatetime(arg: string): string;
  unixSeconds(arg: string): string;
  splitFields(line: string): string;
  element(fields: string, index: number): string;
  size(fields: string): string;
  firstField(line: string): string;
  /** Asks the planner to send `alias`, a small relation, to every task instead of shuffling the rows it is joined with. */
  broadcast(alias: string): string;
}

const DUCKDB: Dialect = {
  string: (value) => `'${value.replaceAll("'", "''")}'`,
  matches: (arg, regex) => `regexp_full_match(${arg}, ${DUCKDB.string(regex)})`,
  // DuckDB's TRY_CAST rounds '1.5' to 2 and trims spaces: callers only cast text that matched a pattern.
  safeCast: (arg, type) => `TRY_CAST(${arg} AS ${type})`,
  // The definition checks the YYYY-MM-DD HH:MM:SS shape (and handles 24:00:00) before parsing, so a cast does:
  // it is cheaper than strptime and, like it, NULL for dates that do not exist.
  parseDatetime: (arg) => `TRY_CAST(${arg} AS TIMESTAMP)`,
  unixSeconds: (arg) => `CAST(epoch(${arg}) AS BIGINT)`,
  splitFields: (line) => `string_split(${line}, ',')`,
  element: (fields, index) => `${fields}[${index}]`,
  size: (fields) => `len(${fields})`,
  firstField: (line) => `split_part(${line}, ',', 1)`,
  broadcast: () => '',
};

const SPARK: Dialect = {
  // Spark reads backslash escapes inside string literals (spark.sql.parser.escapedStringLiterals=false).
  string: (value) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  matches: (arg, regex) => `(${arg} RLIKE ${SPARK.string(`^(${regex})$`)})`,
  // With spark.sql.ansi.enabled=false a failed CAST is NULL; it truncates '1.5' to 1, hence the patterns first.
  safeCast: (arg, type) => `CAST(${arg} AS ${type})`,
  // The definition checks the YYYY-MM-DD HH:MM:SS shape before parsing, so a cast does: with ANSI off it is NULL for
  // 2019-02-30 or 24:00:00, as strict java.time parsing would be, and several times cheaper than to_timestamp.
  parseDatetime: (arg) => `CAST(${arg} AS TIMESTAMP)`,
  unixSeconds: (arg) => `unix_seconds(${arg})`,
  // split() keeps trailing empty fields (limit -1); element_at is 1-based and NULL past the end with ANSI off.
  // A one-character pattern takes Java's split fast path; limit -1 keeps trailing empty fields.
  splitFields: (line) => `split(${line}, ',', -1)`,
  // 1-based, and NULL past the end with ANSI off.
  element: (fields, index) => `element_at(${fields}, ${index})`,
  size: (fields) => `size(${fields})`,
  firstField: (line) => `substring_index(${line}, ',', 1)`,
  // Without it Spark plans a sort-merge join that shuffles every line by its key before it learns how few keys repeat.
  broadcast: (alias) => `/*+ BROADCAST(${alias}) */ `,
};

const DIALECTS: Record<DialectName, Dialect> = { duckdb: DUCKDB, spark: SPARK };

/** How a `param` prints: `{{name}}` when the SQL is a template filled in later (the Spark job). */
export function placeholder(name: ParamName): string {
  return `{{${name}}}`;
}

export function printExpr(expr: Expr, dialectName: DialectName, placeholders = false): string {
  const d = DIALECTS[dialectName];
  const p = (e: Expr): string => printExpr(e, dialectName, placeholders);
  switch (expr.kind) {
    case 'column':
      return expr.name;
    case 'param':
      return placeholders ? placeholder(expr.name) : String(expr.value);
    case 'literal':
      if (expr.value === null) return 'NULL';
      if (typeof expr.value === 'string') return d.string(expr.value);
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
      return `(${p(expr.arg)} IN (${expr.values.map((v) => (typeof v === 'string' ? d.string(v) : String(v))).join(', ')}))`;
    case 'case':
      return `CASE ${expr.whens.map(([c, v]) => `WHEN ${p(c)} THEN ${p(v)}`).join(' ')}${expr.otherwise ? ` ELSE ${p(expr.otherwise)}` : ''} END`;
    case 'coalesce':
      return `COALESCE(${expr.args.map(p).join(', ')})`;
    case 'startsWith':
      return `(${p(expr.arg)} LIKE ${d.string(`${expr.prefix}%`)})`;
    case 'substring':
      return `substring(${p(expr.arg)}, ${expr.start}, ${expr.length})`;
    case 'concat':
      return `concat(${expr.args.map(p).join(', ')})`;
    case 'matches':
      return d.matches(p(expr.arg), PATTERNS[expr.pattern]);
    case 'safeCast':
      return d.safeCast(p(expr.arg), expr.type);
    case 'parseDatetime':
      return d.parseDatetime(p(expr.arg));
    case 'addDays':
      return `(${p(expr.arg)} + INTERVAL ${expr.days} DAY)`;
    case 'unixSeconds':
      return d.unixSeconds(p(expr.arg));
    case 'floorDiv':
      return `CAST(floor(${p(expr.arg)} / ${expr.divisor}) AS BIGINT)`;
    case 'splitFields':
      return d.splitFields(p(expr.line));
    case 'element':
      return d.element(p(expr.fields), expr.index);
    case 'size':
      return d.size(p(expr.fields));
    case 'firstField':
      return d.firstField(p(expr.line));
    case 'rowNumber':
      return `row_number() OVER (PARTITION BY ${expr.partitionBy.map(p).join(', ')} ORDER BY ${expr.orderBy.map(p).join(', ')})`;
  }
}

export interface CleaningQueryOptions {
  /** Relation with one row per physical line: (line_number BIGINT, raw_line VARCHAR), 1-based, header included. */
  input: string;
  params?: RuleParams;
  /** Print rule parameters as `{{name}}` placeholders instead of values. */
  placeholders?: boolean;
}

/**
 * The classified rows of one source file from the `line` source (the Spark job's query; comment lines excluded), one per line:
 * line_number, raw_line (the line as read, only on rejected rows), rule (first rule broken, NULL when kept),
 * repair (on kept rows), then the typed output columns ending with the partition column tx_date.
 */
export function renderCleaningQuery(dialect: DialectName, options: CleaningQueryOptions): string {
  const definition = cleaningDefinition(options.params ?? DEFAULT_RULE_PARAMS, 'line');
  if (definition.input.source !== 'line') throw new Error('the line query needs the line source');
  const p = (e: Expr): string => printExpr(e, dialect, options.placeholders);
  const { lineNumber, rawLine } = definition.input;
  const base = new Set([lineNumber, rawLine]);
  const flags = definition.rules.map((rule) => ({ name: `breaks_${rule.id}`, expr: rule.condition }));
  const { occurrence, candidateKey, value: occurrenceValue } = definition.dedupe;
  const cte = (name: string, body: string): string => `${name} AS (\n${body}\n)`;
  const broadcast = DIALECTS[dialect].broadcast('r');

  // The layers of derived columns over one branch of the rows; both branches end with the same columns.
  const columnNames = [lineNumber, rawLine, ...definition.values.map((v) => v.name), occurrence, ...flags.map((f) => f.name)];
  const branch = (name: string, occurrenceExpr: Expr): string[] => {
    const layers = layerByDependency([...definition.values, { name: occurrence, expr: occurrenceExpr }, ...flags], base);
    return layers.map((layer, i) =>
      cte(
        `${name}_${i + 1}`,
        `  SELECT *,\n${layer.map((item) => `    ${p(item.expr)} AS ${item.name}`).join(',\n')}\n  FROM ${i === 0 ? `${name}_rows` : `${name}_${i}`}`,
      ),
    ).concat(cte(name, `  SELECT ${columnNames.join(', ')} FROM ${name}_${layers.length}`));
  };

  const ctes = [
    cte('source_rows', `  SELECT ${lineNumber}, ${rawLine}, ${p(candidateKey)} AS candidate_key\n  FROM ${options.input} WHERE NOT ${p(definition.comment)}`),
    cte('repeated_keys', '  SELECT candidate_key AS repeated_key FROM source_rows WHERE candidate_key IS NOT NULL\n  GROUP BY candidate_key HAVING count(*) > 1'),
    // Rows whose key occurs once are first occurrences by construction: no window over the whole file.
    cte('single_rows', `  SELECT ${broadcast}s.${lineNumber}, s.${rawLine} FROM source_rows s LEFT JOIN repeated_keys r ON s.candidate_key = r.repeated_key\n  WHERE r.repeated_key IS NULL`),
    cte('repeated_rows', `  SELECT ${broadcast}s.${lineNumber}, s.${rawLine} FROM source_rows s JOIN repeated_keys r ON s.candidate_key = r.repeated_key`),
    ...branch('single', { kind: 'literal', value: 1 }),
    ...branch('repeated', occurrenceValue),
  ];
  const ruleCase = `CASE\n${definition.rules.map((rule) => `      WHEN breaks_${rule.id} THEN ${p({ kind: 'literal', value: rule.id })}`).join('\n')}\n    END`;
  ctes.push(
    cte('classified', `  SELECT *,\n    ${ruleCase} AS rule\n  FROM (SELECT * FROM single UNION ALL SELECT * FROM repeated) AS both_branches`),
  );
  const repairCase = `CASE${definition.repairs.map((repair) => ` WHEN rule IS NULL AND ${p(repair.condition)} THEN ${p({ kind: 'literal', value: repair.id })}`).join('')} END`;
  const columns = [
    lineNumber,
    `CASE WHEN rule IS NOT NULL THEN line END AS ${rawLine}`,
    `rule`,
    `${repairCase} AS repair`,
    ...definition.output.map((column) => `${p({ kind: 'safeCast', arg: column.expr, type: column.type })} AS ${column.name}`),
  ];
  return `WITH\n${ctes.join(',\n')}\nSELECT\n  ${columns.join(',\n  ')}\nFROM classified`;
}

/** The `rule` of a comment line in the local engine's classification (comment lines are not rows). */
export const COMMENT_LINE = 'comment';

/** The `rule` the local engine gives a typed row whose line is not canonical: that line is judged from its text. */
export const READ_AS_TEXT = 'read_as_text';

/**
 * The local engine's classification, one row per row of `input` (a relation with the columns of `source`), without
 * judging duplicates (that needs the whole file, see duckdb.ts). Columns: the input columns named in `keep`, rule
 * (COMMENT_LINE, or the first rule broken with `duplicate` not judged), repair (if the row ends up kept), then the
 * output values but the partition column, as their output types. A rejected row of the `typed` source has no text
 * but these values, which print back to it: it was read as those types.
 */
export function renderDuckDbClassification(options: { source: FieldSource; input: string; keep?: string[]; params?: RuleParams }): string {
  const definition = cleaningDefinition(options.params ?? DEFAULT_RULE_PARAMS, options.source);
  const p = (e: Expr): string => printExpr(e, 'duckdb');
  const s = (value: string): string => p({ kind: 'literal', value });
  const judged = definition.rules.filter((rule) => rule.id !== 'duplicate');
  const flags = judged.map((rule) => ({ name: `breaks_${rule.id}`, expr: rule.condition }));
  const input = definition.input;
  const base = new Set(input.source === 'line' ? [input.lineNumber, input.rawLine] : input.columns.map((column) => column.name));
  const from = layerByDependency([...definition.values, ...flags], base).reduce(
    (relation, layer) => `(\n  SELECT *,\n${layer.map((item) => `    ${p(item.expr)} AS ${item.name}`).join(',\n')}\n  FROM ${relation}\n)`,
    options.input,
  );
  const rule = `CASE\n      WHEN ${p(definition.comment)} THEN ${s(COMMENT_LINE)}\n${judged.map((r) => `      WHEN breaks_${r.id} THEN ${s(r.id)}`).join('\n')}\n    END`;
  // Enums, not text: one byte a row in a table of the whole file.
  const enumOf = (values: readonly string[]): string => `ENUM(${values.map(s).join(', ')})`;
  const columns = [
    ...(options.keep ?? []),
    `CAST(rule AS ${enumOf([COMMENT_LINE, READ_AS_TEXT, ...RULE_IDS])}) AS rule`,
    `CAST(CASE${definition.repairs.map((repair) => ` WHEN ${p(repair.condition)} THEN ${s(repair.id)}`).join('')} END AS ${enumOf(REPAIR_IDS)}) AS repair`,
    ...definition.output
      .filter((column) => column.name !== definition.partitionColumn)
      .map((column) => `${p({ kind: 'safeCast', arg: column.expr, type: column.type })} AS ${column.name}`),
  ];
  return `SELECT\n  ${columns.join(',\n  ')}\nFROM (SELECT *, ${rule} AS rule FROM ${from}) AS classified`;
}

/**
 * The local engine's select list over rows of the output columns but the partition column: `*`, with each TIMESTAMP
 * stored as Spark 3.3 stores it, a UTC instant (parquet isAdjustedToUTC = true), then the partition column computed
 * from the row as it was. DuckDB writes that only for TIMESTAMPTZ; a cast goes through ICU (1.1 s per 10 M rows), while
 * to_timestamp of the epoch is 7x cheaper and exact for the whole seconds the rules produce.
 */
export function renderDuckDbStoredColumns(params: RuleParams = DEFAULT_RULE_PARAMS): string {
  const definition = cleaningDefinition(params);
  const partition = definition.output.find((column) => column.name === definition.partitionColumn);
  if (!partition) throw new Error('the cleaning definition has no partition column');
  const timestamps = definition.output.filter((column) => column.type === 'TIMESTAMP' && column !== partition);
  const star = timestamps.length > 0 ? `* REPLACE (${timestamps.map((column) => `to_timestamp(epoch(${column.name})) AS ${column.name}`).join(', ')})` : '*';
  return `${star}, ${printExpr({ kind: 'safeCast', arg: partition.expr, type: partition.type }, 'duckdb')} AS ${partition.name}`;
}

/** Number of comment lines in the input relation. */
export function renderCommentCountQuery(dialect: DialectName, input: string): string {
  return `SELECT count(*) AS comment_lines FROM ${input} WHERE ${printExpr(cleaningDefinition().comment, dialect)}`;
}

/**
 * One row of counts over a classified relation: rows_read, rows_written, rejected_<rule>…, repaired_<repair>….
 * `rows` is how many rows each row of the relation stands for (a column of counts, when the relation is grouped).
 */
export function renderQualityQuery(dialect: DialectName, classified: string, rows = '1'): string {
  const s = (value: string): string => printExpr({ kind: 'literal', value }, dialect);
  const counts = [
    `COALESCE(sum(${rows}), 0) AS rows_read`,
    `COALESCE(sum(CASE WHEN rule IS NULL THEN ${rows} ELSE 0 END), 0) AS rows_written`,
    ...RULE_IDS.map((id) => `COALESCE(sum(CASE WHEN rule = ${s(id)} THEN ${rows} ELSE 0 END), 0) AS rejected_${id}`),
    ...REPAIR_IDS.map((id) => `COALESCE(sum(CASE WHEN repair = ${s(id)} THEN ${rows} ELSE 0 END), 0) AS repaired_${id}`),
  ];
  return `SELECT\n  ${counts.join(',\n  ')}\nFROM ${classified}`;
}

/** Groups derived columns into SELECT layers so each one only reads columns of earlier layers. */
function layerByDependency<T extends { name: string; expr: Expr }>(items: T[], base: Set<string>): T[][] {
  const byName = new Map(items.map((item) => [item.name, item]));
  const depth = new Map<string, number>();
  const depthOf = (name: string, path: string[]): number => {
    if (base.has(name)) return 0;
    const known = depth.get(name);
    if (known !== undefined) return known;
    const item = byName.get(name);
    if (!item) throw new Error(`cleaning definition reads an unknown column "${name}" (via ${path.join(' <- ')})`);
    if (path.includes(name)) throw new Error(`cleaning definition has a cycle: ${[...path, name].join(' <- ')}`);
    const own = 1 + Math.max(0, ...[...columnsOf(item.expr)].map((dep) => depthOf(dep, [...path, name])));
    depth.set(name, own);
    return own;
  };
  const layers: T[][] = [];
  for (const item of items) {
    const d = depthOf(item.name, []);
    (layers[d - 1] ??= []).push(item);
  }
  // No gaps: an item at depth d always reads one at depth d - 1.
  return layers;
}
