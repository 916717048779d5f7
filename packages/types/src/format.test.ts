import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FerryError } from './errors.ts';
import { jsonFormat } from './format.ts';
import { layout } from './layout.ts';
import { manifestFormat } from './manifest.ts';
import { noRejections, periodQualityFormat, qualityReportFormat } from './quality.ts';
import { runLockFormat } from './lock.ts';
import { runRecordFormat } from './runs.ts';

const WHERE = `results/${layout.results.manifest}`;
const period = {
  period: '2019-08-22',
  source: '2019-08-22.txt',
  size: 10,
  etag: 'e1',
  run_id: 'r1',
  processed_at: '2026-01-01T00:00:00.000Z',
  rows_read: 3,
  rows_written: 2,
  rows_rejected: 1,
};

describe('given the manifest format', () => {
  it('when a manifest is written and read back, then it is the same value, with version 1 first in the file', () => {
    const manifest = { periods: { '2019-08-22': { ...period, files: [{ key: 'transactions/a.parquet', size: 1, etag: 'x' }] } } };
    const text = manifestFormat.encode(manifest);
    expect(text.startsWith('{\n  "version": 1,\n  "periods"')).toBe(true);
    expect(manifestFormat.parse(text, WHERE)).toEqual(manifest);
  });

  it('when a field deep inside is missing, then one line names the file and the field', () => {
    const text = JSON.stringify({ version: 1, periods: { '2019-08-22': { ...period, files: [{ key: 'k', size: 1 }] } } });
    expect(() => manifestFormat.parse(text, WHERE)).toThrow(
      new FerryError(
        `${WHERE} is not a ferry manifest: periods.2019-08-22.files[0].etag is missing; fix or restore it (the store is versioned) before running again`,
      ),
    );
  });

  it('when a field has the wrong type or the version is unknown, then the line says what it is and what was expected', () => {
    const wrong = JSON.stringify({ version: 1, periods: { '2019-08-22': { ...period, size: '10', files: [] } } });
    expect(() => manifestFormat.parse(wrong, WHERE)).toThrow(
      `${WHERE} is not a ferry manifest: periods.2019-08-22.size is a string ("10"), expected number`,
    );
    expect(() => manifestFormat.parse('{"version": 0, "periods": {}}', WHERE)).toThrow(`${WHERE} is not a ferry manifest: version is 0, expected 1`);
    expect(() => manifestFormat.parse('[]', WHERE)).toThrow(`${WHERE} is not a ferry manifest: the file is an array, expected object`);
    expect(() => manifestFormat.parse('{ not json', WHERE)).toThrow(`${WHERE} is not valid JSON`);
  });

  it('when the manifest comes from a newer ferry, then it is refused as such, not as a broken file', () => {
    const decoded = manifestFormat.decode('{"version": 2, "periods": {}, "owners": {}}');
    expect(decoded).toEqual({ ok: false, problem: { kind: 'newer', version: 2, reads: 1 } });
    expect(() => manifestFormat.parse('{"version": 2}', WHERE)).toThrow(
      `${WHERE} is a ferry manifest of version 2, newer than this ferry reads (1): upgrade ferry`,
    );
  });

  it('when a newer ferry added a field within version 1, then it survives a read and a write', () => {
    const text = JSON.stringify({ version: 1, periods: { '2019-08-22': { ...period, files: [], engine: 'dataproc' } }, owner: 'team-a' });
    expect(JSON.parse(manifestFormat.encode(manifestFormat.parse(text, WHERE)))).toEqual(JSON.parse(text));
  });
});

describe('given files written before their formats had a version', () => {
  it('when a lock, a quality report or a run record has no version field, then it reads as version 1 and is written back with one', () => {
    const lock = {
      run_id: 'r1',
      acquired_at: '2026-01-01T00:00:00.000Z',
      expires_at: '2026-01-01T00:02:00.000Z',
      host: 'h',
      host_id: 'b/p',
      pid: 42,
    };
    expect(runLockFormat.parse(JSON.stringify(lock), layout.results.lock)).toEqual(lock);
    expect(runLockFormat.encode(lock)).toBe(`${JSON.stringify({ version: 1, ...lock })}\n`);
    expect(qualityReportFormat.parse('{"run_id": "r1", "periods": []}', 'q')).toEqual({ run_id: 'r1', periods: [] });
    const record = { run_id: 'r1', pipeline: 'rocket', status: 'succeeded', started_at: 't', steps: [], totals: {} };
    expect(runRecordFormat.parse(JSON.stringify(record), layout.results.run('r1').record)).toEqual(record);
  });

  it('when a format changed shape since, then its unversioned files read through the migration', () => {
    const index = jsonFormat({
      name: 'index',
      schema: z.object({ entries: z.record(z.string(), z.number()) }),
      version: 2,
      unversioned: (json) => ({ entries: json }),
    });
    expect(index.parse('{"https://a": 1}', 'index.json')).toEqual({ entries: { 'https://a': 1 } });
    expect(index.parse('{"version": 2, "entries": {"https://a": 1}}', 'index.json')).toEqual({ entries: { 'https://a': 1 } });
  });
});

describe('given the quality a period stages', () => {
  const quality = {
    period: '2019-08-22',
    source: '2019-08-22.txt',
    rows_read: 5,
    rows_written: 4,
    comment_lines: 0,
    rejected: { ...noRejections(), duplicate: 1 },
    repaired: { midnight_24h: 0 },
  };

  it('when a rule count is missing, then the line names that rule; when all are there, the file has no version field', () => {
    const { duplicate: _, ...fewer } = quality.rejected;
    const where = layout.work.staged('r1', quality.period).quality;
    expect(() => periodQualityFormat.parse(JSON.stringify({ ...quality, rejected: fewer }), where)).toThrow(
      `${where} is not a period quality file: rejected.duplicate is missing`,
    );
    expect(JSON.parse(periodQualityFormat.encode(quality))).toEqual(quality);
  });
});
