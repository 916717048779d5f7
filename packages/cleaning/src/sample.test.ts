import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSample } from '@ferry/sample';
import type { SamplePeriodTruth } from '@ferry/sample';
import type { PeriodQuality } from '@ferry/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPeriodWithDuckDb } from './duckdb.ts';

// Every defect kind switched on at a rate that puts a handful of each into a small file.
const RATES = {
  duplicate: 0.002,
  invalid_customer: 0.002,
  non_positive_amount: 0.002,
  invalid_terminal: 0.002,
  terminal_out_of_range: 0.002,
  midnight_24h: 0.002,
  inconsistent_time: 0.002,
  malformed: 0.002,
  invalid_datetime: 0.002,
  invalid_fraud_label: 0.002,
};

describe('given two sample periods with every defect injected at known counts', () => {
  let dir: string;
  const results: Array<{ truth: SamplePeriodTruth; quality: PeriodQuality; outDir: string }> = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-cleaning-sample-'));
    for (const period of generateSample({ periods: 2, daysPerPeriod: 3, rowsPerDay: 3000, seed: 7, defects: RATES })) {
      const inputPath = join(dir, period.name);
      await pipeline(Readable.from(period.chunks()), createWriteStream(inputPath));
      const truth = period.truth();
      const outDir = join(dir, period.period);
      const quality = await cleanPeriodWithDuckDb({ inputPath, outDir, period: period.period, source: period.name, threads: 2, memoryLimit: '1GB' });
      results.push({ truth, quality, outDir });
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when cleaned, then each period reports exactly the injected counts', () => {
    expect(results).toHaveLength(2);
    for (const { truth, quality } of results) {
      expect(Object.values(truth.rejected).every((n) => n > 0)).toBe(true);
      expect(quality.rejected).toEqual(truth.rejected);
      expect(quality.repaired).toEqual(truth.repaired);
      expect(quality.comment_lines).toBe(truth.comment_lines);
      expect(quality.rows_read).toBe(truth.data_lines);
    }
  });

  it('when cleaned, then the quarantine holds exactly the injected lines, with their line numbers and rules', async () => {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
    const connection = await instance.connect();
    try {
      for (const { truth, outDir } of results) {
        const rows = (
          await connection.runAndReadAll(
            `SELECT source, line_number::DOUBLE AS line_number, raw_line, rule FROM read_parquet('${join(outDir, 'quarantine', '*.parquet')}') ORDER BY line_number`,
          )
        ).getRowObjectsJS();
        const expected = [...truth.rejectedLines].sort((a, b) => a.line_number - b.line_number).map((r) => ({ source: truth.name, ...r }));
        expect(rows).toEqual(expected);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
