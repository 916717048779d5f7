export { runTransactions, type RunTransactionsOptions, type TransactionsRunResult } from './pipeline.ts';
export { planNextRun, renderPlan } from './plan.ts';
export { readManifest, MANIFEST_KEY } from './manifest.ts';
export { LOCK_KEY } from './lock.ts';
export { listSourcePeriods, periodOfSourceKey } from './periods.ts';
export { createDuckDbEngine, type DuckDbEngineOptions } from './duckdb-engine.ts';
export { layout } from './publish.ts';
export { createDataprocEngine, type DataprocEngineOptions } from './dataproc-engine.ts';
