"""Makes and records the golden case protobuf-json (tests/golden/README.md): Protobuf records in Confluent's wire
format, written by confluent-kafka's ProtobufSerializer, read by io.confluent.connect.protobuf.ProtobufConverter and
written as JsonFormat by Confluent's S3 sink.

    "$(scripts/pyenv)/bin/python" tests/golden/make_protobuf_case.py

It registers tests/integration/protobuf_messages.py's two files in the testenv's Schema Registry (address.proto under
golden-protobuf-json-address, order.proto with a reference to it under golden-protobuf-json-value), serializes the
records with the registered schema (Order: index [0]; Shipment: [1]; Shipment.Parcel, [1, 0], and one Order with
an enum number the schema does not define are framed by hand), writes input.jsonl, registry.json and case.json, then
records the Java connector's output with record_case.py.

The converter 7.7.8 calls org.apache.kafka.common.utils.ByteUtils, which Kafka 4 moved: the oracle's Kafka Connect
4.4 worker runs here with Kafka 3.7.2's ByteUtils classes (from the Maven cache the oracle's pom filled) first on its
class path; otherwise like the ORACLE_RUN script record_case.py takes. Needs the testenv and a Kafka Connect plugin
folder with Confluent's S3 sink 12.1.9 and its converters under ~/.cache/sluice/oracle/plugin (which that script
assembles on its first run).
"""

from __future__ import annotations

import base64
import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "integration"))
sys.path.insert(0, str(HERE))
import protobuf_messages as pm  # noqa: E402
from conftest import read_env_file  # noqa: E402
from record_case import record  # noqa: E402

CASE = "protobuf-json"
TOPIC = f"golden-{CASE}"
CACHE = Path(os.environ.get("SLUICE_CACHE", Path.home() / ".cache" / "sluice"))


def oracle_run_script(work: Path) -> Path:
    """A copy of the oracle's run.sh with Kafka 3.7's ByteUtils ahead of Kafka 4.4's libs."""
    clients = CACHE / "m2/org/apache/kafka/kafka-clients/3.7.2/kafka-clients-3.7.2.jar"
    jar = work / "bytebuffer-utils-3.7.2.jar"
    with zipfile.ZipFile(clients) as src, zipfile.ZipFile(jar, "w") as dst:
        for name in src.namelist():
            if name.startswith("org/apache/kafka/common/utils/ByteUtils"):
                dst.writestr(name, src.read(name))
    plugin = CACHE / "oracle/plugin"
    kafka = sorted((CACHE / "opt").glob("kafka-*"))[-1]
    script = work / "run.sh"
    script.write_text(f"""#!/usr/bin/env bash
set -euo pipefail
worker=$(mktemp); cp "$1" "$worker"
echo "plugin.path={plugin}" >> "$worker"; echo "plugin.discovery=only_scan" >> "$worker"
exec java -Xmx1g -cp "{jar}:{kafka}/libs/*" org.apache.kafka.connect.cli.ConnectStandalone "$worker" "$2"
""", encoding="utf-8")
    return script


def register(url: str) -> tuple[list[dict], object]:
    from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient
    from google.protobuf import descriptor_pb2  # noqa: F401

    client = SchemaRegistryClient({"url": url})
    address_text = base64.b64encode(pm.address_file().SerializeToString()).decode()
    order_text = base64.b64encode(pm.order_file().SerializeToString()).decode()
    entries = []
    address_subject = f"{TOPIC}-address"
    address = Schema(address_text, "PROTOBUF")
    client.register_schema(address_subject, address)
    registered = client.lookup_schema(address_subject, address)
    reference = {"name": pm.ADDRESS_FILE, "subject": "${TOPIC}-address", "version": registered.version}
    entries.append({"subject": "${TOPIC}-address", "version": registered.version, "id": registered.schema_id,
                    "schemaType": "PROTOBUF", "schema": client.get_schema(registered.schema_id).schema_str})
    order = Schema(order_text, "PROTOBUF",
                   [SchemaReference(pm.ADDRESS_FILE, address_subject, registered.version)])
    client.register_schema(f"{TOPIC}-value", order)
    registered = client.lookup_schema(f"{TOPIC}-value", order)
    entries.append({"field": "value", "version": registered.version, "id": registered.schema_id,
                    "schemaType": "PROTOBUF", "schema": client.get_schema(registered.schema_id).schema_str,
                    "references": [reference]})
    return entries, client


