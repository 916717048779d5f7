import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportResults, renderReportText, startRun } from '@ferry/runs';
import { Storage } from '@ferry/storage';
import { layout, type Store } from '@ferry/types';
import { imageReportFormat, imagesSection, rocketKeys, type ImageReport } from './image-report.ts';

const totals = { launches: 3, unique_urls: 2, downloaded: 1, present: 0, duplicate: 0, failed: 1, no_image: 1, bytes_downloaded: 512_000 };
const report: ImageReport = {
  images: [
    { url: 'https://img.example/falcon.png', launch_id: 'l1', status: 'downloaded', sha256: 'aaa', bytes: 512_000, ms: 300 },
    { url: 'https://img.example/gone.jpeg', launch_id: 'l2', status: 'failed', reason: 'HTTP 404' },
    { url: null, launch_id: 'l3', status: 'no_image' },
  ],
  totals,
  throughput_bytes_per_second: 1_706_666,
  elapsed_ms: 300,
};

describe('given the images of a rocket run', () => {
  it('when its report section is made, then it summarises the images by status and names the one that failed', () => {
    expect(imagesSection(report)).toEqual({
      title: 'Images',
      text: '3 launches: downloaded 1, failed 1, no_image 1; 500.0 KB downloaded (totals: launches 3, unique_urls 2, downloaded 1, present 0, duplicate 0, failed 1, no_image 1, bytes_downloaded 512,000)',
      items: ['launch l2: https://img.example/gone.jpeg — HTTP 404'],
    });
  });

  it('when images.json is written before it had a version and read now, then it is version 1 and reads whole', () => {
    const { images } = imageReportFormat.parse(JSON.stringify(report), layout.results.run('r').images);
    expect(images).toEqual(report.images);
    expect(JSON.parse(imageReportFormat.encode(report))).toEqual({ version: 1, ...report });
  });
});

describe('given a rocket run that downloaded two images, next to an image of another run', () => {
  let dir: string;
  let storage: Storage;
  let results: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-rocket-export-'));
    storage = await Storage.open();
    results = await storage.store(path.join(dir, 'results'));
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when that run is exported with the rocket keys, then its images come along and the other one does not, and its report has the images section', async () => {
    const run = await startRun({ pipeline: 'rocket', results, console: false });
    const [a, b, c] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
    await results.write(layout.rocket.image(a, 'png'), 'png bytes');
    await results.write(layout.rocket.image(b, 'jpeg'), 'jpeg bytes');
    await results.write(layout.rocket.image(c, 'jpeg'), 'another run');
    const stored: ImageReport = {
      ...report,
      images: [
        { url: 'https://img.example/a.png', launch_id: 'l1', status: 'downloaded', sha256: a },
        { url: 'https://img.example/b.jpeg', launch_id: 'l2', status: 'present', sha256: b },
        { url: null, launch_id: 'l3', status: 'no_image' },
      ],
    };
    await run.writeArtifact(layout.results.runFiles.images, imageReportFormat.encode(stored));
    run.addSection(imagesSection(stored));
    const record = await run.finish('succeeded');

    const exported = await exportResults(results, path.join(dir, 'exports'), { pipelines: [rocketKeys], runId: run.id });
    const files = (await readdir(exported.dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(exported.dir, path.join(entry.parentPath, entry.name)));
    expect(files.filter((file) => file.startsWith(layout.rocket.root)).sort()).toEqual([
      layout.rocket.image(a, 'png'),
      layout.rocket.image(b, 'jpeg'),
    ]);
    expect(files).toContain(layout.results.run(run.id).images);
    expect(renderReportText(record)).toContain('Images\n3 launches: downloaded 1, present 1, no_image 1;');
  });
});
