import { DEFAULT_RULE_PARAMS, FerryError, noRejections, REPAIR_IDS } from '@ferry/types';
import type { PeriodQuality, QuarantineRecord, RepairId } from '@ferry/types';
import { defectCounts, defectiveLine, planDefects, resolveRates } from './defects.ts';
import type { DefectKind, DefectRates, Row } from './defects.ts';
import { CLOCK_BYTES, dateOfDay, dayOfDate, EPOCH_DATE, HEADER, SECONDS_PER_DAY, writeBytes, writeDigits } from './format.ts';
import { Random, Stream } from './random.ts';
import { createWorld } from './world.ts';
import type { World } from './world.ts';

export interface SampleOptions {
  periods: number;
  daysPerPeriod: number;
  /** Expected rows per day; approximate, since each customer's daily count is a Poisson draw. */
  rowsPerDay: number;
  /** First day, `YYYY-MM-DD`, not before the epoch 2019-08-22 (the default). */
  start?: string;
  seed: number;
  /** Terminal ids 0 … terminals − 1; default 1000, at most 1000 (ids above 999 are defects). */
  terminals?: number;
  defects?: Partial<DefectRates>;
}

/** What cleaning this file must report: its expected quality (the counts are exact), plus what the generator knows. */
export interface SamplePeriodTruth extends Pick<PeriodQuality, 'period' | 'comment_lines' | 'rejected' | 'repaired'> {
  /** Object name, `YYYY-MM-DD.txt`. */
  name: string;
  data_lines: number;
  first_id: number;
  last_id: number;
  /** Every injected rejected line, exactly as the quarantine must hold it (the header is line 1). */
  rejectedLines: Pick<QuarantineRecord, 'line_number' | 'raw_line' | 'rule'>[];
}

/** One period's file, generated while it is read. */
export interface SamplePeriod {
  name: string;
  period: string;
  /** The file's bytes (ASCII) in chunks of whole lines, about 1 MB each, header first; can be read once. */
  chunks(): Generator<Buffer, void, undefined>;
  /** The expected cleaning outcome; available once `chunks()` has been read to the end. */
  truth(): SamplePeriodTruth;
}

/** Scenario 1: an amount above this is fraud. */
const FRAUD_AMOUNT_CENTS = 220_00;
/** Scenario 2: terminals compromised per day, and for how many days (that day included). */
const COMPROMISED_TERMINALS_PER_DAY = 2;
const TERMINAL_COMPROMISE_DAYS = 28;
/** Scenario 3: customers compromised per day, for how many days, and the share of their transactions hit. */
const COMPROMISED_CUSTOMERS_PER_DAY = 3;
const CUSTOMER_COMPROMISE_DAYS = 14;
const CUSTOMER_FRAUD_SHARE = 1 / 3;
const CUSTOMER_FRAUD_FACTOR = 5;
/** Time of day ~ N(noon, 20,000 s), kept strictly inside the day. */
const TIME_MEAN = 43_200;
const TIME_STD = 20_000;
const CHUNK_BYTES = 1 << 20;
/** Room for one more row (twice, for a duplicate) after a chunk is nearly full. */
const MAX_LINE_BYTES = 1024;
/** `,tx_fraud,tx_fraud_scenario\n` for scenarios 0 … 3, 5 bytes each. */
const LABEL_ENDINGS = Buffer.from(',0,0\n,1,1\n,1,2\n,1,3\n', 'latin1');
const COMMA = 44;
const DOT = 46;

interface Settings {
  periods: number;
  daysPerPeriod: number;
  rowsPerDay: number;
  startDay: number;
  seed: number;
  terminals: number;
  rates: DefectRates;
}

function resolveOptions(options: SampleOptions): Settings {
  const positiveInteger = (value: number, name: string): number => {
    if (!Number.isSafeInteger(value) || value < 1) throw new FerryError(`${name} must be a positive integer, got ${String(value)}.`);
    return value;
  };
  const start = options.start ?? EPOCH_DATE;
  const startDay = dayOfDate(start);
  if (startDay === undefined || startDay < 0) {
    throw new FerryError(`start must be a date YYYY-MM-DD on or after ${EPOCH_DATE}, got "${start}".`);
  }
  if (!Number.isSafeInteger(options.seed)) throw new FerryError(`seed must be an integer, got ${String(options.seed)}.`);
  if (!(options.rowsPerDay > 0 && Number.isFinite(options.rowsPerDay))) {
    throw new FerryError(`rowsPerDay must be a positive number, got ${String(options.rowsPerDay)}.`);
  }
  const terminals = positiveInteger(options.terminals ?? 1000, 'terminals');
  if (terminals > DEFAULT_RULE_PARAMS.terminalIdMax + 1) {
    throw new FerryError(`terminals must be at most ${DEFAULT_RULE_PARAMS.terminalIdMax + 1} (larger ids are defects), got ${terminals}.`);
  }
  return {
    periods: positiveInteger(options.periods, 'periods'),
    daysPerPeriod: positiveInteger(options.daysPerPeriod, 'daysPerPeriod'),
    rowsPerDay: options.rowsPerDay,
    startDay,
    seed: options.seed,
    terminals,
    rates: resolveRates(options.defects),
  };
}

