"""Two versions of an Avro value schema and records written with the first, for use.latest.version: the golden
cases avro-latest-version-json / avro-latest-version-avro (tests/golden/make_latest_version_case.py) and
tests/integration/test_avro_latest_version.py share them; likewise two versions of a JSON Schema for the golden case
jsonschema-latest-version-json.

v2 (the latest) resolves v1 data with every rule of the Avro specification's "Schema Resolution" that a
BACKWARD-compatible change allows: fields reordered, a field dropped (note), a field renamed through an alias
(customer -> client), promotions (int -> long, float -> double, string -> bytes), an enum symbol added with an enum
default, a nested record and its fields, and new fields taking their defaults (an int, a union, a record).
"""

from __future__ import annotations

import json

V1 = json.dumps({
    "type": "record", "name": "Order", "namespace": "com.example.latest",
    "fields": [
        {"name": "id", "type": "int"},
        {"name": "customer", "type": "string"},
        {"name": "note", "type": "string"},
        {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN"]}},
        {"name": "amount", "type": "float"},
        {"name": "code", "type": "string"},
        {"name": "line", "type": {"type": "record", "name": "Line", "fields": [
            {"name": "sku", "type": "string"}, {"name": "count", "type": "int"}]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
    ],
})

V2 = json.dumps({
    "type": "record", "name": "Order", "namespace": "com.example.latest",
    "fields": [
        {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN", "BLUE"],
                                   "default": "RED"}},
        {"name": "id", "type": "long"},
        {"name": "client", "aliases": ["customer"], "type": "string"},
        {"name": "amount", "type": "double"},
        {"name": "code", "type": "bytes"},
        {"name": "line", "type": {"type": "record", "name": "Line", "fields": [
            {"name": "count", "type": "long"}, {"name": "sku", "type": "string"},
            {"name": "unit", "type": "string", "default": "piece"}]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "qty", "type": "int", "default": 1},
        {"name": "extra", "type": ["null", "string"], "default": None},
        {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
            {"name": "street", "type": "string"}, {"name": "zip", "type": "string", "default": "00000"}]},
         "default": {"street": "unknown"}},
    ],
})

COUNT = 8


def order(i: int) -> dict:
    """Record i as v1's writer sees it."""
    return {"id": i - 3, "customer": f"c-{i}", "note": "dropped by v2", "color": ["RED", "GREEN"][i % 2],
            "amount": [0.1, 2.5, -1e-7, 3.4028234663852886e38][i % 4], "code": f"c{i}\u00e9",
            "line": {"sku": f"sku-{i}", "count": i * 1000}, "tags": [f"t{j}" for j in range(i % 3)]}


# JSON Schema: v2 widens "a" from integer to number and adds a nullable "b" (closed content models, so
# BACKWARD-compatible; a non-nullable "b" would be a required Connect field, which JsonConverter refuses to write
# null).
JSON_V1 = json.dumps({"$schema": "http://json-schema.org/draft-07/schema#", "title": "com.example.latest.Doc",
                      "type": "object", "additionalProperties": False,
                      "properties": {"a": {"type": "integer"}, "s": {"type": "string"}}})
JSON_V2 = json.dumps({"$schema": "http://json-schema.org/draft-07/schema#", "title": "com.example.latest.Doc",
                      "type": "object", "additionalProperties": False,
                      "properties": {"a": {"type": "number"}, "s": {"type": "string"},
                                     "b": {"oneOf": [{"type": "null"}, {"type": "string"}]}}})


def doc(i: int) -> dict:
    """JSON record i as v1's writer sees it."""
    return {"a": i * 7 - 10, "s": f"s{i}"}


# Protobuf: v2 drops field 2 and adds field 4 and a second message (after Doc, so Doc keeps index [0]).
PROTO_V1 = """syntax = "proto3";
package golden.latest;

message Doc {
  int64 id = 1;
  string note = 2;
  int32 count = 3;
}
"""
PROTO_V2 = """syntax = "proto3";
package golden.latest;

message Doc {
  int64 id = 1;
  int32 count = 3;
  string extra = 4;
}
message Other {
  bool x = 1;
}
"""


def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def proto_doc(i: int) -> bytes:
    """Doc i in v1's wire encoding (id, note, count)."""
    note = f"note {i}".encode()
    return (b"\x08" + _varint(i * 11 - 20) + b"\x12" + _varint(len(note)) + note
            + (b"\x18" + _varint(i) if i else b""))
