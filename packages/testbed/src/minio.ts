import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateBucketCommand, PutBucketPolicyCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { MINIO, minioPath } from './parts.ts';

/** A real S3 server on 127.0.0.1 with its own data folder and credentials. */
export interface RealS3 {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /**
   * Creates buckets (a real server has none to begin with); `versioned` turns versioning on; `publicRead` gives them a
   * bucket policy that lets anyone list and read them without signing (as a public dataset's bucket does).
   */
  createBuckets(names: readonly string[], options?: { versioned?: boolean; publicRead?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

/**
 * Starts MinIO on a free port of 127.0.0.1, keeping its data in a fresh temporary folder that `stop` removes.
 * The credentials are random per server: nothing here is a secret worth keeping, and no two tests share one.
 */
export async function startMinio(): Promise<RealS3> {
  const why = MINIO.missing();
  if (why) throw new Error(`cannot start MinIO: ${why}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'ferry-minio-'));
  const accessKeyId = `ferry${randomBytes(6).toString('hex')}`;
  const secretAccessKey = randomBytes(18).toString('base64url');
  const server = spawn(minioPath, ['server', dataDir, '--address', '127.0.0.1:0', '--quiet', '--json'], {
    env: { ...process.env, MINIO_ROOT_USER: accessKeyId, MINIO_ROOT_PASSWORD: secretAccessKey, MINIO_BROWSER: 'off', MINIO_UPDATE: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  const output: string[] = [];
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`MinIO did not report its address within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      void exited.then((code) => reject(new Error(`MinIO exited with ${code} before it was ready:\n${output.join('\n')}`)));
      for (const stream of [server.stdout, server.stderr]) {
        createInterface({ input: stream }).on('line', (line) => {
          output.push(line);
          const address = /API: (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
          if (address) {
            clearTimeout(timer);
            resolve(address);
          }
        });
      }
    });
    await waitUntilReady(endpoint);
    let stopped: Promise<void> | undefined;
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
    return {
      endpoint,
      accessKeyId,
      secretAccessKey,
      async createBuckets(names, options = {}) {
        for (const name of names) {
          await client.send(new CreateBucketCommand({ Bucket: name }));
          if (options.versioned) await client.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
          if (options.publicRead) await client.send(new PutBucketPolicyCommand({ Bucket: name, Policy: publicReadPolicy(name) }));
        }
      },
      stop: () =>
        (stopped ??= (async () => {
          client.destroy();
          server.kill('SIGTERM');
          const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
          await rm(dataDir, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    server.kill('SIGKILL');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** MinIO prints its address before it serves requests: its health endpoint says when it does. */
async function waitUntilReady(endpoint: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const ready = await fetch(`${endpoint}/minio/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`MinIO at ${endpoint} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Anyone may list the bucket and get its objects: nothing else. */
function publicReadPolicy(bucket: string): string {
  const anyone = { AWS: ['*'] };
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: anyone, Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: [`arn:aws:s3:::${bucket}`] },
      { Effect: 'Allow', Principal: anyone, Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] },
    ],
  });
}
