"""Makes and records the golden cases parquet-avro-shapes, parquet-jsonconv-shapes and parquet-avro-edges
(tests/golden/README.md): the Parquet shapes the three JSON-with-schema cases (parquet-snappy, -gzip, -zstd) do not
reach, as Confluent's ParquetFormat writes them.

    ORACLE_RUN=/path/to/run.sh "$(scripts/pyenv)/bin/python" tests/golden/make_parquet_cases.py

parquet-avro-shapes: AvroConverter values written by confluent-kafka's AvroSerializer (an enum, a fixed, a union
of null, int, string and a record, a union without null, an array with null items, which turns every list of the
file into parquet-avro's 3-level form, a list of lists, a list of records, maps with optional values and with
list values, an optional record, decimal, date, time-millis, timestamp-millis and timestamp-micros); StringConverter
keys and SimpleHeaderConverter headers stored as ParquetFormat keys and headers files (the RecordKey and
RecordHeaders envelopes); parquet.codec=none.

parquet-jsonconv-shapes: JsonConverter values with schemas (int8, int16, a map with int32 keys, which AvroData
turns into a list of MapEntry records, lists of structs and of lists in the 2-level form, empty and null lists and
maps, an optional struct, a map of maps, optional decimals); parquet.codec=lz4_raw.

parquet-avro-edges (`--edges-only` records just this one): AvroConverter values whose schema text has docs,
non-null defaults, an enum with a default, a named record reused in a union and from another namespace, a fixed
decimal, uuid, time-micros and local-timestamp-millis; infinite and negative-zero floats, a map of enums and a list
of fixed; parquet.codec=snappy.

ORACLE_RUN runs a Kafka Connect standalone worker with Confluent's S3 sink, as record_case.py takes it. Needs the
testenv.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "integration"))
sys.path.insert(0, str(HERE))
from conftest import read_env_file  # noqa: E402
from record_case import record  # noqa: E402

CONNECTOR = ("name=${{NAME}}\nconnector.class=io.confluent.connect.s3.S3SinkConnector\ntasks.max=1\n"
             "topics=${{TOPIC}}\nstorage.class=io.confluent.connect.s3.storage.S3Storage\n"
             "format.class=io.confluent.connect.s3.format.parquet.ParquetFormat\n"
             "partitioner.class=io.confluent.connect.storage.partitioner.DefaultPartitioner\n"
             "s3.bucket.name=${{BUCKET}}\ns3.region=${{REGION}}\nstore.url=${{S3_ENDPOINT}}\n"
             "s3.path.style.access.enabled=true\ntopics.dir=${{TOPICS_DIR}}\nflush.size={flush}\n{extra}")

AVRO_SCHEMA = {
    "type": "record", "name": "Shapes", "namespace": "com.example.parquet",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["ALPHA", "BETA", "GAMMA"]}},
        {"name": "tag4", "type": {"type": "fixed", "name": "Tag4", "size": 4}},
        {"name": "choice", "type": ["null", "int", "string",
                                    {"type": "record", "name": "Point",
                                     "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": "int"}]}],
         "default": None},
        {"name": "either", "type": ["long", "string"]},
        {"name": "labels", "type": {"type": "array", "items": ["null", "string"]}},
        {"name": "matrix", "type": {"type": "array", "items": {"type": "array", "items": "int"}}},
        {"name": "people", "type": {"type": "array", "items": {
            "type": "record", "name": "Person",
            "fields": [{"name": "name", "type": "string"}, {"name": "age", "type": ["null", "int"], "default": None}]}}},
        {"name": "scores", "type": {"type": "map", "values": ["null", "double"]}},
        {"name": "groups", "type": {"type": "map", "values": {"type": "array", "items": "string"}}},
        {"name": "where", "type": ["null", "Point"], "default": None},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "tod", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "at_us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "blob", "type": ["null", "bytes"], "default": None},
        {"name": "ok", "type": "boolean"},
        {"name": "ratio", "type": "float"},
    ],
}


def avro_value(i: int) -> dict:
    import decimal

    choices = [None, ("int", i), ("string", f"c{i}"), ("com.example.parquet.Point", {"x": i, "y": -i})]
    return {
        "id": i,
        "kind": ["ALPHA", "BETA", "GAMMA"][i % 3],
        "tag4": bytes([i % 256, 1, 2, 255]),
        "choice": choices[i % 4],
        "either": ("long", i * 1000) if i % 2 == 0 else ("string", f"e{i}"),
        "labels": [] if i % 5 == 0 else [f"l{i}", None, "x"][: 1 + i % 3],
        "matrix": [[i, i + 1], [], [i * 2]] if i % 4 else [],
        "people": [{"name": f"p{i}", "age": None if i % 2 else 30 + i}, {"name": "q", "age": 1}][: i % 3],
        "scores": {} if i % 6 == 0 else {"a": 0.5 * i, "b": None, f"k{i}": -1.25},
        "groups": {"g": ["u", "v"][: i % 3], "h": []} if i % 3 else {},
        "where": None if i % 2 else {"x": 7, "y": i},
        "amount": decimal.Decimal(12345 * i - 99999).scaleb(-2),
        "day": 19000 + i,
        "tod": 3_600_000 + i,
        "at": 1_700_000_000_000 + i,
        "at_us": 1_700_000_000_000_000 + i,
        "blob": None if i % 3 == 0 else bytes(range(i % 5)),
        "ok": i % 2 == 0,
        "ratio": 0.25 * i,
    }


def avro_case(env: dict[str, str], oracle_run: str) -> None:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
    from confluent_kafka.schema_registry.avro import AvroSerializer
    from confluent_kafka.serialization import MessageField, SerializationContext

    case = "parquet-avro-shapes"
    topic = f"golden-{case}"
    case_dir = HERE / case
    case_dir.mkdir(exist_ok=True)
    client = SchemaRegistryClient({"url": env["SCHEMA_REGISTRY_URL"]})
    text = json.dumps(AVRO_SCHEMA, separators=(",", ":"))
    registered_id = client.register_schema(f"{topic}-value", Schema(text, "AVRO"))
    version = client.lookup_schema(f"{topic}-value", Schema(text, "AVRO")).version
    (case_dir / "registry.json").write_text(json.dumps(
        [{"field": "value", "version": version, "id": registered_id, "schema": text}], indent=1) + "\n",
        encoding="utf-8")
    serialize = AvroSerializer(client, text, conf={"auto.register.schemas": False, "use.latest.version": True})
    context = SerializationContext(topic, MessageField.VALUE)
    lines = []
    for i in range(40):
        partition = i % 2
        headers = [["h-int", base64.b64encode(str(i).encode()).decode()],
                   ["h-text", base64.b64encode(f"text {i}".encode()).decode()]][: 1 + i % 2]
        lines.append({"partition": partition, "offset": i // 2, "timestamp": 1_735_689_600_000 + i * 1000,
                      "key": base64.b64encode(f"key-{i}".encode()).decode(),
                      "value": base64.b64encode(serialize(avro_value(i), context)).decode(), "headers": headers})
    (case_dir / "input.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (case_dir / "worker.properties").write_text(
        "bootstrap.servers=${BOOTSTRAP}\n"
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        "value.converter=io.confluent.connect.avro.AvroConverter\n"
        "value.converter.schema.registry.url=${SCHEMA_REGISTRY_URL}\n", encoding="utf-8")
    (case_dir / "connector.properties").write_text(CONNECTOR.format(flush=10, extra=(
        "parquet.codec=none\nstore.kafka.keys=true\nstore.kafka.headers=true\n"
        "keys.format.class=io.confluent.connect.s3.format.parquet.ParquetFormat\n"
        "headers.format.class=io.confluent.connect.s3.format.parquet.ParquetFormat\n")), encoding="utf-8")
    (case_dir / "case.json").write_text(json.dumps({
        "case": case,
        "description": "AvroConverter values (enum, fixed, unions with and without null, an array with null items "
                       "so 3-level lists, lists of lists and records, maps of optional doubles and of lists, an "
                       "optional record, decimal, date, time-millis, timestamp-millis/-micros) written by "
                       "confluent-kafka's AvroSerializer; StringConverter keys and SimpleHeaderConverter headers in "
                       "ParquetFormat keys and headers files; parquet.codec=none, flush.size=10",
        "mode": "oracle", "partitions": 2}, indent=1) + "\n", encoding="utf-8")
    record(case_dir, env, oracle_run)


EDGE_SCHEMA = {
    "type": "record", "name": "Edges", "namespace": "com.example.parquet", "doc": "edge cases of the schema text",
    "fields": [
        {"name": "id", "type": "long", "doc": "record number"},
        {"name": "money", "type": {"type": "fixed", "name": "Money", "size": 8, "logicalType": "decimal",
                                   "precision": 18, "scale": 3}},
        {"name": "ident", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "tod_us", "type": {"type": "long", "logicalType": "time-micros"}},
        {"name": "local_ts", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
        {"name": "f", "type": "float"},
        {"name": "d", "type": "double"},
        {"name": "home", "type": {"type": "record", "name": "Addr", "namespace": "com.other", "fields": [
            {"name": "street", "type": "string"}, {"name": "no", "type": ["null", "int"], "default": None}]}},
        {"name": "work", "type": ["null", "com.other.Addr"], "default": None},
        {"name": "level", "type": {"type": "enum", "name": "Lvl", "symbols": ["LO", "HI", "UNKNOWN"],
                                   "default": "UNKNOWN", "doc": "an enum with a default"}},
        {"name": "count", "type": "int", "default": 5},
        {"name": "label", "type": "string", "default": "none"},
        {"name": "by_level", "type": {"type": "map", "values": "Lvl"}},
        {"name": "tags", "type": {"type": "array", "items": {"type": "fixed", "name": "Tag2", "size": 2}}},
    ],
}


def edge_value(i: int) -> dict:
    import decimal

    return {
        "id": i,
        # Unscaled values of exactly 8 bytes: AvroData writes a decimal's minimal two's complement into the
        # fixed, and parquet-avro refuses a value shorter than the fixed (Java's task fails on one).
        "money": decimal.Decimal((4 * 10**16 + 987_654_321 * i) * (-1 if i % 2 else 1)).scaleb(-3),
        "ident": f"00000000-0000-4000-8000-{i:012d}",
        "tod_us": 3_600_000_000 + 7 * i,
        "local_ts": 1_700_000_000_000 - 1000 * i,
        "f": [float("inf"), -0.0, 1.5, float("-inf")][i % 4],
        "d": [-0.0, float("-inf"), 1e-300, 2.5e300][i % 4],
        "home": {"street": f"s{i}", "no": None if i % 2 else i},
        "work": None if i % 3 == 0 else {"street": f"w{i}", "no": i},
        "level": ["LO", "HI", "UNKNOWN"][i % 3],
        "count": i,
        "label": f"l{i}",
        "by_level": {f"k{j}": ["HI", "LO"][j % 2] for j in range(i % 3)},
        "tags": [bytes([i % 256, j]) for j in range(i % 4)],
    }


def edge_case(env: dict[str, str], oracle_run: str) -> None:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
    from confluent_kafka.schema_registry.avro import AvroSerializer
    from confluent_kafka.serialization import MessageField, SerializationContext

    case = "parquet-avro-edges"
    topic = f"golden-{case}"
    case_dir = HERE / case
    case_dir.mkdir(exist_ok=True)
    client = SchemaRegistryClient({"url": env["SCHEMA_REGISTRY_URL"]})
    text = json.dumps(EDGE_SCHEMA, separators=(",", ":"))
    registered_id = client.register_schema(f"{topic}-value", Schema(text, "AVRO"))
    version = client.lookup_schema(f"{topic}-value", Schema(text, "AVRO")).version
    (case_dir / "registry.json").write_text(json.dumps(
        [{"field": "value", "version": version, "id": registered_id, "schema": text}], indent=1) + "\n",
        encoding="utf-8")
    serialize = AvroSerializer(client, text, conf={"auto.register.schemas": False, "use.latest.version": True})
    context = SerializationContext(topic, MessageField.VALUE)
    lines = []
    for i in range(24):
        lines.append({"partition": i % 2, "offset": i // 2, "timestamp": 1_735_689_600_000 + i * 1000,
                      "key": None, "value": base64.b64encode(serialize(edge_value(i), context)).decode(),
                      "headers": []})
    (case_dir / "input.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (case_dir / "worker.properties").write_text(
        "bootstrap.servers=${BOOTSTRAP}\n"
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        "value.converter=io.confluent.connect.avro.AvroConverter\n"
        "value.converter.schema.registry.url=${SCHEMA_REGISTRY_URL}\n", encoding="utf-8")
    (case_dir / "connector.properties").write_text(CONNECTOR.format(flush=6, extra="parquet.codec=snappy\n"),
                                                   encoding="utf-8")
    (case_dir / "case.json").write_text(json.dumps({
        "case": case,
        "description": "AvroConverter values with the schema text's edge cases: docs, non-null field defaults, an "
                       "enum with a default, a named record reused in a union and from another namespace, a fixed "
                       "decimal, uuid, time-micros, local-timestamp-millis, infinite and negative-zero floats, a "
                       "map of enums and a list of fixed; parquet.codec=snappy, flush.size=6",
        "mode": "oracle", "partitions": 2}, indent=1) + "\n", encoding="utf-8")
    record(case_dir, env, oracle_run)


def json_schema(fields: list[dict]) -> dict:
    return {"type": "struct", "name": "com.example.parquet.Row", "optional": False, "fields": fields}


JSON_FIELDS = [
    {"field": "id", "type": "int64", "optional": False},
    {"field": "tiny", "type": "int8", "optional": False},
    {"field": "small", "type": "int16", "optional": True},
    {"field": "by_code", "type": "map", "optional": False, "keys": {"type": "int32", "optional": False},
     "values": {"type": "string", "optional": False}},
    {"field": "items", "type": "array", "optional": True, "items": {
        "type": "struct", "name": "com.example.parquet.Item", "optional": False,
        "fields": [{"field": "sku", "type": "string", "optional": False},
                   {"field": "qty", "type": "int32", "optional": True}]}},
    {"field": "grid", "type": "array", "optional": False, "items": {
        "type": "array", "optional": False, "items": {"type": "double", "optional": False}}},
    {"field": "meta", "type": "map", "optional": True, "keys": {"type": "string", "optional": False},
     "values": {"type": "map", "optional": False, "keys": {"type": "string", "optional": False},
                "values": {"type": "int64", "optional": False}}},
    {"field": "extra", "type": "struct", "name": "com.example.parquet.Extra", "optional": True,
     "fields": [{"field": "note", "type": "string", "optional": True},
                {"field": "flags", "type": "array", "optional": False,
                 "items": {"type": "boolean", "optional": False}}]},
    {"field": "price", "type": "bytes", "optional": True, "name": "org.apache.kafka.connect.data.Decimal",
     "version": 1, "parameters": {"scale": "3"}},
]


def json_value(i: int) -> dict:
    price = None if i % 4 == 3 else base64.b64encode((1234 * i - 5000).to_bytes(4, "big", signed=True)).decode()
    return {
        "id": i,
        "tiny": (i * 37) % 256 - 128,
        "small": None if i % 5 == 0 else i * 300 - 20000,
        "by_code": [[c, f"v{c}"] for c in range(i % 4)],  # JsonConverter: non-string keys as pairs
        "items": None if i % 7 == 3 else [{"sku": f"s{i}-{j}", "qty": None if j == 1 else j} for j in range(i % 3)],
        "grid": [[0.5 * i, -1.0], []][: i % 3],
        "meta": None if i % 3 == 1 else {"m": {"a": i, "b": -i}, "n": {}},
        "extra": None if i % 2 else {"note": None if i % 4 else "hi", "flags": [True, False][: i % 3]},
        "price": price,
    }


def jsonconv_case(env: dict[str, str], oracle_run: str) -> None:
    case = "parquet-jsonconv-shapes"
    case_dir = HERE / case
    case_dir.mkdir(exist_ok=True)
    lines = []
    for i in range(30):
        value = json.dumps({"schema": json_schema(JSON_FIELDS), "payload": json_value(i)}, separators=(",", ":"))
        lines.append({"partition": i % 2, "offset": i // 2, "timestamp": 1_735_689_600_000 + i * 1000,
                      "key": None, "value": base64.b64encode(value.encode()).decode(), "headers": []})
    (case_dir / "input.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (case_dir / "worker.properties").write_text(
        "bootstrap.servers=${BOOTSTRAP}\n"
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        "value.converter=org.apache.kafka.connect.json.JsonConverter\n"
        "value.converter.schemas.enable=true\n", encoding="utf-8")
    (case_dir / "connector.properties").write_text(CONNECTOR.format(flush=5, extra="parquet.codec=lz4_raw\n"),
                                                   encoding="utf-8")
    (case_dir / "case.json").write_text(json.dumps({
        "case": case,
        "description": "JsonConverter values with schemas: int8, int16, a map with int32 keys (a list of MapEntry "
                       "records), 2-level lists of structs and of lists, empty and null lists and maps, an optional "
                       "struct, a map of maps, an optional decimal; parquet.codec=lz4_raw, flush.size=5",
        "mode": "oracle", "partitions": 2}, indent=1) + "\n", encoding="utf-8")
    record(case_dir, env, oracle_run)


def main() -> None:
    env = read_env_file(HERE.parents[1] / "build" / "testenv.env")
    oracle_run = os.environ["ORACLE_RUN"]
    if "--edges-only" in sys.argv:
        edge_case(env, oracle_run)
        return
    if "--avro-only" not in sys.argv:
        jsonconv_case(env, oracle_run)
    avro_case(env, oracle_run)
    edge_case(env, oracle_run)


if __name__ == "__main__":
    main()
