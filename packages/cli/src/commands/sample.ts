import type { Command } from 'commander';
import { REAL_DEFECT_RATES, writeSample, type DefectRates, type SampleOptions } from '@ferry/sample';
import { FerryError } from '@ferry/types';
import { withStores } from '../context.ts';

/** What `ferry start` seeds and what `ferry sample` writes by default, so `--periods 3` extends the demo source byte for byte. */
export const DEMO_SAMPLE = { periods: 2, daysPerPeriod: 30, rowsPerDay: 10_000, start: '2019-08-22', seed: 42 } as const;

interface SampleCliOptions {
  out: string;
  periods: string;
  daysPerPeriod: string;
  rowsPerDay: string;
  start: string;
  seed: string;
  defects?: string;
  endpoint?: string;
  region?: string;
}

export function register(program: Command): void {
  program
    .command('sample')
    .description('write seeded sample source files in the real format, with every known defect injected')
    .option('--out <url|dir>', 'where to write YYYY-MM-DD.txt files (env FERRY_SOURCE)', process.env.FERRY_SOURCE ?? 's3://ferry-source')
    .option('--periods <n>', 'number of period files', String(DEMO_SAMPLE.periods))
    .option('--days-per-period <n>', 'days in each file', String(DEMO_SAMPLE.daysPerPeriod))
    .option('--rows-per-day <n>', 'approximate rows per day', String(DEMO_SAMPLE.rowsPerDay))
    .option('--start <date>', 'first day of the first period', DEMO_SAMPLE.start)
    .option('--seed <n>', 'random seed: the same seed writes the same bytes', String(DEMO_SAMPLE.seed))
    .option('--defects <rates>', `per-row defect rates, e.g. duplicate=0.001,invalid_terminal=0.0005 (kinds: ${Object.keys(REAL_DEFECT_RATES).join(', ')})`)
    .option('--endpoint <url|embedded|yandex>', 'S3 endpoint for an s3:// --out')
    .option('--region <region>', 'S3 region')
    .action(async (options: SampleCliOptions) => {
      const sample: SampleOptions = {
        periods: wholeNumber('--periods', options.periods, 1),
        daysPerPeriod: wholeNumber('--days-per-period', options.daysPerPeriod, 1),
        rowsPerDay: wholeNumber('--rows-per-day', options.rowsPerDay, 1),
        start: dateOption(options.start),
        seed: wholeNumber('--seed', options.seed, 0),
        defects: parseDefects(options.defects),
      };
      await withStores({ source: options.out, work: options.out, results: options.out, endpoint: options.endpoint, region: options.region }, async (context) => {
        const written = await writeSample(await context.open('source'), sample);
        for (const file of written) {
          const rejected = Object.values(file.rejected).reduce((sum, n) => sum + n, 0);
          process.stdout.write(`${file.name}  ${file.data_lines} rows  ids ${file.first_id}–${file.last_id}  injected defects ${rejected}, midnight rows ${file.repaired.midnight_24h}\n`);
        }
        process.stdout.write(`wrote ${written.length} period file(s) to ${context.describe('source')}\n`);
      });
    });
}

function wholeNumber(flag: string, value: string, min: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new FerryError(`${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return parsed;
}

function dateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new FerryError(`--start must be a date like 2019-08-22, got "${value}"`);
  }
  return value;
}

function parseDefects(value: string | undefined): Partial<DefectRates> | undefined {
  if (!value) return undefined;
  const rates: Partial<DefectRates> = {};
  for (const pair of value.split(',')) {
    const [name, rate] = pair.split('=');
    if (!name || !(name in REAL_DEFECT_RATES)) {
      throw new FerryError(`--defects: unknown defect "${name}"; known: ${Object.keys(REAL_DEFECT_RATES).join(', ')}`);
    }
    const parsed = Number(rate);
    if (rate === undefined || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) throw new FerryError(`--defects: ${name} needs a rate between 0 and 1, got "${rate}"`);
    rates[name as keyof DefectRates] = parsed;
  }
  return rates;
}
