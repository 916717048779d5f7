/**
 * The Spark job as a Python file: the template lints as Python 3.8, the rendered job parses as Python 3.8 and
 * matches a reviewed golden file, its CLI fills in the SQL, and nothing in it puts Python in the data path.
 * The job itself runs on real Spark in test/cloud (parity with the DuckDB engine) and test/cli (by hand).
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SPARK, skipNote, sparkPaths } from '@ferry/testbed';
import { layout } from '@ferry/types';
import { describe, expect, it } from 'vitest';
import { pySparkJobArgs, readJobTemplate, renderPySparkJob } from './pyspark.ts';

const GOLDEN = new URL('./__golden__/job.py', import.meta.url);
const TEMPLATE = fileURLToPath(new URL('./spark/clean_job.py', import.meta.url));
const RUFF_CONFIG = fileURLToPath(new URL('../ruff.toml', import.meta.url));
const PYTHON = ['python3', '/usr/bin/python3'].find((bin) => spawnSync(bin, ['--version']).status === 0);
const noPython = PYTHON ? '' : 'SKIPPED, no python3 on this machine: ';

function python(script: string, input: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(PYTHON!, ['-c', script], { input, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('given the job template and the job rendered from it', () => {
  const job = renderPySparkJob();

  it.skipIf(!PYTHON)(`${noPython}when both are parsed with the Python 3.8 grammar, then they are valid`, () => {
    for (const source of [readJobTemplate(), job]) {
      const run = python('import ast, sys; ast.parse(sys.stdin.read(), feature_version=(3, 8))', source);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
  });

  it.skipIf(!!SPARK.missing())(`${skipNote(SPARK)}when the template is linted with ruff as Python 3.8, then it has no findings`, () => {
    const run = spawnSync(sparkPaths.ruff, ['check', '--no-cache', '--config', RUFF_CONFIG, TEMPLATE], { encoding: 'utf8' });
    expect(run.stdout).toContain('All checks passed');
    expect(run.status).toBe(0);
  });

  it('when rendered, then every placeholder is filled and no other text of the template changed', () => {
    expect(job).not.toMatch(/"<<ferry:[a-z_]+>>"/);
    const template = readJobTemplate().split('\n');
    const rendered = job.split('\n');
    const unchanged = template.filter((line) => !line.includes('"<<ferry:'));
    expect(unchanged.every((line) => rendered.includes(line))).toBe(true);
  });

  it.skipIf(!PYTHON)(`${noPython}when its CLI is parsed (pyspark stubbed), then the engine's arguments fill in the SQL`, () => {
    // Only the argument handling runs: pyspark is replaced by empty modules, no Spark session is created.
    const args = pySparkJobArgs({
      inputUri: `s3a://b/p/${layout.work.inputs}`,
      outputUri: `s3a://b/p/${layout.work.staging('r1')}`,
      sources: ['2019-08-22.txt', '2019-09-21.txt'],
      params: { terminalIdMax: 1234, epoch: '2019-08-23 00:00:00' },
    });
    const script = [
      'import json, sys, types',
      'for name in ("pyspark", "pyspark.sql", "pyspark.sql.functions"):',
      '    sys.modules[name] = types.ModuleType(name)',
      'sys.modules["pyspark"].StorageLevel = None',
      'sys.modules["pyspark.sql"].SparkSession = None',
      'sys.modules["pyspark.sql"].functions = sys.modules["pyspark.sql.functions"]',
      'job = types.ModuleType("job")',
      'exec(compile(sys.stdin.read(), "job.py", "exec"), job.__dict__)',
      `args = job.parse_args(json.loads(${JSON.stringify(JSON.stringify(args))}))`,
      'sql = job.fill_params(job.CLEANING_SQL, args)',
      'print(args.sources, args.epoch_seconds, "{{" in sql, "(terminal_id > 1234)" in sql, "- 1566518400)" in sql)',
      'try:',
      '    job.parse_args(["--input-uri", "x", "--output-uri", "y", "--sources", "data/2019-08-22.txt"])',
      'except SystemExit as exit:',
      '    print("exit", exit.code)',
    ].join('\n');
    const run = spawnSync(PYTHON!, ['-c', script], { input: job, encoding: 'utf8' });
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

  it('when read, then nothing in it runs Python over rows: no lambda, RDD, UDF or local collection turned into data', () => {
    for (const pythonInTheDataPath of [
      'lambda',
      '.rdd',
      'udf',
      'pandas_udf',
      'createDataFrame',
      'parallelize',
      'textFile',
      'mapPartitions',
      'zipWithIndex',
    ]) {
      expect(job, pythonInTheDataPath).not.toContain(pythonInTheDataPath);
    }
    for (const needed of [
      '"spark.sql.ansi.enabled": "false"',
      '"spark.sql.session.timeZone": "UTC"',
      'monotonically_increasing_id()',
      'input_file_block_start()',
    ]) {
      expect(job).toContain(needed);
    }
  });
});
