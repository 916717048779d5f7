import { pino, type Logger as PinoLogger } from 'pino';
import type { LogLine, Logger, Pipeline } from '@ferry/types';
import { redactDeep } from './redact.ts';

type Level = LogLine['level'];

export interface RunLoggerOptions {
  runId: string;
  pipeline: Pipeline;
  redact: (text: string) => string;
  now: () => Date;
  /** Receives every NDJSON line (already redacted, no trailing newline) with its parsed form. */
  onLine(line: string, parsed: LogLine): void;
}

/**
 * The run's structured logger: pino writes one JSON object per line (time, level, run_id, pipeline, step?, msg,
 * fields) into a collecting destination. Messages and fields are redacted before pino sees them, and the finished
 * line once more, so a secret never reaches the log whatever shape it hides in.
 */
export function createRunLogger(options: RunLoggerOptions): Logger {
  const { redact } = options;
  const destination = {
    write(chunk: string) {
      for (const raw of chunk.split('\n')) {
        if (!raw) continue;
        const line = redact(raw);
        options.onLine(line, JSON.parse(line) as LogLine);
      }
    },
  };
  const root = pino(
    {
      level: 'debug',
      base: { run_id: options.runId, pipeline: options.pipeline },
      timestamp: () => `,"time":"${options.now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return wrap(root, redact);
}

function wrap(target: PinoLogger, redact: (text: string) => string): Logger {
  const emit = (level: Level) => (msg: string, fields?: Record<string, unknown>) => {
    if (fields) target[level](redactDeep(fields, redact), redact(msg));
    else target[level](redact(msg));
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (bindings) => wrap(target.child(redactDeep(bindings, redact)), redact),
  };
}

const STANDARD_KEYS = new Set(['time', 'level', 'run_id', 'pipeline', 'step', 'msg']);

/** `05:43:12 INFO  [sync] copied 2 files bytes=64172032`: one human line per log line, UTC clock. */
export function formatConsoleLine(line: LogLine): string {
  const fields = Object.entries(line)
    .filter(([key]) => !STANDARD_KEYS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
  const step = line.step ? `[${line.step}] ` : '';
  return [`${line.time.slice(11, 19)} ${line.level.toUpperCase().padEnd(5)} ${step}${line.msg}`, ...fields].join(' ');
}
