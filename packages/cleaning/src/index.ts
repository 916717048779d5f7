export { cleanPeriodWithDuckDb } from './duckdb.ts';
export { pySparkJobArgs, renderPySparkJob } from './pyspark.ts';
export { OUTPUT_TYPES, SOURCE_COLUMNS } from './rules.ts';
