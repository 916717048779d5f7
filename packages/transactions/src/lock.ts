import { readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import { FerryError, layout, runLockFormat, whereIs, type RunLockHolder, type Store } from '@ferry/types';

/**
 * One transactions run at a time per results store. Two runs publishing at once could each rewrite the manifest
 * from a stale read and drop the other's periods, leaving their files unaccounted for.
 *
 * The lock is an object in the results store, and every change to it is a conditional write on the version last
 * seen (see Store.create / replace): it is created only where none exists (If-None-Match: *), renewed only while it
 * is still this run's version (If-Match on its ETag), and taken over from a run that is gone only while it is still
 * that run's version (If-Match on the expired lock's ETag), so of two runs that both see it free, one wins. A run
 * whose renewal finds another version has lost the lock and publishes nothing more. A run that is gone is one whose
 * lock expired (LOCK_TTL_MS after its last renewal), or whose process no longer exists on this same host. Where the
 * server ignores conditions (s3rver), each write is a check, then a write: best-effort, and `ferry plan` says so.
 */
const LOCK_KEY = layout.results.lock;
export const LOCK_TTL_MS = 120_000;
const RENEW_EVERY_MS = LOCK_TTL_MS / 4;
const JSON_TYPE = { contentType: 'application/json' };

export interface RunLock {
  /** 'best-effort' where the results store's server ignores conditional writes: two runs starting together could both get it. */
  readonly guarantee: 'atomic' | 'best-effort';
  /** Whose lock this run took over, and why it could, when it did (for the run's log). */
  readonly tookOver?: string;
  /** Renews the lock now; a FerryError when it is no longer this run's, which must then publish nothing more. */
  confirm(): Promise<void>;
  /** Stops renewing and deletes the lock if it is still this run's. */
  release(): Promise<void>;
}

export interface AcquireRunLockOptions {
  results: Store;
  runId: string;
  now: () => Date;
  /** A renewal could not reach the store: the run goes on while the lock has time left (confirm() tells when not). */
  onRenewFailed: (error: unknown) => void;
}

export async function acquireRunLock({ results, runId, now, onRenewFailed }: AcquireRunLockOptions): Promise<RunLock> {
  const where = lockWhere(results);
  const acquiredAt = now().toISOString();
  const lockBody = () => {
    const expiresAt = now().getTime() + LOCK_TTL_MS;
    const holder: RunLockHolder = { run_id: runId, acquired_at: acquiredAt, expires_at: new Date(expiresAt).toISOString(), ...thisProcess() };
    return { text: runLockFormat.encode(holder), expiresAt };
  };
  const isOwn = (holder: RunLockHolder) => holder.run_id === runId && holder.acquired_at === acquiredAt;
  /** The lock's holder when the lock is this run's own. */
  const ownHolder = (text: string) => {
    const read = parseLock(text);
    return 'holder' in read && isOwn(read.holder) ? read.holder : undefined;
  };
  const guarantee = await results.conditionalWrites();

  const taken = await take();
  let { etag, expiresAt } = taken;
  let lost: string | undefined;

  async function take(): Promise<{ etag: string; expiresAt: number; tookOver?: string }> {
    // Twice: what stood in the way (a lock being released, a racing write answered with 409) may be gone a moment later.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const fresh = lockBody();
      const created = await results.create(LOCK_KEY, fresh.text, JSON_TYPE);
      if (created.written) return { etag: created.etag, expiresAt: fresh.expiresAt };
      const current = await results.readVersion(LOCK_KEY);
      if (!current) continue;
      const read = parseLock(current.text);
      if ('why' in read) {
        throw new FerryError(
          `${where} is ${read.why}, so ferry cannot tell whether a run holds it: look at it, then remove it with \`ferry unlock --force\``,
        );
      }
      // This run's own write, whose reply was lost and whose retry the condition refused.
      if (isOwn(read.holder)) return { etag: current.etag, expiresAt: Date.parse(read.holder.expires_at) };
      const gone = whyGone(read.holder, now);
      if (!gone) {
        throw new FerryError(
          `the results store is in use by run ${read.holder.run_id} (${holderPlace(read.holder)}since ${read.holder.acquired_at}): wait for it to finish. ` +
            `If it crashed, its lock ${where} expires at ${read.holder.expires_at}, or \`ferry unlock\` removes it now.`,
        );
      }
      const next = lockBody();
      const replaced = await results.replace(LOCK_KEY, next.text, current.etag, JSON_TYPE);
      if (replaced.written)
        return { etag: replaced.etag, expiresAt: next.expiresAt, tookOver: `took over the lock of run ${read.holder.run_id}: ${gone}` };
    }
    throw new FerryError(`the results store's lock ${where} is contended: another run is taking it right now; wait for that run to finish`);
  }

  /** One renewal on this run's version; finding another version there means the lock was lost. */
  async function renewOnce(): Promise<void> {
    if (lost) return;
    const next = lockBody();
    try {
      const renewed = await results.replace(LOCK_KEY, next.text, etag, JSON_TYPE);
      if (renewed.written) {
        ({ etag, expiresAt } = { etag: renewed.etag, expiresAt: next.expiresAt });
        return;
      }
      // Another version, or a racing write: maybe this run's own last renewal, landed while its reply was lost.
      const current = await results.readVersion(LOCK_KEY);
      const own = current && ownHolder(current.text);
      if (current && own) {
        etag = current.etag;
        expiresAt = Date.parse(own.expires_at);
        return;
      }
      lost = current === undefined ? 'it was removed (by `ferry unlock`?)' : describeReplacement(current.text);
    } catch (error) {
      onRenewFailed(error);
      if (now().getTime() >= expiresAt) lost = `it could not be renewed before it expired at ${new Date(expiresAt).toISOString()}`;
    }
  }

  // One renewal at a time: a slow write landing after a newer one would shorten the lock.
  let renewal: Promise<void> | undefined;
  const renew = (): Promise<void> =>
    (renewal ??= renewOnce().finally(() => {
      renewal = undefined;
    }));
  const renewing = setInterval(() => void renew(), RENEW_EVERY_MS);
  renewing.unref();

  return {
    guarantee,
    tookOver: taken.tookOver,
    async confirm() {
      await renew();
      if (!lost && expiresAt - now().getTime() < LOCK_TTL_MS / 2) {
        lost = `it could not be renewed, and it expires at ${new Date(expiresAt).toISOString()}`;
      }
      if (lost) throw new FerryError(`this run lost the results store's lock ${where}: ${lost}. It publishes nothing more; run again`);
    },
    async release() {
      clearInterval(renewing);
      // A renewal landing after the delete would bring the lock back.
      await renewal;
      if (lost || (await results.deleteIfMatch(LOCK_KEY, etag))) return;
      const current = await results.readVersion(LOCK_KEY);
      if (current && ownHolder(current.text)) await results.deleteIfMatch(LOCK_KEY, current.etag);
    },
  };
}