/**
 * Generates the periods in order, each as a file in the real format (reference/dataset.md §2) with the known defects
 * injected at exact counts. Everything is a function of the seed and the day, so the first k files are the same
 * whatever `periods` is. A period's rows are counted when the iterator reaches it (cheap: ids, defect counts and
 * positions follow); its lines are produced only while its chunks are read, so no file is ever held in memory.
 */
export function* generateSample(options: SampleOptions): Generator<SamplePeriod, void, undefined> {
  const settings = resolveOptions(options);
  const world = createWorld(settings.seed, settings.rowsPerDay, settings.terminals);
  let firstId = 0;
  for (let k = 0; k < settings.periods; k++) {
    const period = preparePeriod(settings, world, settings.startDay + k * settings.daysPerPeriod, firstId);
    firstId += period.generatedRows;
    yield period;
  }
}

/** Counts the period's rows first (cheap), so ids, defect counts and defect positions are fixed before streaming. */
function preparePeriod(settings: Settings, world: World, firstDay: number, firstId: number): SamplePeriod & { generatedRows: number } {
  const customers = world.customerCount;
  const dailyCounts = new Uint8Array(customers * settings.daysPerPeriod);
  let generatedRows = 0;
  for (let i = 0; i < settings.daysPerPeriod; i++) {
    const random = new Random(settings.seed, Stream.dailyCounts, firstDay + i);
    for (let c = 0; c < customers; c++) {
      const count = Math.min(255, random.poisson(world.expMinusDailyMean[c] as number));
      dailyCounts[i * customers + c] = count;
      generatedRows += count;
    }
  }
  const defectRandom = new Random(settings.seed, Stream.defects, firstDay);
  const { dataLines, counts } = defectCounts(settings.rates, generatedRows);
  const plan = planDefects(defectRandom, generatedRows, counts);
  const period = dateOfDay(firstDay);
  const name = `${period}.txt`;
  let truth: SamplePeriodTruth | undefined;

  function* chunks(): Generator<Buffer, void, undefined> {
    const rejected = noRejections();
    const repaired = Object.fromEntries(REPAIR_IDS.map((repair) => [repair, 0])) as Record<RepairId, number>;
    const rejectedLines: SamplePeriodTruth['rejectedLines'] = [];
    // Each line goes straight into a byte buffer: piling up strings until a chunk is full costs more in GC than it saves.
    let chunk = Buffer.allocUnsafe(CHUNK_BYTES + MAX_LINE_BYTES);
    let used = chunk.write(`${HEADER}\n`, 0, 'latin1');
    let lineNumber = 1;
    let rowIndex = 0;
    let nextDefect = 0;
    let nextDefectRow = plan.rows.length > 0 ? (plan.rows[0] as number) : -1;

    for (let i = 0; i < settings.daysPerPeriod; i++) {
      const day = firstDay + i;
      const date = dateOfDay(day);
      const datePrefix = Buffer.from(`,${date} `, 'latin1');
      const daySeconds = day * SECONDS_PER_DAY;
      const compromisedTerminals = terminalsCompromisedOn(settings, world, day);
      const compromisedCustomers = customersCompromisedOn(settings, world, day);
      const random = new Random(settings.seed, Stream.dailyRows, day);

      for (let customer = 0; customer < customers; customer++) {
        const count = dailyCounts[i * customers + customer] as number;
        if (count === 0) continue;
        const mean = world.amountMean[customer] as number;
        const std = world.amountStd[customer] as number;
        const reachableFrom = world.reachableStart[customer] as number;
        const reachableCount = (world.reachableStart[customer + 1] as number) - reachableFrom;
        const compromised = compromisedCustomers.has(customer);

        for (let n = 0; n < count; n++) {
          const terminal = world.reachable[reachableFrom + random.int(reachableCount)] as number;
          let secondOfDay: number;
          do secondOfDay = Math.trunc(TIME_MEAN + TIME_STD * random.normal());
          while (secondOfDay <= 0 || secondOfDay >= SECONDS_PER_DAY);
          let cents = Math.round((mean + std * random.normal()) * 100);
          // Negative draws are redrawn uniformly (handbook); so are those that round to 0.00, which would be a defect.
          while (cents < 1) cents = Math.round(random.uniform() * 2 * mean * 100);
          let scenario = cents > FRAUD_AMOUNT_CENTS ? 1 : 0;
          if (compromisedTerminals[terminal] === 1) scenario = 2;
          if (compromised && random.uniform() < CUSTOMER_FRAUD_SHARE) {
            cents *= CUSTOMER_FRAUD_FACTOR;
            scenario = 3;
          }
          const id = firstId + rowIndex;

          // id,YYYY-MM-DD HH:MM:SS,customer,terminal,amount,seconds,days,fraud,scenario
          const lineStart = used;
          used = writeDigits(chunk, used, id);
          used = writeBytes(chunk, used, datePrefix, 0, datePrefix.length);
          used = writeBytes(chunk, used, CLOCK_BYTES, secondOfDay * 8, 8);
          chunk[used++] = COMMA;
          used = writeDigits(chunk, used, customer);
          chunk[used++] = COMMA;
          used = writeDigits(chunk, used, terminal);
          chunk[used++] = COMMA;
          const units = Math.floor(cents / 100);
          used = writeDigits(chunk, used, units);
          const dot = used;
          used = writeDigits(chunk, dot, 100 + cents - units * 100);
          chunk[dot] = DOT; // over the leading 1 of "1xx", which kept the cents at two digits
          chunk[used++] = COMMA;
          used = writeDigits(chunk, used, daySeconds + secondOfDay);
          chunk[used++] = COMMA;
          used = writeDigits(chunk, used, day);
          used = writeBytes(chunk, used, LABEL_ENDINGS, scenario * 5, 5);
          lineNumber++;

          if (rowIndex === nextDefectRow) {
            const kind = plan.kinds[nextDefect] as DefectKind;
            if (kind === 'duplicate') {
              // An exact extra copy right after the clean original: the first is kept, the copy is rejected.
              const lineEnd = used;
              used += chunk.copy(chunk, used, lineStart, lineEnd);
              lineNumber++;
              rejected.duplicate++;
              rejectedLines.push({ line_number: lineNumber, raw_line: chunk.toString('latin1', lineStart, lineEnd - 1), rule: 'duplicate' });
            } else {
              const row: Row = { id, date, day, secondOfDay, customer, terminal, cents, fraud: scenario > 0 ? 1 : 0, scenario };
              const defective = defectiveLine(kind, row, defectRandom);
              used = lineStart + chunk.write(`${defective.line}\n`, lineStart, 'latin1');
              if (defective.rule) {
                rejected[defective.rule]++;
                rejectedLines.push({ line_number: lineNumber, raw_line: defective.line, rule: defective.rule });
              } else {
                repaired.midnight_24h++;
              }
            }
            nextDefect++;
            nextDefectRow = nextDefect < plan.rows.length ? (plan.rows[nextDefect] as number) : -1;
          }
          rowIndex++;
          if (used >= CHUNK_BYTES) {
            yield chunk.subarray(0, used);
            chunk = Buffer.allocUnsafe(CHUNK_BYTES + MAX_LINE_BYTES);
            used = 0;
          }
        }
      }
    }
    yield chunk.subarray(0, used);
    truth = {
      name,
      period,
      data_lines: lineNumber - 1,
      comment_lines: 1,
      first_id: firstId,
      last_id: firstId + generatedRows - 1,
      rejected,
      repaired,
      rejectedLines,
    };
    if (truth.data_lines !== dataLines) throw new Error(`sample generator bug: ${truth.data_lines} lines, expected ${dataLines}`);
  }

  return {
    name,
    period,
    generatedRows,
    chunks,
    truth() {
      if (!truth) throw new Error(`The truth of ${name} is known once its chunks have been read to the end.`);
      return truth;
    },
  };
}

