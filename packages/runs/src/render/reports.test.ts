import { describe, expect, it } from 'vitest';
import type { RunRecord } from '@ferry/types';
import type { LoadedRun } from '../history.ts';
import { renderReportHtml, renderReportMarkdown, renderReportText } from '../index.ts';

const record: RunRecord = {
  run_id: '20261121T054300Z-3fa9c1',
  pipeline: 'rocket',
  status: 'succeeded',
  started_at: '2026-11-21T05:43:00.000Z',
  finished_at: '2026-11-21T05:43:04.000Z',
  duration_ms: 4000,
  steps: [
    {
      name: 'download images',
      status: 'succeeded',
      started_at: '2026-11-21T05:43:00.500Z',
      finished_at: '2026-11-21T05:43:03.500Z',
      duration_ms: 3000,
      attempts: [{ attempt: 1, started_at: '2026-11-21T05:43:00.500Z', finished_at: '2026-11-21T05:43:03.500Z', duration_ms: 3000, status: 'succeeded' }],
      counts: { images: 3 },
      bytes: 512_000,
    },
  ],
  totals: { launches: 3, images: 1 },
};
const run: LoadedRun = {
  record,
  images: {
    images: [
      { url: 'https://img.example/falcon.png', launch_id: 'l1', status: 'downloaded', sha256: 'aaa', bytes: 512_000, ms: 300 },
      { url: 'https://img.example/gone.jpeg', launch_id: 'l2', status: 'failed', reason: 'HTTP 404' },
      { url: null, launch_id: 'l3', status: 'no_image' },
    ],
    totals: { downloaded: 1, failed: 1 },
  },
};

describe('given a rocket run with an images.json artifact', () => {
  it('when rendered as text, Markdown and HTML, then each report summarises the images and names the one that failed', () => {
    for (const report of [renderReportText(run), renderReportMarkdown(run), renderReportHtml(run)]) {
      expect(report).toContain('3 launches: downloaded 1, failed 1, no_image 1; 500.0 KB downloaded (totals: downloaded 1, failed 1)');
      expect(report).toContain('launch l2: https://img.example/gone.jpeg — HTTP 404');
    }
    expect(renderReportText(run)).not.toContain('Quality');
  });

  it('when a step is still running in the record, then the Gantt chart shows it as active up to the end of the record', () => {
    const unfinished: RunRecord = {
      ...record,
      status: 'running',
      finished_at: undefined,
      steps: [{ name: 'fetch', status: 'running', started_at: record.started_at, attempts: [], counts: {} }],
    };
    expect(renderReportMarkdown({ record: unfinished })).toContain('fetch (running) :active, 2026-11-21 05:43:00.000, 2026-11-21 05:43:00.001');
    expect(renderReportHtml({ record: unfinished })).toMatch(/<rect class="running" data-step="fetch" data-attempt="1"/);
  });
});
