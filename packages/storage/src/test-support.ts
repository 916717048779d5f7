import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { MINIO, startMinio, type RealS3 } from '@ferry/testbed';
import { createS3Client } from './s3-client.ts';

/** A fresh temp directory and a function that removes it (tests only). */
export async function tempDir(label: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ferry-storage-${label}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * One MinIO for the whole test file, started before its first test and stopped after its last, when MinIO is
 * installed (tests that use it skip with skipNote(MINIO) otherwise). Call at the top level of a test file.
 */
export function useMinio(): () => RealS3 {
  let server: RealS3 | undefined;
  beforeAll(async () => {
    if (!MINIO.missing()) server = await startMinio();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('MinIO is not running: guard the test with skipNote(MINIO)');
    return server;
  };
}

/** Every version of one key in a versioned bucket, newest first: an object's, or a delete marker. */
export async function versionsOf(server: RealS3, bucket: string, key: string): Promise<Array<{ kind: 'object' | 'delete marker'; latest: boolean }>> {
  const client = createS3Client({
    url: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
  });
  try {
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
    const all = [
      ...(listed.Versions ?? [])
        .filter((v) => v.Key === key)
        .map((v) => ({ kind: 'object' as const, latest: v.IsLatest === true, at: v.LastModified?.getTime() ?? 0 })),
      ...(listed.DeleteMarkers ?? [])
        .filter((m) => m.Key === key)
        .map((m) => ({ kind: 'delete marker' as const, latest: m.IsLatest === true, at: m.LastModified?.getTime() ?? 0 })),
    ];
    return all.sort((a, b) => Number(b.latest) - Number(a.latest) || b.at - a.at).map(({ kind, latest }) => ({ kind, latest }));
  } finally {
    client.destroy();
  }
}

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The proxy's own answer to a request: instead of forwarding it, or, with `afterForwarding`, instead of the server's reply. */
export interface ProxyAnswer {
  status: number;
  body: string;
  afterForwarding?: boolean;
}

/**
 * A transparent HTTP proxy on 127.0.0.1 in front of an S3 server that records every request it forwards; `answer`
 * may answer a request itself (e.g. a 409 OperationAborted as Yandex Object Storage sends to racing conditional writes),
 * or lose the server's reply to it (a write that landed, answered with a 500 that makes the client retry).
 */
export async function s3Proxy(
  target: string,
  answer?: (request: ProxiedRequest) => ProxyAnswer | undefined,
): Promise<{ endpoint: string; requests: ProxiedRequest[]; close: () => Promise<void> }> {
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(request);
      const own = answer?.(request);
      const answerOwn = () => res.writeHead(own!.status, { 'content-type': 'application/xml' }).end(own!.body);
      if (own && !own.afterForwarding) {
        answerOwn();
        return;
      }
      const forward = http.request(new URL(request.url, target), { method: request.method, headers: request.headers }, (reply) => {
        if (own) {
          reply.resume().on('end', answerOwn);
          return;
        }
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      });
      forward.end(request.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The XML error body S3 servers send, e.g. s3ErrorBody('OperationAborted', 'A conflicting conditional operation is in progress'). */
export function s3ErrorBody(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>ferry-test</RequestId></Error>`;
}
