/**
 * The local engine: cleans one source file with DuckDB into the staging layout of @ferry/types.
 *
 * Fast without giving up exactness: while DuckDB's typed CSV reader reads the whole file (about as fast as a plain
 * copy), a scan in JavaScript finds the lines that are not in canonical form (CANONICAL_LINE: in the real data only
 * the header, `Err`/`None` terminals and 24:00:00) and writes them with their line numbers to a side file.
 * Canonical lines are classified from their typed values; the others from their text (the `line` source), and
 * whatever the lenient typed reader made of them (`+5`, `1e2`, a trailing comma) is set aside. The reader's rejects
 * table names the lines it did not read, which ties every typed row to its line number; the scan's line count
 * checks that nothing went unaccounted. The scan also notes which ids may repeat an earlier one, so duplicates are
 * looked for among a few rows, not the whole file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_RULE_PARAMS, FerryError, layout, periodQualityFormat, REPAIR_IDS, RULE_IDS } from '@ferry/types';
import type { PeriodQuality, RepairId, RuleId, RuleParams } from '@ferry/types';
import { DUCKDB } from './dialect.ts';
import { readTextHead, UTF8_BOM } from './refusals.ts';
import {
  COMMENT_LINE,
  READ_AS_TEXT,
  renderDuckDbClassification,
  renderDuckDbStoredColumns,
  renderJudgedForRepeats,
  renderQualityQuery,
} from './render.ts';
import { CANONICAL_LINE, SOURCE_COLUMNS, cleaningDefinition, type CleaningDefinition } from './rules.ts';

export interface CleanPeriodOptions {
  inputPath: string;
  outDir: string;
  period: string;
  source: string;
  params?: RuleParams;
  /** DuckDB's threads; default all cores. */
  threads?: number;
  /** DuckDB's memory_limit, e.g. '4GB'; default 80% of RAM. Beyond it DuckDB spills to disk, slower. */
  memoryLimit?: string;
  tempDir?: string;
}

/** A DuckDB string literal (paths, source names, rule labels). */
const q = (value: string): string => DUCKDB.string(value);

/**
 * Cleans one local source file into outDir, laid out as one period's staged files (layout.work.stagedFiles): parquet
 * per day, the quarantine (source, line_number, raw_line, rule) and the period's quality.
 */
