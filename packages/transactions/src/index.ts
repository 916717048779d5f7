export { runTransactions, type RunTransactionsOptions, type TransactionsRunParts, type TransactionsRunResult } from './pipeline.ts';
export { planNextRun, renderPlan } from './plan.ts';
export { readManifest, transactionsKeys } from './manifest.ts';
export { qualitySection, renderQualityTable } from './quality.ts';
export { LOCK_TTL_MS, acquireRunLock, describeHolder, inspectRunLock, removeRunLock, type LockInspection, type RunLock } from './lock.ts';
export { listSourcePeriods, periodOfSourceKey } from './periods.ts';
// Each engine is an entry of its own (@ferry/transactions/duckdb, /dataproc), loaded only by the runs that clean with
// it: DuckDB and the Yandex client take hundreds of milliseconds to load, which a plan or another engine never needs.
// The CLI imports the rest of engine-choice.ts from @ferry/transactions/engine-choice.
export { renderEngineDecision } from './engine-choice.ts';
