import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from '@ferry/cleaning/cases';
import { SPARK, skipNote, sparkSubmit } from '@ferry/testbed';
import { layout } from '@ferry/types';
import { ferry } from '../support/cli.ts';

const SOURCE = '2019-08-22.txt';

/** The quarantine of a staged period, in line order, as DuckDB reads Spark's part file(s). */
async function quarantine(dir: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
  const connection = await instance.connect();
  try {
    // JSON rows: BIGINT line numbers come as text.
    return (
      await connection.runAndReadAll(`SELECT line_number, raw_line, rule FROM read_parquet('${dir}/quarantine/*.parquet') ORDER BY line_number`)
    ).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe.skipIf(!!SPARK.missing())(
  `${skipNote(SPARK)}given a user with their own Spark and a folder holding a source file with a line for every rule`,
  () => {
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ferry-spark-job-'));
      await mkdir(join(dir, 'in'));
      await writeFile(join(dir, 'in', SOURCE), `${CASES.map((c) => c.line).join('\n')}\n`);
    });
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('when `ferry spark-job --out job.py` runs, then it writes the job and says how to submit it', async () => {
      const written = await ferry(['spark-job', '--out', 'job.py', '--terminal-id-max', '999'], { cwd: dir });
      expect(written.stderr).toBe('');
      expect(written.code).toBe(0);
      expect(written.stdout).toContain('spark-submit job.py --input-uri');
      expect(await readFile(join(dir, 'job.py'), 'utf8')).toMatch(/^#!\/usr\/bin\/env python3/);
    });

    it('when spark-submit runs it by hand on file:// locations, then it exits 0 and stages every line exactly as the rules say', async () => {
      const command = sparkSubmit({
        job: join(dir, 'job.py'),
        args: [
          '--input-uri',
          pathToFileURL(join(dir, 'in')).href + '/',
          '--output-uri',
          pathToFileURL(join(dir, 'out')).href + '/',
          '--sources',
          SOURCE,
        ],
      });
      const submitted = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
        const child = spawn(command.command, command.args, { env: command.env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, output }));
      });
      expect(submitted.output).toContain(`ferry: cleaned ${SOURCE}`);
      expect(submitted.code).toBe(0);

      const staged = join(dir, 'out', '2019-08-22');
      const expected = CASES.map((c, i) => ({ line_number: String(i + 1), raw_line: c.line, rule: c.expect })).filter(
        (row) => row.rule !== 'kept' && row.rule !== 'comment',
      );
      expect(await quarantine(staged)).toEqual(expected);
      const quality = JSON.parse(await readFile(join(staged, layout.work.stagedFiles.quality), 'utf8')) as {
        rows_written: number;
        comment_lines: number;
      };
      expect(quality.rows_written).toBe(CASES.filter((c) => c.expect === 'kept').length);
      expect(quality.comment_lines).toBe(CASES.filter((c) => c.expect === 'comment').length);
    });
  },
);
