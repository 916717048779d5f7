#!/usr/bin/env tsx
/**
 * Benchmark of the rocket image downloads: N images from a local HTTP server that waits a set latency before it answers
 * and sends each response at a set bandwidth (per connection, as a far image host does), downloaded by
 * @ferry/rocket's downloadImages into a fresh folder store at several concurrencies. Concurrency 1 is what the
 * book's DAG does (one requests.get after another). Prints wall time, throughput, per-image time and time to first
 * byte, and the speed-up over concurrency 1.
 *
 *   pnpm bench:rocket [images, default 48] [latency ms, default 150] [KB/s per connection, default 400] [KB per image, default 120]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { downloadImages, type Launch } from '@ferry/rocket';
import { Storage } from '@ferry/storage';
import type { Logger } from '@ferry/types';
import { generatedJpeg } from '../test/rocket/fixtures.ts';

export interface RocketBenchSettings {
  images: number;
  latencyMs: number;
  bytesPerSecond: number;
  imageBytes: number;
  concurrencies: number[];
}

export interface RocketBenchRow {
  concurrency: number;
  wallMs: number;
  bytes: number;
  medianMs: number;
  p95Ms: number;
  medianTtfbMs: number;
}

const CHUNK = 16 * 1024;

/** A server of `images` JPEGs that answers after `latencyMs` and paces each body at `bytesPerSecond`. */
async function startImageServer(settings: RocketBenchSettings): Promise<{ server: Server; url: string }> {
  const bodies = Array.from({ length: settings.images }, (_, i) => Buffer.from(generatedJpeg(settings.imageBytes, { seed: 1000 + i, counter: 0 })));
  const server = createServer((req, res) => {
    void (async () => {
      const n = Number(/\/img\/(\d+)\.jpg$/.exec(req.url ?? '')?.[1]);
      const body = bodies[n];
      await sleep(settings.latencyMs);
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
      for (let offset = 0; offset < body.length; offset += CHUNK) {
        const chunk = body.subarray(offset, offset + CHUNK);
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        await sleep((chunk.length / settings.bytesPerSecond) * 1000);
      }
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

export async function benchRocket(settings: RocketBenchSettings): Promise<RocketBenchRow[]> {
  const { server, url } = await startImageServer(settings);
  const root = await mkdtemp(join(tmpdir(), 'ferry-bench-rocket-'));
  const storage = await Storage.open();
  const launches: Launch[] = Array.from({ length: settings.images }, (_, i) => ({
    id: `bench-${i}`,
    name: `Bench launch ${i}`,
    slug: `bench-launch-${i}`,
    net: '2025-03-27T00:00:00.000Z',
    last_updated: null,
    status: 'Go',
    provider: 'Bench',
    rocket: 'Bench 1',
    pad: 'Pad',
    pad_country: null,
    pad_timezone: null,
    image_url: `${url}/img/${i}.jpg`,
    thumbnail_url: null,
    rocket_image_url: null,
  }));
  const rows: RocketBenchRow[] = [];
  try {
    for (const concurrency of settings.concurrencies) {
      const store = await storage.store(join(root, `c${concurrency}`));
      const started = performance.now();
      const report = await downloadImages({
        store,
        launches,
        concurrency,
        timeoutMs: 60_000,
        retry: { retries: 0, minTimeoutMs: 100 },
        log: quiet,
        now: () => new Date(),
      });
      const wallMs = performance.now() - started;
      if (report.totals.downloaded !== settings.images) throw new Error(`concurrency ${concurrency}: ${report.totals.failed} images failed`);
      const times = report.images.map((image) => image.ms ?? 0).sort((a, b) => a - b);
      const ttfb = report.images.map((image) => image.ttfb_ms ?? 0).sort((a, b) => a - b);
      rows.push({
        concurrency,
        wallMs,
        bytes: report.totals.bytes_downloaded,
        medianMs: quantile(times, 0.5),
        p95Ms: quantile(times, 0.95),
        medianTtfbMs: quantile(ttfb, 0.5),
      });
    }
  } finally {
    await storage.close();
    server.close();
    await rm(root, { recursive: true, force: true });
  }
  return rows;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function printRows(settings: RocketBenchSettings, rows: RocketBenchRow[]): void {
  const perImage = settings.latencyMs + (settings.imageBytes / settings.bytesPerSecond) * 1000;
  console.log(
    `bench:rocket: ${settings.images} images × ${(settings.imageBytes / 1000).toFixed(0)} KB from 127.0.0.1, ${settings.latencyMs} ms latency, ` +
      `${(settings.bytesPerSecond / 1000).toFixed(0)} KB/s per connection (one image alone ≈ ${perImage.toFixed(0)} ms; ` +
      `sequential ≈ ${((perImage * settings.images) / 1000).toFixed(1)} s)`,
  );
  const base = rows.find((row) => row.concurrency === 1)?.wallMs;
  const header = ['concurrency', 'wall s', 'MB/s', 'image p50 ms', 'image p95 ms', 'TTFB p50 ms', 'speed-up vs 1'];
  const lines = rows.map((row) => [
    String(row.concurrency),
    (row.wallMs / 1000).toFixed(2),
    (row.bytes / 1e6 / (row.wallMs / 1000)).toFixed(2),
    row.medianMs.toFixed(0),
    row.p95Ms.toFixed(0),
    row.medianTtfbMs.toFixed(0),
    base ? `${(base / row.wallMs).toFixed(1)}×` : '-',
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i]!.length)));
  for (const line of [header, ...lines]) console.log(`| ${line.map((cell, i) => cell.padStart(widths[i]!)).join(' | ')} |`);
}

// Last, once every declaration above is initialised.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [images, latency, kbps, kb] = process.argv.slice(2).map(Number);
  const settings: RocketBenchSettings = {
    images: images || 48,
    latencyMs: latency || 150,
    bytesPerSecond: (kbps || 400) * 1000,
    imageBytes: (kb || 120) * 1000,
    concurrencies: [1, 2, 4, 8, 16, 32],
  };
  printRows(settings, await benchRocket(settings));
}
