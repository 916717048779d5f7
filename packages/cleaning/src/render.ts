/**
 * Renders the cleaning definition (rules.ts) as SQL through a dialect (dialect.ts): the Spark job's query over lines
 * (renderCleaningQuery) and the local engine's classification of typed rows or of lines (renderDuckDbClassification),
 * plus what both need around them: which rows are judged for repeats, the counts, and how DuckDB stores its rows.
 */
import { REPAIR_IDS, RULE_IDS } from '@ferry/types';
import { DUCKDB, type Dialect } from './dialect.ts';
import { columnsOf } from './expr.ts';
import type { Expr } from './expr.ts';
import { brokenColumn, type CleaningDefinition, type RuleDefinition } from './rules.ts';

/** The `rule` of a comment line in the local engine's classification (comment lines are not rows). */
export const COMMENT_LINE = 'comment';

/** The `rule` the local engine gives a typed row whose line is not canonical: that line is judged from its text. */
export const READ_AS_TEXT = 'read_as_text';

export interface CleaningQueryOptions {
  /** The source rows: a relation from renderSourceRows. */
  input: string;
  /** Print rule parameters as `{{name}}` placeholders instead of values. */
  placeholders?: boolean;
}

/**
 * The rows of one source file from a relation of its lines, (line_number BIGINT, raw_line VARCHAR), 1-based, header
 * included: every line but the comments, with the candidate key of the repeat rule (see CleaningDefinition.repeat).
 * The Spark job keeps this relation, which renderCleaningQuery reads three times.
 */
export function renderSourceRows(dialect: Dialect, definition: CleaningDefinition, lines: string): string {
  if (definition.input.source !== 'line') throw new Error('the source rows need the line source');
  const { lineNumber, rawLine } = definition.input;
  return `SELECT ${lineNumber}, ${rawLine}, ${dialect.print(definition.repeat.candidateKey)} AS candidate_key\nFROM ${lines} WHERE NOT ${dialect.print(definition.comment)}`;
}

/**
 * The classified rows of one source file (the Spark job's query), one per row of renderSourceRows: line_number,
 * raw_line (the line as read, only on rejected rows), rule (first rule broken, NULL when kept), repair (on kept rows),
 * then the typed output columns ending with the partition column tx_date.
 */
export function renderCleaningQuery(dialect: Dialect, definition: CleaningDefinition, options: CleaningQueryOptions): string {
  if (definition.input.source !== 'line') throw new Error('the line query needs the line source');
  const p = (e: Expr): string => dialect.print(e, options.placeholders);
  const { lineNumber, rawLine } = definition.input;
  const base = new Set([lineNumber, rawLine]);
  const flags = ruleFlags(definition.rules);
  const { occurrence } = definition.repeat;
  const cte = (name: string, body: string): string => `${name} AS (\n${body}\n)`;
  const broadcast = dialect.broadcast('r');

  // The layers of derived columns over one branch of the rows; both branches end with the same columns.
  const columnNames = [lineNumber, rawLine, ...definition.values.map((v) => v.name), occurrence.name, ...flags.map((f) => f.name)];
  const branch = (name: string, occurrenceExpr: Expr): string[] => {
    const layers = layerByDependency([...definition.values, { name: occurrence.name, expr: occurrenceExpr }, ...flags], base);
    return layers
      .map((layer, i) =>
        cte(
          `${name}_${i + 1}`,
          `  SELECT *,\n${layer.map((item) => `    ${p(item.expr)} AS ${item.name}`).join(',\n')}\n  FROM ${i === 0 ? `${name}_rows` : `${name}_${i}`}`,
        ),
      )
      .concat(cte(name, `  SELECT ${columnNames.join(', ')} FROM ${name}_${layers.length}`));
  };

  const rows = options.input;
  const ctes = [
    cte(
      'repeated_keys',
      `  SELECT candidate_key AS repeated_key FROM ${rows} WHERE candidate_key IS NOT NULL\n  GROUP BY candidate_key HAVING count(*) > 1`,
    ),
    // Rows whose key occurs once are first occurrences by construction: no window over the whole file.
    cte(
      'single_rows',
      `  SELECT ${broadcast}s.${lineNumber}, s.${rawLine} FROM ${rows} s LEFT JOIN repeated_keys r ON s.candidate_key = r.repeated_key\n  WHERE r.repeated_key IS NULL`,
    ),
    cte(
      'repeated_rows',
      `  SELECT ${broadcast}s.${lineNumber}, s.${rawLine} FROM ${rows} s JOIN repeated_keys r ON s.candidate_key = r.repeated_key`,
    ),
    ...branch('single', { kind: 'literal', value: 1 }),
    ...branch('repeated', occurrence.expr),
    cte(
      'classified',
      `  SELECT *,\n    CASE\n${whenBroken(dialect, definition.rules)}\n    END AS rule\n  FROM (SELECT * FROM single UNION ALL SELECT * FROM repeated) AS both_branches`,
    ),
  ];
  const repairCase = `CASE${definition.repairs.map((repair) => ` WHEN rule IS NULL AND ${p(repair.condition)} THEN ${dialect.string(repair.id)}`).join('')} END`;
  const columns = [
    lineNumber,
    `CASE WHEN rule IS NOT NULL THEN line END AS ${rawLine}`,
    `rule`,
    `${repairCase} AS repair`,
    ...definition.output.map((column) => `${p({ kind: 'safeCast', arg: column.expr, type: column.type })} AS ${column.name}`),
  ];
  return `WITH\n${ctes.join(',\n')}\nSELECT\n  ${columns.join(',\n  ')}\nFROM classified`;
}

