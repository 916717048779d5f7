export { Storage } from './storage.ts';
export { storageConfigFromEnv, type StorageConfig } from './config.ts';
export { parseLocation, resolve, type DirLocation, type LocationSettings, type ParsedLocation, type ResolvedLocation, type S3Location } from './location.ts';
export { startEmbeddedS3, type EmbeddedS3 } from './embedded.ts';
export { copyIncremental, verifyCopy, type CopyOptions, type CopyResult } from './copy.ts';
