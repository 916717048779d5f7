/** The header line of every real file, typo included. */
export const HEADER =
  '# tranaction_id | tx_datetime | customer_id | terminal_id | tx_amount | tx_time_seconds | tx_time_days | tx_fraud | tx_fraud_scenario';

/** tx_time_seconds and tx_time_days count from 2019-08-22 00:00:00 (UTC, no zone), as in the real data. */
export const EPOCH_DATE = '2019-08-22';
const EPOCH_MS = Date.UTC(2019, 7, 22);
export const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = SECONDS_PER_DAY * 1000;

/** `YYYY-MM-DD` of a day counted from the epoch. */
export function dateOfDay(day: number): string {
  return new Date(EPOCH_MS + day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` date, or undefined when it is not a real calendar date. */
export function dayOfDate(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return (ms - EPOCH_MS) / MS_PER_DAY;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

/** `HH:MM:SS` for every second of the day, 0 … 86,400 (the last one is the real data's `24:00:00`). */
const CLOCK = Array.from(
  { length: SECONDS_PER_DAY + 1 },
  (_, s) => `${TWO_DIGITS[Math.floor(s / 3600)]}:${TWO_DIGITS[Math.floor(s / 60) % 60]}:${TWO_DIGITS[s % 60]}`,
);

export function clock(secondOfDay: number): string {
  return CLOCK[secondOfDay] as string;
}

/** An amount in cents as the files print it: always two decimals. */
export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${TWO_DIGITS[cents % 100]}`;
}

/** The same clock as ASCII bytes, 8 per second of the day, for writing rows without building strings. */
export const CLOCK_BYTES = Buffer.from(CLOCK.join(''), 'latin1');

const ZERO = 48;

/** Writes a non-negative integer in decimal at `at` and returns the position after it. */
export function writeDigits(target: Uint8Array, at: number, value: number): number {
  let end = at + 1;
  for (let bound = 10; bound <= value; bound *= 10) end++;
  let rest = value;
  for (let i = end - 1; i >= at; i--) {
    const next = Math.floor(rest / 10);
    target[i] = ZERO + rest - next * 10;
    rest = next;
  }
  return end;
}

/** Copies a short byte run (cheaper than `set` with a `subarray`, which allocates a view). */
export function writeBytes(target: Uint8Array, at: number, source: Uint8Array, from: number, length: number): number {
  for (let i = 0; i < length; i++) target[at + i] = source[from + i] as number;
  return at + length;
}
