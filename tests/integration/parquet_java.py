"""parquet-java (Apache Parquet's Java implementation, the library Confluent's ParquetFormat writes with) as a reader
of the Parquet files sluice writes, independent of pyarrow, DuckDB and sluice. scripts/parquet-java fetches
parquet-avro and parquet-hadoop from Maven Central and builds tests/parquet-java's ParquetDump against them;
`read_with_parquet_java` runs it on files and returns, per file, what AvroParquetReader reads: the records (as
ParquetDump renders them: see its class comment), the Avro schema they carry (parquet-avro takes it from the
`parquet.avro.schema` metadata), the schema AvroSchemaConverter derives from the Parquet schema alone, and the
footer's key/value metadata."""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def parquet_java_classpath() -> str:
    """The class path of ParquetDump and parquet-java, fetched and built on first use."""
    done = subprocess.run([str(REPO_ROOT / "scripts" / "parquet-java")], capture_output=True, text=True,
                          timeout=1200)
    assert done.returncode == 0, f"scripts/parquet-java failed:\n{done.stderr}"
    return done.stdout.strip()


def read_with_parquet_java(paths: list[Path]) -> dict[Path, dict]:
    """Reads every file in one JVM; a file parquet-java cannot read fails the test with Java's exception."""
    if not paths:
        return {}
    # C1 only: a short run starts faster without the optimising compiler. Hadoop's warnings are noise here.
    done = subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                           "-cp", parquet_java_classpath(), "dev.sluice.parquetdump.ParquetDump",
                           *map(str, paths)], capture_output=True, encoding="utf-8", timeout=600)
    assert done.returncode == 0, f"parquet-java could not read the files:\n{done.stderr[-4000:]}"
    # One document per line; split at "\n" only, as values may hold other line breaks (U+2028, U+0085) unescaped.
    results = [json.loads(line) for line in done.stdout.split("\n") if line]
    assert len(results) == len(paths), done.stdout[-2000:]
    for read in results:
        read["avro_schema"] = None if read["avro_schema"] is None else json.loads(read["avro_schema"])
        read["converted_schema"] = json.loads(read["converted_schema"])
    return dict(zip(paths, results))
