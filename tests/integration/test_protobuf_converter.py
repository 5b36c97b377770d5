"""ProtobufConverter end to end: records written in Confluent's wire format by a client that is not sluice
(confluent-kafka's ProtobufSerializer, which registers the .proto files, with their reference, in the testenv's
Confluent Schema Registry), read by sluice with `value.converter=io.confluent.connect.protobuf.ProtobufConverter`.

- The golden case protobuf-json (recorded from Confluent's own connector, tests/golden/make_protobuf_case.py) replays
  byte for byte: JsonFormat as Java writes ProtobufData's values (oneofs first, maps in HashMap order, Timestamps as
  epoch milliseconds, unsigned ints widened, an unknown enum number as Java names it), a nested message selected by
  a non-zero message-index path, a rotation when the record's schema changes.
- Serializer-written Orders (with a google.protobuf.Timestamp) and Shipment.Parcels (index path [1, 0]) become the
  JSON values ProtobufData gives them, and AvroFormat files that fastavro reads back with the Connect schema's names.
- Payloads that do not decode follow errors.tolerance: to the dead-letter queue with Connect's error headers, or the
  task fails naming topic, partition and offset.
"""

from __future__ import annotations

import base64
import io
import json
import re
import struct

import protobuf_messages as pm
import pytest
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from conftest import read_env_file
from sluice_process import (SluiceProcess, committed_offsets, connector_config, list_keys, read_object, wait_until,
                            worker_config)
from test_golden import test_golden_case as replay_golden_case

PROTOBUF_CONVERTER = "io.confluent.connect.protobuf.ProtobufConverter"


@pytest.fixture(scope="module")
def registry_url(testenv) -> str:
    url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL")
    if not url:
        pytest.fail(f"{testenv.env_file} lacks SCHEMA_REGISTRY_URL: rerun `scripts/testenv up`")
    return url


def converter_settings(url: str, **extra) -> dict:
    return {"value.converter": PROTOBUF_CONVERTER, "value.converter.schema.registry.url": url, **extra}


def produce(producer, topic: str, url: str, messages: list, partition: int = 0) -> None:
    """Each message through a ProtobufSerializer of its class (bytes are sent as they are)."""
    client = SchemaRegistryClient({"url": url})
    context = SerializationContext(topic, MessageField.VALUE)
    serializers: dict[type, ProtobufSerializer] = {}
    for m in messages:
        if not isinstance(m, bytes):
            serializer = serializers.setdefault(
                type(m), ProtobufSerializer(type(m), client, {"use.deprecated.format": False}))
            m = serializer(m, context)
        producer.produce(topic, value=m, partition=partition)
    assert producer.flush(30) == 0


def as_float32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


def timestamp_millis(ts) -> int:
    return ts.seconds * 1000 + ts.nanos // 1_000_000


def expected_order(o) -> dict:
    """ProtobufData's value of an Order as JsonConverter (schemas.enable=false) writes it, parsed."""
    payment = o.WhichOneof("payment")
    return {
        "payment_0": None if payment is None else {"card": o.card if payment == "card" else None,
                                                   "voucher": o.voucher if payment == "voucher" else None},
        "id": o.id, "customer": o.customer,
        "created": timestamp_millis(o.created) if o.HasField("created") else None,
        "tags": list(o.tags), "status": ["NEW", "PAID", "SHIPPED"][o.status],
        "shipping": {"street": o.shipping.street, "city": o.shipping.city} if o.HasField("shipping") else None,
        "counts": dict(o.counts), "discount": o.discount if o.HasField("discount") else None,
        "delta": o.delta, "qty": o.qty, "big": o.big - 2**64 if o.big >= 2**63 else o.big,
        "blob": base64.b64encode(o.blob).decode(), "ratio": o.ratio, "gift": o.gift,
        "lines": [{"sku": line.sku, "count": line.count} for line in o.lines],
    }


def expected_parcel(p) -> dict:
    return {"id": p.id, "weight": p.weight, "sent": timestamp_millis(p.sent) if p.HasField("sent") else None}


