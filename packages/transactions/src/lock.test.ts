import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Storage } from '@ferry/storage';
import { s3ErrorBody, s3Proxy, useMinio, versionsOf } from '@ferry/storage/test-support';
import { MINIO, repoRoot, skipNote, type RealS3 } from '@ferry/testbed';
import { layout, type Store } from '@ferry/types';
import { LOCK_TTL_MS, acquireRunLock, inspectRunLock, readRunLock, removeRunLock, type RunLock } from './lock.ts';

const LOCK_KEY = layout.results.lock;
const MINIO_NOTE = skipNote(MINIO);
const minio = useMinio();
const HOLDER = fileURLToPath(new URL('./lock-holder.fixture.ts', import.meta.url));
/** Races run this many times per store: an interleaving that lets two runs hold the lock shows up within a few. */
const RACES = 10;

let root: string;
let embedded: Storage;
let real: Storage;
let stores = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-lock-'));
  embedded = await Storage.open({ embeddedDir: join(root, 's3') });
  if (!MINIO_NOTE) {
    await minio().createBuckets(['lock-test']);
    await minio().createBuckets(['versioned-lock-test'], { versioned: true });
    real = await Storage.open(minioConfig(minio()));
  }
});
afterAll(async () => {
  await embedded.close();
  await real?.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

function minioConfig(server: RealS3) {
  return { endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
}

interface Backend {
  name: string;
  note: string;
  /** Whether the store enforces conditional writes: only then does the lock hold against a race. */
  atomic: boolean;
  /** A fresh results store, and its location as `ferry` would be given it. */
  open(): Promise<{ results: Store; location: string }>;
}

const backends: Backend[] = [
  { name: 'a local directory', note: '', atomic: true, open: async () => opened(embedded, join(root, 'dirs', `results-${++stores}`)) },
  { name: 'the embedded S3 server (s3rver)', note: '', atomic: false, open: async () => opened(embedded, `s3://lock-test/results-${++stores}`) },
  { name: 'MinIO', note: MINIO_NOTE, atomic: true, open: async () => opened(real, `s3://lock-test/results-${++stores}`) },
  {
    name: 'a versioned MinIO bucket',
    note: MINIO_NOTE,
    atomic: true,
    open: async () => opened(real, `s3://versioned-lock-test/results-${++stores}`),
  },
];

async function opened(storage: Storage, location: string) {
  return { results: await storage.store(location), location };
}

/** A clock the test moves by hand, and acquisitions on it whose renewal failures fail the test. */
function clocked(start = '2026-11-21T08:00:00Z') {
  let time = Date.parse(start);
  return {
    now: () => new Date(time),
    advance: (ms: number) => (time += ms),
    acquire: (results: Store, runId: string): Promise<RunLock> =>
      acquireRunLock({ results, runId, now: () => new Date(time), onRenewFailed: (error) => expect.fail(`renewal failed: ${String(error)}`) }),
  };
}

/** The results store, with its replaces going through `replace` (which calls the real one). */
const withReplaces = (results: Store, replace: Store['replace']): Store => Object.assign(Object.create(results) as Store, { replace });

const lockOf = async (results: Store) => JSON.parse((await results.readText(LOCK_KEY))!) as Record<string, unknown>;

for (const backend of backends)
  describe.skipIf(backend.note)(`${backend.note}given a results store on ${backend.name}`, () => {
    it('when a run holds the lock, then a second run is refused with who holds it, where, and until when', async () => {
      const { results } = await backend.open();
      const clock = clocked();
      const first = await clock.acquire(results, 'run-a');
      await expect(clock.acquire(results, 'run-b')).rejects.toThrow(
        new RegExp(
          `in use by run run-a \\(on host \\S+, pid ${process.pid}, since 2026-11-21T08:00:00\\.000Z\\).*expires at 2026-11-21T08:02:00\\.000Z, or \`ferry unlock\` removes it now`,
        ),
      );
      expect(await lockOf(results)).toMatchObject({ run_id: 'run-a', pid: process.pid, host: expect.any(String), host_id: expect.any(String) });
      expect(first.guarantee).toBe(backend.atomic ? 'atomic' : 'best-effort');
      await first.release();
    });

    it('when the run releases the lock, then it is gone and the next run gets it', async () => {
      const { results } = await backend.open();
      const clock = clocked();
      await (await clock.acquire(results, 'run-a')).release();
      expect(await results.head(LOCK_KEY)).toBeUndefined();
      const second = await clock.acquire(results, 'run-b');
      expect(await lockOf(results)).toMatchObject({ run_id: 'run-b' });
      await second.release();
      expect(await results.head(LOCK_KEY)).toBeUndefined();
    });

    it('when the holder crashed and its lock expired, then the next run takes it over, and the old holder finds it lost and cannot delete it', async () => {
      const { results } = await backend.open();
      const clock = clocked();
      const crashed = await clock.acquire(results, 'run-a');
      clock.advance(LOCK_TTL_MS + 1);
      const next = await clock.acquire(results, 'run-b');
      expect(next.tookOver).toBe('took over the lock of run run-a: it expired at 2026-11-21T08:02:00.000Z');
      await expect(crashed.confirm()).rejects.toThrow(
        /this run lost the results store's lock \S+locks\/transactions\.json: run run-b \(on host .*\) holds it now\. It publishes nothing more/,
      );
      await crashed.release();
      expect(await lockOf(results)).toMatchObject({ run_id: 'run-b' });
      await next.confirm();
      await next.release();
    });

    it('when a run lasts longer than the lock lives, then renewals on its own ETag keep it', async () => {
      const { results } = await backend.open();
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const clock = clocked();
      let renewals = 0;
      const long = await clock.acquire(
        withReplaces(results, async (...args) => {
          const replaced = await results.replace(...args);
          renewals++;
          return replaced;
        }),
        'run-a',
      );
      const renewEvery = LOCK_TTL_MS / 4;
      for (let renewal = 1; renewal <= 12; renewal++) {
        clock.advance(renewEvery);
        await vi.advanceTimersByTimeAsync(renewEvery);
        // Renewals are real writes, and the clock here moves faster than the store: let each one land.
        await vi.waitFor(() => expect(renewals).toBe(renewal));
        expect(Date.parse((await lockOf(results)).expires_at as string)).toBe(clock.now().getTime() + LOCK_TTL_MS);
      }
      await expect(clock.acquire(results, 'run-b')).rejects.toThrow(/in use by run run-a/);
      await long.confirm();
      await long.release();
    });

    it('when a renewal stalls, then no second renewal races it, and release waits for it before deleting', async () => {
      const { results } = await backend.open();
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const clock = clocked();
      const writes: string[] = [];
      let unstall!: () => void;
      const stalled = new Promise<void>((resolve) => (unstall = resolve));
      const lock = await clock.acquire(
        withReplaces(results, async (...args) => {
          writes.push(args[1]);
          await stalled;
          return results.replace(...args);
        }),
        'run-a',
      );
      await vi.advanceTimersByTimeAsync(LOCK_TTL_MS);
      expect(writes).toHaveLength(1);

      const released = lock.release();
      unstall();
      await released;
      expect(await results.head(LOCK_KEY)).toBeUndefined();
    });

    it('when the lock is removed under a running holder and another run takes it, then the holder fails to renew, publishes nothing more, and leaves the new lock alone', async () => {
      const { results } = await backend.open();
      const clock = clocked();
      const holder = await clock.acquire(results, 'run-a');
      const found = await inspectRunLock(results, clock.now);
      expect(found).toMatchObject({ state: 'held', holder: { run_id: 'run-a' }, gone: undefined });
      expect(found.state !== 'absent' && (await removeRunLock(results, found))).toBe(true);
      await expect(holder.confirm()).rejects.toThrow(/lost the results store's lock .*: it was removed \(by `ferry unlock`\?\)/);

      const next = await clock.acquire(results, 'run-b');
      await expect(holder.confirm()).rejects.toThrow(/lost/);
      await holder.release();
      expect(await lockOf(results)).toMatchObject({ run_id: 'run-b' });
      await next.release();
    });

    it('when the lock key holds something that is not a ferry lock, then a run refuses to touch it and unlock tells it apart', async () => {
      const { results } = await backend.open();
      const clock = clocked();
      await results.write(LOCK_KEY, '{"owner": "terraform"');
      await expect(clock.acquire(results, 'run-a')).rejects.toThrow(
        /locks\/transactions\.json is not valid JSON, so ferry cannot tell whether a run holds it: .*`ferry unlock --force`/,
      );
      expect(await inspectRunLock(results)).toMatchObject({ state: 'foreign', why: 'not valid JSON' });
      await results.write(LOCK_KEY, '{"owner": "terraform"}');
      await expect(clock.acquire(results, 'run-a')).rejects.toThrow(/is not a ferry lock \(run_id is missing\), so ferry cannot tell/);
      expect(await results.readText(LOCK_KEY)).toBe('{"owner": "terraform"}');
      expect(await readRunLock(results, clock.now)).toBeUndefined();
    });

    it('when the lock was written by a newer ferry, or lacks a field, then a run neither takes it over nor overwrites it, and says which file and field', async () => {
      const { results } = await backend.open();
      const clock = clocked();
      // Expired long ago by its own clock: a lock this ferry could read would be taken over at once.
      const newer = JSON.stringify({
        version: 2,
        run_id: 'run-z',
        acquired_at: '2020-01-01T00:00:00.000Z',
        expires_at: '2020-01-01T00:02:00.000Z',
        owner: { kind: 'team' },
      });
      await results.write(LOCK_KEY, newer);
      await expect(clock.acquire(results, 'run-a')).rejects.toThrow(
        /locks\/transactions\.json is a lock of a newer ferry \(version 2; this one reads 1\), so ferry cannot tell whether a run holds it/,
      );
      expect(await results.readText(LOCK_KEY)).toBe(newer);
      expect(await inspectRunLock(results)).toMatchObject({ state: 'foreign', why: 'a lock of a newer ferry (version 2; this one reads 1)' });

      const noExpiry = JSON.stringify({ version: 1, run_id: 'run-z', acquired_at: '2020-01-01T00:00:00.000Z' });
      await results.write(LOCK_KEY, noExpiry);
      await expect(clock.acquire(results, 'run-a')).rejects.toThrow(
        /locks\/transactions\.json is not a ferry lock \(expires_at is missing\), so ferry cannot tell/,
      );
      expect(await results.readText(LOCK_KEY)).toBe(noExpiry);
    });

    it('when a lock was written before locks had a version, then it is read as version 1 and taken over once expired', async () => {
      const { results } = await backend.open();
      const clock = clocked();
      await results.write(
        LOCK_KEY,
        JSON.stringify({ run_id: 'run-old', acquired_at: '2020-01-01T00:00:00.000Z', expires_at: '2020-01-01T00:02:00.000Z' }),
      );
      expect(await inspectRunLock(results)).toMatchObject({
        state: 'held',
        holder: { run_id: 'run-old' },
        gone: 'it expired at 2020-01-01T00:02:00.000Z',
      });
      const taken = await clock.acquire(results, 'run-a');
      expect(taken.tookOver).toBe('took over the lock of run run-old: it expired at 2020-01-01T00:02:00.000Z');
      expect(JSON.parse((await results.readText(LOCK_KEY))!)).toMatchObject({ version: 1, run_id: 'run-a' });
      await taken.release();
    });
  });

const enforcing = backends.filter((backend) => backend.atomic);
for (const backend of enforcing)
  describe.skipIf(backend.note)(`${backend.note}given ${backend.name}, which enforces conditional writes`, () => {
    it(`when eight runs start at once on a free store, ${RACES} times, then exactly one gets the lock each time`, async () => {
      for (let race = 0; race < RACES; race++) {
        const { results } = await backend.open();
        const clock = clocked();
        const tried = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => clock.acquire(results, `run-${i}`)));
        const winners = tried.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
        expect(winners, `race ${race}`).toHaveLength(1);
        for (const outcome of tried) if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/in use by run run-\d|is contended/);
        expect(await lockOf(results)).toMatchObject({ run_id: `run-${winners[0]}` });
      }
    });

    it(`when eight runs find the same expired lock at once, ${RACES} times, then exactly one takes it over`, async () => {
      for (let race = 0; race < RACES; race++) {
        const { results } = await backend.open();
        const clock = clocked();
        await clock.acquire(results, 'crashed');
        clock.advance(LOCK_TTL_MS + 1);
        const tried = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => clock.acquire(results, `run-${i}`)));
        const winners = tried.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
        expect(winners, `race ${race}`).toHaveLength(1);
        expect(winners[0]!.tookOver).toMatch(/^took over the lock of run crashed: it expired/);
        expect(await lockOf(results)).toMatchObject({ run_id: expect.stringMatching(/^run-\d$/) });
      }
    });

    it('when the process holding the lock on this host was killed, then the next run takes it over at once, without waiting for expiry', async () => {
      const { results, location } = await backend.open();
      const pid = await holdInAnotherProcess(location, 'killed-run');
      expect(await lockOf(results)).toMatchObject({ run_id: 'killed-run', pid });
      const clock = clocked(new Date().toISOString());
      const next = await clock.acquire(results, 'run-b');
      expect(next.tookOver).toMatch(new RegExp(`^took over the lock of run killed-run: its process ${pid} on this host \\(\\S+\\) is gone$`));
      expect(await lockOf(results)).toMatchObject({ run_id: 'run-b' });
      await next.release();
    });
  });

describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given a versioned MinIO bucket`, () => {
  it("when a run releases the lock, then the key's current version is a delete marker, and the next run creates the lock over it", async () => {
    const { results } = await opened(real, `s3://versioned-lock-test/markers-${++stores}`);
    const clock = clocked();
    await (await clock.acquire(results, 'run-a')).release();
    const versions = () => versionsOf(minio(), 'versioned-lock-test', `markers-${stores}/${LOCK_KEY}`);
    expect(await versions()).toEqual([
      { kind: 'delete marker', latest: true },
      { kind: 'object', latest: false },
    ]);
    const next = await clock.acquire(results, 'run-b');
    expect(next.tookOver).toBeUndefined();
    await expect(clock.acquire(results, 'run-c')).rejects.toThrow(/in use by run run-b/);
    expect((await versions())[0]).toEqual({ kind: 'object', latest: true });
    expect(await lockOf(results)).toMatchObject({ run_id: 'run-b' });
    await next.release();
  });
});

describe.skipIf(MINIO_NOTE)(`${MINIO_NOTE}given MinIO behind a proxy that answers conditional writes of the lock itself`, () => {
  let proxy: Awaited<ReturnType<typeof s3Proxy>>;
  let through: Storage;
  /** How many conditional PUTs of the lock key the proxy still answers itself, and how. */
  let conflicts = 0;
  let lostReplies = 0;
  beforeAll(async () => {
    proxy = await s3Proxy(minio().endpoint, (request) => {
      const conditional = request.headers['if-none-match'] !== undefined || request.headers['if-match'] !== undefined;
      if (request.method !== 'PUT' || !conditional || !request.url.includes(LOCK_KEY)) return undefined;
      if (conflicts > 0) {
        conflicts--;
        // What Yandex Object Storage answers when conditional writes race.
        return {
          status: 409,
          body: s3ErrorBody('OperationAborted', 'A conflicting conditional operation is currently in progress against this resource.'),
        };
      }
      if (lostReplies > 0) {
        lostReplies--;
        return { status: 500, body: s3ErrorBody('InternalError', 'We encountered an internal error. Please try again.'), afterForwarding: true };
      }
      return undefined;
    });
    through = await Storage.open({ ...minioConfig(minio()), endpoint: proxy.endpoint });
  });
  afterAll(async () => {
    await through.close();
    await proxy.close();
  });
  const results = async () => {
    const prefix = `contended-${++stores}`;
    return { direct: await real.store(`s3://lock-test/${prefix}`), proxied: await through.store(`s3://lock-test/${prefix}`) };
  };

  it('when the first create is answered 409 and nothing is there, then the run reads the lock, retries once and holds it', async () => {
    const { direct, proxied } = await results();
    conflicts = 1;
    const lock = await clocked().acquire(proxied, 'run-a');
    expect(conflicts).toBe(0);
    expect(await lockOf(direct)).toMatchObject({ run_id: 'run-a' });
    await lock.release();
  });

  it('when the create is answered 409 because another run took the lock, then the run is refused with that run', async () => {
    const { direct, proxied } = await results();
    const other = await clocked().acquire(direct, 'run-other');
    conflicts = 1;
    await expect(clocked().acquire(proxied, 'run-a')).rejects.toThrow(/in use by run run-other/);
    await other.release();
  });

  it('when every create is answered 409, then the run fails with one clear line saying the lock is contended', async () => {
    const { direct, proxied } = await results();
    conflicts = 2;
    await expect(clocked().acquire(proxied, 'run-a')).rejects.toThrow(
      /^the results store's lock s3:\/\/lock-test\/contended-\d+\/locks\/transactions\.json is contended: another run is taking it right now/,
    );
    expect(await direct.head(LOCK_KEY)).toBeUndefined();
  });

  it('when the reply to the create that wrote the lock is lost and the retry is refused, then the run sees the lock is its own and holds it', async () => {
    const { direct, proxied } = await results();
    lostReplies = 1;
    const lock = await clocked().acquire(proxied, 'run-a');
    expect(lostReplies).toBe(0);
    expect(await lockOf(direct)).toMatchObject({ run_id: 'run-a' });
    await lock.confirm();
    await lock.release();
    expect(await direct.head(LOCK_KEY)).toBeUndefined();
  });

  it('when the reply to a renewal that landed is lost, then the run sees the lock is still its own and keeps it', async () => {
    const { direct, proxied } = await results();
    const lock = await clocked().acquire(proxied, 'run-a');
    lostReplies = 1;
    await lock.confirm();
    expect(lostReplies).toBe(0);
    await lock.confirm();
    expect(await lockOf(direct)).toMatchObject({ run_id: 'run-a' });
    await lock.release();
    expect(await direct.head(LOCK_KEY)).toBeUndefined();
  });

  it('when a renewal is answered 409, then the run reads that the lock is still its own and keeps it', async () => {
    const { direct, proxied } = await results();
    const lock = await clocked().acquire(proxied, 'run-a');
    conflicts = 1;
    await lock.confirm();
    expect(conflicts).toBe(0);
    await lock.confirm();
    expect(await lockOf(direct)).toMatchObject({ run_id: 'run-a' });
    await lock.release();
    expect(await direct.head(LOCK_KEY)).toBeUndefined();
  });
});

/** Starts a process that takes the lock, waits until it holds it, SIGKILLs it and returns its pid. */
async function holdInAnotherProcess(location: string, runId: string): Promise<number> {
  const env = MINIO_NOTE
    ? process.env
    : { ...process.env, FERRY_S3_ENDPOINT: minio().endpoint, AWS_ACCESS_KEY_ID: minio().accessKeyId, AWS_SECRET_ACCESS_KEY: minio().secretAccessKey };
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, location, runId], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const holding = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('holding ') && resolve(line));
    void exited.then(() => reject(new Error('the lock holder exited before it held the lock')));
  });
  child.kill('SIGKILL');
  await exited;
  return Number(holding.slice('holding '.length));
}
