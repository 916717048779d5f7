export { cleanPeriodWithDuckDb } from './duckdb.ts';
export type { CleanPeriodOptions } from './duckdb.ts';
export { renderPySparkJob } from './pyspark.ts';
export { RULES, PATTERNS, CANONICAL_LINE, cleaningDefinition } from './rules.ts';
export type { RuleDefinition, RepairDefinition, CleaningDefinition, FieldSource } from './rules.ts';
export { renderCleaningQuery, renderCommentCountQuery, renderQualityQuery } from './render.ts';
export type { DialectName } from './render.ts';