/** The run holding the results store's lock, unless there is none, it has expired or its process is gone. */
export async function readRunLock(results: Store, now: () => Date): Promise<RunLockHolder | undefined> {
  const text = await results.readText(LOCK_KEY);
  if (text === undefined) return undefined;
  const read = parseLock(text);
  return 'holder' in read && !whyGone(read.holder, now) ? read.holder : undefined;
}

/** What `ferry unlock` finds at the lock's key. */
export type LockInspection =
  | { state: 'absent'; where: string }
  | { state: 'held'; where: string; etag: string; holder: RunLockHolder; gone?: string }
  | { state: 'foreign'; where: string; etag: string; why: string };

export async function inspectRunLock(results: Store, now: () => Date = () => new Date()): Promise<LockInspection> {
  const where = lockWhere(results);
  const current = await results.readVersion(LOCK_KEY);
  if (!current) return { state: 'absent', where };
  const read = parseLock(current.text);
  if ('why' in read) return { state: 'foreign', where, etag: current.etag, why: read.why };
  return { state: 'held', where, etag: current.etag, holder: read.holder, gone: whyGone(read.holder, now) };
}

/** Deletes exactly the lock that was inspected; false when it changed meanwhile (and so was left alone). */
export async function removeRunLock(results: Store, inspected: Exclude<LockInspection, { state: 'absent' }>): Promise<boolean> {
  return results.deleteIfMatch(LOCK_KEY, inspected.etag);
}

/** "run R (on host H, pid P, since T)" — who holds a lock, for messages. */
export function describeHolder(holder: RunLockHolder): string {
  return `run ${holder.run_id} (${holderPlace(holder)}since ${holder.acquired_at})`;
}

function holderPlace(holder: RunLockHolder): string {
  if (holder.host === undefined) return '';
  return `on host ${holder.host}${holder.pid === undefined ? '' : `, pid ${holder.pid}`}, `;
}

function lockWhere(results: Store): string {
  return whereIs(results, LOCK_KEY);
}

/** The holder, or why the object is not a lock this ferry can judge (not JSON, a field missing, a newer version). */
function parseLock(text: string): { holder: RunLockHolder } | { why: string } {
  const decoded = runLockFormat.decode(text);
  if (decoded.ok) return { holder: decoded.value };
  const { problem } = decoded;
  if (problem.kind === 'json') return { why: 'not valid JSON' };
  if (problem.kind === 'shape') return { why: `not a ferry lock (${problem.detail})` };
  return { why: `a lock of a newer ferry (version ${problem.version}; this one reads ${problem.reads})` };
}

function describeReplacement(text: string): string {
  const read = parseLock(text);
  return 'holder' in read ? `${describeHolder(read.holder)} holds it now` : `it was replaced by an object that is ${read.why}`;
}

/** Why the lock's holder is gone, or undefined while it may still be running. */
function whyGone(holder: RunLockHolder, now: () => Date): string | undefined {
  if (Date.parse(holder.expires_at) <= now().getTime()) return `it expired at ${holder.expires_at}`;
  if (holder.pid !== undefined && holder.host_id === thisProcess().host_id && !processExists(holder.pid)) {
    return `its process ${holder.pid} on this host (${holder.host}) is gone`;
  }
  return undefined;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

let identity: Required<Pick<RunLockHolder, 'host' | 'host_id' | 'pid'>> | undefined;

/**
 * This process as a lock records it. host_id says which processes share its process table, so that a pid can be
 * checked: on Linux the boot id and the PID namespace (two containers may share a host name, never both), elsewhere
 * the host name.
 */
function thisProcess(): Required<Pick<RunLockHolder, 'host' | 'host_id' | 'pid'>> {
  if (!identity) {
    let hostId = os.hostname();
    try {
      hostId = `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/${readlinkSync('/proc/self/ns/pid')}`;
    } catch {
      // not Linux: the host name it is
    }
    identity = { host: os.hostname(), host_id: hostId, pid: process.pid };
  }
  return identity;
}
