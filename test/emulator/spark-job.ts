import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Storage } from '@ferry/storage';
import { SPARK, sparkSubmit } from '@ferry/testbed';
import type { JobRunner } from './local-job.ts';

/** How long a cancelled driver gets to stop before it is killed. */
const STOP_GRACE_MS = 5_000;

/** Whether jobs can run on real Spark here, and why not. */
export const realSparkMissing = (): string | undefined => SPARK.missing();

/**
 * Runs a `pysparkJob` as Data Processing would, on this machine's pinned Spark: fetches `mainPythonFileUri` from the
 * S3 server, then `spark-submit --master local[2]` with the job's args and properties, s3a:// pointed at that server.
 * The job is RUNNING once the driver speaks, its log is the driver's output, and it fails with the driver's exit status.
 */
export const runSparkJob: JobRunner = async ({ spec, s3, log, signal, started }) => {
  if (!s3) throw new Error('the emulator has no S3 server configured for jobs');
  const dir = await mkdtemp(join(tmpdir(), 'ferry-spark-job-'));
  try {
    const mainFile = join(dir, 'main.py');
    await fetchMainFile(spec.mainPythonFileUri, mainFile, s3);
    const command = sparkSubmit({
      job: mainFile,
      args: spec.args,
      // Spark's scratch space goes with the job, also when the driver is killed.
      conf: { 'spark.local.dir': join(dir, 'local'), ...spec.properties },
      s3,
    });
    const driver = spawn(command.command, command.args, { env: command.env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const exited = new Promise<number | null>((resolve, reject) => {
      driver.once('error', reject);
      driver.once('exit', (code, killedBy) => resolve(killedBy ? null : code));
    });
    let speaking = false;
    for (const stream of [driver.stdout, driver.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (!speaking) {
          speaking = true;
          started();
        }
        log(line);
      });
    }
    const stop = () => {
      killGroup(driver.pid, 'SIGTERM');
      setTimeout(() => killGroup(driver.pid, 'SIGKILL'), STOP_GRACE_MS).unref();
    };
    signal.addEventListener('abort', stop, { once: true });
    const code = await exited.finally(() => signal.removeEventListener('abort', stop));
    signal.throwIfAborted();
    if (code !== 0) throw new Error(`spark-submit exited with status ${code ?? 'killed'}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

async function fetchMainFile(uri: string, to: string, s3: { endpoint: string; accessKeyId: string; secretAccessKey: string }): Promise<void> {
  const main = /^s3a:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!main) throw new Error(`mainPythonFileUri ${uri} is not s3a://<bucket>/<key>`);
  const storage = await Storage.open(s3);
  try {
    const bucket = await storage.store(`s3://${main[1]}`);
    if (!(await bucket.head(main[2]!))) throw new Error(`java.io.FileNotFoundException: ${uri}`);
    await bucket.download(main[2]!, to);
  } finally {
    await storage.close();
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
