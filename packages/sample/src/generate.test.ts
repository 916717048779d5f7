import { describe, expect, it } from 'vitest';
import { FerryError, RULE_IDS } from '@ferry/types';
import type { RuleId } from '@ferry/types';
import { generateSample, REAL_DEFECT_RATES } from './index.ts';
import type { DefectRates, SampleOptions, SamplePeriodTruth } from './index.ts';

const HEADER =
  '# tranaction_id | tx_datetime | customer_id | terminal_id | tx_amount | tx_time_seconds | tx_time_days | tx_fraud | tx_fraud_scenario';
const EPOCH_MS = Date.UTC(2019, 7, 22);

interface GeneratedFile {
  text: string;
  /** Data lines only (no header), in file order. */
  lines: string[];
  truth: SamplePeriodTruth;
}

function generate(options: SampleOptions): GeneratedFile[] {
  return [...generateSample(options)].map((period) => {
    const text = Buffer.concat([...period.chunks()]).toString('latin1');
    return { text, lines: text.split('\n').slice(1, -1), truth: period.truth() };
  });
}

type Verdict = RuleId | 'repaired' | 'clean';

/** The cleaning rules as plain JavaScript, first broken rule wins; written from the rule list, not from the generator. */
function classify(lines: string[]): Verdict[] {
  const seenIds = new Set<string>();
  const integer = /^-?\d+$/;
  return lines.map((line): Verdict => {
    const f = line.split(',');
    if (f.length !== 9 || ![0, 2, 5, 6, 7, 8].every((i) => integer.test(f[i] as string)) || !/^-?\d+(\.\d+)?$/.test(f[4] as string)) {
      return 'malformed';
    }
    const [id, datetime, customer, terminal, amount, seconds, days, fraud, scenario] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (seenIds.has(id)) return 'duplicate';
    seenIds.add(id);
    if (!integer.test(terminal)) return 'invalid_terminal';
    if (Number(terminal) < 0 || Number(terminal) > 999) return 'terminal_out_of_range';
    if (Number(customer) < 0) return 'invalid_customer';
    if (Number(amount) <= 0) return 'non_positive_amount';
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(datetime);
    if (!match) return 'invalid_datetime';
    const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
    const dateMs = Date.UTC(year, month - 1, day);
    const realDate = new Date(dateMs).toISOString().slice(0, 10) === datetime.slice(0, 10);
    const midnight24 = hour === 24 && minute === 0 && second === 0;
    if (!realDate || (!midnight24 && (hour > 23 || minute > 59 || second > 59))) return 'invalid_datetime';
    const datetimeSeconds = (dateMs - EPOCH_MS) / 1000 + hour * 3600 + minute * 60 + second;
    const dayOfSeconds = Math.floor(Number(seconds) / 86_400);
    if (Number(seconds) !== datetimeSeconds) return 'inconsistent_time';
    if (midnight24 && Number(days) === dayOfSeconds - 1) return 'repaired';
    if (Number(days) !== dayOfSeconds) return 'inconsistent_time';
    if (!['0', '1'].includes(fraud) || !['0', '1', '2', '3'].includes(scenario)) return 'invalid_fraud_label';
    return 'clean';
  });
}

const keptLines = (file: GeneratedFile) => {
  const verdicts = classify(file.lines);
  return file.lines.filter((_, i) => verdicts[i] === 'clean');
};