export async function cleanPeriodWithDuckDb(options: CleanPeriodOptions): Promise<PeriodQuality> {
  // Built once per period, which also checks the parameters before any work.
  const params = options.params ?? DEFAULT_RULE_PARAMS;
  const definitions: Definitions = { typed: cleaningDefinition(params, 'typed'), line: cleaningDefinition(params, 'line') };
  // Holds the scan's side files and, unless given one, DuckDB's spill directory (else it would spill to ./.tmp).
  const workDir = await mkdtemp(join(tmpdir(), 'ferry-duckdb-'));
  const instance = await DuckDBInstance.create(':memory:', {
    ...(options.threads === undefined ? {} : { threads: String(options.threads) }),
    ...(options.memoryLimit === undefined ? {} : { memory_limit: options.memoryLimit }),
    temp_directory: options.tempDir ?? join(workDir, 'spill'),
  });
  const connection = await instance.connect();
  try {
    await rm(options.outDir, { recursive: true, force: true });
    await mkdir(join(options.outDir, layout.work.stagedFiles.quarantine), { recursive: true });
    await mkdir(join(options.outDir, layout.work.stagedFiles.data));
    const scan: ScanPaths = {
      notCanonical: join(workDir, 'not-canonical.ndjson'),
      repeatCandidates: join(workDir, 'repeat-candidates.txt'),
      normalized: join(workDir, 'lf-endings.txt'),
    };
    const before = await identityOf(options.inputPath);
    await keepTypedRowsWhereTheyFit(connection, options, workDir, before.size);
    const lines = await readTyped(connection, definitions.typed, options, scan);
    await checkUnchanged(options, before);
    await locateLines(connection, options.source, lines, scan);
    await classifyText(connection, definitions);
    await judgeRepeats(connection, definitions.typed, scan);
    const quality = await countQuality(connection, options);
    await writeOutputs(connection, definitions.typed, options);
    await writeFile(join(options.outDir, layout.work.stagedFiles.quality), periodQualityFormat.encode(quality));
    return quality;
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError(`cleaning ${options.source} with DuckDB failed: ${(error as Error).message}`, { cause: error });
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The definition of each field source, built once per period. */
interface Definitions {
  typed: CleaningDefinition;
  line: CleaningDefinition;
}

/**
 * Where `typed`, the one table of every row, is kept: in memory while its rows (about twice the file's bytes, as
 * DuckDB holds them) fit in three quarters of DuckDB's memory limit; otherwise in a database file in the scratch
 * folder, whose row groups DuckDB compresses as it writes them (a tenth of that), instead of spilling them whole to
 * its temp directory and reading them back. Every other table is a temporary one, in memory.
 */
async function keepTypedRowsWhereTheyFit(connection: DuckDBConnection, options: CleanPeriodOptions, workDir: string, size: number): Promise<void> {
  const limit = options.memoryLimit === undefined ? 0.8 * totalmem() : bytesOf(options.memoryLimit);
  await connection.run(
    TYPED_ROW_BYTES_PER_FILE_BYTE * size <= 0.75 * limit ? `ATTACH ':memory:' AS rows` : `ATTACH ${q(join(workDir, 'rows.duckdb'))} AS rows`,
  );
  await connection.run('USE rows');
}

/** DuckDB's in-memory rows of the classified table take about this many bytes per byte of the source file. */
const TYPED_ROW_BYTES_PER_FILE_BYTE = 2;

/** `2GB`, `512MiB`, `4G`: the sizes DuckDB's memory_limit takes (KB = 1000 bytes, KiB = 1024), in bytes. */
function bytesOf(size: string): number {
  const match = /^(\d+(?:\.\d+)?) ?([KMGT]?)(i?)B?$/i.exec(size.trim());
  if (!match) return Number.POSITIVE_INFINITY;
  const [, amount, prefix, binary] = match;
  const power = ' KMGT'.indexOf((prefix || ' ').toUpperCase());
  return Number(amount) * (binary ? 1024 : 1000) ** power;
}

/**
 * Phase 1, read typed: DuckDB's typed read, classified as it is read into `typed`, whose rowid is the row's rank in
 * file order (with preserve_insertion_order, the default, a parallel read is inserted in file order), while the scan
 * runs beside it. Returns the number of lines the scan counted.
 */
async function readTyped(
  connection: DuckDBConnection,
  definition: CleaningDefinition,
  options: CleanPeriodOptions,
  scan: ScanPaths,
): Promise<number> {
  if (definition.input.source !== 'typed') throw new Error('the typed read needs the typed source');
  // The reader numbers the lines it rejects right only when told the ending: \r\n where the head has one (also
  // right for LF lines beside them), else \n (also right for lone CRs). A file whose endings change past its head
  // fails the check of phase 2 rather than being misnumbered.
  const head = await readTextHead(options.inputPath, options.source);
  const endings = lineEndingsOf(head);
  // No setting numbers a mix of lone CRs and CRLFs right: the reader then reads a copy with LF endings.
  const readPath = endings.crlf && endings.loneCr ? await withLfEndings(options.inputPath, scan.normalized) : options.inputPath;
  const newLine = endings.crlf && !endings.loneCr ? '\\r\\n' : '\\n';
  // strict_mode = false: a line of too many fields is read, not reported field by field (slow for 100,000 of them);
  // it is never canonical, so its row is set aside anyway.
  const typedRead = `read_csv(${q(readPath)}, columns = {${definition.input.columns.map((c) => `'${c.name}': '${c.type}'`).join(', ')}},
    delim = ',', quote = '', escape = '', header = false, auto_detect = false, new_line = '${newLine}',
    strict_mode = false, store_rejects = true, rejects_table = 'reader_rejects', rejects_scan = 'reader_reject_scans')`;
  const [scanned, read] = await Promise.allSettled([
    scanLines(options.inputPath, scan),
    connection.run(`CREATE TABLE typed AS ${renderDuckDbClassification(definition, { input: typedRead })}`),
  ]);
  // The scan's error first: it says what is wrong with the file (the reader only fails on it, vaguely).
  if (scanned.status === 'rejected') throw scanned.reason;
  if (read.status === 'rejected') throw read.reason;
  return scanned.value;
}

/**
 * Phase 2, locate lines: `scanned` (lines not in canonical form), `unread` (lines the reader rejected),
 * `unread_canonical` (canonical lines it rejected all the same: a day that does not exist), `skipped` and `gaps`,
 * which tie every typed row to its line number. Fails when any line is unaccounted for.
 */
async function locateLines(connection: DuckDBConnection, source: string, lines: number, scan: ScanPaths): Promise<void> {
  await connection.run(
    `CREATE TEMP TABLE scanned AS SELECT line_number, raw_line
     FROM read_json(${q(scan.notCanonical)}, format = 'newline_delimited', columns = {'line_number': 'BIGINT', 'raw_line': 'VARCHAR'})`,
  );
  // The reader may keep a line's ending in the text of a line it rejects: it is not part of the line.
  await connection.run(
    'CREATE TEMP TABLE unread AS SELECT DISTINCT CAST(line AS BIGINT) AS line_number, trim(csv_line, chr(10) || chr(13)) AS csv_line FROM reader_rejects',
  );
  await connection.run('CREATE TEMP TABLE unread_canonical AS SELECT * FROM unread WHERE line_number NOT IN (SELECT line_number FROM scanned)');
  // Lines without a typed row: those the reader rejected, and empty ones (which it skips). `rows_before` typed rows
  // come before the k-th of them (`skipped_through` = k), so the row of rank r is on line r + 1 + k for the last
  // such line with rows_before <= r.
  await connection.run(
    `CREATE TEMP TABLE skipped AS SELECT line_number, row_number() OVER (ORDER BY line_number) AS skipped_through
     FROM (SELECT line_number FROM unread UNION SELECT line_number FROM scanned WHERE raw_line = '')`,
  );
  await connection.run(
    `CREATE TEMP TABLE gaps AS SELECT line_number - skipped_through AS rows_before, max(skipped_through) AS skipped_through
     FROM skipped GROUP BY ALL`,
  );
  await checkEveryLineAccountedFor(connection, source, lines);
}

/** `(line_number, <columns>)` of the typed rows in `rows` (a relation with their `row_index`), through `gaps`. */
const lineOf = (rows: string, columns: string): string =>
  `(SELECT t.row_index + 1 + COALESCE(g.skipped_through, 0) AS line_number, ${columns} FROM ${rows} t ASOF LEFT JOIN gaps g ON t.row_index >= g.rows_before)`;

/**
 * Phase 3, classify text: `by_text`, the lines judged from their text (the scan's, and the canonical ones the reader
 * rejected); the typed rows the reader made of such lines are set aside (READ_AS_TEXT, without a key, so that no
 * repeat is judged by them).
 */
async function classifyText(connection: DuckDBConnection, definitions: Definitions): Promise<void> {
  await connection.run(
    `CREATE TEMP TABLE by_text AS ${renderDuckDbClassification(definitions.line, {
      keep: ['line_number', 'raw_line'],
      input: `(SELECT line_number, raw_line FROM scanned UNION ALL SELECT line_number, csv_line FROM unread_canonical)`,
    })}`,
  );
  await connection.run(
    `UPDATE typed SET rule = ${q(READ_AS_TEXT)}, ${definitions.typed.repeat.key} = NULL WHERE rowid IN (
       SELECT s.line_number - 1 - COALESCE(k.skipped_through, 0) FROM scanned s ASOF LEFT JOIN skipped k ON s.line_number > k.line_number
       WHERE s.line_number NOT IN (SELECT line_number FROM skipped))`,
  );
}

/**
 * Phase 4, judge repeats: among rows judged for repeats, every occurrence of a key after the first in line order
 * breaks the repeat rule. Only keys that may repeat are looked at: the scan's candidates, and the keys of rows
 * judged from their text.
 */
async function judgeRepeats(connection: DuckDBConnection, definition: CleaningDefinition, scan: ScanPaths): Promise<void> {
  const { key, rule } = definition.repeat;
  const judged = renderJudgedForRepeats(DUCKDB, definition);
  await connection.run(
    `CREATE TEMP TABLE repeatable_keys AS
     SELECT candidate AS ${key} FROM read_csv(${q(scan.repeatCandidates)}, columns = {'candidate': 'BIGINT'}, header = false, auto_detect = false)
     UNION SELECT ${key} FROM by_text WHERE ${judged} AND ${key} IS NOT NULL`,
  );
  await connection.run(
    `CREATE TEMP TABLE repeats AS SELECT row_index, line_number FROM (
       SELECT row_index, line_number, ${key} FROM ${lineOf(`(SELECT rowid AS row_index, ${key} FROM typed WHERE ${key} IN (SELECT ${key} FROM repeatable_keys))`, `t.row_index, t.${key}`)}
       UNION ALL SELECT NULL, line_number, ${key} FROM by_text WHERE ${judged} AND ${key} IN (SELECT ${key} FROM repeatable_keys))
     QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY line_number) > 1`,
  );
  await connection.run(`UPDATE typed SET rule = ${q(rule)} WHERE rowid IN (SELECT row_index FROM repeats WHERE row_index IS NOT NULL)`);
  await connection.run(`UPDATE by_text SET rule = ${q(rule)} WHERE line_number IN (SELECT line_number FROM repeats WHERE row_index IS NULL)`);
}

/** Phase 5, count: the period's quality, from rows grouped by (rule, repair) (a scan with few groups). */
async function countQuality(connection: DuckDBConnection, options: CleanPeriodOptions): Promise<PeriodQuality> {
  await connection.run(
    `CREATE TEMP VIEW judged_groups AS SELECT rule, CASE WHEN rule IS NULL THEN repair END AS repair, rows FROM (
       SELECT rule, repair, count(*) AS rows FROM typed GROUP BY ALL UNION ALL SELECT rule, repair, count(*) FROM by_text GROUP BY ALL)
     WHERE rule IS NULL OR rule NOT IN (${q(READ_AS_TEXT)}, ${q(COMMENT_LINE)})`,
  );
  const counts = await firstRow(connection, renderQualityQuery(DUCKDB, 'judged_groups', 'rows'));
  const comments = await firstRow(connection, `SELECT count(*) AS comment_lines FROM by_text WHERE rule = ${q(COMMENT_LINE)}`);
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

/** Phase 6, write: the kept rows as parquet per day, and the rejected lines as the quarantine, in line order. */
async function writeOutputs(connection: DuckDBConnection, definition: CleaningDefinition, options: CleanPeriodOptions): Promise<void> {
  await connection.run('SET preserve_insertion_order = false');
  const values = definition.output
    .filter((column) => column.name !== definition.partitionColumn)
    .map((column) => column.name)
    .join(', ');
  await connection.run(
    `COPY (
       SELECT ${renderDuckDbStoredColumns(definition)}
       FROM (SELECT ${values} FROM typed WHERE rule IS NULL UNION ALL SELECT ${values} FROM by_text WHERE rule IS NULL))
     TO ${q(join(options.outDir, layout.work.stagedFiles.data))} (FORMAT parquet, PARTITION_BY (${definition.partitionColumn}), COMPRESSION snappy, OVERWRITE_OR_IGNORE)`,
  );
  // A rejected typed row's text is its values printed back: its line is canonical.
  const printedBack = `concat_ws(',', ${SOURCE_COLUMNS.map((name) => `CAST(t.${name} AS VARCHAR)`).join(', ')})`;
  await connection.run(
    `COPY (SELECT ${q(options.source)} AS source, line_number, raw_line, CAST(rule AS VARCHAR) AS rule FROM (
       SELECT line_number, raw_line, rule FROM ${lineOf(`(SELECT rowid AS row_index, * FROM typed WHERE rule IS NOT NULL AND rule <> ${q(READ_AS_TEXT)})`, `${printedBack} AS raw_line, t.rule`)}
       UNION ALL SELECT line_number, raw_line, rule FROM by_text WHERE rule IS DISTINCT FROM ${q(COMMENT_LINE)} AND rule IS NOT NULL
     ) ORDER BY line_number)
     TO ${q(join(options.outDir, layout.work.stagedFiles.quarantine, 'part-0.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
  );
}

/**
 * Every line has a typed row or was skipped by the reader, and a line the reader rejected although the scan found
 * it canonical still reads as canonical: otherwise rows and line numbers could not be trusted, and nothing is written.
 */
async function checkEveryLineAccountedFor(connection: DuckDBConnection, source: string, lines: number): Promise<void> {
  const check = await firstRow(
    connection,
    // A rejected line is misplaced when the reader's number for it names a line of other text: a canonical line
    // whose text is not canonical, or a line the scan found beginning otherwise (the reader may shorten a long line
    // and decodes invalid UTF-8 its own way, so only the start of valid text is compared).
    `SELECT (SELECT count(*) FROM typed) AS typed_rows, (SELECT count(*) FROM skipped) AS skipped_lines,
       (SELECT count(*) FROM unread_canonical WHERE NOT regexp_full_match(csv_line, ${q(CANONICAL_LINE)}))
       + (SELECT count(*) FROM unread JOIN scanned USING (line_number)
          WHERE left(csv_line, 32) <> left(raw_line, 32) AND NOT contains(left(raw_line, 32), '\ufffd')) AS misplaced`,
  );
  const accounted = Number(check.typed_rows) + Number(check.skipped_lines);
  if (accounted !== lines || Number(check.misplaced) > 0) {
    throw new FerryError(
      `DuckDB's CSV reader and ferry's line scan disagree about ${source}: ${lines} lines, ${check.typed_rows} read, ` +
        `${check.skipped_lines} skipped, ${check.misplaced} misplaced; nothing was written`,
    );
  }
}

interface ScanPaths {
  /** NDJSON {line_number, raw_line} of every line not in canonical form. */
  notCanonical: string;
  /** One key per line: the keys of canonical lines that may repeat an earlier line's. */
  repeatCandidates: string;
  /** A copy with LF endings, for the reader, of a file that mixes lone CRs and CRLFs. */
  normalized: string;
}

/**
 * Reads the file once, line by line: writes every line that is not in canonical form with its 1-based line number,
 * and the key (the leading transaction_id) of every canonical line whose key is not above all keys before it: only
 * those can repeat an earlier key, and where keys ascend through the file, as in the real data, they are just the
 * repeats. Returns the number of lines. Lines end as every peer reads them (DuckDB's reader, Spark's, Python's): at
 * \n, \r\n or a lone \r, the ending not part of the line; a final line without one counts; a UTF-8 byte order
 * mark is skipped.
 */
async function scanLines(inputPath: string, paths: ScanPaths): Promise<number> {
  const canonical = new RegExp(`${CANONICAL_LINE}(?:\\r\\n?|\\n)`, 'y');
  const lineEnd = /\r\n?|\n/g;
  const input = await open(inputPath);
  const notCanonical = await open(paths.notCanonical, 'w');
  const repeatCandidates = await open(paths.repeatCandidates, 'w');
  try {
    const chunk = Buffer.allocUnsafe(1 << 22);
    let carried = Buffer.alloc(0);
    let lines = 0;
    let highestKey = -Infinity;
    for (let first = true; ; first = false) {
      const { bytesRead } = await input.read(chunk, 0, chunk.length, null);
      let read = chunk.subarray(0, bytesRead);
      if (first) read = skipBom(read);
      const eof = bytesRead === 0;
      let bytes = carried.length > 0 ? Buffer.concat([carried, read]) : read;
      if (eof && bytes.length > 0 && !isLineEnd(bytes.at(-1)!)) bytes = Buffer.concat([bytes, Buffer.from('\n')]);
      const end = completeLinesEnd(bytes, eof);
      // latin1 keeps one character per byte, so string offsets are byte offsets; texts are decoded as UTF-8.
      const text = bytes.toString('latin1', 0, end);
      const found: string[] = [];
      const candidates: string[] = [];
      for (let at = 0; at < end;) {
        lines++;
        canonical.lastIndex = at;
        if (canonical.test(text)) {
          const key = leadingInteger(text, at);
          // NaN (too long to compare exactly) is always a candidate.
          if (key > highestKey) highestKey = key;
          else candidates.push(`${text.slice(at, text.indexOf(',', at))}\n`);
          at = canonical.lastIndex;
          continue;
        }
        lineEnd.lastIndex = at;
        const ending = lineEnd.exec(text)!;
        found.push(`${JSON.stringify({ line_number: lines, raw_line: bytes.toString('utf8', at, ending.index) })}\n`);
        at = ending.index + ending[0].length;
      }
      if (found.length > 0) await notCanonical.write(found.join(''));
      if (candidates.length > 0) await repeatCandidates.write(candidates.join(''));
      if (eof) return lines;
      // A copy: `chunk` is read into again.
      carried = Buffer.from(bytes.subarray(end));
    }
  } finally {
    await input.close();
    await notCanonical.close();
    await repeatCandidates.close();
  }
}

/** What tells a changed file: a hard-linked input is the source file itself, which its owner may rewrite at any time. */
async function identityOf(file: string): Promise<{ key: string; size: number }> {
  const stats = await stat(file, { bigint: true });
  return { key: `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`, size: Number(stats.size) };
}

/** The rows read are only those of one content: a file that changed while the reader and the scan read it is refused. */
async function checkUnchanged(options: CleanPeriodOptions, before: { key: string }): Promise<void> {
  if ((await identityOf(options.inputPath)).key !== before.key) throw new FerryError(`${options.source} changed while being read; run again`);
}

/** Which line endings besides LF a file's first bytes have. */
function lineEndingsOf(head: Buffer): { crlf: boolean; loneCr: boolean } {
  const text = head.toString('latin1');
  return { crlf: text.includes('\r\n'), loneCr: /\r(?!\n)/.test(text.slice(0, -1)) };
}

/** Copies a file with every CRLF and lone CR turned into LF; returns the copy's path. */
async function withLfEndings(inputPath: string, copyPath: string): Promise<string> {
  let pendingCr = false;
  const toLf = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let text = chunk.toString('latin1');
      if (pendingCr && text.startsWith('\n')) text = text.slice(1);
      pendingCr = text.endsWith('\r');
      done(null, Buffer.from(text.replace(/\r\n?/g, '\n'), 'latin1'));
    },
  });
  await pipeline(createReadStream(inputPath), toLf, createWriteStream(copyPath));
  return copyPath;
}

/** The file's first bytes without a byte order mark. */
function skipBom(head: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  return UTF8_BOM.every((byte, i) => head[i] === byte) ? head.subarray(UTF8_BOM.length) : head;
}

const isLineEnd = (byte: number): boolean => byte === 0x0a || byte === 0x0d;

/**
 * Where the complete lines of `bytes` end: after its last line ending, except that a \r as the very last byte may
 * be the first half of a \r\n, so before the end of the file it waits for the next chunk.
 */
function completeLinesEnd(bytes: Buffer, eof: boolean): number {
  const limit = !eof && bytes.at(-1) === 0x0d ? bytes.length - 1 : bytes.length;
  // lastIndexOf counts a negative offset from the end: nothing before the limit means no complete line.
  if (limit === 0) return 0;
  return Math.max(bytes.lastIndexOf(0x0a, limit - 1), bytes.lastIndexOf(0x0d, limit - 1)) + 1;
}

/** The integer at `at` (a canonical field, ended by a comma); NaN beyond 15 digits, where doubles stop being exact. */
function leadingInteger(text: string, at: number): number {
  const negative = text.charCodeAt(at) === 0x2d;
  let i = negative ? at + 1 : at;
  const first = i;
  let value = 0;
  for (let c = text.charCodeAt(i); c !== 0x2c; c = text.charCodeAt(++i)) value = value * 10 + (c - 0x30);
  if (i - first > 15) return NaN;
  return negative ? -value : value;
}

async function firstRow(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  const [row] = reader.getRowObjectsJS();
  if (!row) throw new Error(`no result from: ${sql}`);
  return row;
}
