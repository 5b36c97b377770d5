"""The Avro container files sluice's Avro module writes, read by two independent readers (fastavro, and Apache Avro's
Java avro-tools): every codec (null, deflate, snappy, bzip2, xz, zstandard), blocks cut by size and by flush, every
Avro type, a recursive schema. The files come from the unit-test binary's DumpFilesTest
(tests/unit/avro/dump_files_test.cc), which writes them when SLUICE_AVRO_DUMP_DIR is set; its other tests pin the
same writer's bytes to Java's."""

from __future__ import annotations

import os
import subprocess

import fastavro

from avro_readers import read_both
from sluice_process import SLUICE

AVRO_UNIT_TESTS = SLUICE.parent / "avro_unit_tests"
CODECS = ["null", "deflate", "snappy", "bzip2", "xz", "zstandard"]


def test_fastavro_reads_every_file_the_writer_makes(tmp_path):
    subprocess.run([str(AVRO_UNIT_TESTS), "--gtest_filter=DumpFilesTest.*"], check=True, capture_output=True,
                   env={**os.environ, "SLUICE_AVRO_DUMP_DIR": str(tmp_path)})
    names = sorted(p.name for p in tmp_path.glob("*.avro"))
    assert names == sorted([f"mixed-{c}.avro" for c in CODECS] + [f"alltypes-{c}.avro" for c in CODECS]
                           + ["recursive.avro"]), names
    reference: dict[str, list] = {}
    for path in sorted(tmp_path.glob("*.avro")):
        with path.open("rb") as f:
            reader = fastavro.reader(f)
            records = list(reader)
            codec = reader.codec
        kind, _, rest = path.stem.partition("-")
        if rest:
            assert codec == rest, path.name
            # The same records whatever the codec.
            assert records == reference.setdefault(kind, records), path.name
        assert records, path.name
    assert len(reference["mixed"]) == 120
    assert len(reference["alltypes"]) == 7


def test_avro_tools_reads_every_file_the_writer_makes_as_fastavro_does(tmp_path):
    """Java's own reader (avro-tools getschema and tojson) gets the schema and the records fastavro gets, from every
    file and so with every codec; xz and zstandard (which avro.codec does not offer) are only reachable here."""
    dump = tmp_path / "dump"
    subprocess.run([str(AVRO_UNIT_TESTS), "--gtest_filter=DumpFilesTest.*"], check=True, capture_output=True,
                   env={**os.environ, "SLUICE_AVRO_DUMP_DIR": str(dump)})
    files = sorted(dump.glob("*.avro"))
    assert len(files) == 2 * len(CODECS) + 1
    codecs = set()
    for path in files:
        read = read_both(path.read_bytes(), tmp_path / path.name)
        assert read.records, path.name
        codecs.add(read.codec)
    assert codecs == set(CODECS)
