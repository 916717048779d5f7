export { runRocketPipeline, ROCKET_DEFAULTS, type RocketOptions, type RocketResult } from './pipeline.ts';
export { Ll2Client, apiVersionOf, DEFAULT_API, type FetchedPage, type RetryOptions } from './ll2-client.ts';
export { parseLaunchPage, type ApiVersion, type Launch, type LaunchPage } from './launch.ts';
export { downloadImages, imageKey, IMAGE_INDEX_KEY, type ImageIndex, type ImageReport, type ImageTotals } from './images.ts';
export { TokenBucket } from './bandwidth.ts';
export { upsertLaunchesTable, LAUNCHES_TABLE_KEY, type LaunchesTableResult } from './launches-table.ts';
export { buildLaunchReport, launchReportMarkdown, launchSummaryMarkdown, formatInZone, type LaunchReport, type LaunchSection } from './launch-report.ts';
export { notify, type RunNotification } from './notify.ts';
