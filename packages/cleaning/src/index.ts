export { cleanPeriodWithDuckDb, renderDuckDbSourceFields, renderDuckDbSourceLines } from './duckdb.ts';
export type { CleanPeriodOptions } from './duckdb.ts';
export { renderPySparkJob } from './pyspark.ts';
export { RULES, PATTERNS, cleaningDefinition } from './rules.ts';
export type { RuleDefinition, RepairDefinition, CleaningDefinition, FieldSource } from './rules.ts';
export { renderCleaningQuery, renderCommentCountQuery, renderDuckDbClassification, renderQualityQuery } from './render.ts';
export type { DialectName } from './render.ts';
