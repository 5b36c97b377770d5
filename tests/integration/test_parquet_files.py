"""The Parquet files sluice's Parquet module writes, read by two independent readers (pyarrow = Arrow C++, and
DuckDB): every physical type, OPTIONAL and REQUIRED columns, the common logical types, every codec offered
(uncompressed, snappy, gzip, zstd), several pages and row groups per column, all-null columns, a file without rows,
and the writer specification's golden file A. Values, nulls and the footer statistics (per row group) must be what
the writer was given. The files come from the unit-test binary's DumpFilesTest (tests/unit/parquet/
dump_files_test.cc), which writes them when SLUICE_PARQUET_DUMP_DIR is set; expected_row() mirrors its rows."""

from __future__ import annotations

import datetime
import decimal
import os
import subprocess
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from sluice_process import SLUICE

PARQUET_UNIT_TESTS = SLUICE.parent / "parquet_unit_tests"
CODECS = {"uncompressed": "UNCOMPRESSED", "snappy": "SNAPPY", "gzip": "GZIP", "zstd": "ZSTD"}
ROWS = 5000
COLUMNS = ["b", "i32", "i64", "f", "d", "s", "fx", "by", "date", "ts", "tm", "dec", "bdec", "u8", "i16"]
UTC = datetime.timezone.utc


def expected_row(k: int) -> dict:
    """Row k of alltypes-*.parquet, as pyarrow's to_pylist() returns it (dump_files_test.cc, write_dump_row)."""
    null = k % 3 == 1
    return {
        "b": k % 2 == 0,
        "i32": None if null else k - 500,
        "i64": (1 << 40) | k,
        "f": None if null else 0.5 * k,
        "d": -0.25 * k,
        "s": None if null else f"row {k}" + (" h\u00e9" if k % 5 == 0 else ""),
        "fx": None if null else bytes([k & 0xFF, (k >> 8) & 0xFF]) + b"x",
        "by": b"\x00\xff" * (k % 4),
        "date": None if k % 7 == 3 else datetime.date(1970, 1, 1) + datetime.timedelta(days=19000 + k),
        "ts": datetime.datetime(1970, 1, 1, tzinfo=UTC) + datetime.timedelta(milliseconds=1700000000123 + 1000 * k),
        "tm": (datetime.datetime(2000, 1, 1) + datetime.timedelta(milliseconds=3723004 + k)).time(),
        "dec": None if null else decimal.Decimal(101 * k - 12345).scaleb(-2),
        "bdec": decimal.Decimal(7 * k - 100).scaleb(-2),
        "u8": k % 256,
        "i16": k - 1000,
    }


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("parquet-dump")
    subprocess.run([str(PARQUET_UNIT_TESTS), "--gtest_filter=DumpFilesTest.*"], check=True, capture_output=True,
                   env={**os.environ, "SLUICE_PARQUET_DUMP_DIR": str(folder)})
    names = sorted(p.name for p in folder.glob("*.parquet"))
    assert names == sorted([f"alltypes-{c}.parquet" for c in CODECS]
                           + ["golden-a.parquet", "dictionary.parquet", "all-null.parquet", "empty.parquet"]), names
    return folder


def test_pyarrow_reads_values_types_and_statistics_of_every_codec(dump):
    expected = [expected_row(k) for k in range(ROWS)]
    for codec, codec_name in CODECS.items():
        path = dump / f"alltypes-{codec}.parquet"
        table = pq.read_table(path, page_checksum_verification=True)
        assert table.column_names == COLUMNS
        assert table.to_pylist() == expected, path.name
        assert str(table.schema.field("ts").type) == "timestamp[ms, tz=UTC]"
        assert str(table.schema.field("tm").type) == "time32[ms]"
        assert str(table.schema.field("dec").type) == "decimal128(18, 2)"
        assert str(table.schema.field("u8").type) == "uint8"
        assert str(table.schema.field("fx").type) == "fixed_size_binary[3]"
        assert not table.schema.field("b").nullable and table.schema.field("i32").nullable
        meta = pq.ParquetFile(path).metadata
        assert meta.created_by.startswith("sluice version ")
        assert meta.num_row_groups > 1, "small row groups: the file should hold several"
        first = 0
        for g in range(meta.num_row_groups):
            group = meta.row_group(g)
            rows = expected[first:first + group.num_rows]
            first += group.num_rows
            for c, name in enumerate(COLUMNS):
                column = group.column(c)
                assert column.compression == codec_name
                values = [row[name] for row in rows]
                present = [v for v in values if v is not None]
                stats = column.statistics
                assert stats.null_count == len(values) - len(present), (path.name, g, name)
                if name == "bdec":
                    # Decimals in BYTE_ARRAY order numerically, not byte-wise: no bounds written.
                    assert not stats.has_min_max
                    continue
                assert stats.has_min_max, (path.name, g, name)
                assert (stats.min, stats.max) == (min(present), max(present)), (path.name, g, name)
        assert first == ROWS


