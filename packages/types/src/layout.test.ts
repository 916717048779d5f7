import { describe, expect, it } from 'vitest';
import { layout } from './layout.ts';

describe('given the store layout', () => {
  it('when a period is staged and published, then its keys are the ones the README shows', () => {
    expect(layout.work.input('2019-08-22.txt')).toBe('input_data/2019-08-22.txt');
    expect(layout.work.staged('r1', '2019-08-22')).toEqual({
      root: 'output_data/_staging/r1/2019-08-22/',
      data: 'output_data/_staging/r1/2019-08-22/data/',
      quarantine: 'output_data/_staging/r1/2019-08-22/quarantine/',
      quality: 'output_data/_staging/r1/2019-08-22/quality.json',
      failure: 'output_data/_staging/r1/2019-08-22/failed.json',
    });
    expect(layout.work.staging('r1')).toBe('output_data/_staging/r1/');
    expect([layout.work.inputs, layout.work.stagingRoot, layout.work.stagedFiles.quality, layout.results.runs]).toEqual([
      'input_data/',
      'output_data/_staging/',
      'quality.json',
      'runs/',
    ]);
    expect(layout.work.dayOfStaged('tx_date=2019-08-23/part-00001.parquet')).toBe('2019-08-23');
    expect(layout.work.dayOfStaged('_SUCCESS')).toBeUndefined();
    expect(layout.work.output('2019-08-23', '2019-08-22', 'r1', 0)).toBe('output_data/tx_date=2019-08-23/2019-08-22_r1_0.parquet');
    expect(layout.results.transactions('2019-08-23', '2019-08-22', 'r1', 0)).toBe('transactions/tx_date=2019-08-23/2019-08-22_r1_0.parquet');
    expect(layout.work.outputOf(layout.results.transactions('2019-08-23', '2019-08-22', 'r1', 0))).toBe(
      layout.work.output('2019-08-23', '2019-08-22', 'r1', 0),
    );
    expect(layout.work.outputOf(layout.results.quarantineFile('2019-08-22', 'r1', 0))).toBeUndefined();
    expect(layout.results.quarantineFile('2019-08-22', 'r1', 0)).toBe('quarantine/period=2019-08-22/2019-08-22_r1_0.parquet');
    for (const key of [layout.results.transactions('2019-08-23', '2019-08-22', 'r_1', 3), layout.results.quarantineFile('2019-08-22', 'r_1', 0)]) {
      expect(layout.results.publisherOf(key), key).toEqual({ period: '2019-08-22', runId: 'r_1' });
    }
    for (const key of [
      'transactions/tx_date=2019-08-23/part-0.parquet',
      'quarantine/period=2019-08-21/2019-08-22_r1_0.parquet',
      'runs/r1/run.json',
    ]) {
      expect(layout.results.publisherOf(key), key).toBeUndefined();
    }
    expect([layout.results.manifest, layout.results.lock, layout.work.job('r1')]).toEqual([
      'manifest.json',
      'locks/transactions.json',
      'jobs/r1/job.py',
    ]);
  });

  it('when a run is recorded, then its folder holds the recorder files and the pipelines artifacts', () => {
    const run = layout.results.run('20261121T054300Z-3fa9c1');
    expect(run.prefix).toBe('runs/20261121T054300Z-3fa9c1/');
    expect([run.record, run.log, run.reportMarkdown, run.reportHtml, run.quality, run.images, run.launches, run.launchesMarkdown]).toEqual(
      ['run.json', 'log.ndjson', 'report.md', 'report.html', 'quality.json', 'images.json', 'launches.json', 'launches.md'].map(
        (name) => `runs/20261121T054300Z-3fa9c1/${name}`,
      ),
    );
    expect(layout.results.runIdOfRecord(run.record)).toBe('20261121T054300Z-3fa9c1');
    expect(layout.results.runIdOfRecord(run.log)).toBeUndefined();
    expect(layout.results.runIdOfRecord('runs/a/b/run.json')).toBeUndefined();
  });

  it('when rocket stores pages and images, then they land under rocket/ and an image key gives back its hash', () => {
    expect(layout.rocket.rawPage('r1', 'upcoming', 2)).toBe('rocket/raw/r1/page-2.json');
    expect(layout.rocket.rawPage('r1', 'previous', 1)).toBe('rocket/raw/r1/previous-page-1.json');
    const sha = 'a'.repeat(64);
    expect(layout.rocket.sha256OfImage(layout.rocket.image(sha, 'png'))).toBe(sha);
    expect(layout.rocket.sha256OfImage(`rocket/raw/${sha}.png`)).toBeUndefined();
    expect([layout.rocket.imageIndex, layout.rocket.launchesTable]).toEqual(['rocket/images/index.json', 'rocket/tables/launches.parquet']);
  });
});