def records(client) -> list[dict]:
    from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
    from confluent_kafka.serialization import MessageField, SerializationContext

    classes = pm.message_classes()
    context = SerializationContext(TOPIC, MessageField.VALUE)
    conf = {"auto.register.schemas": False, "use.latest.version": True}
    serialize = {name: ProtobufSerializer(classes[name], client, conf) for name in ("Order", "Shipment")}
    out = []

    def add(partition: int, value: bytes) -> None:
        offset = sum(1 for r in out if r["partition"] == partition)
        out.append({"partition": partition, "offset": offset, "timestamp": 1_735_689_600_000 + len(out) * 1000,
                    "key": base64.b64encode(f"k{len(out)}".encode()).decode(),
                    "value": base64.b64encode(value).decode(), "headers": []})

    orders = [serialize["Order"](pm.order(classes, i), context) for i in range(11)]
    for value in orders:
        add(0, value)
    # Status 7, which Order.Status does not define: an open (proto3) enum keeps the number.
    header = orders[0][:6]  # magic byte, id, index path [0]
    add(0, header + classes["Order"](id=7).SerializeToString() + b"\x28\x07")
    # confluent-kafka's serializer finds only top-level messages in the latest schema: Shipment.Parcel is framed
    # here, with its message-index path [1, 0] as zig-zag varints (count 2, then 1 and 0).
    for i in range(3):
        add(1, orders[0][:5] + b"\x04\x02\x00" + pm.parcel(classes, i).SerializeToString())
    for i in range(6):
        add(1, serialize["Shipment"](pm.shipment(classes, i), context))
    return out


def main() -> None:
    env = read_env_file(HERE.parents[1] / "build" / "testenv.env")
    case_dir = HERE / CASE
    case_dir.mkdir(exist_ok=True)
    entries, client = register(env["SCHEMA_REGISTRY_URL"])
    (case_dir / "registry.json").write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    lines = records(client)
    (case_dir / "input.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (case_dir / "worker.properties").write_text(
        "bootstrap.servers=${BOOTSTRAP}\n"
        "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        "value.converter=io.confluent.connect.protobuf.ProtobufConverter\n"
        "value.converter.schema.registry.url=${SCHEMA_REGISTRY_URL}\n", encoding="utf-8")
    (case_dir / "connector.properties").write_text(
        "name=${NAME}\nconnector.class=io.confluent.connect.s3.S3SinkConnector\ntasks.max=1\ntopics=${TOPIC}\n"
        "storage.class=io.confluent.connect.s3.storage.S3Storage\n"
        "format.class=io.confluent.connect.s3.format.json.JsonFormat\n"
        "partitioner.class=io.confluent.connect.storage.partitioner.DefaultPartitioner\n"
        "s3.bucket.name=${BUCKET}\ns3.region=${REGION}\nstore.url=${S3_ENDPOINT}\n"
        "s3.path.style.access.enabled=true\ntopics.dir=${TOPICS_DIR}\nflush.size=6\n", encoding="utf-8")
    (case_dir / "case.json").write_text(json.dumps({
        "case": CASE,
        "description": "ProtobufConverter values from the Schema Registry (a .proto file with a reference to "
                       "another, google.protobuf.Timestamp, a oneof, a map, a proto3 optional, an enum with an "
                       "unknown number, every scalar wire type), written by confluent-kafka's ProtobufSerializer: "
                       "partition 0 twelve Orders (message index [0]), partition 1 three Shipment.Parcels ([1, 0]) "
                       "then six Shipments ([1]), a rotation by schema; JsonFormat, flush.size=6",
        "mode": "compare", "partitions": 2}, indent=1) + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="protobuf-oracle-") as work:
        record(case_dir, env, str(oracle_run_script(Path(work))))


if __name__ == "__main__":
    main()
