import type { Logger, RunStatus } from '@ferry/types';
import { errorMessage } from './http.ts';
import type { FailedImage } from './image-report.ts';

/** What a webhook receives when a rocket run ends. */
export interface RunNotification {
  run_id: string;
  pipeline: 'rocket';
  status: Exclude<RunStatus, 'running'>;
  /** The run's real counts, also when it failed part-way (the launches it had read by then). */
  totals: Record<string, number>;
  /** Each launch whose image could not be had, by name. */
  failed_images: FailedImage[];
  /** Every launch image's status, by launch name (and the fallback source or the reason, when there is one). */
  images: { launch: string; status: string; source?: string; reason?: string }[];
  /** Set when the run found no image to download at all. */
  warning?: string;
  /** Whether the failed images are more than the run allows (`--max-image-failures`). */
  image_failures_over_limit?: boolean;
  error?: string;
}

/**
 * Tells the console and, when configured, POSTs the notification as JSON to the webhook.
 * Never throws: a notification that cannot be delivered is a warning, not a failed run.
 * The webhook URL is logged by origin only (its path often is the secret).
 */
export async function notify(notification: RunNotification, options: { webhook?: string; timeoutMs: number; log: Logger }): Promise<boolean> {
  const { log, webhook } = options;
  const totals = Object.entries(notification.totals)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  const line = `rocket run ${notification.run_id} ${notification.status}${totals ? `: ${totals}` : ''}`;
  if (notification.status === 'failed') log.error(`${line}; error: ${notification.error ?? 'unknown'}`);
  else if (notification.warning) log.warn(`${line}; ${notification.warning}`);
  else if (notification.failed_images.length > 0)
    log.warn(`${line}; images failed: ${notification.failed_images.map((image) => `${image.launch} (${image.reason})`).join('; ')}`);
  else log.info(line);
  if (!webhook) return false;
  let origin = 'the webhook';
  try {
    origin = new URL(webhook).origin;
    const response = await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'ferry-rocket' },
      body: JSON.stringify(notification),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    log.info('notification sent', { webhook: origin });
    return true;
  } catch (error) {
    log.warn('notification could not be sent', { webhook: origin, error: errorMessage(error) });
    return false;
  }
}
