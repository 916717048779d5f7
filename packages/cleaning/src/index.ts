export { cleanPeriodWithDuckDb } from './duckdb.ts';
export type { CleanPeriodOptions } from './duckdb.ts';
export { pySparkJobArgs, readJobTemplate, renderPySparkJob } from './pyspark.ts';
export { refusal, REFUSALS, type RefusalKind } from './refusals.ts';
export { cleaningDefinition } from './rules.ts';
export type { RuleDefinition, RepairDefinition, CleaningDefinition, FieldSource } from './rules.ts';
