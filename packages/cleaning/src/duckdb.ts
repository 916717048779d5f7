/** The local engine: cleans one source file with DuckDB into the staging layout of @ferry/types. */
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_RULE_PARAMS, FerryError, REPAIR_IDS, RULE_IDS } from '@ferry/types';
import type { PeriodQuality, RepairId, RuleId, RuleParams } from '@ferry/types';
import { COMMENT_LINE, printExpr, renderDuckDbClassification, renderQualityQuery } from './render.ts';
import { SOURCE_COLUMNS, cleaningDefinition } from './rules.ts';

export interface CleanPeriodOptions {
  inputPath: string;
  outDir: string;
  period: string;
  source: string;
  params?: RuleParams;
  threads?: number;
  memoryLimit?: string;
  tempDir?: string;
}

const q = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** A delimiter no text line contains, so each physical line reads whole as one VARCHAR column. */
const NEVER_A_DELIMITER = '\x01\x02\x03\x04';

/**
 * The relation of physical lines, numbered from 1 (the header is line 1). The CSV reader keeps empty
 * lines (as NULL) and drops the final newline; row_number() OVER () is a streaming window, which DuckDB
 * runs in file order (it declares a fixed order even when the read is parallel). Slower than the field read below:
 * the engine reads it only to place empty lines and to fetch lines the field read cut short.
 */
export function renderDuckDbSourceLines(inputPath: string): string {
  return `SELECT row_number() OVER () AS line_number, raw_line
FROM read_csv(${q(inputPath)}, columns = {'raw_line': 'VARCHAR'}, delim = ${q(NEVER_A_DELIMITER)}, quote = '', escape = '',
  header = false, auto_detect = false, new_line = '\\n')`;
}

/** Ten columns: the nine fields, and a tenth that is only ever set on a line with too many fields. */
const FIELD_COUNT = SOURCE_COLUMNS.length;
const CSV_COLUMNS = [...SOURCE_COLUMNS.map((name) => `raw_${name}`), 'raw_extra'];
/** A field text that never occurs, so an empty field reads as '' and only a missing one as NULL. */
const NEVER_A_FIELD = '\x01';

/**
 * The non-empty lines split into fields by DuckDB's CSV reader (much cheaper than splitting strings in SQL), in file
 * order. A line with fewer fields has NULLs at the end; one with more keeps ten (the rest is dropped, so its text
 * is re-read from the line relation when it is quarantined). Empty lines are skipped by the reader: see `emptyLines`.
 */
export function renderDuckDbSourceFields(inputPath: string): string {
  const present = [...CSV_COLUMNS].reverse().map((name, i) => `WHEN ${name} IS NOT NULL THEN ${CSV_COLUMNS.length - i}`);
  return `(SELECT *, CASE ${present.join(' ')} END AS field_count
FROM read_csv(${q(inputPath)}, columns = {${CSV_COLUMNS.map((name) => `'${name}': 'VARCHAR'`).join(', ')}},
  delim = ',', quote = '', escape = '', header = false, auto_detect = false, new_line = '\\n',
  null_padding = true, strict_mode = false, nullstr = ${q(NEVER_A_FIELD)}))`;
}

/** The line as read, from its fields; NULL when the reader may have dropped fields past the tenth. */
const RAW_TEXT = `CASE WHEN raw_extra IS NULL THEN concat_ws(',', ${CSV_COLUMNS.slice(0, FIELD_COUNT).join(', ')}) END`;

/**
 * Cleans one local source file into outDir: outDir/data/tx_date=YYYY-MM-DD/*.parquet,
 * outDir/quarantine/*.parquet (source, line_number, raw_line, rule), outDir/quality.json (PeriodQuality).
 */
