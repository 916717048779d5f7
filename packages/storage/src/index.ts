export { Storage } from './storage.ts';
export { storageConfigFromEnv, type StorageConfig } from './config.ts';
export { resolve, type LocationSettings, type ResolvedLocation } from './location.ts';
export { startEmbeddedS3, type EmbeddedS3 } from './embedded.ts';
export { copyIncremental, verifyCopy, type CopyOptions, type CopyResult } from './copy.ts';
export { localPathOf, md5Named } from './store-base.ts';
