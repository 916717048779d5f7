import { SPARK, sparkPaths } from './parts.ts';

export interface SparkSubmitOptions {
  /** Local path or URI of the main Python file. */
  job: string;
  args: readonly string[];
  /** Default local[2], the machine's two cores. */
  master?: string;
  /** Spark properties (a job's `properties`), passed as --conf. */
  conf?: Readonly<Record<string, string>>;
  driverMemory?: string;
  /** The S3 server behind s3a:// URIs. */
  s3?: { endpoint: string; accessKeyId: string; secretAccessKey: string };
}

export interface SparkSubmitCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * The spark-submit command line of the pinned Spark for one job. s3a:// goes to `s3` with path-style requests;
 * its keys travel in the environment (s3a's default provider chain reads them there), never on the command line.
 */
export function sparkSubmit(options: SparkSubmitOptions): SparkSubmitCommand {
  const why = SPARK.missing();
  if (why) throw new Error(`cannot run spark-submit: ${why}`);
  const conf: Record<string, string> = {
    // No web UI: tests run several drivers at once, and nobody looks at it.
    'spark.ui.enabled': 'false',
    ...(options.s3
      ? {
          'spark.hadoop.fs.s3a.endpoint': options.s3.endpoint,
          'spark.hadoop.fs.s3a.path.style.access': 'true',
          'spark.hadoop.fs.s3a.connection.ssl.enabled': String(options.s3.endpoint.startsWith('https:')),
          'spark.hadoop.fs.s3a.aws.credentials.provider': 'com.amazonaws.auth.EnvironmentVariableCredentialsProvider',
        }
      : {}),
    ...options.conf,
  };
  const args = [
    '--master',
    options.master ?? 'local[2]',
    '--jars',
    sparkPaths.jars.join(','),
    ...(options.driverMemory ? ['--driver-memory', options.driverMemory] : []),
    ...Object.entries(conf).flatMap(([key, value]) => ['--conf', `${key}=${value}`]),
    options.job,
    ...options.args,
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYSPARK_PYTHON: sparkPaths.python,
    PYSPARK_DRIVER_PYTHON: sparkPaths.python,
    SPARK_LOCAL_IP: '127.0.0.1',
    ...(options.s3 ? { AWS_ACCESS_KEY_ID: options.s3.accessKeyId, AWS_SECRET_ACCESS_KEY: options.s3.secretAccessKey } : {}),
  };
  return { command: sparkPaths.sparkSubmit, args, env };
}
