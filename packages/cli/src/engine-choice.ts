import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  decideEngine,
  DEFAULT_AUTO_THRESHOLD_BYTES,
  ENGINE_CHOICES,
  type EngineChoice,
  type EngineDecision,
} from '@ferry/transactions/engine-choice';
import { clusterHostsFromEnv, FerryError, type PriceTable, type SourcePeriod } from '@ferry/types';
import { byteCount } from './options.ts';

/** How `ferry plan` and `ferry run` choose where cleaning runs (see @ferry/transactions decideEngine). */
export interface EngineOptions {
  engine: EngineChoice;
  autoThreshold?: number;
  prices?: string;
}

/** --engine and --auto-threshold, with `fallback` as the engine when none is named; --prices too where cluster time is priced. */
export function addEngineOptions(command: Command, fallback: EngineChoice | undefined, options: { prices: boolean }): Command {
  const engine = new Option('--engine <engine>', 'where cleaning runs: auto picks DuckDB here below --auto-threshold, else the cluster').choices(
    ENGINE_CHOICES,
  );
  command
    .addOption(fallback ? engine.default(fallback) : engine)
    .addOption(
      new Option(
        '--auto-threshold <size>',
        `with --engine auto, new data from this size on goes to the cluster (default ${DEFAULT_AUTO_THRESHOLD_BYTES / 1024 ** 3}GiB)`,
      )
        .env('FERRY_AUTO_THRESHOLD')
        .argParser(byteCount),
    );
  return options.prices ? addPricesOption(command) : command;
}

export function addPricesOption(command: Command): Command {
  return command.addOption(
    new Option('--prices <file>', 'a price table (JSON: currency, host_hour per host preset) to price cluster time').env('FERRY_PRICES'),
  );
}

/** The user's price table, if one was given; a file that is not one is one line naming the file and the field. */
export async function readPrices(file: string | undefined): Promise<{ table: PriceTable; where: string } | undefined> {
  if (file === undefined || file === '') return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new FerryError(`cannot read the price table ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  // The schema is loaded here, not at start-up: zod takes 80 ms to load, and few runs are given a price table.
  const { priceTableFormat } = await import('@ferry/types/costs');
  return { table: priceTableFormat.parse(text, file), where: file };
}

/** Where these new periods are cleaned, with the work stack's hosts (its FERRY_* configuration) for a cluster's estimate. */
export async function chooseEngine(options: EngineOptions, periods: readonly SourcePeriod[]): Promise<EngineDecision> {
  const prices = await readPrices(options.prices);
  return decideEngine(options.engine, periods, {
    thresholdBytes: options.autoThreshold,
    hosts: clusterHostsFromEnv(process.env),
    ...(prices && { prices }),
  });
}