def test_golden_case_protobuf_json_replays_byte_for_byte(testenv, s3, make_topic, kafka_producer, kafka_consumer,
                                                         unique_name, s3_prefix, tmp_path):
    replay_golden_case("protobuf-json", testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name,
                       s3_prefix, tmp_path)


def test_serializer_records_become_json_and_avro(testenv, s3, registry_url, make_topic, kafka_producer,
                                                 kafka_consumer, unique_name, s3_prefix, tmp_path):
    import fastavro

    classes = pm.message_classes()
    orders = [pm.order(classes, i) for i in range(4)]
    parcels = [pm.parcel(classes, i) for i in range(4)]
    topic = make_topic(partitions=2)
    producer = kafka_producer()
    produce(producer, topic, registry_url, orders, partition=0)
    produce(producer, topic, registry_url, parcels, partition=1)

    for fmt in ("json", "avro"):
        name = unique_name(f"protobuf-{fmt}")
        prefix = f"{s3_prefix}{fmt}/"
        extra = {"flush.size": 4}
        if fmt == "avro":
            extra.update({"format.class": "io.confluent.connect.s3.format.avro.AvroFormat", "avro.codec": "snappy"})
        sluice = SluiceProcess(tmp_path / fmt, worker_config(testenv, **converter_settings(registry_url)),
                               connector_config(testenv, name, topic, prefix, **extra)).start()
        try:
            wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, prefix)) >= 2, 60, what="two objects")
            wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 2) == {0: 4, 1: 4}, 30,
                       what="offsets 4 and 4 committed")
        finally:
            assert sluice.stop() == 0, sluice.logs()
        keys = sorted(list_keys(s3, testenv.s3_bucket, prefix))
        assert keys == [f"{prefix}{topic}/partition={p}/{topic}+{p}+0000000000.{fmt}" for p in (0, 1)]
        if fmt == "json":
            lines = [json.loads(line) for line in read_object(s3, testenv.s3_bucket, keys[0]).decode().splitlines()]
            for got, o in zip(lines, orders, strict=True):
                want = expected_order(o)
                assert got["ratio"] == pytest.approx(as_float32(want.pop("ratio")), rel=1e-7)
                got.pop("ratio")
                assert got == want
            lines = [json.loads(line) for line in read_object(s3, testenv.s3_bucket, keys[1]).decode().splitlines()]
            assert lines == [expected_parcel(p) for p in parcels]
            continue
        with io.BytesIO(read_object(s3, testenv.s3_bucket, keys[0])) as f:
            reader = fastavro.reader(f)
            records, schema = list(reader), reader.writer_schema
        # The Connect schema's names: the message's simple name, the oneof's union struct, the version.
        assert schema["name"] == "Order" and schema["connect.version"] == 1
        assert [f["name"] for f in schema["fields"]][:3] == ["payment_0", "id", "customer"]
        payment = schema["fields"][0]["type"][1]
        assert payment["connect.name"] == "io.confluent.connect.protobuf.Union.payment"
        for got, o in zip(records, orders, strict=True):
            want = expected_order(o)
            assert got["id"] == want["id"] and got["customer"] == want["customer"]
            assert got["payment_0"] == want["payment_0"] and got["status"] == want["status"]
            assert round(got["created"].timestamp() * 1000) == want["created"]
            assert {e["key"]: e["value"] for e in got["counts"]} == want["counts"]
            assert got["big"] == want["big"] and got["qty"] == want["qty"] and got["blob"] == o.blob
        with io.BytesIO(read_object(s3, testenv.s3_bucket, keys[1])) as f:
            reader = fastavro.reader(f)
            records, schema = list(reader), reader.writer_schema
        assert schema["name"] == "Parcel"
        assert [(r["id"], r["weight"], r["sent"] is None) for r in records] == \
            [(p.id, p.weight, not p.HasField("sent")) for p in parcels]


