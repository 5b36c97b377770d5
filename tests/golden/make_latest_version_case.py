"""Makes and records the golden cases avro-latest-version-json and avro-latest-version-avro (tests/golden/README.md):
AvroConverter values written by confluent-kafka's AvroSerializer with schema v1, read by Confluent's converter with
value.converter.use.latest.version=true while v2 is the subject's latest version, written as JsonFormat (byte-exact)
and AvroFormat (decoded) by Confluent's S3 sink; jsonschema-latest-version-json, the same with
JsonSchemaConverter values (confluent-kafka's JSONSerializer) and JsonFormat; protobuf-latest-version-json with
ProtobufConverter values framed by hand and JsonFormat.

    ORACLE_RUN=/path/to/run.sh "$(scripts/pyenv)/bin/python" tests/golden/make_latest_version_case.py

The schemas and records are tests/integration/latest_version_records.py's. It registers v1 and v2 (in that order)
under golden-<case>-value in the testenv's Schema Registry, serializes the records with v1 (auto.register.schemas
false: the serializer looks v1 up), writes input.jsonl, registry.json and case.json, then records the Java
connector's output with record_case.py. Needs the testenv.
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
import latest_version_records as lv  # noqa: E402
from conftest import read_env_file  # noqa: E402
from record_case import record  # noqa: E402

CASES = {
    "avro-latest-version-json": ("io.confluent.connect.s3.format.json.JsonFormat", "compare"),
    "avro-latest-version-avro": ("io.confluent.connect.s3.format.avro.AvroFormat", "oracle"),
    "jsonschema-latest-version-json": ("io.confluent.connect.s3.format.json.JsonFormat", "compare"),
    "protobuf-latest-version-json": ("io.confluent.connect.s3.format.json.JsonFormat", "compare"),
}
JSON_CASE = "jsonschema-latest-version-json"
PROTOBUF_CASE = "protobuf-latest-version-json"


def register(url: str, topic: str, kind: str, texts: tuple[str, str]) -> tuple[list[dict], object]:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient

    client = SchemaRegistryClient({"url": url})
    entries = []
    for text in texts:
        schema = Schema(text, kind)
        client.register_schema(f"{topic}-value", schema)
        registered = client.lookup_schema(f"{topic}-value", schema)
        entries.append({"field": "value", "version": registered.version, "id": registered.schema_id,
                        "schema": client.get_schema(registered.schema_id).schema_str}
                       | ({} if kind == "AVRO" else {"schemaType": kind}))
    return entries, client


def records(client, topic: str, json_schema: bool) -> list[dict]:
    from confluent_kafka.schema_registry.avro import AvroSerializer
    from confluent_kafka.schema_registry.json_schema import JSONSerializer
    from confluent_kafka.serialization import MessageField, SerializationContext

    conf = {"auto.register.schemas": False}
    serialize = JSONSerializer(lv.JSON_V1, client, conf=conf) if json_schema else AvroSerializer(client, lv.V1,
                                                                                               conf=conf)
    make = lv.doc if json_schema else lv.order
    context = SerializationContext(topic, MessageField.VALUE)
    return [{"partition": 0, "offset": i, "timestamp": 1_735_689_600_000 + i * 1000,
             "key": base64.b64encode(f"k{i}".encode()).decode(),
             "value": base64.b64encode(serialize(make(i), context)).decode(), "headers": []}
            for i in range(lv.COUNT)]


def make(case: str, env: dict[str, str], oracle_run: str) -> None:
    format_class, mode = CASES[case]
    topic = f"golden-{case}"
    case_dir = HERE / case
    case_dir.mkdir(exist_ok=True)
    json_schema, protobuf = case == JSON_CASE, case == PROTOBUF_CASE
    kind, texts, converter = (("JSON", (lv.JSON_V1, lv.JSON_V2), "io.confluent.connect.json.JsonSchemaConverter")
                              if json_schema else
                              ("PROTOBUF", (lv.PROTO_V1, lv.PROTO_V2), "io.confluent.connect.protobuf.ProtobufConverter")
                              if protobuf else
                              ("AVRO", (lv.V1, lv.V2), "io.confluent.connect.avro.AvroConverter"))
    entries, client = register(env["SCHEMA_REGISTRY_URL"], topic, kind, texts)
    (case_dir / "registry.json").write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    if protobuf:
        # Framed by hand: magic byte, v1's id, message-index path [0] (one zero byte), the v1 message.
        frame = b"\0" + entries[0]["id"].to_bytes(4, "big") + b"\0"
        lines = [{"partition": 0, "offset": i, "timestamp": 1_735_689_600_000 + i * 1000,
                  "key": base64.b64encode(f"k{i}".encode()).decode(),
                  "value": base64.b64encode(frame + lv.proto_doc(i)).decode(), "headers": []}
                 for i in range(lv.COUNT)]
    else:
        lines = records(client, topic, json_schema)
    (case_dir / "input.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (case_dir / "worker.properties").write_text(
        "bootstrap.servers=${BOOTSTRAP}\n"
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        f"value.converter={converter}\n"
        "value.converter.schema.registry.url=${SCHEMA_REGISTRY_URL}\n"
        "value.converter.use.latest.version=true\n", encoding="utf-8")
    (case_dir / "connector.properties").write_text(
        "name=${NAME}\nconnector.class=io.confluent.connect.s3.S3SinkConnector\ntasks.max=1\ntopics=${TOPIC}\n"
        "storage.class=io.confluent.connect.s3.storage.S3Storage\n"
        f"format.class={format_class}\n"
        "partitioner.class=io.confluent.connect.storage.partitioner.DefaultPartitioner\n"
        "s3.bucket.name=${BUCKET}\ns3.region=${REGION}\nstore.url=${S3_ENDPOINT}\n"
        "s3.path.style.access.enabled=true\ntopics.dir=${TOPICS_DIR}\nflush.size=4\n", encoding="utf-8")
    output = "JsonFormat" if mode == "compare" else "AvroFormat"
    if protobuf:
        description = ("ProtobufConverter values with use.latest.version=true: written with schema v1 (framed by hand), "
                       "read with v2, the subject's latest version (a field removed, so an unknown field to drop; a "
                       "field and a message added); JsonFormat, flush.size=4")
    elif json_schema:
        description = ("JsonSchemaConverter values with use.latest.version=true: written with schema v1 by "
                       "confluent-kafka's JSONSerializer, read with v2, the subject's latest version (integer widened "
                       "to number, a property added); JsonFormat, flush.size=4")
    else:
        description = ("AvroConverter values with use.latest.version=true: written with schema v1 by confluent-kafka's "
                       "AvroSerializer, read with v2, the subject's latest version (fields reordered, dropped, "
                       "renamed by alias, int/float/string promoted to long/double/bytes, an enum symbol added with "
                       "a default, a nested record reordered, new fields with int, union and record defaults); "
                       f"{output}, flush.size=4")
    (case_dir / "case.json").write_text(json.dumps({
        "case": case, "description": description,
        "mode": mode, "partitions": 1}, indent=1) + "\n", encoding="utf-8")
    if protobuf:
        # Converter 7.7.8 needs Kafka 3.7's ByteUtils in a Kafka 4 worker (see make_protobuf_case.py).
        import tempfile

        from make_protobuf_case import oracle_run_script
        with tempfile.TemporaryDirectory(prefix="protobuf-oracle-") as work:
            record(case_dir, env, str(oracle_run_script(Path(work))))
    else:
        record(case_dir, env, oracle_run)


def main() -> None:
    oracle_run = os.environ.get("ORACLE_RUN")
    if not oracle_run:
        raise SystemExit("set ORACLE_RUN to the run.sh of the Java connector (see the module docstring)")
    env = read_env_file(HERE.parents[1] / "build" / "testenv.env")
    for case in sys.argv[1:] or list(CASES):
        make(case, env, oracle_run)


if __name__ == "__main__":
    main()
