/**
 * Spark cannot run here, so the job is checked as far as this machine allows: it parses as Python 3.8,
 * it matches a reviewed golden file, and its Spark SQL — transpiled to DuckDB by sqlglot — classifies the
 * hand-written lines exactly like the local DuckDB engine (which reads canonical lines with its typed CSV reader instead).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, oddFieldLines } from './cases.fixture.ts';
import type { PeriodQuality } from '@ferry/types';
import { cleanPeriodWithDuckDb } from './duckdb.ts';
import { renderPySparkJob } from './pyspark.ts';
import { renderCleaningQuery, renderCommentCountQuery, renderQualityQuery } from './render.ts';
import { cleaningDefinition } from './rules.ts';

const GOLDEN = new URL('./__golden__/job.py', import.meta.url);
const PYTHON = ['/usr/bin/python3', 'python3'].find((bin) => spawnSync(bin, ['--version']).status === 0);
const SQLGLOT_PYTHON = existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import sqlglot']).status === 0 ? '/usr/bin/python3' : undefined;

function python(bin: string, script: string, input: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(bin, ['-c', script], { input, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('given the rendered PySpark job', () => {
  const job = renderPySparkJob();

  it.skipIf(!PYTHON)(`${PYTHON ? '' : 'SKIPPED, no python3 on this machine: '}when parsed with the Python 3.8 grammar, then it is valid`, () => {
    const run = python(PYTHON!, 'import ast, sys; ast.parse(sys.stdin.read(), feature_version=(3, 8))', job);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it.skipIf(!PYTHON)(`${PYTHON ? '' : 'SKIPPED, no python3 on this machine: '}when its CLI is parsed (pyspark stubbed), then the documented arguments fill in the SQL`, () => {
    // Only the argument handling runs: pyspark is replaced by empty modules, no Spark session is created.
    const script = [
      'import sys, types',
      'for name in ("pyspark", "pyspark.sql", "pyspark.sql.functions", "pyspark.sql.types"):',
      '    sys.modules[name] = types.ModuleType(name)',
      'sys.modules["pyspark"].StorageLevel = None',
      'sys.modules["pyspark.sql"].SparkSession = None',
      'sys.modules["pyspark.sql"].functions = sys.modules["pyspark.sql.functions"]',
      'for t in ("LongType", "StringType", "StructField", "StructType"):',
      '    setattr(sys.modules["pyspark.sql.types"], t, lambda *a, **k: None)',
      'job = types.ModuleType("job")',
      'exec(compile(sys.stdin.read(), "job.py", "exec"), job.__dict__)',
      'args = job.parse_args(["--input-uri", "s3a://b/p/input_data/", "--output-uri", "s3a://b/p/output_data/_staging/r1/",',
      '                       "--sources", "2019-08-22.txt,2019-09-21.txt", "--terminal-id-max", "1234", "--epoch", "2019-08-23 00:00:00"])',
      'sql = job.CLEANING_SQL.replace(job.TERMINAL_ID_MAX_PLACEHOLDER, str(args.terminal_id_max)).replace(job.EPOCH_SECONDS_PLACEHOLDER, str(args.epoch_seconds))',
      'print(args.sources, args.epoch_seconds, "{{" in sql, "(terminal_id > 1234)" in sql, "- 1566518400)" in sql)',
      'try:',
      '    job.parse_args(["--input-uri", "x", "--output-uri", "y", "--sources", "data/2019-08-22.txt"])',
      'except SystemExit as exit:',
      '    print("exit", exit.code)',
    ].join('\n');
    const run = spawnSync(PYTHON!, ['-c', script], { input: job, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(["['2019-08-22.txt', '2019-09-21.txt'] 1566518400 False True True", 'exit 2']);
  });

  it('when compared with the reviewed golden file, then it is identical (UPDATE_GOLDEN=1 rewrites it deliberately)', async () => {
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(GOLDEN, job);
    expect(job).toBe(await readFile(GOLDEN, 'utf8'));
  });

  it('when given other default parameters, then the CLI defaults follow them and the SQL keeps its placeholders', () => {
    const custom = renderPySparkJob({ terminalIdMax: 4999, epoch: '2020-01-01 00:00:00' });
    expect(custom).toContain('DEFAULT_TERMINAL_ID_MAX = 4999');
    expect(custom).toContain('DEFAULT_EPOCH = "2020-01-01 00:00:00"');
    expect(custom).toContain('(terminal_id > {{terminal_id_max}})');
    expect(custom).toContain('- {{epoch_seconds}})');
  });

  it('when read, then it sets the session options the SQL relies on and writes the staging layout', () => {
    for (const needed of [
      '"spark.sql.ansi.enabled": "false"',
      '"spark.sql.session.timeZone": "UTC"',
      '"spark.sql.legacy.timeParserPolicy": "CORRECTED"',
      '.zipWithIndex()',
      'partitionBy("tx_date")',
      'out + "quarantine"',
      'out + "quality.json"',
      'sys.exit(1)',
    ]) {
      expect(job).toContain(needed);
    }
  });
});

/**
 * sqlglot 10.6 (Debian's python3-sqlglot) does not know three Spark constructs; the test maps them by hand and
 * says so here rather than hiding it: element_at on arrays (DuckDB's element_at is for maps) -> list_extract,
 * to_timestamp(s, 'yyyy-MM-dd HH:mm:ss') -> try_strptime(s, '%Y-%m-%d %H:%M:%S') (sqlglot leaves the Spark call as is),
 * unix_seconds(ts) -> a DuckDB macro. Everything else is sqlglot's own translation.
 */
