export { cleanPeriodWithDuckDb } from './duckdb.ts';
export type { CleanPeriodOptions } from './duckdb.ts';
export { renderPySparkJob } from './pyspark.ts';
export { cleaningDefinition } from './rules.ts';
export type { RuleDefinition, RepairDefinition, CleaningDefinition, FieldSource } from './rules.ts';
