"""The Parquet files sluice's Parquet module writes, read by independent readers (pyarrow = Arrow C++, DuckDB, and
parquet-java's AvroParquetReader for the values): every physical type, OPTIONAL and REQUIRED columns, the common
logical types, every codec offered (uncompressed, snappy, gzip, zstd, lz4_raw, and lz4 in the Hadoop framing),
several pages and row groups per column, all-null columns, a file without rows, and the writer specification's
golden file A; and a nested file (structs, parquet-avro's 2-level lists, 3-level lists, maps, lists of lists and of
structs, with empty and null lists, null elements and null structs). Values, nulls and the footer statistics (per
row group) must be what the writer was given. The files come from the unit-test binary's DumpFilesTest
(tests/unit/parquet/dump_files_test.cc), which writes them when SLUICE_PARQUET_DUMP_DIR is set; expected_row()
mirrors its rows."""

from __future__ import annotations

import datetime
import decimal
import os
import subprocess
from pathlib import Path

import base64

import duckdb
import pyarrow.parquet as pq
import pytest

from parquet_java import read_with_parquet_java
from sluice_process import SLUICE

PARQUET_UNIT_TESTS = SLUICE.parent / "parquet_unit_tests"
# The codec as pyarrow names it: LZ4_RAW is its "LZ4"; the deprecated Hadoop-framed LZ4 it reads but calls
# "UNKNOWN". DuckDB does not read the Hadoop framing at all (neither Confluent's .lz4hadoop files).
CODECS = {"uncompressed": "UNCOMPRESSED", "snappy": "SNAPPY", "gzip": "GZIP", "zstd": "ZSTD", "lz4_raw": "LZ4",
          "lz4": "UNKNOWN"}
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
                           + ["golden-a.parquet", "dictionary.parquet", "all-null.parquet", "empty.parquet",
                              "nested.parquet"]), names
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
    for codec in (c for c in CODECS if c != "lz4"):
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


NESTED_ROWS = 3000
NESTED_LEAVES = ["id", "tags.array", "scores.list.element", "attrs.key_value.key", "attrs.key_value.value",
                 "address.city", "address.zip", "items.array.id", "items.array.note", "matrix.array.array"]


def nested_row(k: int) -> dict:
    """Row k of nested.parquet as pyarrow's to_pylist() returns it (dump_files_test.cc, write_nested_row)."""
    return {
        "id": k,
        "tags": None if k % 5 == 0 else [f"t{k}-{i}" for i in range(k % 4)],
        "scores": None if k % 7 == 0 else [None if (k + i) % 3 == 0 else k * 10 + i for i in range(k % 5)],
        "attrs": None if k % 6 == 0 else [(f"k{i}", None if (k + i) % 4 == 0 else k * 100 + i) for i in range(k % 3)],
        "address": None if k % 4 == 3 else {"city": f"c{k % 10}", "zip": None if k % 2 else 1000 + k},
        "items": [{"id": 2 * k + i, "note": None if i % 2 else f"n{k}"} for i in range(k % 3)],
        "matrix": [[k + j for j in range(i)] for i in range(k % 4)],
    }


def _leaf_entries(row: dict) -> dict[str, list]:
    """Per leaf column, the entries row shreds into: each value, or None for an absence (def < max)."""
    def over(items, pick):  # a list: one absence when null or empty, else one entry per element
        return [None] if not items else [pick(item) for item in items]
    attrs, address = row["attrs"], row["address"]
    return {
        "id": [row["id"]],
        "tags.array": over(row["tags"], lambda v: v),
        "scores.list.element": over(row["scores"], lambda v: v),
        "attrs.key_value.key": over(attrs, lambda kv: kv[0]),
        "attrs.key_value.value": over(attrs, lambda kv: kv[1]),
        "address.city": [address and address["city"]],
        "address.zip": [address and address["zip"]],
        "items.array.id": over(row["items"], lambda item: item["id"]),
        "items.array.note": over(row["items"], lambda item: item["note"]),
        "matrix.array.array": [v for inner in (row["matrix"] or [None]) for v in (inner or [None])],
    }


def test_nested_file_reads_back_in_pyarrow_with_leaf_levels_and_statistics(dump):
    path = dump / "nested.parquet"
    expected = [nested_row(k) for k in range(NESTED_ROWS)]
    table = pq.read_table(path, page_checksum_verification=True)
    assert table.to_pylist() == expected
    types = {field.name: str(field.type) for field in table.schema}
    # 2-level lists: the repeated element ("array") is the item itself, never null.
    assert types == {
        "id": "int64",
        "tags": "list<array: string not null>",
        "scores": "list<element: int32>",
        "attrs": "map<string, int64 ('attrs')>",
        "address": "struct<city: string not null, zip: int32>",
        "items": "list<array: struct<id: int64 not null, note: string> not null>",
        "matrix": "list<array: list<array: int32 not null> not null>",
    }, types
    assert not table.schema.field("items").nullable and table.schema.field("tags").nullable
    parquet_file = pq.ParquetFile(path)
    schema = parquet_file.schema
    levels = [(schema.column(i).path, schema.column(i).max_repetition_level, schema.column(i).max_definition_level)
              for i in range(len(schema))]
    assert levels == list(zip(NESTED_LEAVES, [0, 1, 1, 1, 1, 0, 0, 1, 1, 2], [0, 2, 3, 2, 3, 1, 2, 1, 2, 2]))
    meta = parquet_file.metadata
    assert meta.num_rows == NESTED_ROWS and meta.num_row_groups > 1
    first = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        rows = expected[first:first + group.num_rows]
        first += group.num_rows
        for c, leaf in enumerate(NESTED_LEAVES):
            column = group.column(c)
            assert column.path_in_schema == leaf
            entries = [e for row in rows for e in _leaf_entries(row)[leaf]]
            present = [e for e in entries if e is not None]
            stats = column.statistics
            assert column.num_values == len(entries), (g, leaf)
            assert stats.null_count == len(entries) - len(present), (g, leaf)
            assert (stats.min, stats.max) == (min(present), max(present)), (g, leaf)
    assert first == NESTED_ROWS


