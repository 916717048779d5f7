import { Option, type Command } from 'commander';
import { FerryError, type Pipeline, type RunRecord } from '@ferry/types';
import { duration, secretOption } from '../options.ts';
import { webhookUrl } from './rocket-options.ts';

export interface CheckOptions {
  check?: boolean;
  maxAge?: number;
  /** Blank (an unset CI secret in FERRY_WEBHOOK_URL) means none. */
  webhook?: string;
}

/** A run that got its work done: `partial` too (its own exit code and webhook already said which items failed). */
const SUCCESS = new Set<RunRecord['status']>(['succeeded', 'noop', 'partial']);
const WEBHOOK_TIMEOUT_MS = 10_000;

/** `ferry runs --check --max-age <d> [--webhook url]`: the options of the watchdog. */
export function addCheckOptions(command: Command): Command {
  return command
    .option(
      '--check',
      'exit 1 (and POST the webhook) when the last success of each pipeline (or --pipeline) is older than --max-age; changes nothing',
    )
    .addOption(new Option('--max-age <duration>', 'with --check: how old the last success may be (26h, 2d, …)').argParser(duration))
    .addOption(secretOption('--webhook <url>', 'with --check: POST a JSON alert here when a pipeline is stale', 'FERRY_WEBHOOK_URL', webhookUrl));
}

/**
 * The watchdog: read-only (it lists run records and writes nothing), so it is safe to schedule as often as wanted.
 * Prints one line per pipeline; throws when any is stale, after telling the webhook.
 */
export async function checkLastSuccess(runs: RunRecord[], options: CheckOptions & { pipeline?: Pipeline; now?: Date }): Promise<string> {
  if (options.maxAge === undefined) throw new FerryError('--check needs --max-age, e.g. --max-age 26h');
  const now = options.now ?? new Date();
  const pipelines = options.pipeline ? [options.pipeline] : [...new Set(runs.map((run) => run.pipeline))].sort();
  if (pipelines.length === 0) pipelines.push('transactions', 'rocket');
  const stale: Record<string, unknown>[] = [];
  const lines: string[] = [];
  for (const pipeline of pipelines) {
    const own = runs.filter((run) => run.pipeline === pipeline);
    const last = own.find((run) => SUCCESS.has(run.status));
    const at = last ? Date.parse(last.finished_at ?? last.started_at) : undefined;
    const age = at === undefined ? undefined : now.getTime() - at;
    const since = own.filter((run) => at === undefined || Date.parse(run.started_at) > at).map((run) => `${run.run_id} ${run.status}`);
    if (last && age !== undefined && age <= options.maxAge) {
      lines.push(`${pipeline}: last success ${last.run_id} (${last.status}) ${hours(age)} ago, within ${hours(options.maxAge)}`);
      continue;
    }
    lines.push(
      last
        ? `${pipeline}: STALE: last success ${last.run_id} (${last.status}) ${hours(age!)} ago, older than ${hours(options.maxAge)}${since.length ? `; since then: ${since.join(', ')}` : ''}`
        : `${pipeline}: STALE: no successful run recorded${since.length ? `; runs: ${since.join(', ')}` : ''}`,
    );
    stale.push({
      pipeline,
      last_success_run_id: last?.run_id ?? null,
      last_success_at: at === undefined ? null : new Date(at).toISOString(),
      age_ms: age ?? null,
      max_age_ms: options.maxAge,
      runs_since: since,
    });
  }
  const report = `${lines.join('\n')}\n`;
  if (stale.length === 0) return report;
  process.stdout.write(report);
  const told = options.webhook ? await postAlert(options.webhook, { check: 'stale', checked_at: now.toISOString(), stale }) : undefined;
  throw new FerryError(
    `${stale.map((entry) => entry.pipeline).join(' and ')}: no success within ${hours(options.maxAge)}${told === undefined ? '' : told ? ' (webhook told)' : ` (the webhook could not be told)`}`,
  );
}

/** POSTs the alert; says whether it arrived. The URL, which may hold a token, is never printed. */
async function postAlert(webhook: string, body: unknown): Promise<boolean> {
  try {
    const response = await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'ferry-check' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`;
}
