import { FerryError } from '@ferry/types';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;
type Unit = keyof typeof UNIT_MS;

/** `90m`, `4h`, `2d`, `1h30m`, `0s` → milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!/^(\d+[dhms])+$/.test(trimmed)) {
    throw new FerryError(`"${text}" is not a duration: write a number and a unit (d, h, m, s), e.g. 90m, 4h, 2d, 1h30m, 0s`);
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([dhms])/g)) total += Number(amount) * UNIT_MS[unit as Unit];
  return total;
}

/** Milliseconds as the two largest units, e.g. `2d 3h`, `45m`, `0s`. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms / 1000) * 1000);
  for (const unit of Object.keys(UNIT_MS) as Unit[]) {
    const amount = Math.floor(rest / UNIT_MS[unit]);
    rest -= amount * UNIT_MS[unit];
    if (amount > 0 || (unit === 's' && parts.length === 0)) parts.push(`${amount}${unit}`);
  }
  return parts.slice(0, 2).join(' ');
}
