import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { RULE_IDS } from '@ferry/types';
import type { PeriodQuality } from '@ferry/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from './cases.fixture.ts';
import type { Expected } from './cases.fixture.ts';
import { cleanPeriodWithDuckDb, renderDuckDbSourceFields } from './duckdb.ts';

const SOURCE = '2019-08-22.txt';
const count = (what: Expected): number => CASES.filter((c) => c.expect === what).length;

async function query(sql: string, threads = '1'): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads, memory_limit: '1GB' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('given a source file with a line for every rule, the repair and the valid edge values', () => {
  let dir: string;
  let outDir: string;
  let quality: PeriodQuality;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-cleaning-'));
    outDir = join(dir, 'out');
    const inputPath = join(dir, SOURCE);
    await writeFile(inputPath, `${CASES.map((c) => c.line).join('\n')}\n`);
    quality = await cleanPeriodWithDuckDb({ inputPath, outDir, period: '2019-08-22', source: SOURCE, threads: 2, memoryLimit: '1GB' });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when cleaned, then every rule counts exactly its lines (a row breaking several counts under the first)', () => {
    expect(quality.rejected).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, count(id)])));
    expect(quality.comment_lines).toBe(count('comment'));
    expect(quality.rows_written).toBe(count('kept'));
    expect(quality.repaired).toEqual({ midnight_24h: CASES.filter((c) => c.expect === 'kept' && c.line.includes(' 24:00:00')).length });
  });

  it('when cleaned, then rows read add up to rows written plus rejected, comments excluded', () => {
    const rejected = Object.values(quality.rejected).reduce((a, b) => a + b, 0);
    expect(quality.rows_read).toBe(CASES.length - count('comment'));
    expect(quality.rows_read).toBe(quality.rows_written + rejected);
  });

  it('when cleaned, then quality.json holds the same PeriodQuality', async () => {
    expect(JSON.parse(await readFile(join(outDir, 'quality.json'), 'utf8'))).toEqual(quality);
    expect(quality).toMatchObject({ period: '2019-08-22', source: SOURCE });
  });

  it('when cleaned, then the quarantine holds each rejected line exactly as read, with its 1-based line number and rule', async () => {
    const rows = await query(`SELECT * FROM read_parquet('${join(outDir, 'quarantine', '*.parquet')}') ORDER BY line_number`);
    const expected = CASES.map((c, i) => ({ source: SOURCE, line_number: BigInt(i + 1), raw_line: c.line, rule: c.expect })).filter(
      (r) => r.rule !== 'kept' && r.rule !== 'comment',
    );
    expect(rows).toEqual(expected);
  });

  it('when cleaned, then the kept rows are typed, day-partitioned, and hold the edge values unchanged', async () => {
    const parquet = `read_parquet('${join(outDir, 'data', '*', '*.parquet')}', hive_partitioning = true)`;
    const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${parquet})`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual({
      transaction_id: 'BIGINT', tx_datetime: 'TIMESTAMP', customer_id: 'BIGINT', terminal_id: 'INTEGER', tx_amount: 'DECIMAL(12,2)',
      tx_time_seconds: 'BIGINT', tx_time_days: 'INTEGER', tx_fraud: 'SMALLINT', tx_fraud_scenario: 'SMALLINT', tx_date: 'DATE',
    });
    const rows = await query(
      `SELECT transaction_id::VARCHAR AS id, strftime(tx_datetime, '%Y-%m-%d %H:%M:%S') AS dt, customer_id::VARCHAR AS customer,
              terminal_id AS terminal, tx_amount::VARCHAR AS amount, tx_time_seconds::VARCHAR AS seconds, tx_time_days AS days,
              tx_fraud AS fraud, tx_fraud_scenario AS scenario, tx_date::VARCHAR AS tx_date
       FROM ${parquet} ORDER BY transaction_id`,
    );
    const keptIds = CASES.filter((c) => c.expect === 'kept').map((c) => c.line.split(',')[0]!);
    expect(rows.map((r) => r.id)).toEqual([...keptIds].sort((a, b) => Number(a) - Number(b)));
    expect(rows[0]).toEqual({ id: '0', dt: '2019-08-22 00:00:00', customer: '0', terminal: 0, amount: '0.01', seconds: '0', days: 0, fraud: 0, scenario: 0, tx_date: '2019-08-22' });
    expect(rows.find((r) => r.id === '27')?.amount).toBe('1.50');
  });

  it('when a 24:00:00 row is kept, then it is the next day 00:00:00 in the next day partition, days moved when they named the previous day', async () => {
    const rows = await query(
      `SELECT transaction_id::VARCHAR AS id, strftime(tx_datetime, '%Y-%m-%d %H:%M:%S') AS dt, tx_time_days AS days, tx_date::VARCHAR AS tx_date,
              regexp_extract(filename, 'tx_date=([0-9-]+)', 1) AS folder
       FROM read_parquet('${join(outDir, 'data', '*', '*.parquet')}', hive_partitioning = true, filename = true)
       WHERE transaction_id IN (21, 22, 30) ORDER BY transaction_id`,
    );
    expect(rows).toEqual([
      { id: '21', dt: '2019-08-23 00:00:00', days: 1, tx_date: '2019-08-23', folder: '2019-08-23' },
      { id: '22', dt: '2019-09-21 00:00:00', days: 30, tx_date: '2019-09-21', folder: '2019-09-21' },
      { id: '30', dt: '2019-08-23 00:00:00', days: 1, tx_date: '2019-08-23', folder: '2019-08-23' },
    ]);
  });
});

describe('given rule parameters other than the defaults', () => {
  it('when terminalIdMax and epoch change, then range and time rules follow them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-cleaning-params-'));
    try {
      const inputPath = join(dir, '2020-01-01.txt');
      // Epoch 2020-01-01: seconds 3600 is 01:00:00 that day; terminal 1500 is valid up to 2000, 2500 is not.
      await writeFile(inputPath, ['1,2020-01-01 01:00:00,1,1500,5.00,3600,0,0,0', '2,2020-01-01 01:00:00,1,2500,5.00,3600,0,0,0', '3,2019-08-22 01:00:00,1,5,5.00,3600,0,0,0'].join('\n') + '\n');
      const quality = await cleanPeriodWithDuckDb({
        inputPath, outDir: join(dir, 'out'), period: '2020-01-01', source: '2020-01-01.txt', threads: 1, memoryLimit: '1GB',
        params: { terminalIdMax: 2000, epoch: '2020-01-01 00:00:00' },
      });
      expect(quality.rows_written).toBe(1);
      expect(quality.rejected.terminal_out_of_range).toBe(1);
      expect(quality.rejected.inconsistent_time).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when the epoch is not a real date/time, then cleaning refuses with a clear message', async () => {
    await expect(
      cleanPeriodWithDuckDb({ inputPath: '/nonexistent', outDir: join(tmpdir(), 'ferry-never'), period: 'p', source: 's', params: { terminalIdMax: 999, epoch: '2019-02-30 00:00:00' } }),
    ).rejects.toThrow(/epoch must be a real date\/time/);
  });
});

describe('given a file of several CSV scan blocks (about 20 MB) read by two threads', () => {
  const rows = 330_000;
  let dir: string;
  let inputPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-cleaning-order-'));
    inputPath = join(dir, '2019-08-22.txt');
    const lines = [CASES[0]!.line];
    for (let id = 0; id < rows; id++) {
      // Line number of row `id` is id + 2 (header first); every 997th row gets a terminal that is not a number.
      const terminal = id % 997 === 0 ? 'Err' : String(id % 1000);
      lines.push(`${id},2019-08-22 06:51:03,${id % 1000},${terminal},12.34,24663,0,0,0`);
    }
    await writeFile(inputPath, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when its fields are read into a table, then rowid order is file order (the engine numbers lines by it)', async () => {
    const [row] = await query(
      `CREATE TABLE fields AS SELECT raw_transaction_id FROM ${renderDuckDbSourceFields(inputPath)};
       SELECT count(*) AS n, count(*) FILTER (WHERE rowid <> raw_transaction_id::BIGINT + 1) AS out_of_order FROM fields WHERE rowid > 0`,
      '2',
    );
    expect(row).toEqual({ n: BigInt(rows), out_of_order: 0n });
  });

  it('when cleaned, then every quarantined line carries its own line number (the id it holds tells where it is)', async () => {
    const quality = await cleanPeriodWithDuckDb({ inputPath, outDir: join(dir, 'out'), period: '2019-08-22', source: '2019-08-22.txt', threads: 2, memoryLimit: '1GB' });
    const quarantined = await query(
      `SELECT line_number, split_part(raw_line, ',', 1)::BIGINT AS id FROM read_parquet('${join(dir, 'out', 'quarantine', '*.parquet')}') ORDER BY line_number`,
    );
    expect(quarantined.length).toBe(Math.ceil(rows / 997));
    expect(quarantined.every((r) => r.line_number === (r.id as bigint) + 2n)).toBe(true);
    expect(quality.rows_written).toBe(rows - quarantined.length);
  });
});

describe('given a file with a carriage return', () => {
  it('when cleaned, then it is refused with a clear message, as lines must end with a newline alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-cleaning-cr-'));
    try {
      const inputPath = join(dir, '2019-08-22.txt');
      await writeFile(inputPath, `${CASES[0]!.line}\r\n${CASES[1]!.line}\r\n`);
      await expect(
        cleanPeriodWithDuckDb({ inputPath, outDir: join(dir, 'out'), period: '2019-08-22', source: '2019-08-22.txt', threads: 1, memoryLimit: '1GB' }),
      ).rejects.toThrow(/2019-08-22\.txt has a carriage return/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