/**
 * Scenario 2: flags of the terminals compromised on this day or on one of the 27 days before (never before the
 * sample starts). Each day's pick depends only on the seed and that day, so it carries across file boundaries.
 */
function terminalsCompromisedOn(settings: Settings, world: World, day: number): Uint8Array {
  const flags = new Uint8Array(world.terminalCount);
  const picks = Math.min(COMPROMISED_TERMINALS_PER_DAY, world.terminalCount);
  for (let from = Math.max(settings.startDay, day - TERMINAL_COMPROMISE_DAYS + 1); from <= day; from++) {
    for (const terminal of new Random(settings.seed, Stream.compromisedTerminals, from).distinct(picks, world.terminalCount)) {
      flags[terminal] = 1;
    }
  }
  return flags;
}

/** Scenario 3: the customers compromised on this day or on one of the 13 days before, picked like the terminals. */
function customersCompromisedOn(settings: Settings, world: World, day: number): Set<number> {
  const compromised = new Set<number>();
  const picks = Math.min(COMPROMISED_CUSTOMERS_PER_DAY, world.customerCount);
  for (let from = Math.max(settings.startDay, day - CUSTOMER_COMPROMISE_DAYS + 1); from <= day; from++) {
    for (const customer of new Random(settings.seed, Stream.compromisedCustomers, from).distinct(picks, world.customerCount)) {
      compromised.add(customer);
    }
  }
  return compromised;
}
