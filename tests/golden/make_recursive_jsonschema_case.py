"""Makes and records the golden case jsonschema-recursive-json (tests/golden/README.md): JSON values in Confluent's
wire format whose registered JSON Schema is recursive (a `$ref` to "#" through a nullable oneOf and an array, and a
`$ref` to a definition that holds itself), read by io.confluent.connect.json.JsonSchemaConverter (a cyclic Connect
schema) and written as JsonFormat by Confluent's S3 sink.

    ORACLE_RUN=/path/to/run.sh "$(scripts/pyenv)/bin/python" tests/golden/make_recursive_jsonschema_case.py

The values are the JSON text after the 5-byte wire header (magic byte 0, schema id 1: record_case.py registers
registry.json's schema and puts the id the registry gives in its place).
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

CASE = "jsonschema-recursive-json"
SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object", "title": "Node",
    "definitions": {
        "Tree": {"type": "object", "title": "Tree", "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/definitions/Tree"}}}},
    },
    "properties": {
        "value": {"type": "integer"},
        "label": {"oneOf": [{"type": "null"}, {"type": "string"}]},
        "next": {"oneOf": [{"type": "null"}, {"$ref": "#"}]},
        "kids": {"type": "array", "items": {"$ref": "#"}},
        "tree": {"oneOf": [{"type": "null"}, {"$ref": "#/definitions/Tree"}]},
    },
    "required": ["value"],
}

# Connect makes every property required (use.optional.for.nonrequired=false): Struct.put validates nested structs
# and JsonFormat's JsonConverter the top-level one, so every object carries its non-nullable properties.
VALUES = [
    {"value": 1, "kids": []},
    {"value": 2, "label": "two", "kids": [],
     "next": {"value": 3, "kids": [], "next": {"value": 4, "label": "four", "kids": []}}},
    {"value": 5, "kids": [{"value": 6, "kids": []},
                          {"value": 7, "kids": [{"value": 8, "kids": [], "next": {"value": 9, "kids": []}}]}]},
    {"value": 10, "kids": [], "tree": {"name": "root", "children": [
        {"name": "a", "children": [{"name": "a1", "children": []}]}, {"name": "b", "children": []}]}},
    {"value": 11, "label": None, "next": None, "kids": [], "tree": {"name": "t", "children": []}},
    {"value": 12, "kids": [], "next": {"value": 13, "kids": [
        {"value": 14, "kids": [], "tree": {"name": "deep", "children": []}}], "tree": None}},
]


def main() -> None:
    oracle_run = os.environ.get("ORACLE_RUN")
    if not oracle_run:
        raise SystemExit("set ORACLE_RUN to the run.sh of the Java connector (see record_case.py)")
    env = read_env_file(HERE.parents[1] / "build" / "testenv.env")
    case_dir = HERE / CASE
    case_dir.mkdir(exist_ok=True)
    (case_dir / "registry.json").write_text(json.dumps(
        [{"field": "value", "version": 1, "id": 1, "schemaType": "JSON",
          "schema": json.dumps(SCHEMA, separators=(",", ":"))}], indent=1) + "\n", encoding="utf-8")
    lines = []
    for i, value in enumerate(VALUES):
        payload = b"\x00\x00\x00\x00\x01" + json.dumps(value, separators=(",", ":")).encode()
        lines.append({"partition": 0, "offset": i, "timestamp": 1_735_689_600_000 + i * 1000,
                      "key": base64.b64encode(f"k{i}".encode()).decode(),
                      "value": base64.b64encode(payload).decode(), "headers": []})
    (case_dir / "input.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (case_dir / "worker.properties").write_text(
        "bootstrap.servers=${BOOTSTRAP}\n"
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        "value.converter=io.confluent.connect.json.JsonSchemaConverter\n"
        "value.converter.schema.registry.url=${SCHEMA_REGISTRY_URL}\n", encoding="utf-8")
    (case_dir / "connector.properties").write_text(
        "name=${NAME}\nconnector.class=io.confluent.connect.s3.S3SinkConnector\ntasks.max=1\ntopics=${TOPIC}\n"
        "storage.class=io.confluent.connect.s3.storage.S3Storage\n"
        "format.class=io.confluent.connect.s3.format.json.JsonFormat\n"
        "partitioner.class=io.confluent.connect.storage.partitioner.DefaultPartitioner\n"
        "s3.bucket.name=${BUCKET}\ns3.region=${REGION}\nstore.url=${S3_ENDPOINT}\n"
        "s3.path.style.access.enabled=true\ntopics.dir=${TOPICS_DIR}\nflush.size=3\n", encoding="utf-8")
    (case_dir / "case.json").write_text(json.dumps({
        "case": CASE,
        "description": "JsonSchemaConverter values of a recursive JSON Schema (a $ref to \"#\" through a nullable "
                       "oneOf and an array, a $ref to a definition that holds itself), lists and trees several "
                       "levels deep, missing properties; JsonFormat, flush.size=3",
        "mode": "compare", "partitions": 1}, indent=1) + "\n", encoding="utf-8")
    record(case_dir, env, oracle_run)


if __name__ == "__main__":
    main()