const SQLGLOT_GAPS: Array<[RegExp, string]> = [
  [/\bELEMENT_AT\(/gi, 'list_extract('],
  [/\bTO_TIMESTAMP\(/gi, 'try_strptime('],
  [/'yyyy-MM-dd HH:mm:ss'/g, "'%Y-%m-%d %H:%M:%S'"],
];

function sparkToDuckDb(sparkSql: string): string {
  const run = python(SQLGLOT_PYTHON!, "import sys, sqlglot; print(sqlglot.transpile(sys.stdin.read(), read='spark', write='duckdb')[0])", sparkSql);
  if (run.status !== 0) throw new Error(`sqlglot failed: ${run.stderr}`);
  return SQLGLOT_GAPS.reduce((sql, [pattern, replacement]) => sql.replace(pattern, replacement), run.stdout);
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS();
}

describe.skipIf(!SQLGLOT_PYTHON)(`${SQLGLOT_PYTHON ? '' : 'SKIPPED, /usr/bin/python3 has no sqlglot module: '}given the hand-written lines and sqlglot`, () => {
  let dir: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let quality: PeriodQuality;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-parity-'));
    const inputPath = join(dir, '2019-08-22.txt');
    // The hand-written lines, then every odd field text in every position (the engines must agree on those too).
    const lines = [...CASES.map((c) => c.line), ...oddFieldLines()];
    await writeFile(inputPath, `${lines.join('\n')}\n`);
    // The Spark job's input relation: one row per line, numbered from 1.
    const linesPath = join(dir, 'lines.ndjson');
    await writeFile(linesPath, lines.map((raw_line, i) => `${JSON.stringify({ line_number: i + 1, raw_line })}\n`).join(''));
    quality = await cleanPeriodWithDuckDb({ inputPath, outDir: join(dir, 'out'), period: '2019-08-22', source: '2019-08-22.txt', threads: 2, memoryLimit: '1GB' });
    instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
    connection = await instance.connect();
    await connection.run(
      `CREATE TABLE source_lines AS SELECT * FROM read_json('${linesPath}', format = 'newline_delimited', columns = {'line_number': 'BIGINT', 'raw_line': 'VARCHAR'})`,
    );
    await connection.run('CREATE MACRO unix_seconds(ts) AS CAST(epoch(ts) AS BIGINT)');
    await connection.run(`CREATE TABLE classified AS ${sparkToDuckDb(renderCleaningQuery('spark', { input: 'source_lines' }))}`);
  });
  afterAll(async () => {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the Spark SQL runs (through sqlglot), then it quarantines the same lines, numbers and rules as the DuckDB engine', async () => {
    const viaSpark = await rows(connection, 'SELECT line_number, raw_line, rule FROM classified WHERE rule IS NOT NULL ORDER BY line_number');
    const engine = await rows(connection, `SELECT line_number, raw_line, rule FROM read_parquet('${join(dir, 'out', 'quarantine', '*.parquet')}') ORDER BY line_number`);
    expect(viaSpark.length).toBeGreaterThan(0);
    expect(viaSpark).toEqual(engine);
  });

  it('when the Spark SQL runs (through sqlglot), then it keeps the same rows with the same typed values as the DuckDB engine', async () => {
    const columns = cleaningDefinition().output.map((column) => `${column.name}::VARCHAR AS ${column.name}`).join(', ');
    const viaSpark = await rows(connection, `SELECT ${columns} FROM classified WHERE rule IS NULL ORDER BY transaction_id`);
    const engine = await rows(connection, `SELECT ${columns} FROM read_parquet('${join(dir, 'out', 'data', '*', '*.parquet')}', hive_partitioning = true) ORDER BY transaction_id`);
    expect(viaSpark.length).toBeGreaterThan(CASES.filter((c) => c.expect === 'kept').length);
    expect(viaSpark).toEqual(engine);
  });

  it('when the Spark quality and comment queries run, then the counts are the DuckDB engine\'s', async () => {
    const [counts] = await rows(connection, sparkToDuckDb(renderQualityQuery('spark', 'classified')));
    const [comments] = await rows(connection, sparkToDuckDb(renderCommentCountQuery('spark', 'source_lines')));
    expect(Number(counts!.rows_read)).toBe(quality.rows_read);
    expect(Number(counts!.rows_written)).toBe(quality.rows_written);
    expect(Number(comments!.comment_lines)).toBe(quality.comment_lines);
    for (const [id, n] of Object.entries(quality.rejected)) expect(Number(counts![`rejected_${id}`])).toBe(n);
    for (const [id, n] of Object.entries(quality.repaired)) expect(Number(counts![`repaired_${id}`])).toBe(n);
  });
});