def test_nested_file_reads_back_in_duckdb_with_the_parquet_avro_shapes(dump):
    path = dump / "nested.parquet"
    con = duckdb.connect()
    expected = []
    for k in range(NESTED_ROWS):
        row = nested_row(k)
        row["attrs"] = None if row["attrs"] is None else dict(row["attrs"])
        expected.append(tuple(row.values()))
    columns = ", ".join(nested_row(0))
    assert con.execute(f"SELECT {columns} FROM read_parquet(?)", [str(path)]).fetchall() == expected
    shape = con.execute("SELECT name, repetition_type, num_children, converted_type, logical_type"
                        " FROM parquet_schema(?)", [str(path)]).fetchall()
    groups = {name: (repetition, children, converted) for name, repetition, children, converted, _ in shape
              if children}
    assert groups["tags"] == ("OPTIONAL", 1, "LIST")
    assert groups["attrs"] == ("OPTIONAL", 1, "MAP")
    assert groups["key_value"] == ("REPEATED", 2, "MAP_KEY_VALUE")
    assert groups["scores"] == ("OPTIONAL", 1, "LIST")
    assert groups["list"] == ("REPEATED", 1, None)
    assert groups["address"] == ("OPTIONAL", 2, None)
    assert groups["items"] == ("REQUIRED", 1, "LIST")
    assert ("array", "REPEATED", 2, None) in [(n, r, c, t) for n, r, c, t, _ in shape]  # items' struct elements
    assert ("key", "REQUIRED", None, "UTF8") in [(n, r, c, t) for n, r, c, t, _ in shape]
    assert con.execute("SELECT count(*), count(address), sum(len(items)), sum(len(matrix))"
                       " FROM read_parquet(?)", [str(path)]).fetchall() == [
        (NESTED_ROWS, sum(r["address"] is not None for r in expected_rows(NESTED_ROWS)),
         sum(len(r["items"]) for r in expected_rows(NESTED_ROWS)),
         sum(len(r["matrix"]) for r in expected_rows(NESTED_ROWS)))]


def expected_rows(n: int) -> list[dict]:
    return [nested_row(k) for k in range(n)]


def _as_parquet_java(row: dict) -> dict:
    """An alltypes row as ParquetDump renders what parquet-java reads (tests/parquet-java): bytes as base64, dates,
    times and timestamps as numbers, the INT64 decimal as its unscaled long, the BYTE_ARRAY one as plain text."""
    epoch = datetime.datetime(1970, 1, 1, tzinfo=UTC)
    out = dict(row)
    for name in ("fx", "by"):
        out[name] = None if row[name] is None else base64.b64encode(row[name]).decode()
    out["date"] = None if row["date"] is None else (row["date"] - datetime.date(1970, 1, 1)).days
    out["ts"] = (row["ts"] - epoch) // datetime.timedelta(milliseconds=1)
    tm = row["tm"]
    out["tm"] = ((tm.hour * 60 + tm.minute) * 60 + tm.second) * 1000 + tm.microsecond // 1000
    out["dec"] = None if row["dec"] is None else int(row["dec"].scaleb(2))
    out["bdec"] = f"{row['bdec']:f}"
    return out


def test_parquet_java_reads_the_values_of_every_file(dump):
    """parquet-java (checking page CRCs) reads every dumped file, several row groups and codecs included."""
    names = sorted(p.name for p in dump.glob("*.parquet"))
    read = read_with_parquet_java([dump / name for name in names])
    rows = {path.name: result["rows"] for path, result in read.items()}
    alltypes = [_as_parquet_java(expected_row(k)) for k in range(ROWS)]
    for codec in CODECS:
        assert rows[f"alltypes-{codec}.parquet"] == alltypes, codec
    assert rows["dictionary.parquet"] == [dictionary_row(k) for k in range(20000)]
    assert rows["golden-a.parquet"] == [{"id": 1, "name": "a"}, {"id": 2, "name": None}, {"id": 3, "name": "bc"}]
    assert rows["all-null.parquet"] == [{"n": None, "t": None}] * 10
    assert rows["empty.parquet"] == []
    nested = []
    for k in range(NESTED_ROWS):
        row = nested_row(k)
        row["attrs"] = None if row["attrs"] is None else dict(row["attrs"])
        # Without parquet.avro.schema, parquet-avro (parquet.avro.add-list-element-records, true by default) reads
        # the repeated one-field group of a 3-level list as the element, a record {element}.
        row["scores"] = None if row["scores"] is None else [{"element": v} for v in row["scores"]]
        nested.append(row)
    assert rows["nested.parquet"] == nested
