import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { layout, RULE_IDS } from '@ferry/types';
import type { PeriodQuality } from '@ferry/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from './cases.fixture.ts';
import type { Expected } from './cases.fixture.ts';
import { cleanPeriodWithDuckDb } from './duckdb.ts';

const SOURCE = '2019-08-22.txt';
const count = (what: Expected): number => CASES.filter((c) => c.expect === what).length;

async function query(sql: string, threads = '1'): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads, memory_limit: '1GB' });
  const connection = await instance.connect();
  try {
    // Stored datetimes are UTC instants: shown in UTC, whatever this machine's zone.
    await connection.run("SET TimeZone = 'UTC'");
    return (await connection.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

interface QuarantinedLine {
  line_number: bigint;
  raw_line: string;
  rule: string;
}

/** Cleans `content` as the source 2019-08-22.txt in a temp dir (removed after); the quality and the quarantine in line order. */
async function cleanContent(content: string | Buffer, threads = 2): Promise<{ quality: PeriodQuality; quarantined: QuarantinedLine[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-cleaning-'));
  try {
    const inputPath = join(dir, SOURCE);
    await writeFile(inputPath, content);
    const quality = await cleanPeriodWithDuckDb({
      inputPath,
      outDir: join(dir, 'out'),
      period: '2019-08-22',
      source: SOURCE,
      threads,
      memoryLimit: '1GB',
    });
    const quarantined = await query(
      `SELECT line_number, raw_line, rule FROM read_parquet('${join(dir, 'out', 'quarantine', '*.parquet')}') ORDER BY line_number`,
    );
    return { quality, quarantined: quarantined as unknown as QuarantinedLine[] };
  } finally {
    await rm(dir, { recursive: true, force: true });
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

  it('when cleaned, then the staged quality file holds the same PeriodQuality', async () => {
    expect(JSON.parse(await readFile(join(outDir, layout.work.stagedFiles.quality), 'utf8'))).toEqual(quality);
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
      transaction_id: 'BIGINT',
      tx_datetime: 'TIMESTAMP WITH TIME ZONE',
      customer_id: 'BIGINT',
      terminal_id: 'INTEGER',
      tx_amount: 'DECIMAL(12,2)',
      tx_time_seconds: 'BIGINT',
      tx_time_days: 'INTEGER',
      tx_fraud: 'SMALLINT',
      tx_fraud_scenario: 'SMALLINT',
      tx_date: 'DATE',
    });
    const rows = await query(
      `SELECT transaction_id::VARCHAR AS id, strftime(tx_datetime, '%Y-%m-%d %H:%M:%S') AS dt, customer_id::VARCHAR AS customer,
              terminal_id AS terminal, tx_amount::VARCHAR AS amount, tx_time_seconds::VARCHAR AS seconds, tx_time_days AS days,
              tx_fraud AS fraud, tx_fraud_scenario AS scenario, tx_date::VARCHAR AS tx_date
       FROM ${parquet} ORDER BY transaction_id`,
    );
    const keptIds = CASES.filter((c) => c.expect === 'kept').map((c) => c.line.split(',')[0]!);
    expect(rows.map((r) => r.id)).toEqual([...keptIds].sort((a, b) => Number(a) - Number(b)));
    expect(rows[0]).toEqual({
      id: '0',
      dt: '2019-08-22 00:00:00',
      customer: '0',
      terminal: 0,
      amount: '0.01',
      seconds: '0',
      days: 0,
      fraud: 0,
      scenario: 0,
      tx_date: '2019-08-22',
    });
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
      await writeFile(
        inputPath,
        [
          '1,2020-01-01 01:00:00,1,1500,5.00,3600,0,0,0',
          '2,2020-01-01 01:00:00,1,2500,5.00,3600,0,0,0',
          '3,2019-08-22 01:00:00,1,5,5.00,3600,0,0,0',
        ].join('\n') + '\n',
      );
      const quality = await cleanPeriodWithDuckDb({
        inputPath,
        outDir: join(dir, 'out'),
        period: '2020-01-01',
        source: '2020-01-01.txt',
        threads: 1,
        memoryLimit: '1GB',
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
      cleanPeriodWithDuckDb({
        inputPath: '/nonexistent',
        outDir: join(tmpdir(), 'ferry-never'),
        period: 'p',
        source: 's',
        params: { terminalIdMax: 999, epoch: '2019-02-30 00:00:00' },
      }),
    ).rejects.toThrow(/epoch must be a real date\/time/);
  });
});

describe('given a file of several CSV scan blocks (about 20 MB) read by two threads, with lines the typed reader rejects, lines it misreads and empty lines', () => {
  const rows = 330_000;
  let dir: string;
  let inputPath: string;
  /** Line number -> rule, for every line that must be quarantined. */
  const expected = new Map<number, string>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-cleaning-order-'));
    inputPath = join(dir, '2019-08-22.txt');
    const lines = [CASES[0]!.line];
    for (let id = 0; id < rows; id++) {
      // Every 997th terminal is not a number (the reader rejects the line), every 1009th customer has a plus sign
      // (the reader takes it for a number), every 1013th row follows an empty line, every 1019th amount is zero
      // (a canonical line rejected by a rule, printed back from its values).
      if (id % 1013 === 0) {
        lines.push('');
        expected.set(lines.length, 'malformed');
      }
      const terminal = id % 997 === 0 ? 'Err' : String(id % 1000);
      const customer = id % 1009 === 0 ? `+${id % 1000}` : String(id % 1000);
      const amount = id % 1019 === 0 ? '0.00' : '12.34';
      lines.push(`${id},2019-08-22 06:51:03,${customer},${terminal},${amount},24663,0,0,0`);
      if (id % 1009 === 0) expected.set(lines.length, 'malformed');
      else if (id % 997 === 0) expected.set(lines.length, 'invalid_terminal');
      else if (id % 1019 === 0) expected.set(lines.length, 'non_positive_amount');
    }
    await writeFile(inputPath, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when cleaned, then every quarantined line carries its own line number, text and rule', async () => {
    const quality = await cleanPeriodWithDuckDb({
      inputPath,
      outDir: join(dir, 'out'),
      period: '2019-08-22',
      source: '2019-08-22.txt',
      threads: 2,
      memoryLimit: '1GB',
    });
    const quarantined = await query(
      `SELECT line_number, raw_line, rule FROM read_parquet('${join(dir, 'out', 'quarantine', '*.parquet')}') ORDER BY line_number`,
    );
    const lines = (await readFile(inputPath, 'utf8')).split('\n');
    expect(quarantined.map((r) => [Number(r.line_number), r.rule])).toEqual([...expected]);
    expect(quarantined.every((r) => r.raw_line === lines[Number(r.line_number) - 1])).toBe(true);
    const emptyLines = Math.ceil(rows / 1013);
    expect(quality.rows_read).toBe(rows + emptyLines);
    expect(quality.rows_written).toBe(rows + emptyLines - expected.size);
  });
});

describe('given canonical lines of every shape, whose terminal is out of range', () => {
  it('when cleaned, then each is quarantined with its text exactly as read (printed back from the values the typed reader read)', async () => {
    let seed = 11;
    const random = (n: number): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    const digits = (length: number): string => `${1 + random(9)}${Array.from({ length: length - 1 }, () => random(10)).join('')}`;
    const integer = (): string => [() => '0', () => digits(1 + random(18)), () => `-${digits(1 + random(18))}`][random(3)]!();
    const amount = (): string => `${random(2) === 0 ? '0' : digits(1 + random(10))}.${random(10)}${random(10)}`;
    const two = (max: number): string => String(random(max)).padStart(2, '0');
    // Months and days past the calendar too: the reader rejects those, and their text comes from its rejects.
    const datetime = (): string => `${1000 + random(9000)}-${two(14)}-${two(33)} ${two(24)}:${two(60)}:${two(60)}`;
    const lines = Array.from({ length: 3000 }, (_, id) =>
      [id, datetime(), integer(), 1000 + random(1e9), amount(), integer(), integer(), integer(), integer()].join(','),
    );
    const { quality, quarantined } = await cleanContent(`${lines.join('\n')}\n`);
    expect(quality.rows_written).toBe(0);
    expect(quarantined.map(({ line_number, raw_line }) => ({ line_number, raw_line }))).toEqual(
      lines.map((raw_line, i) => ({ line_number: BigInt(i + 1), raw_line })),
    );
  });
});

describe('given a file whose ids do not ascend, some negative or too long to compare as doubles, and repeat', () => {
  it('when cleaned, then exactly the later lines of each repeated id are duplicates', async () => {
    const ids = [5, 3, 9, 3, -4, 7, -4, 9, 0, 5, 0, 8, 1];
    const long = ['1234567890123456', '1234567890123457', '1234567890123456', '123456789012345678', '123456789012345678'];
    const lines = [...ids.map(String), ...long, '2', '1', '123456789012345677', '1234567890123457'].map(
      (id) => `${id},2019-08-22 06:51:03,5,5,1.50,24663,0,0,0`,
    );
    const seen = new Set<string>();
    const duplicates = lines.flatMap((line, i) => {
      const id = line.split(',')[0]!;
      if (seen.has(id)) return [i + 1];
      seen.add(id);
      return [];
    });
    const { quality, quarantined } = await cleanContent(`${lines.join('\n')}\n`);
    expect(quarantined.map(({ line_number, rule }) => ({ line_number, rule }))).toEqual(
      duplicates.map((line) => ({ line_number: BigInt(line), rule: 'duplicate' })),
    );
    expect(quality.rows_written).toBe(seen.size);
  });
});

describe('given lines a CSV reader finds hard: 3 MB long, 100,000 fields, invalid UTF-8, a NUL, no final newline', () => {
  it('when cleaned, then each is quarantined with its text (invalid UTF-8 bytes as U+FFFD) and the rest is kept', async () => {
    const row = (id: number): string => `${id},2019-08-22 06:51:03,5,5,1.50,24663,0,0,0`;
    const hard = ['x'.repeat(3_000_000), `${row(2)}${',0'.repeat(100_000)}`, `3,2019-08-22 06:51:03,5,\u0000,1.50,24663,0,0,0`];
    const { quality, quarantined } = await cleanContent(
      Buffer.concat([
        Buffer.from(`${row(1)}\n${hard.join('\n')}\n4,2019-08-22 06:51:03,5,`),
        Buffer.from([0xff]),
        Buffer.from(`,1.50,24663,0,0,0\n${row(5)}`),
      ]),
    );
    expect(quarantined).toEqual([
      { line_number: 2n, raw_line: hard[0], rule: 'malformed' },
      { line_number: 3n, raw_line: hard[1], rule: 'malformed' },
      { line_number: 4n, raw_line: hard[2], rule: 'invalid_terminal' },
      { line_number: 5n, raw_line: '4,2019-08-22 06:51:03,5,\ufffd,1.50,24663,0,0,0', rule: 'invalid_terminal' },
    ]);
    expect(quality.rows_written).toBe(2);
  });
});

describe('given the same lines with every line ending peers read', () => {
  const lines = CASES.map((c) => c.line);
  const lf = `${lines.join('\n')}\n`;

  it.for([
    ['CRLF', `${lines.join('\r\n')}\r\n`],
    ['a lone CR', `${lines.join('\r')}\r`],
    ['CRLF and LF mixed', lines.map((line, i) => `${line}${i % 2 ? '\r\n' : '\n'}`).join('')],
    // A lone CR before an empty line ended by LF would read as one CRLF: the mix avoids that on purpose.
    ['CRLF, CR and LF mixed', lines.map((line, i) => `${line}${i % 3 === 1 && lines[i + 1] !== '' ? '\r' : i % 3 === 0 ? '\r\n' : '\n'}`).join('')],
    ['a UTF-8 byte order mark', `\ufeff${lf}`],
    ['a UTF-8 byte order mark and CRLF', `\ufeff${lines.join('\r\n')}\r\n`],
  ])('when the file has %s, then it cleans exactly like LF: the ending is not part of any line', async ([, content]) => {
    const expected = await cleanContent(lf);
    const cleaned = await cleanContent(content!);
    expect(cleaned.quarantined).toEqual(expected.quarantined);
    expect(cleaned.quality).toEqual(expected.quality);
  });

  it("when a CRLF falls across the scan's 4 MiB blocks, then it is one line ending", async () => {
    const long = `1,2019-08-22 06:51:03,5,${'7'.repeat((1 << 22) - 30)}`;
    const { quality, quarantined } = await cleanContent(`${long}\r\n2,2019-08-22 06:51:03,5,5,1.50,24663,0,0,0\r\n`, 1);
    expect(quarantined.map((row) => row.line_number)).toEqual([1n]);
    expect(quality.rows_read).toBe(2);
  });
});

describe('given files that are not plain text', () => {
  it.for([
    [
      'gzip-compressed',
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]),
      '2019-08-22.txt is gzip-compressed: ferry cleans plain text, so decompress it first',
    ],
    ['binary', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64), Buffer.from(CASES[1]!.line)]), '2019-08-22.txt is not a text file'],
  ])('when a %s file is cleaned, then it is refused in one line that says so', async ([, content, message]) => {
    await expect(cleanContent(content as Buffer, 1)).rejects.toMatchObject({ name: 'FerryError', message });
  });
});

