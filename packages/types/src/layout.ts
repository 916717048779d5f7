/**
 * Every key ferry reads or writes in its stores, relative to a store's root. No other module spells a key: engines,
 * publishing, the recorder, the rocket pipeline, the CLI's summaries and the Spark job (rendered from `stagedFiles`)
 * all take them from here, so the work and results layouts can only change in one place.
 */

/** What one period's staging folder holds, relative to it: what both engines (DuckDB and the Spark job) write. */
const stagedFiles = {
  /** Parquet per transaction day: data/tx_date=YYYY-MM-DD/*.parquet */
  data: 'data/',
  /** Rejected lines: quarantine/*.parquet (source, line_number, raw_line, rule). */
  quarantine: 'quarantine/',
  /** The period's PeriodQuality. */
  quality: 'quality.json',
  /** In place of the quality, when the period could not be cleaned: its CleanFailure. */
  failure: 'failed.json',
} as const;

const INPUT = 'input_data/';
const OUTPUT = 'output_data/';
const STAGING = `${OUTPUT}_staging/`;
const TRANSACTIONS = 'transactions/';
const QUARANTINE = 'quarantine/';
const RUNS = 'runs/';
const ROCKET = 'rocket/';
const IMAGES = `${ROCKET}images/`;
const DAY_PARTITION = /^tx_date=(\d{4}-\d{2}-\d{2})\//;

/** A period's parquet file in a partition: its name carries the period and the run, so periods never collide. */
const periodFile = (period: string, runId: string, n: number) => `${period}_${runId}_${n}.parquet`;
const dayPartition = (day: string) => `tx_date=${day}/`;
const PUBLISHED_FILE = new RegExp(
  `^(?:${TRANSACTIONS}tx_date=\\d{4}-\\d{2}-\\d{2}|${QUARANTINE}period=(\\d{4}-\\d{2}-\\d{2}))/(\\d{4}-\\d{2}-\\d{2})_([^/]+)_\\d+\\.parquet$`,
);

/** The work store: ephemeral in the cloud (the work stack's bucket), a folder or bucket of its own locally. */
const work = {
  /** Source files copied for cleaning. */
  inputs: INPUT,
  input: (source: string) => `${INPUT}${source}`,
  /** Promoted parquet: output_data/tx_date=YYYY-MM-DD/<period>_<run-id>_<n>.parquet. */
  outputs: OUTPUT,
  output: (day: string, period: string, runId: string, n: number) => `${OUTPUT}${dayPartition(day)}${periodFile(period, runId, n)}`,
  /** The work copy of a published transactions file (results store key), or undefined for any other key. */
  outputOf: (resultsKey: string) => (resultsKey.startsWith(TRANSACTIONS) ? `${OUTPUT}${resultsKey.slice(TRANSACTIONS.length)}` : undefined),
  /** Every run's staging folder is under here. */
  stagingRoot: STAGING,
  /** Where one run's engine stages its periods: the Spark job's --output-uri. */
  staging: (runId: string) => `${STAGING}${runId}/`,
  /** One period's staging folder and the files in it (see `stagedFiles`). */
  staged: (runId: string, period: string) => {
    const root = `${STAGING}${runId}/${period}/`;
    return {
      root,
      data: `${root}${stagedFiles.data}`,
      quarantine: `${root}${stagedFiles.quarantine}`,
      quality: `${root}${stagedFiles.quality}`,
      failure: `${root}${stagedFiles.failure}`,
    };
  },
  stagedFiles,
  /** The day of a staged parquet key relative to `staged(…).data` (tx_date=YYYY-MM-DD/…), or undefined. */
  dayOfStaged: (relativeKey: string) => DAY_PARTITION.exec(relativeKey)?.[1],
  /** The PySpark job the Data Processing engine uploads for a run. */
  job: (runId: string) => `jobs/${runId}/job.py`,
};

