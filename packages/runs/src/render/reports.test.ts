import { describe, expect, it } from 'vitest';
import type { RunRecord } from '@ferry/types';
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
      attempts: [
        { attempt: 1, started_at: '2026-11-21T05:43:00.500Z', finished_at: '2026-11-21T05:43:03.500Z', duration_ms: 3000, status: 'succeeded' },
      ],
      counts: { images: 3 },
      bytes: 512_000,
    },
  ],
  totals: { launches: 3, images: 1 },
};
/** A section as the rocket pipeline hands it over (see imagesSection in @ferry/rocket), with markup to escape. */
const run: RunRecord = {
  ...record,
  sections: [
    {
      title: 'Images',
      text: '3 launches: downloaded 1, failed 1, no_image 1; 500.0 KB downloaded (totals: downloaded 1, failed 1)',
      items: ['launch l2: https://img.example/gone.jpeg — HTTP 404', 'launch l4: <script>alert(1)</script> | x'],
    },
    { title: 'Sizes', table: { header: ['image', 'bytes'], rows: [['falcon.png', '512,000']], align: ['left', 'right'] } },
  ],
};

describe('given a run whose pipeline reported an images section and a table section', () => {
  it('when rendered as text, Markdown and HTML, then each report draws them after the summary: title, text, items, table', () => {
    for (const report of [renderReportText(run), renderReportMarkdown(run), renderReportHtml(run)]) {
      expect(report).toContain('3 launches: downloaded 1, failed 1, no_image 1; 500.0 KB downloaded (totals: downloaded 1, failed 1)');
      expect(report).toContain('launch l2: https://img.example/gone.jpeg — HTTP 404');
      expect(report.indexOf('Images')).toBeLessThan(report.indexOf('Sizes'));
    }
    expect(renderReportText(run)).toContain('Images\n3 launches: downloaded 1');
    expect(renderReportText(run)).toContain('\n  launch l2: https://img.example/gone.jpeg — HTTP 404');
    expect(renderReportText(run)).toMatch(/Sizes\n\| image +\| +bytes \|/);
    expect(renderReportMarkdown(run)).toContain('## Images\n\n3 launches');
    expect(renderReportMarkdown(run)).toContain('- launch l4: &lt;script>alert(1)&lt;/script> \\| x');
    expect(renderReportHtml(run)).toContain('<h2>Images</h2>\n<p>3 launches');
    expect(renderReportHtml(run)).toContain('<li>launch l4: &lt;script&gt;alert(1)&lt;/script&gt; | x</li>');
    expect(renderReportHtml(run)).toMatch(
      /<h2>Sizes<\/h2>\n<table><thead><tr><th>image<\/th><th>bytes<\/th><\/tr><\/thead><tbody>\n<tr><td>falcon.png<\/td><td class="num">512,000<\/td><\/tr>/,
    );
    expect(renderReportText(run)).not.toContain('Quality');
    expect(renderReportText(record)).not.toContain('Images');
  });

  it('when a step is still running in the record, then the Gantt chart shows it as active up to the end of the record', () => {
    const unfinished: RunRecord = {
      ...record,
      status: 'running',
      finished_at: undefined,
      steps: [{ name: 'fetch', status: 'running', started_at: record.started_at, attempts: [], counts: {} }],
    };
    expect(renderReportMarkdown(unfinished)).toContain('fetch (running) :active, 2026-11-21 05:43:00.000, 2026-11-21 05:43:00.001');
    expect(renderReportHtml(unfinished)).toMatch(/<rect class="running" data-step="fetch" data-attempt="1"/);
  });
});
