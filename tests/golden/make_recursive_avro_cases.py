"""Makes and records the golden cases avro-recursive-avro and avro-recursive-json (tests/golden/README.md): values of
a recursive Avro record (a tree that holds itself through a union, an array, a map and another record) in Confluent's
wire format, read by io.confluent.connect.avro.AvroConverter (a cyclic Connect schema) and written by Confluent's S3
sink as AvroFormat and as JsonFormat.

    ORACLE_RUN=/path/to/run.sh "$(scripts/pyenv)/bin/python" tests/golden/make_recursive_avro_cases.py

The values are written with fastavro's schemaless_writer after the 5-byte wire header (magic byte 0, schema id 1:
record_case.py registers registry.json's schema and puts the id the registry gives in its place).
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "integration"))
sys.path.insert(0, str(HERE))
from conftest import read_env_file  # noqa: E402
from record_case import record  # noqa: E402

SCHEMA = {
    "type": "record", "name": "Tree", "namespace": "com.example.rec", "doc": "A tree that holds itself",
    "fields": [
        {"name": "id", "type": "int"},
        {"name": "label", "type": ["null", "string"], "default": None},
        {"name": "next", "type": ["null", "Tree"], "default": None},
        {"name": "children", "type": {"type": "array", "items": "Tree"}, "default": []},
        {"name": "byName", "type": {"type": "map", "values": "Tree"}, "default": {}},
        {"name": "meta", "type": ["null", {
            "type": "record", "name": "Meta", "namespace": "com.example.other", "fields": [
                {"name": "owner", "type": ["null", "com.example.rec.Tree"], "default": None},
                {"name": "note", "type": "string"}]}], "default": None},
    ],
}


def tree(i: int, **fields) -> dict:
    value = {"id": i, "label": None, "next": None, "children": [], "byName": {}, "meta": None}
    value.update(fields)
    return value


def chain(depth: int, start: int) -> dict:
    node = None
    for i in reversed(range(depth)):
        node = tree(start + i, label=f"n{start + i}", next=node)
    return node


def values() -> list[dict]:
    return [
        tree(0),
        chain(5, 10),
        tree(20, children=[tree(21), tree(22, children=[tree(23, label="leaf")])]),
        tree(30, byName={"left": tree(31), "right": chain(3, 32)}),
        tree(40, meta={"owner": chain(2, 41), "note": "owned"}),
        tree(50, meta={"owner": None, "note": "no owner"}, next=tree(51, meta={"owner": tree(52), "note": "x"})),
        tree(60, children=[chain(2, 61)], byName={"a": tree(63, children=[tree(64)])}, label="mixed"),
        chain(8, 70),
    ]


def write_case(case: str, format_class: str, extra: str, mode: str, description: str, lines: list[dict]) -> Path:
    case_dir = HERE / case
    case_dir.mkdir(exist_ok=True)
    (case_dir / "registry.json").write_text(json.dumps(
        [{"field": "value", "version": 1, "id": 1, "schema": json.dumps(SCHEMA, separators=(",", ":"))}],
        indent=1) + "\n", encoding="utf-8")
    (case_dir / "input.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (case_dir / "worker.properties").write_text(
        "bootstrap.servers=${BOOTSTRAP}\n"
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        "value.converter=io.confluent.connect.avro.AvroConverter\n"
        "value.converter.schema.registry.url=${SCHEMA_REGISTRY_URL}\n", encoding="utf-8")
    (case_dir / "connector.properties").write_text(
        "name=${NAME}\nconnector.class=io.confluent.connect.s3.S3SinkConnector\ntasks.max=1\ntopics=${TOPIC}\n"
        "storage.class=io.confluent.connect.s3.storage.S3Storage\n"
        f"format.class={format_class}\n"
        "partitioner.class=io.confluent.connect.storage.partitioner.DefaultPartitioner\n"
        "s3.bucket.name=${BUCKET}\ns3.region=${REGION}\nstore.url=${S3_ENDPOINT}\n"
        f"s3.path.style.access.enabled=true\ntopics.dir=${{TOPICS_DIR}}\nflush.size=4\n{extra}", encoding="utf-8")
    (case_dir / "case.json").write_text(json.dumps(
        {"case": case, "description": description, "mode": mode, "partitions": 1}, indent=1) + "\n",
        encoding="utf-8")
    return case_dir


def main() -> None:
    import fastavro

    oracle_run = os.environ.get("ORACLE_RUN")
    if not oracle_run:
        raise SystemExit("set ORACLE_RUN to the run.sh of the Java connector (see record_case.py)")
    env = read_env_file(HERE.parents[1] / "build" / "testenv.env")
    parsed = fastavro.parse_schema(SCHEMA)
    lines = []
    for i, value in enumerate(values()):
        out = io.BytesIO()
        out.write(b"\x00\x00\x00\x00\x01")
        fastavro.schemaless_writer(out, parsed, value)
        lines.append({"partition": 0, "offset": i, "timestamp": 1_735_689_600_000 + i * 1000,
                      "key": base64.b64encode(f"k{i}".encode()).decode(),
                      "value": base64.b64encode(out.getvalue()).decode(), "headers": []})
    about = ("AvroConverter values of a recursive record (com.example.rec.Tree holds itself through a union, an "
             "array, a map and the record com.example.other.Meta), lists up to 8 deep and trees; flush.size=4, ")
    cases = [
        write_case("avro-recursive-avro", "io.confluent.connect.s3.format.avro.AvroFormat", "", "oracle",
                   about + "AvroFormat: the writer schema names each record once", lines),
        write_case("avro-recursive-json", "io.confluent.connect.s3.format.json.JsonFormat", "", "compare",
                   about + "JsonFormat", lines),
    ]
    for case_dir in cases:
        record(case_dir, env, oracle_run)


if __name__ == "__main__":
    main()
