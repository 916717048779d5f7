export {
  DEFAULT_API,
  ROCKET_DEFAULTS,
  apiVersionOf,
  checkTimeZone,
  imageFailureLimitOf,
  type ApiVersion,
  type ImageFailureLimit,
} from './settings.ts';
export { runRocketPipeline, type ImageFailures, type RocketOptions, type RocketResult, type RocketRunParts } from './pipeline.ts';
export { Ll2Client, type FetchedPage, type RetryOptions } from './ll2-client.ts';
export { parseLaunchPage, type Launch, type LaunchPage } from './launch.ts';
export { downloadImages, imageKey, type ImageIndex } from './images.ts';
export { rocketKeys, type FailedImage, type ImageReport, type ImageReportEntry, type ImageTotals } from './image-report.ts';
export { TokenBucket } from './bandwidth.ts';
export { readLaunchesTable, upsertLaunchesTable, type LaunchRow, type LaunchesTableResult } from './launches-table.ts';
export {
  buildLaunchReport,
  launchReportMarkdown,
  launchSummaryMarkdown,
  formatInZone,
  type LaunchReport,
  type LaunchSection,
} from './launch-report.ts';
export { notify, type RunNotification } from './notify.ts';
export { rocketStats, renderStatsHtml, renderStatsText, type RocketStats } from './stats.ts';
export { exportImagesByLaunch, pruneImages, verifyImages, type PruneReport, type VerifyReport } from './image-store.ts';
