export { cleanPeriodWithDuckDb } from './duckdb.ts';
export { pySparkJobArgs, renderPySparkJob } from './pyspark.ts';
