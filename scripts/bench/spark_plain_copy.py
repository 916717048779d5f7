#!/usr/bin/env python3
"""bench:spark's floor: what Spark itself takes to copy a period file into parquet partitioned by day, no cleaning.

    spark-submit spark_plain_copy.py <input uri> <output uri> <schema, a DDL string: "name TYPE, …">

Spark's CSV reader with an explicit schema, dropping the lines that do not fit it (Err terminals, 24:00:00), then
the same write as the cleaning job's (microsecond timestamps, a writer per day). The twin of bench:clean's plain
DuckDB copy.
"""
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(input_uri, output_uri, schema):
    spark = (
        SparkSession.builder.appName("ferry-bench-plain-copy")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.sql.maxConcurrentOutputFileWriters", "40")
        # A time the parser cannot read makes its line malformed, to be dropped, instead of failing the job.
        .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    started = time.time()
    rows = spark.read.csv(input_uri, schema=schema, comment="#", mode="DROPMALFORMED", timestampFormat="yyyy-MM-dd HH:mm:ss")
    rows.withColumn("tx_date", F.to_date("tx_datetime")).write.mode("overwrite").partitionBy("tx_date").parquet(output_uri)
    print(f"ferry: plain copy written in {time.time() - started:.1f} s")
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:4])
