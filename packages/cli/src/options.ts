import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_RULE_PARAMS, FerryError, layout, type RuleParams } from '@ferry/types';
import { parseDuration } from '@ferry/yandex/duration';

/**
 * Every option value is parsed here, once, while commander reads the command line: an action receives typed values.
 * A refused value gives commander's one line naming the flag, the value and what it takes, e.g.
 * `error: option '--limit <n>' argument 'lots' is invalid. It takes a whole number ≥ 1.`
 */
export type Parser<T> = (text: string) => T;

export function refuse(what: string): never {
  throw new InvalidArgumentError(`It takes ${what}.`);
}

export function wholeNumber(min: number): Parser<number> {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) refuse(`a whole number ≥ ${min}`);
    return value;
  };
}

/** `90m`, `4h`, `2d`, `1h30m`, `0s` → milliseconds; the grammar is @ferry/yandex's, next to its formatDuration. */
export const duration: Parser<number> = checkedBy(parseDuration);

/** A real calendar day, `YYYY-MM-DD`. */
export const day: Parser<string> = (text) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !isRealUtc(text)) refuse('a date like 2019-08-22');
  return text;
};

/** A real UTC date and time, `YYYY-MM-DD HH:MM:SS`. */
export const dateTime: Parser<string> = (text) => {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) || !isRealUtc(text)) refuse('a date and time like 2019-08-22 00:00:00 (UTC)');
  return text;
};

/** `2019-02-30` parses (as March 2nd) but does not survive the round trip. */
function isRealUtc(text: string): boolean {
  const ms = Date.parse(`${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00:00' : ''}Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, text.length).replace('T', ' ') === text;
}

/** A size as DuckDB reads it: a number and a unit of 1000 (KB … TB) or 1024 (KiB … TiB). */
export const byteSize: Parser<string> = (text) => {
  if (!/^(\d+(\.\d+)?) ?([KMGT]i?B|[KMGT]|B)$/i.test(text) || !(Number.parseFloat(text) > 0)) refuse('a size like 4GB or 512MiB');
  return text;
};

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3, TIB: 1024 ** 4 };

/** A size in bytes: a number and a unit of 1000 (KB … TB) or 1024 (KiB … TiB), e.g. 20GiB or 500MB. */
export const byteCount: Parser<number> = (text) => {
  const match = /^(\d+(?:\.\d+)?) ?([KMGT]i?B|B)$/i.exec(text);
  const bytes = match ? Number(match[1]) * UNITS[match[2]!.toUpperCase()]! : NaN;
  if (!(bytes > 0)) refuse('a size like 20GiB or 500MB');
  return Math.round(bytes);
};

export const httpUrl: Parser<string> = (text) => {
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) refuse('an http(s) URL');
  return text;
};

/** A library's own check as a parser: its FerryError, which names no flag, follows commander's line naming the flag. */
export function checkedBy<T>(check: (text: string) => T): Parser<T> {
  return (text) => {
    try {
      return check(text);
    } catch (error) {
      if (error instanceof FerryError) throw new InvalidArgumentError(asSentence(error.message));
      throw error;
    }
  };
}

function asSentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/**
 * An option that may carry a secret (a webhook URL with its token): like any option, but a refused value is not
 * echoed, since commander's own message would print it.
 */
export function secretOption<T>(flags: string, description: string, env: string, parse: Parser<T>): Option {
  const option = new Option(flags, description).env(env);
  return option.argParser((text: string) => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof InvalidArgumentError)
        throw new FerryError(`option '${option.flags}' (or env ${env}) is invalid; the value is not shown. ${error.message}`);
      throw error;
    }
  });
}

/** The three locations every store-touching command shares (see LocationOptions); each defaults to its env variable first. */
export function addLocationOptions(command: Command): Command {
  return addResultsOptions(
    command
      .addOption(new Option('--source <url|dir>', 'where new YYYY-MM-DD.txt source files appear').env('FERRY_SOURCE').default('s3://ferry-source'))
      .addOption(
        new Option('--work <url|dir>', `work location: ${layout.work.inputs} and ${layout.work.outputs}`)
          .env('FERRY_WORK')
          .default('s3://ferry-work'),
      )
      .option('--checksum', 'hash local files rather than trust the MD5 recorded for the same size, mtime and inode (as rclone --checksum)'),
  );
}

/** The results store alone, for commands that touch nothing else (the rocket pipeline's). */
export function addResultsOptions(command: Command): Command {
  return addS3Options(
    command.addOption(new Option('--results <url|dir>', 'long-lived results store').env('FERRY_RESULTS').default('s3://ferry-results')),
  );
}

/** Storage reads FERRY_S3_ENDPOINT and AWS_REGION itself: these flags only override them. */
export function addS3Options(command: Command): Command {
  return command
    .option('--endpoint <url|embedded|yandex>', 'S3 endpoint for s3:// locations (env FERRY_S3_ENDPOINT; default: the embedded server)')
    .option('--region <region>', 'S3 region (env AWS_REGION; default ru-central1)');
}

/** The cleaning rules' parameters, as `ferry run` and `ferry spark-job` take them: the options carry the parameters' names. */
export function addRuleOptions(command: Command): Command {
  return command
    .addOption(new Option('--terminal-id-max <n>', 'largest valid terminal_id').argParser(wholeNumber(0)).default(DEFAULT_RULE_PARAMS.terminalIdMax))
    .addOption(new Option('--epoch <datetime>', 'origin of tx_time_seconds (UTC)').argParser(dateTime).default(DEFAULT_RULE_PARAMS.epoch));
}

export function ruleParams({ terminalIdMax, epoch }: RuleParams): RuleParams {
  return { terminalIdMax, epoch };
}
