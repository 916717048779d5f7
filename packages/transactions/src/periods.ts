import type { SourcePeriod, Store } from '@ferry/types';

const SOURCE_FILE = /^(\d{4})-(\d{2})-(\d{2})\.txt$/;

/** The period of a source object key (`2019-08-22.txt` → `2019-08-22`), or undefined for anything else. */
export function periodOfSourceKey(key: string): string | undefined {
  const match = SOURCE_FILE.exec(key);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  // Reject names like 2019-02-30.txt that look like dates but are not.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${year}-${month}-${day}`) return undefined;
  return `${year}-${month}-${day}`;
}

/** Source periods: `YYYY-MM-DD.txt` objects at the root of the source location, oldest first. */
export async function listSourcePeriods(source: Store): Promise<{ periods: SourcePeriod[]; ignored: string[] }> {
  const periods: SourcePeriod[] = [];
  const ignored: string[] = [];
  for (const object of await source.list()) {
    const period = periodOfSourceKey(object.key);
    if (period) periods.push({ period, source: object.key, size: object.size, etag: object.etag });
    else ignored.push(object.key);
  }
  periods.sort((a, b) => a.period.localeCompare(b.period));
  return { periods, ignored };
}