describe('given 3 periods of 4 days at 1,000 rows a day with the real defect rates', () => {
  const files = generate({ periods: 3, daysPerPeriod: 4, rowsPerDay: 1000, seed: 11 });

  it('when the files are read, then each is named after its first day and starts with the exact commented header', () => {
    expect(files.map((file) => file.truth.name)).toEqual(['2019-08-22.txt', '2019-08-26.txt', '2019-08-30.txt']);
    expect(files.map((file) => file.truth.period)).toEqual(['2019-08-22', '2019-08-26', '2019-08-30']);
    for (const file of files) {
      expect(file.text.split('\n')[0]).toBe(HEADER);
      expect(file.text.endsWith('\n')).toBe(true);
      expect(file.truth.comment_lines).toBe(1);
      expect(file.truth.data_lines).toBe(file.lines.length);
    }
  });

  it('when a clean line is parsed, then it has 9 fields, 2-decimal amounts, datetime = epoch + seconds and days = floor(seconds / 86400) inside the period', () => {
    files.forEach((file, k) => {
      const clean = keptLines(file);
      expect(clean.length).toBeGreaterThan(3000);
      const wrong = clean.filter((line) => {
        const f = line.split(',');
        const seconds = Number(f[5]);
        const day = Number(f[6]);
        return (
          f.length !== 9 ||
          !/^\d+\.\d{2}$/.test(f[4] as string) ||
          f[1] !== new Date(EPOCH_MS + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ') ||
          day !== Math.floor(seconds / 86_400) ||
          day < 4 * k ||
          day >= 4 * k + 4
        );
      });
      expect(wrong).toEqual([]);
    });
  });

  it('when rows are read in file order, then they are ordered by day, then by customer', () => {
    for (const file of files) {
      const keys = keptLines(file)
        .map((line) => line.split(',').map(Number))
        .map((f) => [f[6] as number, f[2] as number]);
      const outOfOrder = keys.slice(1).filter(([day, customer], i) => {
        const [previousDay, previousCustomer] = keys[i] as [number, number];
        return (day as number) < previousDay || (day === previousDay && (customer as number) < previousCustomer);
      });
      expect(outOfOrder).toEqual([]);
    }
  });

  it('when ids are collected across files, then they continue from file to file with duplicates as extra copies, so unique ids are gap-free from 0', () => {
    let expected = 0;
    for (const file of files) {
      const ids = file.lines.map((line) => Number(line.split(',')[0]));
      const unique = [...new Set(ids)];
      expect(unique).toEqual(Array.from({ length: unique.length }, (_, i) => expected + i));
      expect(file.truth.first_id).toBe(expected);
      expect(file.truth.last_id).toBe(expected + unique.length - 1);
      expect(ids.length - unique.length).toBe(file.truth.rejected.duplicate);
      expected += unique.length;
    }
  });

  it('when the first file is read, then the edge values transaction 0, customer 0 and terminal 0 appear on clean rows', () => {
    const clean = keptLines(files[0] as GeneratedFile).map((line) => line.split(','));
    expect(clean[0]?.[0]).toBe('0');
    expect(clean.some((f) => f[2] === '0')).toBe(true);
    const allClean = files.flatMap(keptLines).map((line) => line.split(','));
    expect(allClean.some((f) => f[3] === '0')).toBe(true);
  });

  it('when the same options are generated again, then the bytes are identical; with another seed they differ', () => {
    const again = generate({ periods: 3, daysPerPeriod: 4, rowsPerDay: 1000, seed: 11 });
    expect(again.map((file) => file.text)).toEqual(files.map((file) => file.text));
    const other = generate({ periods: 3, daysPerPeriod: 4, rowsPerDay: 1000, seed: 12 });
    other.forEach((file, k) => expect(file.text).not.toBe(files[k]?.text));
  });

  it('when only 2 periods are asked for, then they are byte for byte the first 2 of the 3', () => {
    const two = generate({ periods: 2, daysPerPeriod: 4, rowsPerDay: 1000, seed: 11 });
    expect(two.map((file) => file.text)).toEqual(files.slice(0, 2).map((file) => file.text));
    expect(two.map((file) => file.truth)).toEqual(files.slice(0, 2).map((file) => file.truth));
  });
});

describe('given a defect-free sample', () => {
  const noDefects = Object.fromEntries(Object.keys(REAL_DEFECT_RATES).map((kind) => [kind, 0])) as unknown as DefectRates;

  it('when 10 days are cut into 2 files of 5 days instead of 1 file of 10, then the rows are the same (fraud state carries across the boundary)', () => {
    const whole = generate({ periods: 1, daysPerPeriod: 10, rowsPerDay: 500, seed: 5, defects: noDefects });
    const halves = generate({ periods: 2, daysPerPeriod: 5, rowsPerDay: 500, seed: 5, defects: noDefects });
    expect(halves.flatMap((file) => file.lines)).toEqual(whole[0]?.lines);
    const boundary = halves[1]?.lines.filter((line) => line.split(',')[6] === '5' && line.endsWith(',1,2'));
    expect(boundary?.length).toBeGreaterThan(0);
  });

  it('when it starts on 2019-09-21 with 50 terminals, then the file is named after that day, days count from the epoch, ids from 0 and terminals stay below 50', () => {
    const [file] = generate({ periods: 1, daysPerPeriod: 2, rowsPerDay: 300, seed: 8, start: '2019-09-21', terminals: 50, defects: noDefects });
    const rows = (file as GeneratedFile).lines.map((line) => line.split(','));
    expect(file?.truth.name).toBe('2019-09-21.txt');
    expect(rows[0]?.[0]).toBe('0');
    expect(new Set(rows.map((f) => f[6]))).toEqual(new Set(['30', '31']));
    expect(rows.filter((f) => Number(f[3]) >= 50)).toEqual([]);
    expect(new Set(rows.map((f) => f[3])).size).toBeGreaterThan(40);
  });

  it('when a day is expected to hold only one row, then files are still written, possibly with no data line', () => {
    const files = generate({ periods: 2, daysPerPeriod: 1, rowsPerDay: 1, seed: 2 });
    for (const file of files) expect(file.truth.data_lines).toBe(file.lines.length);
  });

  it('when 30 days of 2,000 rows are generated, then the three fraud scenarios appear at a plausible size and tx_fraud = 1 exactly when scenario > 0', () => {
    const [file] = generate({ periods: 1, daysPerPeriod: 30, rowsPerDay: 2000, seed: 3, defects: noDefects });
    const rows = (file as GeneratedFile).lines.map((line) => line.split(','));
    expect(rows.length).toBeGreaterThan(50_000);
    expect(rows.length).toBeLessThan(70_000);
    const byScenario = [0, 0, 0, 0];
    for (const f of rows) byScenario[Number(f[8])]! += 1;
    expect(rows.filter((f) => f[7] !== (f[8] === '0' ? '0' : '1'))).toEqual([]);
    expect(rows.filter((f) => f[8] === '1' && Number(f[4]) <= 220)).toEqual([]);
    const share = byScenario.map((n) => n / rows.length);
    expect(share[1]).toBeGreaterThan(0.0001);
    expect(share[1]).toBeLessThan(0.01);
    expect(share[2]).toBeGreaterThan(0.01);
    expect(share[2]).toBeLessThan(0.1);
    expect(share[3]).toBeGreaterThan(0.0005);
    expect(share[3]).toBeLessThan(0.05);
  });
});

describe('given high rates for every defect kind', () => {
  const rates: DefectRates = {
    duplicate: 0.011,
    invalid_customer: 0.012,
    non_positive_amount: 0.013,
    invalid_terminal: 0.014,
    terminal_out_of_range: 0.015,
    midnight_24h: 0.016,
    inconsistent_time: 0.017,
    malformed: 0.018,
    invalid_datetime: 0.019,
    invalid_fraud_label: 0.02,
  };
  const files = generate({ periods: 2, daysPerPeriod: 3, rowsPerDay: 1500, seed: 21, defects: rates });

  it('when the files are generated, then each kind is injected exactly round(rate × data lines) times per file', () => {
    for (const file of files) {
      const expected = (kind: keyof DefectRates) => Math.round(rates[kind] * file.truth.data_lines);
      for (const rule of RULE_IDS) expect(file.truth.rejected[rule]).toBe(expected(rule));
      expect(file.truth.repaired.midnight_24h).toBe(expected('midnight_24h'));
      expect(file.truth.rejected.malformed).toBeGreaterThan(50);
    }
  });

  it('when an independent checker applies the rules in order, then every line is classified exactly as the truth says', () => {
    for (const file of files) {
      const verdicts = classify(file.lines);
      const rejectedLines = file.lines.flatMap((raw_line, i) => {
        const verdict = verdicts[i] as Verdict;
        return verdict === 'clean' || verdict === 'repaired' ? [] : [{ line_number: i + 2, raw_line, rule: verdict }];
      });
      expect(rejectedLines).toEqual(file.truth.rejectedLines);
      const counted = Object.fromEntries(RULE_IDS.map((rule) => [rule, verdicts.filter((verdict) => verdict === rule).length]));
      expect(counted).toEqual(file.truth.rejected);
      expect(verdicts.filter((verdict) => verdict === 'repaired')).toHaveLength(file.truth.repaired.midnight_24h);
    }
  });

  it('when a duplicate is found, then it copies the clean line just before it', () => {
    for (const file of files) {
      const verdicts = classify(file.lines);
      const duplicates = file.truth.rejectedLines.filter((line) => line.rule === 'duplicate');
      expect(duplicates.length).toBeGreaterThan(0);
      for (const duplicate of duplicates) {
        const index = duplicate.line_number - 2;
        expect(file.lines[index - 1]).toBe(duplicate.raw_line);
        expect(verdicts[index - 1]).toBe('clean');
      }
    }
  });
});

describe('given invalid options', () => {
  const base: SampleOptions = { periods: 1, daysPerPeriod: 1, rowsPerDay: 100, seed: 1 };
  it.each<[string, Partial<SampleOptions>]>([
    ['a start before the epoch', { start: '2019-08-21' }],
    ['an impossible start date', { start: '2019-02-30' }],
    ['more than 1000 terminals', { terminals: 1001 }],
    ['zero periods', { periods: 0 }],
    ['an unknown defect kind', { defects: { bogus: 0.1 } as Partial<DefectRates> }],
    [
      'defect rates above the rows available',
      { rowsPerDay: 10, defects: { ...REAL_DEFECT_RATES, malformed: 0.4, invalid_datetime: 0.4, invalid_fraud_label: 0.4 } },
    ],
  ])('when generating with %s, then a FerryError explains it', (_, override) => {
    expect(() => generate({ ...base, ...override })).toThrow(FerryError);
  });
});
