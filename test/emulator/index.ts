export { YandexEmulator, type EmulatorOptions, type InjectedFailures, type EmulatedServiceAccountKey } from './yandex-emulator.ts';
export { runLocalJob, type JobRunner, type JobRunInput } from './local-job.ts';
export { realSparkMissing, runSparkJob } from './spark-job.ts';
export { generateServiceAccountKey, type TestServiceAccountKey } from './keys.ts';
export { clusterRequest } from './cluster-request.ts';
