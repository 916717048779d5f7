import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FerryError, layout, type RuleParams } from '@ferry/types';
import { addRuleOptions, ruleParams } from '../options.ts';

interface SparkJobOptions extends RuleParams {
  out: string;
}

/** `ferry spark-job --out job.py`: the exact job `--engine dataproc` submits, for a scheduler of the user's own. */
export function register(program: Command): void {
  addRuleOptions(
    program
      .command('spark-job')
      .description('write the PySpark cleaning job a cluster runs (Spark 3.3, Python 3.8), for spark-submit from your own scheduler')
      .requiredOption('--out <file>', 'where to write the job, e.g. job.py'),
  ).action(async (options: SparkJobOptions) => {
    const { pySparkJobArgs, renderPySparkJob } = await import('@ferry/cleaning');
    const params = ruleParams(options);
    const out = resolve(options.out);
    await writeFile(out, renderPySparkJob(params)).catch((error: NodeJS.ErrnoException) => {
      throw new FerryError(`cannot write the Spark job to ${out} (${error.code ?? error.message})`);
    });
    // The rule parameters are the job's defaults now: the three locations are all it needs.
    const example = pySparkJobArgs({
      inputUri: `s3a://<work>/${layout.work.inputs}`,
      outputUri: `s3a://<work>/${layout.work.staging('<run-id>')}`,
      sources: ['2019-08-22.txt'],
      params,
    }).slice(0, 6);
    const { stagedFiles } = layout.work;
    process.stdout.write(
      [
        `wrote the Spark cleaning job to ${out} (terminal_id at most ${params.terminalIdMax}, epoch ${params.epoch})`,
        'run it with (s3a:// needs hadoop-aws on the classpath; file:// works as is):',
        `  spark-submit ${options.out} ${example.join(' ')}`,
        `it writes <output-uri><period>/${stagedFiles.data}tx_date=YYYY-MM-DD/*.parquet, <output-uri><period>/${stagedFiles.quarantine} and <output-uri><period>/${stagedFiles.quality}`,
      ].join('\n') + '\n',
    );
  });
}
