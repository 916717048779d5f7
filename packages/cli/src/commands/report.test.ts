import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRun } from '@ferry/runs';
import { qualitySection } from '@ferry/transactions';
import { Storage } from '@ferry/storage';
import { FerryError, layout, noRejections } from '@ferry/types';
import { runCommand } from '../test-support.ts';
import { register } from './report.ts';

let dir: string;

const ferry = (args: string[]) => runCommand(register, args);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('given a recorded run whose clean step needed a retry', () => {
  it('when `ferry report <id>` is called, then it prints the summary, quality, step timings and the failed attempt', async () => {
    const storage = await Storage.open();
    let runId: string;
    try {
      const run = await startRun({ pipeline: 'transactions', engine: 'duckdb', results: await storage.store(dir), console: false });
      runId = run.id;
      await run.step(
        'clean 2019-08-22',
        async (step) => {
          if (step.attempt === 1) throw new Error('executor lost');
          step.count('rows_read', 5);
        },
        { retries: 1, minTimeoutMs: 0 },
      );
      run.addSection(
        qualitySection([
          {
            period: '2019-08-22',
            source: '2019-08-22.txt',
            rows_read: 5,
            rows_written: 4,
            comment_lines: 1,
            rejected: { ...noRejections(), duplicate: 1 },
            repaired: { midnight_24h: 0 },
          },
        ]),
      );
      await run.finish('succeeded');
    } finally {
      await storage.close();
    }

    const out = await ferry(['report', runId, '--results', dir]);
    expect(out).toContain(`run       ${runId}`);
    expect(out).toContain('status    succeeded');
    expect(out).toMatch(/\| 2019-08-22 \| +5 \| +4 \| +1 \| +1 \| +0 \| duplicate 1 +\|/);
    expect(out).toMatch(/\| clean 2019-08-22 \| succeeded \| +2 \|/);
    expect(out).toContain('clean 2019-08-22 (attempt 1): executor lost');
    expect(out).toContain(`/${layout.results.run(runId).reportHtml}`);
  });

  it('when the id is unknown, then a FerryError says so', async () => {
    await expect(ferry(['report', '20200101T000000Z-abcdef', '--results', dir])).rejects.toThrow(FerryError);
  });
});