/** Files of one run's folder in the results store: the recorder's, then the pipelines' artifacts. */
const runFiles = {
  record: 'run.json',
  log: 'log.ndjson',
  reportMarkdown: 'report.md',
  reportHtml: 'report.html',
  /** Transactions: per-period quality of the run. */
  quality: 'quality.json',
  /** Rocket: one entry per launch image. */
  images: 'images.json',
  /** Rocket: the launches report. */
  launches: 'launches.json',
  launchesMarkdown: 'launches.md',
} as const;
type RunFiles = { readonly [name in keyof typeof runFiles]: string };

const RUN_RECORD = new RegExp(`^${RUNS}([^/]+)/${runFiles.record.replace('.', '\\.')}$`);

/** The results store: long-lived, versioned in the cloud; shared by both pipelines. */
const results = {
  /** Clean rows: transactions/tx_date=YYYY-MM-DD/<period>_<run-id>_<n>.parquet. */
  transactionsRoot: TRANSACTIONS,
  transactionsDay: (day: string) => `${TRANSACTIONS}${dayPartition(day)}`,
  transactions: (day: string, period: string, runId: string, n: number) => `${TRANSACTIONS}${dayPartition(day)}${periodFile(period, runId, n)}`,
  /** Rejected lines: quarantine/period=YYYY-MM-DD/<period>_<run-id>_<n>.parquet. */
  quarantineRoot: QUARANTINE,
  quarantine: (period: string) => `${QUARANTINE}period=${period}/`,
  quarantineFile: (period: string, runId: string, n: number) => `${QUARANTINE}period=${period}/${periodFile(period, runId, n)}`,
  /** The period and run a file of `transactions` or `quarantineFile` was published by, or undefined for any other key. */
  publisherOf: (key: string): { period: string; runId: string } | undefined => {
    const match = PUBLISHED_FILE.exec(key);
    if (!match || (match[1] !== undefined && match[1] !== match[2])) return undefined;
    return { period: match[2]!, runId: match[3]! };
  },
  /** Processed periods and the files each owns. */
  manifest: 'manifest.json',
  /** The transactions run lock, present only while a run is in progress. */
  lock: 'locks/transactions.json',
  /** Every run's folder. */
  runs: RUNS,
  /** One run's folder and its files. */
  run: (runId: string): RunFiles & { prefix: string } => {
    const prefix = `${RUNS}${runId}/`;
    const keys = Object.fromEntries(Object.entries(runFiles).map(([name, file]) => [name, `${prefix}${file}`])) as RunFiles;
    return { prefix, ...keys };
  },
  runFiles,
  /** The run id of a run.json key (runs/<id>/run.json), or undefined for any other key. */
  runIdOfRecord: (key: string) => RUN_RECORD.exec(key)?.[1],
};

/** The rocket pipeline's layers, in the results store. */
const rocket = {
  root: ROCKET,
  /** API pages exactly as received: rocket/raw/<run-id>/page-<n>.json, previous-page-<n>.json. */
  raw: (runId: string) => `${ROCKET}raw/${runId}/`,
  rawPage: (runId: string, kind: 'upcoming' | 'previous', n: number) =>
    `${ROCKET}raw/${runId}/${kind === 'upcoming' ? '' : 'previous-'}page-${n}.json`,
  /** Launch images, content-addressed: rocket/images/<sha256>.<ext>. */
  images: IMAGES,
  image: (sha256: string, extension: string) => `${IMAGES}${sha256}.${extension}`,
  /** The name of a key under images/ without its extension (an image's SHA-256), or undefined for a key elsewhere. */
  sha256OfImage: (key: string) => (key.startsWith(IMAGES) ? /^([^/]+?)(\.[^./]*)?$/.exec(key.slice(IMAGES.length))?.[1] : undefined),
  /** Image URL → where its bytes are. */
  imageIndex: `${IMAGES}index.json`,
  /** Every launch seen, upserted by id. */
  launchesTable: `${ROCKET}tables/launches.parquet`,
  /** How far a `--since` backfill of previous launches got: it goes on from there next run. */
  backfillState: `${ROCKET}state/backfill.json`,
};

export const layout = { work, results, rocket } as const;