describe('given a 45 MB file whose rows do not fit in the memory DuckDB is held to', () => {
  it('when cleaned, then its rows are kept compressed in a database file and every count and quarantined line is exact', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-cleaning-small-memory-'));
    try {
      const inputPath = join(dir, '2019-08-22.txt');
      const lines: string[] = [];
      const expected: Array<[number, string]> = [];
      for (let id = 0; id < 900_000; id++) {
        const amount = id % 10_007 === 0 ? '0.00' : '12.34';
        lines.push(`${id},2019-08-22 06:51:03,${id % 1000},${id % 1000},${amount},24663,0,0,0`);
        if (id % 10_007 === 0) expected.push([lines.length, 'non_positive_amount']);
      }
      lines.push(lines[5]!);
      expected.push([lines.length, 'duplicate']);
      await writeFile(inputPath, `${lines.join('\n')}\n`);
      const outDir = join(dir, 'out');
      const quality = await cleanPeriodWithDuckDb({
        inputPath,
        outDir,
        period: '2019-08-22',
        source: '2019-08-22.txt',
        threads: 1,
        memoryLimit: '100MB',
      });
      const quarantined = await query(
        `SELECT line_number, rule FROM read_parquet('${join(outDir, 'quarantine', '*.parquet')}') ORDER BY line_number`,
      );
      expect(quarantined.map((r) => [Number(r.line_number), r.rule])).toEqual(expected);
      expect(quality.rows_written).toBe(lines.length - expected.length);
      const [written] = await query(`SELECT count(*) AS n FROM read_parquet('${join(outDir, 'data', '**', '*.parquet')}')`);
      expect(Number(written!.n)).toBe(quality.rows_written);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
