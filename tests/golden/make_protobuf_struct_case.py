"""Makes and records the golden cases protobuf-struct-json and protobuf-struct-avro (tests/golden/README.md): Protobuf
records whose message has google.protobuf.Struct, Value and ListValue fields (recursive messages: a cyclic Connect
schema), written by confluent-kafka's ProtobufSerializer, read by io.confluent.connect.protobuf.ProtobufConverter
and written as JsonFormat and as AvroFormat by Confluent's S3 sink.

    "$(scripts/pyenv)/bin/python" tests/golden/make_protobuf_struct_case.py [CASE...]

It registers doc.proto (package sluice.test, message Doc; imports google/protobuf/struct.proto, which the registry
knows) under golden-protobuf-struct-json-value, serializes the records with the registered schema, writes
input.jsonl, registry.json and case.json of each case, then records the Java connector's output with record_case.py, run as
make_protobuf_case.py runs it (Kafka 3.7's ByteUtils first on the class path).
"""

from __future__ import annotations

import base64
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "integration"))
sys.path.insert(0, str(HERE))
import protobuf_messages as pm  # noqa: E402
from conftest import read_env_file  # noqa: E402
from make_protobuf_case import oracle_run_script  # noqa: E402
from record_case import record  # noqa: E402

CASE = "protobuf-struct-json"
TOPIC = f"golden-{CASE}"
DOC_PROTO = """syntax = "proto3";
package sluice.test;

import "google/protobuf/struct.proto";

message Doc {
  string id = 1;
  .google.protobuf.Struct attrs = 2;
  .google.protobuf.Value any = 3;
  .google.protobuf.ListValue items = 4;
}
"""


def write_case(case: str, format_class: str, mode: str, registry: list, lines: list[dict]) -> Path:
    case_dir = HERE / case
    case_dir.mkdir(exist_ok=True)
    (case_dir / "registry.json").write_text(json.dumps(registry, indent=1) + "\n", encoding="utf-8")
    (case_dir / "input.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (case_dir / "worker.properties").write_text(
        "bootstrap.servers=${BOOTSTRAP}\n"
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        "value.converter=io.confluent.connect.protobuf.ProtobufConverter\n"
        "value.converter.schema.registry.url=${SCHEMA_REGISTRY_URL}\n", encoding="utf-8")
    (case_dir / "connector.properties").write_text(
        "name=${NAME}\nconnector.class=io.confluent.connect.s3.S3SinkConnector\ntasks.max=1\ntopics=${TOPIC}\n"
        "storage.class=io.confluent.connect.s3.storage.S3Storage\n"
        f"format.class={format_class}\n"
        "partitioner.class=io.confluent.connect.storage.partitioner.DefaultPartitioner\n"
        "s3.bucket.name=${BUCKET}\ns3.region=${REGION}\nstore.url=${S3_ENDPOINT}\n"
        "s3.path.style.access.enabled=true\ntopics.dir=${TOPICS_DIR}\nflush.size=3\n", encoding="utf-8")
    (case_dir / "case.json").write_text(json.dumps({
        "case": case,
        "description": "ProtobufConverter values of a message with google.protobuf.Struct, Value and ListValue "
                       "fields (recursive messages), written by confluent-kafka's ProtobufSerializer: empty, flat "
                       "and nested structs, lists of lists, a Value of each kind; "
                       f"{format_class.rsplit('.', 1)[-1]}, flush.size=3",
        "mode": mode, "partitions": 1}, indent=1) + "\n", encoding="utf-8")
    return case_dir


def main() -> None:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
    from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
    from confluent_kafka.serialization import MessageField, SerializationContext

    env = read_env_file(HERE.parents[1] / "build" / "testenv.env")
    client = SchemaRegistryClient({"url": env["SCHEMA_REGISTRY_URL"]})
    subject = f"{TOPIC}-value"
    client.register_schema(subject, Schema(DOC_PROTO, "PROTOBUF"))
    registered = client.lookup_schema(subject, Schema(DOC_PROTO, "PROTOBUF"))
    registry = [{"field": "value", "version": registered.version, "id": registered.schema_id,
                 "schemaType": "PROTOBUF", "schema": client.get_schema(registered.schema_id).schema_str}]
    cls = pm.doc_class()
    serialize = ProtobufSerializer(cls, client, {"auto.register.schemas": False, "use.latest.version": True})
    context = SerializationContext(TOPIC, MessageField.VALUE)
    lines = []
    for i, d in enumerate(pm.sample_docs(cls)):
        lines.append({"partition": 0, "offset": i, "timestamp": 1_735_689_600_000 + i * 1000,
                      "key": base64.b64encode(f"k{i}".encode()).decode(),
                      "value": base64.b64encode(serialize(d, context)).decode(), "headers": []})
    cases = sys.argv[1:] or [CASE, "protobuf-struct-avro"]
    formats = {CASE: ("io.confluent.connect.s3.format.json.JsonFormat", "compare"),
               "protobuf-struct-avro": ("io.confluent.connect.s3.format.avro.AvroFormat", "oracle")}
    with tempfile.TemporaryDirectory(prefix="protobuf-oracle-") as work:
        run = str(oracle_run_script(Path(work)))
        for case in cases:
            record(write_case(case, *formats[case], registry, lines), env, run)


if __name__ == "__main__":
    main()
