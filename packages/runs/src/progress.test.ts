import { PassThrough } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Storage } from '@ferry/storage';
import { createProgress, startRun } from './index.ts';

/** A stream that is not a terminal, like stderr redirected to a file or a CI log. */
function pipeStream() {
  const stream = new PassThrough() as PassThrough & NodeJS.WriteStream;
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('given progress on a stream that is not a TTY', () => {
  it('when bytes advance and the transfer is done, then plain lines are printed with sizes and a percentage, no bar', async () => {
    const { stream, text } = pipeStream();
    const progress = createProgress('sync', 3 * 1024 ** 3, 'bytes', { stream });
    for (let i = 0; i < 3; i += 1) progress.advance(1024 ** 3);
    progress.done();
    progress.done();
    await new Promise((resolve) => setImmediate(resolve));

    const lines = text().trimEnd().split('\n');
    expect(lines.at(-1)).toBe('sync: 3.0 GB / 3.0 GB (100%)');
    expect(lines.filter((line) => line.endsWith('(100%)'))).toHaveLength(1);
    for (const line of lines) expect(line).toMatch(/^sync: [\d.]+ GB \/ 3\.0 GB \(\d+%\)$/);
    // No cursor movement or colour codes: the output reads well in a log file.
    expect(text()).not.toContain('\r');
    expect(text()).not.toContain('\u001b[');
  });

  it('when counting items, then the line shows counts', async () => {
    const { stream, text } = pipeStream();
    const progress = createProgress('images', 1500, 'items', { stream });
    progress.advance(600);
    progress.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(text().trimEnd().split('\n').at(-1)).toBe('images: 600 / 1,500 (40%)');
  });
});

describe('given a run whose console is a function', () => {
  it('when the pipeline reports progress, then the lines reach that console as plain text', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-progress-'));
    const storage = await Storage.open();
    try {
      const lines: string[] = [];
      const run = await startRun({ pipeline: 'rocket', results: await storage.store(dir), console: (line) => lines.push(line) });
      const progress = run.progress('images', 8, 'items');
      progress.advance(8);
      progress.done();
      await run.finish('succeeded');
      expect(lines).toContain('images: 8 / 8 (100%)');
    } finally {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
