import { Option, type Command } from 'commander';
import { REAL_DEFECT_RATES, type DefectRates } from '@ferry/sample/defects';
import { withStores } from '../context.ts';
import { addS3Options, day, refuse, wholeNumber } from '../options.ts';

/** What `ferry start` seeds and what `ferry sample` writes by default, so `--periods 3` extends the demo source byte for byte. */
export const DEMO_SAMPLE = { periods: 2, daysPerPeriod: 30, rowsPerDay: 10_000, start: '2019-08-22', seed: 42 } as const;

interface SampleCliOptions {
  out: string;
  periods: number;
  daysPerPeriod: number;
  rowsPerDay: number;
  start: string;
  seed: number;
  defects?: Partial<DefectRates>;
  endpoint?: string;
  region?: string;
}

export function register(program: Command): void {
  addS3Options(
    program
      .command('sample')
      .description('write seeded sample source files in the real format, with every known defect injected')
      .addOption(new Option('--out <url|dir>', 'where to write YYYY-MM-DD.txt files').env('FERRY_SOURCE').default('s3://ferry-source'))
      .addOption(new Option('--periods <n>', 'number of period files').argParser(wholeNumber(1)).default(DEMO_SAMPLE.periods))
      .addOption(new Option('--days-per-period <n>', 'days in each file').argParser(wholeNumber(1)).default(DEMO_SAMPLE.daysPerPeriod))
      .addOption(new Option('--rows-per-day <n>', 'approximate rows per day').argParser(wholeNumber(1)).default(DEMO_SAMPLE.rowsPerDay))
      .addOption(new Option('--start <date>', 'first day of the first period').argParser(day).default(DEMO_SAMPLE.start))
      .addOption(new Option('--seed <n>', 'random seed: the same seed writes the same bytes').argParser(wholeNumber(0)).default(DEMO_SAMPLE.seed))
      .addOption(
        new Option(
          '--defects <rates>',
          `per-row defect rates, e.g. duplicate=0.001,invalid_terminal=0.0005 (kinds: ${DEFECT_KINDS.join(', ')})`,
        ).argParser(defectRates),
      ),
  ).action(async ({ out, endpoint, region, ...sample }: SampleCliOptions) => {
    const { writeSample } = await import('@ferry/sample');
    await withStores({ source: out, work: out, results: out, endpoint, region }, async (context) => {
      const written = await writeSample(await context.open('source'), sample);
      for (const file of written) {
        const rejected = Object.values(file.rejected).reduce((sum, n) => sum + n, 0);
        process.stdout.write(
          `${file.name}  ${file.data_lines} rows  ids ${file.first_id}–${file.last_id}  injected defects ${rejected}, midnight rows ${file.repaired.midnight_24h}\n`,
        );
      }
      process.stdout.write(`wrote ${written.length} period file(s) to ${context.describe('source')}\n`);
    });
  });
}

const DEFECT_KINDS = Object.keys(REAL_DEFECT_RATES);

/** `duplicate=0.001,invalid_terminal=0.0005`: a rate for some of the known defect kinds. */
function defectRates(text: string): Partial<DefectRates> {
  const rates: Partial<DefectRates> = {};
  for (const pair of text.split(',')) {
    const [name, rate] = pair.split('=');
    const parsed = Number(rate);
    if (!name || !(name in REAL_DEFECT_RATES) || rate === undefined || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
      refuse(`kind=rate pairs with rates from 0 to 1, the kinds being ${DEFECT_KINDS.join(', ')}`);
    }
    rates[name as keyof DefectRates] = parsed;
  }
  return rates;
}
