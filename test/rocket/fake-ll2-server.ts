import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake saw: one line per request. */
export interface SeenRequest {
  method: string;
  /** Path and query, e.g. /2.0.0/launch/upcoming/?limit=10 */
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** performance.now() on arrival. */
  at: number;
}

/** Answers one request; `hit` counts the requests this route has seen, from 1. */
export type Handler = (res: ServerResponse, hit: number, req: SeenRequest) => void | Promise<void>;

/**
 * A stand-in for Launch Library 2 and its image host on 127.0.0.1: routes are registered per path
 * (path + query first, then path alone), so each test injects the behaviour it needs per URL.
 * Unknown paths answer 404 JSON like DRF.
 */
export class FakeLl2Server {
  readonly requests: SeenRequest[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly hits = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  url = '';

  static async start(): Promise<FakeLl2Server> {
    const fake = new FakeLl2Server();
    fake.server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Registers (or replaces) the behaviour of a path, with or without its query. */
  on(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  /** Requests seen for a path (exact path + query, or path alone when `path` has no query). */
  seen(path: string): SeenRequest[] {
    return this.requests.filter((request) => request.path === path || (!path.includes('?') && request.path.split('?')[0] === path));
  }

  async close(): Promise<void> {
    // Hanging responses would keep close() waiting forever.
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: performance.now(),
    };
    this.requests.push(seen);
    const key = this.routes.has(path) ? path : path.split('?')[0]!;
    const handler = this.routes.get(key) ?? json({ detail: 'Not found.' }, 404);
    const hit = (this.hits.get(key) ?? 0) + 1;
    this.hits.set(key, hit);
    await handler(res, hit, seen);
  }
}

/** A JSON body (an object, or text served as is). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Handler {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };
}

export function image(bytes: Uint8Array, contentType: string): Handler {
  return (res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
    res.end(bytes);
  };
}

export function status(code: number, body = `<html><body>${code}</body></html>`, contentType = 'text/html'): Handler {
  return (res) => {
    res.writeHead(code, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

/** A different behaviour per hit; the last one repeats. */
export function sequence(...handlers: Handler[]): Handler {
  return (res, hit, req) => handlers[Math.min(hit, handlers.length) - 1]!(res, hit, req);
}

/** Never answers (the socket is destroyed when the server closes). */
export function hang(): Handler {
  return () => undefined;
}

/** Announces all of `bytes` but sends only the first half, then cuts the connection. */
export function truncated(bytes: Uint8Array, contentType: string): Handler {
  return (res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
  };
}

/** DRF's throttled answer. */
export function rateLimited(retryAfterSeconds: number): Handler {
  return json({ detail: `Request was throttled. Expected available in ${retryAfterSeconds} seconds.` }, 429, {
    'retry-after': String(retryAfterSeconds),
  });
}

/** /api-throttle/ of 2.3.0. */
export function throttle(limit: number, used: number, nextUseSecs = 0): Handler {
  return json({ your_request_limit: limit, limit_frequency_secs: 3600, current_use: used, next_use_secs: nextUseSecs, ident: '127.0.0.1' });
}

/** An empty launch list (e.g. no previous launches). */
export const emptyPage: Handler = json({ count: 0, next: null, previous: null, results: [] });