def test_payloads_that_do_not_decode_follow_errors_tolerance(testenv, s3, registry_url, make_topic, kafka_producer,
                                                            kafka_consumer, unique_name, s3_prefix, tmp_path):
    classes = pm.message_classes()
    topic = make_topic()
    client = SchemaRegistryClient({"url": registry_url})
    good = ProtobufSerializer(classes["Order"], client, {"use.deprecated.format": False})(
        pm.order(classes, 0), SerializationContext(topic, MessageField.VALUE))
    truncated = good[:-1]  # the frame is fine, the message ends inside its last field (gift)
    records = [pm.order(classes, 1), b"not protobuf", truncated, pm.order(classes, 2)]
    produce(kafka_producer(), topic, registry_url, records)
    prefix = f"Failed to deserialize data for topic {topic} to Protobuf: "

    name = unique_name("protobuf-all")
    dlq = unique_name("dlq")
    sluice = SluiceProcess(tmp_path / "all", worker_config(testenv, **converter_settings(registry_url)),
                           connector_config(testenv, name, topic, s3_prefix + "all/", **{
                               "flush.size": 2, "errors.tolerance": "all", "errors.log.enable": "true",
                               "errors.deadletterqueue.topic.name": dlq,
                               "errors.deadletterqueue.topic.replication.factor": 1,
                               "errors.deadletterqueue.context.headers.enable": "true"})).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix + "all/"), 60, what="one object")
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == 4, 30,
                   what="offset 4 committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix + "all/")
    assert [json.loads(line)["id"] for line in read_object(s3, testenv.s3_bucket, keys[0]).decode().splitlines()] \
        == [1001, 1002]
    consumer = kafka_consumer(unique_name("dlq-reader"))
    consumer.subscribe([dlq])
    dead = []
    for _ in range(60):
        message = consumer.poll(1.0)
        if message is not None and message.error() is None:
            dead.append(message)
        if len(dead) == 2:
            break
    assert [m.value() for m in dead] == [b"not protobuf", truncated]
    headers = [{k: (v or b"").decode() for k, v in m.headers()} for m in dead]
    assert [h["__connect.errors.offset"] for h in headers] == ["1", "2"]
    assert all(h["__connect.errors.stage"] == "VALUE_CONVERTER" for h in headers)
    assert all(h["__connect.errors.class.name"] == PROTOBUF_CONVERTER for h in headers)
    assert headers[0]["__connect.errors.exception.message"].endswith(prefix + "Unknown magic byte!"), headers[0]
    schema_id = int.from_bytes(good[1:5], "big")
    assert (prefix + f"Error deserializing Protobuf message for id {schema_id}: Protocol message ended "
            in headers[1]["__connect.errors.exception.message"]), headers[1]

    name = unique_name("protobuf-none")
    failing = SluiceProcess(tmp_path / "none", worker_config(testenv, **converter_settings(registry_url)),
                            connector_config(testenv, name, topic, s3_prefix + "none/", **{"flush.size": 2}))
    code, logs = failing.run_until_failure(60)
    assert code == 1, logs
    assert prefix + "Unknown magic byte!" in logs, logs
    assert re.search(rf"topic={re.escape(topic)} partition=0 offset=1\b", logs), logs
    assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] in (1, -1001)


def test_converter_settings_are_checked_before_connecting(testenv, registry_url, unique_name, s3_prefix, tmp_path):
    """A bad ProtobufData setting and a bad use.latest.with.metadata exit 2 naming key and value."""
    bad = worker_config(testenv, **converter_settings(registry_url, **{
        "value.converter.int.for.enums": "maybe", "value.converter.use.latest.version": "true",
        "value.converter.use.latest.with.metadata": "app"}))
    code, logs = SluiceProcess(tmp_path, bad, connector_config(testenv, unique_name("protobuf-bad"), "t", s3_prefix)
                               ).run_until_failure(30)
    assert code == 2, logs
    assert "Invalid value maybe for configuration value.converter.int.for.enums" in logs, logs
    assert "Invalid value app for configuration value.converter.use.latest.with.metadata" in logs, logs
    assert "use.latest.version" not in logs.replace("use.latest.with.metadata", ""), logs
