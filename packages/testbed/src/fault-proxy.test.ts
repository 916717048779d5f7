import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS, startFaultProxy, type FaultKind, type FaultProxy } from './fault-proxy.ts';

const BODY = 'x'.repeat(64 * 1024);

describe('given an HTTP server behind the fault proxy', () => {
  let upstream: http.Server;
  let target: string;
  let hits = 0;
  const proxies: FaultProxy[] = [];

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      hits++;
      req.resume();
      req.once('end', () => res.writeHead(200, { 'content-length': BODY.length, 'x-seen-host': req.headers.host ?? '' }).end(BODY));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await new Promise((resolve) => upstream.close(resolve));
  });

  const proxy = async (options: { seed?: number; rate: number; kinds?: FaultKind[]; slowMs?: number }) => {
    const started = await startFaultProxy({ target, seed: options.seed ?? 1, ...options });
    proxies.push(started);
    return started;
  };
  /** What a client sees of one GET: the status and the whole body, or the error that ended it. */
  const get = async (endpoint: string, path = '/bucket/key') => {
    try {
      const response = await fetch(`${endpoint}${path}`);
      return { status: response.status, body: await response.text(), host: response.headers.get('x-seen-host') };
    } catch (error) {
      return { error: String((error as Error).cause ?? error) };
    }
  };

  it('when the rate is 0, then every request passes unchanged, its Host header included', async () => {
    const clean = await proxy({ rate: 0 });
    const before = hits;
    const seen = await get(clean.endpoint);
    expect(seen).toEqual({ status: 200, body: BODY, host: new URL(clean.endpoint).host });
    expect(hits).toBe(before + 1);
    expect(clean.counts()).toMatchObject({ requests: 1, faults: 0 });
  });

  it.for([
    ['internal-error', 500, 'InternalError'],
    ['unavailable', 503, 'ServiceUnavailable'],
    ['slow-down', 503, 'SlowDown'],
    ['too-many-requests', 429, 'TooManyRequests'],
  ] as const)(
    'when %s is injected, then the proxy answers %i with the S3 error code and the server never sees the request',
    async ([kind, status, code]) => {
      const faulty = await proxy({ rate: 1, kinds: [kind] });
      const before = hits;
      const seen = await get(faulty.endpoint);
      expect(seen).toMatchObject({ status, body: expect.stringContaining(`<Code>${code}</Code>`) });
      expect(hits).toBe(before);
      expect(faulty.counts().byKind[kind]).toBe(1);
    },
  );

  it('when connections are reset, then before the server they never reach it, and after it the server handled the request', async () => {
    const before = hits;
    expect(await get((await proxy({ rate: 1, kinds: ['reset'] })).endpoint)).toHaveProperty('error');
    expect(hits).toBe(before);
    expect(await get((await proxy({ rate: 1, kinds: ['reset-after'] })).endpoint)).toHaveProperty('error');
    expect(hits).toBe(before + 1);
  });

  it('when a body is cut, then the headers arrive and reading the body fails', async () => {
    const faulty = await proxy({ rate: 1, kinds: ['cut-body'] });
    const response = await fetch(`${faulty.endpoint}/bucket/key`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(faulty.counts().byKind['cut-body']).toBe(1);
  });

  it('when the first byte is slow, then the answer is whole, only later', async () => {
    const faulty = await proxy({ rate: 1, kinds: ['slow-first-byte'], slowMs: 200 });
    const started = Date.now();
    expect(await get(faulty.endpoint)).toMatchObject({ status: 200, body: BODY });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('when two proxies with one seed see the same requests, then they inject the same faults; another seed picks others', async () => {
    const kinds = FAULT_KINDS.filter((kind) => kind !== 'slow-first-byte');
    const outcomes = async (seed: number) => {
      const faulty = await proxy({ seed, rate: 0.5, kinds: [...kinds] });
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        const result = await get(faulty.endpoint, `/bucket/key-${i % 8}`);
        seen.push('error' in result ? 'error' : `${result.status}`);
      }
      return { seen, counts: faulty.counts() };
    };
    const [a, b, c] = [await outcomes(7), await outcomes(7), await outcomes(8)];
    expect(b).toEqual(a);
    expect(a.counts.faults).toBeGreaterThan(5);
    expect(a.counts.faults).toBeLessThan(35);
    expect(c.seen).not.toEqual(a.seen);
  });
});
