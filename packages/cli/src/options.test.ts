import { Command, InvalidArgumentError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from './commands/index.ts';
import { addLocationOptions, byteCount, byteSize, dateTime, day, duration, httpUrl, wholeNumber, type Parser } from './options.ts';
import { runFerry } from './test-support.ts';

afterEach(() => vi.unstubAllEnvs());

function refusal<T>(parse: Parser<T>, text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('given the typed parsers', () => {
  it('when whole numbers are read, then only plain digits at or above the minimum pass, as numbers', () => {
    expect([wholeNumber(1)('8'), wholeNumber(0)('0'), wholeNumber(1)('30000')]).toEqual([8, 0, 30_000]);
    for (const text of ['0', '-1', '1.5', '1e3', ' 5', '', '0x10', 'lots', '9007199254740993']) {
      expect(refusal(wholeNumber(1), text)).toBe('It takes a whole number ≥ 1.');
    }
  });

  it('when dates and date-times are read, then only real ones in the one written form pass', () => {
    expect([day('2019-08-22'), dateTime('2019-08-22 00:00:00'), dateTime('2020-02-29 23:59:59')]).toEqual([
      '2019-08-22',
      '2019-08-22 00:00:00',
      '2020-02-29 23:59:59',
    ]);
    for (const text of ['2019-02-30', '2019-8-22', '22.08.2019', '2019-08-22 00:00:00'])
      expect(refusal(day, text)).toBe('It takes a date like 2019-08-22.');
    for (const text of ['2019-08-22', '2019-08-22T00:00:00', '2019-08-22 24:00:00', '2019-02-29 00:00:00']) {
      expect(refusal(dateTime, text)).toBe('It takes a date and time like 2019-08-22 00:00:00 (UTC).');
    }
  });

  it('when durations are read, then the forms ferry reap has always taken give milliseconds and anything else says how to write one', () => {
    expect(['90m', '4h', '30d', '90s', '1h30m', '0s'].map(duration)).toEqual([5_400_000, 14_400_000, 2_592_000_000, 90_000, 5_400_000, 0]);
    expect(refusal(duration, '4 hours')).toBe('"4 hours" is not a duration: write a number and a unit (d, h, m, s), e.g. 90m, 4h, 2d, 1h30m, 0s.');
    expect(refusal(duration, '-1h')).toMatch(/^"-1h" is not a duration/);
  });

  it('when sizes and URLs are read, then DuckDB sizes and http(s) URLs pass and the rest are refused', () => {
    expect(['4GB', '512MiB', '4 GB', '1.5G', '100KB'].map(byteSize)).toEqual(['4GB', '512MiB', '4 GB', '1.5G', '100KB']);
    for (const text of ['80%', '4', '0GB', '4Gi', 'lots']) expect(refusal(byteSize, text)).toBe('It takes a size like 4GB or 512MiB.');
    expect(['20GiB', '500MB', '1.5 KB', '1KB', '3B'].map(byteCount)).toEqual([20 * 1024 ** 3, 500e6, 1500, 1000, 3]);
    for (const text of ['20G', '4', '0GB', 'lots']) expect(refusal(byteCount, text)).toBe('It takes a size like 20GiB or 500MB.');
    expect(httpUrl('https://hooks.example.test/x')).toBe('https://hooks.example.test/x');
    for (const text of ['ftp://example.test/', 'hooks.example.test/x', '']) expect(refusal(httpUrl, text)).toBe('It takes an http(s) URL.');
  });

  it('when no location flag is given, then each location comes from its env variable as the command runs, else from its default', async () => {
    vi.stubEnv('FERRY_WORK', '/tmp/ferry-env-work');
    vi.stubEnv('FERRY_RESULTS', undefined);
    let seen: unknown;
    const command = addLocationOptions(new Command('probe').exitOverride()).action((options) => (seen = options));
    await command.parseAsync(['--source', '/tmp/flag-source'], { from: 'user' });
    expect(seen).toEqual({ source: '/tmp/flag-source', work: '/tmp/ferry-env-work', results: 's3://ferry-results' });
  });
});

/** Every command path, `rocket run` included, as the program registers them. */
function commandPaths(): string[][] {
  const program = new Command('ferry');
  for (const register of commands) register(program);
  const walk = (command: Command, path: string[]): string[][] => [path, ...command.commands.flatMap((sub) => walk(sub, [...path, sub.name()]))];
  return walk(program, []);
}

describe('given every ferry command', () => {
  it('when `--help` is asked of each, then it exits 0 and shows the typed defaults as the action receives them', async () => {
    const paths = commandPaths();
    expect(paths.map((path) => path.join(' '))).toEqual(
      expect.arrayContaining(['', 'run', 'start', 'sample', 'reap', 'rocket', 'rocket run', 'spark-job', 'unlock']),
    );
    const help = new Map<string, string>();
    for (const path of paths) {
      const result = await runFerry([...path, '--help']);
      expect({ path, code: result.code, stderr: result.stderr }).toEqual({ path, code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Usage: ferry/);
      help.set(path.join(' '), result.stdout);
    }
    expect(help.get('run')).toMatch(/--terminal-id-max <n> +largest valid terminal_id \(default: 999\)/);
    expect(help.get('run')).toMatch(/--results <url\|dir> +long-lived results store \(default:\s+"s3:\/\/ferry-results", env: FERRY_RESULTS\)/);
    expect(help.get('run')).toMatch(/--cluster-id <id> +Data Processing cluster for --engine\s+dataproc \(env:\s+FERRY_DATAPROC_CLUSTER_ID\)/);
    expect(help.get('sample')).toMatch(/--periods <n> +number of period files \(default: 2\)/);
    expect(help.get('rocket run')).toMatch(/--limit <n> +upcoming launches to read \(default: 100\)/);
    expect(help.get('rocket run')).toMatch(/\(env: LL2_API_TOKEN\)/);
  });

  it('when a whole-number flag of any command gets a bad value, then the one line names the flag and what it takes, and nothing runs', async () => {
    const cases: [string[], string, number][] = [
      [['sample'], '--periods <n>', 1],
      [['sample'], '--days-per-period <n>', 1],
      [['sample'], '--rows-per-day <n>', 1],
      [['sample'], '--seed <n>', 0],
      [['run'], '--terminal-id-max <n>', 0],
      [['run'], '--threads <n>', 1],
      [['start'], '--threads <n>', 1],
      [['spark-job', '--out', 'never-written.py'], '--terminal-id-max <n>', 0],
      [['rocket', 'run'], '--limit <n>', 1],
      [['rocket', 'run'], '--concurrency <n>', 1],
      [['rocket', 'run'], '--timeout-ms <ms>', 1],
      [['rocket', 'run'], '--max-bytes-per-second <n>', 1],
    ];
    for (const [command, flags, min] of cases) {
      const result = await runFerry([...command, flags.split(' ')[0]!, '-1']);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: option '${flags}' argument '-1' is invalid. It takes a whole number ≥ ${min}.\n`,
      });
    }
  });

  it('when the webhook from FERRY_WEBHOOK_URL is no http(s) URL, then the line names the variable and the flag but not the value, which may hold a token', async () => {
    vi.stubEnv('LL2_API_TOKEN', undefined);
    vi.stubEnv('FERRY_WEBHOOK_URL', 'hooks.example.test/T0/B0/secret-hook-token');
    const result = await runFerry(['rocket', 'run']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: option '--webhook <url>' (or env FERRY_WEBHOOK_URL) is invalid; the value is not shown. It takes an http(s) URL.\n",
    });
  });
});