def _duckdb_rows(con, path: Path) -> list[tuple]:
    # TIMESTAMP WITH TIME ZONE comes back as epoch milliseconds (its Python form needs pytz).
    select = ", ".join("epoch_ms(ts)" if c == "ts" else f'"{c}"' for c in COLUMNS)
    return con.execute(f"SELECT {select} FROM read_parquet(?)", [str(path)]).fetchall()


def test_duckdb_reads_values_and_statistics_of_every_codec(dump):
    con = duckdb.connect()
    expected = []
    for k in range(ROWS):
        row = expected_row(k)
        row["ts"] = 1700000000123 + 1000 * k
        row["tm"] = row["tm"].replace(tzinfo=UTC)  # TIME(isAdjustedToUTC=true) is TIME WITH TIME ZONE
        expected.append(tuple(row[c] for c in COLUMNS))
    for codec in CODECS:
        path = dump / f"alltypes-{codec}.parquet"
        assert _duckdb_rows(con, path) == expected, path.name
        stats = con.execute(
            "SELECT row_group_id, path_in_schema, row_group_num_rows, stats_null_count, stats_min_value,"
            " stats_max_value FROM parquet_metadata(?) ORDER BY row_group_id, column_id", [str(path)]).fetchall()
        first = {}
        for group_id, name, num_rows, null_count, min_value, max_value in stats:
            start = first.setdefault(group_id, sum(n for g, n in _group_sizes(stats) if g < group_id))
            values = [expected_row(k)[name] for k in range(start, start + num_rows)]
            present = [v for v in values if v is not None]
            assert null_count == len(values) - len(present), (path.name, group_id, name)
            if name in ("i32", "i64", "u8", "i16"):
                assert (min_value, max_value) == (str(min(present)), str(max(present))), (path.name, group_id, name)
            if name == "s":
                assert (min_value, max_value) == (min(present), max(present)), (path.name, group_id, name)


def _group_sizes(stats) -> set[tuple[int, int]]:
    return {(group_id, num_rows) for group_id, _, num_rows, *_ in stats}


def dictionary_row(k: int) -> dict:
    """Row k of dictionary.parquet (dump_files_test.cc, DumpFilesTest.Dictionary)."""
    if k % 11 == 5:
        word = None
    elif k % 10000 < 4000:
        word = f"w{k % 5}"
    else:
        word = f"word {k}"
    return {"word": word, "n": k % 7 * 1000}


def test_dictionary_pages_and_the_fallback_to_plain_read_in_both_readers(dump):
    path = dump / "dictionary.parquet"
    expected = [dictionary_row(k) for k in range(20000)]
    assert pq.read_table(path, page_checksum_verification=True).to_pylist() == expected
    con = duckdb.connect()
    assert con.execute("SELECT word, n FROM read_parquet(?)", [str(path)]).fetchall() == [
        (row["word"], row["n"]) for row in expected]
    meta = pq.ParquetFile(path).metadata
    encodings = {(g, c): set(meta.row_group(g).column(c).encodings)
                 for g in range(meta.num_row_groups) for c in range(2)}
    # word: dictionary pages first, then PLAIN once the dictionary passes its budget; n: dictionary throughout.
    assert encodings[(0, 0)] == {"PLAIN_DICTIONARY", "PLAIN", "RLE"}, encodings
    assert encodings[(0, 1)] == {"PLAIN_DICTIONARY"}, encodings
    assert all(meta.row_group(g).column(1).has_dictionary_page for g in range(meta.num_row_groups))
    first = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        rows = expected[first:first + group.num_rows]
        first += group.num_rows
        words = [row["word"] for row in rows if row["word"] is not None]
        stats = group.column(0).statistics
        assert (stats.min, stats.max, stats.null_count) == (min(words), max(words), group.num_rows - len(words))


def test_golden_file_a_and_small_files_read_in_both_readers(dump):
    golden = dump / "golden-a.parquet"
    assert pq.read_table(golden).to_pylist() == [{"id": 1, "name": "a"}, {"id": 2, "name": None},
                                                 {"id": 3, "name": "bc"}]
    con = duckdb.connect()
    assert con.execute("SELECT id, name FROM read_parquet(?)", [str(golden)]).fetchall() == [
        (1, "a"), (2, None), (3, "bc")]

    all_null = dump / "all-null.parquet"
    assert pq.read_table(all_null).to_pylist() == [{"n": None, "t": None}] * 10
    stats = pq.ParquetFile(all_null).metadata.row_group(0).column(1).statistics
    assert stats.null_count == 10 and not stats.has_min_max
    assert con.execute("SELECT count(*), count(n), count(t) FROM read_parquet(?)",
                       [str(all_null)]).fetchall() == [(10, 0, 0)]

    empty = dump / "empty.parquet"
    table = pq.read_table(empty)
    assert table.num_rows == 0 and table.column_names == COLUMNS
    assert pq.ParquetFile(empty).metadata.num_row_groups == 0
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(empty)]).fetchall() == [(0,)]
