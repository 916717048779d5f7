export { runRocketPipeline, ROCKET_DEFAULTS, type RocketOptions, type RocketResult, type RocketRunParts } from './pipeline.ts';
export { Ll2Client, apiVersionOf, DEFAULT_API, type FetchedPage, type RetryOptions } from './ll2-client.ts';
export { parseLaunchPage, type ApiVersion, type Launch, type LaunchPage } from './launch.ts';
export { downloadImages, imageKey, imageIndexFormat, type ImageIndex } from './images.ts';
export { imageReportFormat, imagesSection, rocketKeys, type ImageReport, type ImageReportEntry, type ImageTotals } from './image-report.ts';
export { TokenBucket } from './bandwidth.ts';
export { upsertLaunchesTable, type LaunchesTableResult } from './launches-table.ts';
export {
  buildLaunchReport,
  launchReportMarkdown,
  launchSummaryMarkdown,
  formatInZone,
  type LaunchReport,
  type LaunchSection,
} from './launch-report.ts';
export { notify, type RunNotification } from './notify.ts';