export async function cleanPeriodWithDuckDb(options: CleanPeriodOptions): Promise<PeriodQuality> {
  const params = options.params ?? DEFAULT_RULE_PARAMS;
  // Checks the parameters before any work.
  cleaningDefinition(params);
  // A real period (47 M rows) does not fit in memory_limit: DuckDB spills there (else it would use ./.tmp).
  const ownTempDir = options.tempDir ? undefined : await mkdtemp(join(tmpdir(), 'ferry-duckdb-'));
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? '1GB',
    temp_directory: options.tempDir ?? ownTempDir!,
  });
  const connection = await instance.connect();
  try {
    await rm(options.outDir, { recursive: true, force: true });
    await mkdir(join(options.outDir, 'quarantine'), { recursive: true });
    await mkdir(join(options.outDir, 'data'));
    const quality = await clean(connection, options, params);
    await writeFile(join(options.outDir, 'quality.json'), `${JSON.stringify(quality, null, 2)}\n`);
    return quality;
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError(`cleaning ${options.source} with DuckDB failed: ${(error as Error).message}`, { cause: error });
  } finally {
    connection.closeSync();
    instance.closeSync();
    if (ownTempDir) await rm(ownTempDir, { recursive: true, force: true });
  }
}

async function clean(connection: DuckDBConnection, options: CleanPeriodOptions, params: RuleParams): Promise<PeriodQuality> {
  const definition = cleaningDefinition(params, 'fields');
  const output = definition.output.map((column) => column.name);
  const partition = definition.output.find((column) => column.name === definition.partitionColumn)!;
  // Rules that outrank `duplicate`: a row breaking one is not judged for duplicates.
  const outranking = definition.rules.slice(0, definition.rules.findIndex((rule) => rule.id === 'duplicate')).map((rule) => q(rule.id));
  const row = `rule IS DISTINCT FROM ${q(COMMENT_LINE)}`;
  const lines = `(${renderDuckDbSourceLines(options.inputPath)})`;

  // Classify every non-empty line once, into a table whose rowid is the line's rank among non-empty lines: with
  // preserve_insertion_order (the default) a parallel read is inserted in file order. The scan for empty lines
  // runs meanwhile.
  const scan = hasEmptyLines(options.inputPath, options.source);
  const classifying = connection.run(
    `CREATE TEMP TABLE classified AS ${renderDuckDbClassification({ input: renderDuckDbSourceFields(options.inputPath), rawText: RAW_TEXT, params })}`,
  );
  const [emptyLinesFound] = await Promise.all([scan, classifying]);

  // Empty lines are rows too (malformed ones): classified by the same definition, as one empty field.
  await connection.run(
    emptyLinesFound
      ? `CREATE TEMP TABLE empty_lines AS SELECT line_number FROM ${lines} WHERE raw_line IS NULL`
      : 'CREATE TEMP TABLE empty_lines (line_number BIGINT)',
  );
  const emptyFields = CSV_COLUMNS.map((name, i) => (i === 0 ? `'' AS ${name}` : `NULL::VARCHAR AS ${name}`)).join(', ');
  await connection.run(
    `CREATE TEMP TABLE empty_rows AS SELECT line_number, c.* FROM empty_lines CROSS JOIN (
       ${renderDuckDbClassification({ input: `(SELECT ${emptyFields}, 1 AS field_count)`, rawText: RAW_TEXT, params })}) AS c`,
  );
  // The k-th empty line follows `non_empty_before` non-empty lines: a row's line number is its rank + 1 plus the
  // empty lines before it.
  await connection.run(
    'CREATE TEMP TABLE empty_offsets AS SELECT line_number - row_number() OVER (ORDER BY line_number) AS non_empty_before FROM empty_lines',
  );

  // Duplicates: among rows no earlier rule rejects, every occurrence of a key after the first in file order.
  await connection.run(
    `CREATE TEMP TABLE duplicates AS SELECT rowid AS row_index FROM classified
     WHERE rule IS NULL OR rule NOT IN (${[q(COMMENT_LINE), ...outranking].join(', ')})
     QUALIFY row_number() OVER (PARTITION BY ${definition.dedupe.key} ORDER BY rowid) > 1`,
  );
  const finalRule = `CASE WHEN rule IN (${outranking.join(', ')}) THEN rule WHEN rowid IN (SELECT row_index FROM duplicates) THEN 'duplicate' ELSE rule END`;
  await connection.run(
    `CREATE TEMP VIEW judged_rows AS
     SELECT rule, CASE WHEN rule IS NULL THEN repair END AS repair FROM (SELECT ${finalRule} AS rule, repair FROM classified WHERE ${row})
     UNION ALL SELECT rule, repair FROM empty_rows`,
  );
  const counts = await firstRow(connection, renderQualityQuery('duckdb', 'judged_rows'));
  const comments = await firstRow(connection, `SELECT count(*) AS comment_lines FROM classified WHERE rule = ${q(COMMENT_LINE)}`);

  // The rejected rows: few, so their line numbers and texts are worked out here. A duplicate whose text is
  // canonical has no stored text: it is its values printed back.
  const printedBack = `concat_ws(',', ${output.slice(0, FIELD_COUNT).map((name) => `CAST(${name} AS VARCHAR)`).join(', ')})`;
  await connection.run(
    `CREATE TEMP TABLE rejected AS
     SELECT row_index + 1 + (SELECT count(*) FROM empty_offsets WHERE non_empty_before <= row_index) AS line_number, final_rule AS rule,
       COALESCE(raw_line, CASE WHEN rule IS NULL THEN ${printedBack} END) AS raw_line
     FROM (SELECT rowid AS row_index, *, ${finalRule} AS final_rule FROM classified WHERE ${row}) WHERE final_rule IS NOT NULL`,
  );
  // Lines with more than ten fields: their text is only whole in the line relation.
  const cutShort = await firstRow(connection, 'SELECT count(*) AS lines FROM rejected WHERE raw_line IS NULL');
  if (Number(cutShort.lines) > 0) {
    await connection.run(
      `UPDATE rejected SET raw_line = lines.raw_line FROM ${lines} AS lines
       WHERE rejected.raw_line IS NULL AND lines.line_number = rejected.line_number`,
    );
  }

  await connection.run('SET preserve_insertion_order = false');
  await connection.run(
    `COPY (
       SELECT ${output.filter((name) => name !== partition.name).join(', ')},
         ${printExpr({ kind: 'safeCast', arg: partition.expr, type: partition.type }, 'duckdb')} AS ${partition.name}
       FROM classified WHERE rule IS NULL AND rowid NOT IN (SELECT row_index FROM duplicates))
     TO ${q(join(options.outDir, 'data'))} (FORMAT parquet, PARTITION_BY (${partition.name}), COMPRESSION snappy, OVERWRITE_OR_IGNORE)`,
  );
  await connection.run(
    `COPY (SELECT ${q(options.source)} AS source, line_number, raw_line, rule FROM (
       SELECT line_number, raw_line, rule FROM rejected UNION ALL SELECT line_number, raw_line, rule FROM empty_rows
     ) ORDER BY line_number)
     TO ${q(join(options.outDir, 'quarantine', 'part-0.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
  );

  return {
    period: options.period,
    source: options.source,
    rows_read: Number(counts.rows_read),
    rows_written: Number(counts.rows_written),
    comment_lines: Number(comments.comment_lines),
    rejected: Object.fromEntries(RULE_IDS.map((id) => [id, Number(counts[`rejected_${id}`])])) as Record<RuleId, number>,
    repaired: Object.fromEntries(REPAIR_IDS.map((id) => [id, Number(counts[`repaired_${id}`])])) as Record<RepairId, number>,
  };
}

/**
 * Whether the file may hold an empty line (two newlines in a row, or one at the start): a cheap byte scan, so the
 * slower line relation is read only for such files. A carriage return fails the file, as the line reader
 * always has (the field reader would take it for a line end).
 */
async function hasEmptyLines(inputPath: string, source: string): Promise<boolean> {
  const file = await open(inputPath);
  try {
    const buffer = Buffer.allocUnsafe(1 << 22);
    let found = false;
    let previous = 0x0a;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return found;
      const chunk = buffer.subarray(0, bytesRead);
      if (chunk.includes(0x0d)) throw new FerryError(`${source} has a carriage return: lines must end with \\n alone`);
      found ||= (previous === 0x0a && chunk[0] === 0x0a) || chunk.includes('\n\n');
      previous = chunk[bytesRead - 1]!;
    }
  } finally {
    await file.close();
  }
}

async function firstRow(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  const [row] = reader.getRowObjectsJS();
  if (!row) throw new Error(`no result from: ${sql}`);
  return row;
}
