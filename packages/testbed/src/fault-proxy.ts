import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to a request it picks:
 * - `internal-error` 500 InternalError, `unavailable` 503 ServiceUnavailable, `slow-down` 503 SlowDown and
 *   `too-many-requests` 429: answered by the proxy, the server never sees the request;
 * - `reset`: the connection is dropped before the request reaches the server;
 * - `reset-after`: the server handles the request, then the connection is dropped before its answer (the write
 *   happened, the client cannot know);
 * - `cut-body`: the answer's headers and part of its body arrive, then the connection drops (an answer without a body
 *   is dropped whole, as `reset-after`);
 * - `slow-first-byte`: the answer is held back for `slowMs` before its first byte.
 */
export const FAULT_KINDS = [
  'internal-error',
  'unavailable',
  'slow-down',
  'too-many-requests',
  'reset',
  'reset-after',
  'cut-body',
  'slow-first-byte',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultProxyOptions {
  /** The server behind the proxy, http://host:port. */
  target: string;
  /** The same seed picks the same faults for the same requests. */
  seed: number;
  /** The share of requests that get a fault, 0 to 1. */
  rate: number;
  /** The faults to pick from, equally likely; default all of them. */
  kinds?: readonly FaultKind[];
  /** How long a slow first byte is held back (default 400 ms). */
  slowMs?: number;
}

export interface FaultCounts {
  requests: number;
  faults: number;
  byKind: Record<FaultKind, number>;
}

export interface FaultProxy {
  /** Where clients connect instead of the target: http://127.0.0.1:<port>. */
  readonly endpoint: string;
  /** Requests seen and faults injected so far. */
  counts(): FaultCounts;
  stop(): Promise<void>;
}

const ANSWERED: Partial<Record<FaultKind, { status: number; code: string; message: string }>> = {
  'internal-error': { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  unavailable: { status: 503, code: 'ServiceUnavailable', message: 'Service is unable to handle request.' },
  'slow-down': { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
  'too-many-requests': { status: 429, code: 'TooManyRequests', message: 'Too many requests.' },
};

/**
 * An HTTP proxy on 127.0.0.1 in front of an S3 server (MinIO in the tests) that injects the faults object storage
 * shows: server errors, throttling, reset connections, bodies cut mid-way and a slow first byte. Which request gets
 * which fault is a hash of the seed, the request (method and URL) and how many times that same request was seen, so
 * a seed replays the same faults whatever order concurrent requests arrive in. Headers pass unchanged (the Host a
 * client signed included), so signatures still verify.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const kinds = options.kinds ?? FAULT_KINDS;
  const slowMs = options.slowMs ?? 400;
  const { rate } = options;
  const seen = new Map<string, number>();
  const counts: FaultCounts = {
    requests: 0,
    faults: 0,
    byKind: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
  };
  const agent = new http.Agent({ keepAlive: true });

  /** Three numbers in [0, 1) for the n-th sighting of a request: whether it gets a fault, which, and where a body is cut. */
  const draw = (request: string): [number, number, number] => {
    const n = (seen.get(request) ?? 0) + 1;
    seen.set(request, n);
    const hash = createHash('sha256').update(`${options.seed}\n${request}\n${n}`).digest();
    const at = (offset: number) => hash.readUInt32BE(offset) / 2 ** 32;
    return [at(0), at(4), at(8)];
  };
  const inject = (kind: FaultKind) => {
    counts.faults++;
    counts.byKind[kind]++;
  };

  const server = http.createServer((req, res) => {
    counts.requests++;
    const [pick, which, where] = draw(`${req.method} ${req.url}`);
    const fault = pick < rate ? kinds[Math.floor(which * kinds.length)] : undefined;
    const answered = fault && ANSWERED[fault];
    if (answered) {
      inject(fault);
      req.resume();
      req.once('end', () => {
        const body =
          req.method === 'HEAD'
            ? ''
            : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${answered.code}</Code><Message>${answered.message}</Message><RequestId>ferry-fault-${counts.requests}</RequestId></Error>`;
        res.writeHead(answered.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    if (fault === 'reset') {
      inject(fault);
      req.socket.destroy();
      return;
    }
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent });
    upstream.once('error', () => req.socket.destroy());
    req.pipe(upstream);
    upstream.once('response', (answer) => {
      const length = Number(answer.headers['content-length'] ?? 0);
      const bodiless = req.method === 'HEAD' || length < 2;
      if (fault === 'reset-after' || (fault === 'cut-body' && bodiless)) {
        inject('reset-after');
        answer.resume();
        answer.once('end', () => req.socket.destroy());
        return;
      }
      if (fault === 'cut-body') {
        inject(fault);
        let left = Math.max(1, Math.floor(where * length));
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          if (left <= 0) return;
          const part = chunk.subarray(0, left);
          left -= chunk.length;
          if (left > 0) {
            res.write(part);
            return;
          }
          answer.destroy();
          // Dropped once what came before the cut is flushed, so the client has it.
          res.write(part, () => req.socket.destroy());
        });
        return;
      }
      const pass = () => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      };
      if (fault === 'slow-first-byte') {
        inject(fault);
        setTimeout(pass, slowMs);
      } else pass();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => structuredClone(counts),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
