"""Writes Confluent wire-format Avro payloads for the AvroValueDecoder tests.

Run with fastavro (python3 -m venv /tmp/avro-venv && /tmp/avro-venv/bin/pip install fastavro):
    /tmp/avro-venv/bin/python make_wire_vectors.py
Output: wire_all_types.avsc (the registered schema, schema id 42) and wire_all_types.hex, one
payload per line: magic byte 0, the schema id as a big-endian int32, then fastavro's
schemaless_writer datum (the bytes KafkaAvroSerializer writes).
"""
import datetime
import decimal
import io
import json
import struct
import uuid

import fastavro

SCHEMA = {
    "type": "record", "name": "All", "namespace": "com.example", "doc": "every type",
    "fields": [
        {"name": "b", "type": "boolean"},
        {"name": "i", "type": "int", "doc": "an int"},
        {"name": "l", "type": "long"},
        {"name": "f", "type": "float"},
        {"name": "d", "type": "double"},
        {"name": "s", "type": "string"},
        {"name": "by", "type": "bytes"},
        {"name": "fx", "type": {"type": "fixed", "name": "F4", "size": 4}},
        {"name": "e", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN", "BLUE"]}},
        {"name": "a", "type": {"type": "array", "items": "long"}},
        {"name": "m", "type": {"type": "map", "values": "int"}},
        {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "tm", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "tmicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "i8", "type": {"type": "int", "connect.type": "int8"}},
        {"name": "i16", "type": {"type": "int", "connect.type": "int16"}},
        {"name": "opt", "type": ["null", "string"], "default": None},
        {"name": "optd", "type": ["string", "null"], "default": "x"},
        {"name": "u", "type": ["null", "int", "string", "Color"]},
        {"name": "nested", "type": {"type": "record", "name": "Nested",
                                    "fields": [{"name": "x", "type": "int", "default": 7}]}},
        {"name": "kv", "type": {"type": "array", "items": {
            "type": "record", "name": "MapEntry", "namespace": "io.confluent.connect.avro",
            "fields": [{"name": "key", "type": "int"}, {"name": "value", "type": "string"}]}}},
    ],
}

RECORDS = [
    {"b": True, "i": -1, "l": 1 << 40, "f": 1.5, "d": -0.25, "s": "h\u00e9 \U0001F600",
     "by": b"\x00\xff", "fx": b"abcd", "e": "GREEN", "a": [3, 27], "m": {"k": 64},
     "dec": decimal.Decimal("-123.45"), "day": datetime.date(2022, 1, 8),
     "tm": datetime.time(1, 2, 3, 4000), "ts": 1700000000123, "tmicros": 5,
     "id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "i8": -128, "i16": 32767,
     "opt": None, "optd": "y", "u": 5, "nested": {"x": 1}, "kv": [{"key": 1, "value": "one"}]},
    {"b": False, "i": 2147483647, "l": -9223372036854775808, "f": 0.0, "d": 1e300, "s": "",
     "by": b"", "fx": b"\x00\x00\x00\x00", "e": "BLUE", "a": [], "m": {},
     "dec": decimal.Decimal("0.00"), "day": datetime.date(1969, 12, 31),
     "tm": datetime.time(0, 0), "ts": -1, "tmicros": -5,
     "id": "00000000-0000-0000-0000-000000000000", "i8": 127, "i16": -32768,
     "opt": "o", "optd": None, "u": "text", "nested": {"x": -2},
     "kv": [{"key": 2, "value": "a"}, {"key": 3, "value": "b"}]},
    {"b": True, "i": 0, "l": 0, "f": -2.5, "d": 0.1, "s": "plain", "by": b"\x01", "fx": b"wxyz",
     "e": "RED", "a": [-1], "m": {"a": 1, "b": 2}, "dec": decimal.Decimal("99999999.99"),
     "day": datetime.date(1970, 1, 1), "tm": datetime.time(23, 59, 59, 999000), "ts": 0,
     "tmicros": 0, "id": "6ba7b811-9dad-11d1-80b4-00c04fd430c8", "i8": 0, "i16": 0,
     "opt": None, "optd": "x", "u": "BLUE", "nested": {"x": 0}, "kv": []},
    {"b": False, "i": 1, "l": 1, "f": 1.0, "d": 1.0, "s": "u", "by": b"\x80", "fx": b"1234",
     "e": "RED", "a": [1, 2, 3], "m": {"z": -1}, "dec": decimal.Decimal("0.01"),
     "day": datetime.date(2000, 2, 29), "tm": datetime.time(12, 0), "ts": 86400000,
     "tmicros": 1, "id": "6ba7b812-9dad-11d1-80b4-00c04fd430c8", "i8": 1, "i16": 1,
     "opt": "x", "optd": "z", "u": None, "nested": {"x": 5}, "kv": [{"key": 9, "value": ""}]},
]


def main():
    parsed = fastavro.parse_schema(SCHEMA)
    with open("wire_all_types.avsc", "w") as f:
        f.write(json.dumps(SCHEMA))
    with open("wire_all_types.hex", "w") as f:
        for record in RECORDS:
            buf = io.BytesIO()
            buf.write(b"\x00" + struct.pack(">i", 42))
            fastavro.schemaless_writer(buf, parsed, record)
            f.write(buf.getvalue().hex() + "\n")


if __name__ == "__main__":
    main()
