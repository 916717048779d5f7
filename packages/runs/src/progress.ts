import cliProgress from 'cli-progress';
import type { Progress } from '@ferry/types';
import { formatBytes, formatCount } from './format.ts';

/** Plain progress lines are printed at most this often (plus a final line), so logs of non-interactive runs stay short. */
const PLAIN_INTERVAL_MS = 5000;

type Unit = 'bytes' | 'items';

/** A cli-progress bar on a TTY; otherwise plain lines such as `sync: 1.2 GB / 3.0 GB (40%)`. */
export function createProgress(label: string, total: number, unit: Unit, options: { stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (stream.isTTY) return barProgress(label, total, unit, stream);
  return plainProgress(label, total, unit, (line) => stream.write(`${line}\n`));
}

export function plainProgress(label: string, total: number, unit: Unit, writeLine: (line: string) => void): Progress {
  let done = 0;
  let finished = false;
  let lastPrinted = Date.now();
  const print = () => writeLine(`${label}: ${formatAmount(done, unit)} / ${formatAmount(total, unit)} (${percent(done, total)}%)`);
  return {
    advance(n) {
      done += n;
      if (Date.now() - lastPrinted >= PLAIN_INTERVAL_MS) {
        lastPrinted = Date.now();
        print();
      }
    },
    done() {
      if (finished) return;
      finished = true;
      print();
    },
  };
}

export const silentProgress: Progress = { advance() {}, done() {} };

function barProgress(label: string, total: number, unit: Unit, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value} / {total}`,
      formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? formatAmount(value, unit) : String(value)),
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let finished = false;
  return {
    advance: (n) => bar.increment(n),
    done() {
      if (finished) return;
      finished = true;
      bar.stop();
    },
  };
}

function formatAmount(n: number, unit: Unit): string {
  return unit === 'bytes' ? formatBytes(n) : formatCount(n);
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.floor((Math.min(done, total) / total) * 100) : 100;
}
