export * from './http.ts';
export * from './auth.ts';
export * from './client.ts';
export * from './env.ts';
export * from './duration.ts';
export * from './reaper.ts';
export * from './usage.ts';
