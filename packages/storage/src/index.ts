export { Storage } from './storage.ts';
export { storageConfigFromEnv, type StorageConfig } from './config.ts';
export { parseLocation, type ParsedLocation } from './location.ts';
export { startEmbeddedS3, type EmbeddedS3 } from './embedded.ts';
export { copyIncremental, verifyCopy, type CopyOptions, type CopyResult } from './copy.ts';