/**
 * The local engine's classification, one row per row of `input` (a relation with the columns of the definition's
 * source), without the rule judged across rows (that needs the whole file, see duckdb.ts). Columns: the input columns
 * named in `keep`, rule (COMMENT_LINE, or the first rule on a row alone that it breaks), repair (if the row ends up
 * kept), then the output values but the partition column, as their output types. A rejected row of the `typed` source
 * has no text but these values, which print back to it: it was read as those types.
 */
export function renderDuckDbClassification(definition: CleaningDefinition, options: { input: string; keep?: string[] }): string {
  const p = (e: Expr): string => DUCKDB.print(e);
  const s = (value: string): string => DUCKDB.string(value);
  const onRowAlone = definition.rules.filter((rule) => rule.id !== definition.repeat.rule);
  const input = definition.input;
  const base = new Set(input.source === 'line' ? [input.lineNumber, input.rawLine] : input.columns.map((column) => column.name));
  const from = layerByDependency([...definition.values, ...ruleFlags(onRowAlone)], base).reduce(
    (relation, layer) => `(\n  SELECT *,\n${layer.map((item) => `    ${p(item.expr)} AS ${item.name}`).join(',\n')}\n  FROM ${relation}\n)`,
    options.input,
  );
  const rule = `CASE\n      WHEN ${p(definition.comment)} THEN ${s(COMMENT_LINE)}\n${whenBroken(DUCKDB, onRowAlone)}\n    END`;
  const columns = [
    ...(options.keep ?? []),
    `CAST(rule AS ${DUCKDB.labels([COMMENT_LINE, READ_AS_TEXT, ...RULE_IDS])}) AS rule`,
    `CAST(CASE${definition.repairs.map((repair) => ` WHEN ${p(repair.condition)} THEN ${s(repair.id)}`).join('')} END AS ${DUCKDB.labels(REPAIR_IDS)}) AS repair`,
    ...definition.output
      .filter((column) => column.name !== definition.partitionColumn)
      .map((column) => `${p({ kind: 'safeCast', arg: column.expr, type: column.type })} AS ${column.name}`),
  ];
  return `SELECT\n  ${columns.join(',\n  ')}\nFROM (SELECT *, ${rule} AS rule FROM ${from}) AS classified`;
}

/**
 * True for a classified row that is judged for repeats: a row (not a comment, not one set aside) that no rule ranking
 * above the repeat rule rejects.
 */
export function renderJudgedForRepeats(dialect: Dialect, definition: CleaningDefinition, rule = 'rule'): string {
  const excluded = [COMMENT_LINE, READ_AS_TEXT, ...definition.repeat.outrankedBy].map((label) => dialect.string(label));
  return `(${rule} IS NULL OR ${rule} NOT IN (${excluded.join(', ')}))`;
}

/**
 * The local engine's select list over rows of the output columns but the partition column: `*`, with each TIMESTAMP
 * stored as Spark 3.3 stores it, a UTC instant (parquet isAdjustedToUTC = true), then the partition column computed
 * from the row as it was. DuckDB writes that only for TIMESTAMPTZ; a cast goes through ICU (1.1 s per 10 M rows), while
 * to_timestamp of the epoch is 7x cheaper and exact for the whole seconds the rules produce.
 */
export function renderDuckDbStoredColumns(definition: CleaningDefinition): string {
  const partition = definition.output.find((column) => column.name === definition.partitionColumn);
  if (!partition) throw new Error('the cleaning definition has no partition column');
  const timestamps = definition.output.filter((column) => column.type === 'TIMESTAMP' && column !== partition);
  const star =
    timestamps.length > 0 ? `* REPLACE (${timestamps.map((column) => `to_timestamp(epoch(${column.name})) AS ${column.name}`).join(', ')})` : '*';
  return `${star}, ${DUCKDB.print({ kind: 'safeCast', arg: partition.expr, type: partition.type })} AS ${partition.name}`;
}

/**
 * One row of counts over a classified relation: rows_read, rows_written, rejected_<rule>…, repaired_<repair>….
 * `rows` is how many rows each row of the relation stands for (a column of counts, when the relation is grouped).
 */
export function renderQualityQuery(dialect: Dialect, classified: string, rows = '1'): string {
  const s = (value: string): string => dialect.string(value);
  const counts = [
    `COALESCE(sum(${rows}), 0) AS rows_read`,
    `COALESCE(sum(CASE WHEN rule IS NULL THEN ${rows} ELSE 0 END), 0) AS rows_written`,
    ...RULE_IDS.map((id) => `COALESCE(sum(CASE WHEN rule = ${s(id)} THEN ${rows} ELSE 0 END), 0) AS rejected_${id}`),
    ...REPAIR_IDS.map((id) => `COALESCE(sum(CASE WHEN repair = ${s(id)} THEN ${rows} ELSE 0 END), 0) AS repaired_${id}`),
  ];
  return `SELECT\n  ${counts.join(',\n  ')}\nFROM ${classified}`;
}

/** Each rule's flag column: true when the row breaks it. */
function ruleFlags(rules: RuleDefinition[]): Array<{ name: string; expr: Expr }> {
  return rules.map((rule) => ({ name: brokenColumn(rule.id), expr: rule.condition }));
}

/** The WHEN arms naming the first of `rules` a row breaks, in their order (which is their rank). */
function whenBroken(dialect: Dialect, rules: RuleDefinition[]): string {
  return rules.map((rule) => `      WHEN ${brokenColumn(rule.id)} THEN ${dialect.string(rule.id)}`).join('\n');
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
