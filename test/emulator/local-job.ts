import { Storage } from '@ferry/storage';
import { createDuckDbEngine } from '@ferry/transactions/duckdb';
import { DEFAULT_RULE_PARAMS, layout, type Logger, type RuleParams, type SourcePeriod } from '@ferry/types';

export interface JobRunInput {
  spec: { mainPythonFileUri: string; args: string[]; properties: Record<string, string> };
  s3?: { endpoint: string; accessKeyId: string; secretAccessKey: string };
  /** One line of the job's log (what the Data Processing API serves from :logs). */
  log(line: string): void;
  /** The job's work has begun: PROVISIONING becomes RUNNING. */
  started(): void;
  signal: AbortSignal;
}

export type JobRunner = (input: JobRunInput) => Promise<void>;

/**
 * Stands in for Spark where this machine has none: runs what the PySpark job would do, with the local DuckDB engine
 * over the same S3 server. Reads the job's CLI contract (--input-uri s3a://b/p/<layout.work.inputs>
 * --output-uri s3a://b/p/<layout.work.staging(run-id)> --sources …) and writes the exact staging layout. Fails as Spark would when the main file or an input is missing.
 */
export const runLocalJob: JobRunner = async ({ spec, s3, log, started, signal }) => {
  if (!s3) throw new Error('the emulator has no S3 server configured for jobs');
  started();
  const args = parseArgs(spec.args);
  const inputUri = required(args, '--input-uri');
  const outputUri = required(args, '--output-uri');
  const sources = required(args, '--sources').split(',').filter(Boolean);
  const params: RuleParams = {
    terminalIdMax: args.has('--terminal-id-max') ? Number(args.get('--terminal-id-max')) : DEFAULT_RULE_PARAMS.terminalIdMax,
    epoch: args.get('--epoch') ?? DEFAULT_RULE_PARAMS.epoch,
  };
  const root =
    inputUri.startsWith('s3a://') && inputUri.endsWith(`/${layout.work.inputs}`) ? inputUri.slice('s3a://'.length, -layout.work.inputs.length) : '';
  if (!root) throw new Error(`--input-uri ${inputUri} is not s3a://<bucket>/<prefix>${layout.work.inputs}`);
  const staging = `s3a://${root}${layout.work.stagingRoot}`;
  const runId = outputUri.startsWith(staging) ? outputUri.slice(staging.length).replace(/\/$/, '') : '';
  if (!runId || runId.includes('/')) throw new Error(`--output-uri ${outputUri} is not s3a://${root}${layout.work.staging('<run-id>')}`);

  const storage = await Storage.open({ endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
  try {
    const main = spec.mainPythonFileUri.match(/^s3a:\/\/([^/]+)\/(.+)$/);
    if (!main || !(await (await storage.store(`s3://${main[1]}`)).head(main[2]!))) {
      throw new Error(`java.io.FileNotFoundException: ${spec.mainPythonFileUri}`);
    }
    const work = await storage.store(`s3://${root}`);
    const periods: SourcePeriod[] = [];
    for (const source of sources) {
      const input = await work.head(layout.work.input(source));
      if (!input) throw new Error(`ferry: cleaning failed: the input ${inputUri}${source} does not exist`);
      periods.push({ period: source.replace(/\.txt$/, ''), source, size: input.size, etag: input.etag });
    }
    log(`INFO ferry job: cleaning ${sources.join(', ')} into ${outputUri}`);
    await createDuckDbEngine({ threads: 1, memoryLimit: '1GB' }).clean({ runId, periods, work, params, log: lineLogger(log), signal });
  } finally {
    await storage.close();
  }
};

function parseArgs(args: string[]): Map<string, string> {
  const parsed = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) parsed.set(args[i]!, args[i + 1] ?? '');
  return parsed;
}

function required(args: Map<string, string>, name: string): string {
  const value = args.get(name);
  if (!value) throw new Error(`usage: job.py ${name} is required`);
  return value;
}

function lineLogger(log: (line: string) => void): Logger {
  const write = (level: string) => (msg: string) => log(`${level} ferry job: ${msg}`);
  const logger: Logger = { debug: write('DEBUG'), info: write('INFO'), warn: write('WARN'), error: write('ERROR'), child: () => logger };
  return logger;
}
