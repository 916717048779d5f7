export * from './errors.ts';
export * from './storage.ts';
export * from './quality.ts';
export * from './manifest.ts';
export * from './runs.ts';
export * from './engine.ts';
