"""JsonSchemaConverter end to end: records produced in Confluent's wire format by a client that is not sluice
(confluent-kafka's JSONSerializer, which registers the JSON Schema, and the schema it references, in the testenv's
Confluent Schema Registry), read by sluice with `value.converter=io.confluent.connect.json.JsonSchemaConverter`
and written as JsonFormat (JsonConverter with schemas.enable=false in the Java connector: structs as objects in
field order, Decimal as base64 of the unscaled bytes, Timestamp as epoch milliseconds) and as AvroFormat (read back
with fastavro). Bad payloads follow errors.tolerance, with the dead-letter queue. The byte-exact comparison with
the Java connector is the golden case tests/golden/jsonschema-registry-json (test_golden.py).
"""

from __future__ import annotations

import base64
import decimal
import io
import json
import re

import pytest
from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient
from confluent_kafka.schema_registry.json_schema import JSONSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

from conftest import read_env_file
from sluice_process import (SluiceProcess, committed_offsets, connector_config, list_keys, read_object,
                            wait_until, worker_config)

JSON_SCHEMA_CONVERTER = "io.confluent.connect.json.JsonSchemaConverter"

CUSTOMER_SCHEMA = json.dumps({
    "$schema": "http://json-schema.org/draft-07/schema#", "title": "com.example.Customer", "type": "object",
    "properties": {"name": {"type": "string"}, "vip": {"type": "boolean"}}, "required": ["name", "vip"],
})

SHIPMENT_SCHEMA = json.dumps({
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "com.example.Shipment",
    "type": "object",
    "properties": {
        "id": {"type": "integer", "connect.index": 0},
        "customer": {"$ref": "customer.json", "connect.index": 1},
        "amount": {"type": "number", "title": "org.apache.kafka.connect.data.Decimal", "connect.type": "bytes",
                   "connect.parameters": {"scale": "2"}, "connect.index": 2},
        "created": {"type": "integer", "title": "org.apache.kafka.connect.data.Timestamp", "connect.type": "int64",
                    "connect.index": 3},
        "weight": {"type": "number", "connect.type": "float32", "connect.index": 4},
        "tags": {"type": "array", "items": {"type": "string"}, "connect.index": 5},
        "note": {"oneOf": [{"type": "null"}, {"type": "string"}], "connect.index": 6},
        "status": {"type": "string", "enum": ["NEW", "SENT"], "connect.index": 7},
    },
    "required": ["id", "customer", "amount", "created", "weight", "tags", "status"],
})


@pytest.fixture(scope="module")
def registry_url(testenv) -> str:
    url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL")
    if not url:
        pytest.fail(f"{testenv.env_file} lacks SCHEMA_REGISTRY_URL: rerun `scripts/testenv up`")
    return url


def shipment(i: int) -> dict:
    record = {"id": i, "customer": {"name": f"c-{i}", "vip": i % 2 == 0},
              "amount": float(f"{i + 1}.{11 + i:02d}"), "created": 1_700_000_000_000 + i,
              "weight": [0.5, 1.25, 3.0, 0.125][i % 4], "tags": [f"t{j}" for j in range(i % 3)],
              "status": ["NEW", "SENT"][i % 2]}
    if i % 2:
        record["note"] = f"n{i}"
    return record


def expected_json(i: int) -> dict:
    s = shipment(i)
    unscaled = int(decimal.Decimal(repr(s["amount"])).scaleb(2))
    raw = unscaled.to_bytes((unscaled.bit_length() + 8) // 8, "big", signed=True)
    return {"id": i, "customer": s["customer"], "amount": base64.b64encode(raw).decode(), "created": s["created"],
            "weight": s["weight"], "tags": s["tags"], "note": s.get("note"), "status": s["status"]}


def produce_shipments(producer, topic: str, url: str, records) -> None:
    """Registers the customer schema under its own subject, then serializes with a schema that references it."""
    client = SchemaRegistryClient({"url": url})
    customer_subject = f"{topic}-customer"
    client.register_schema(customer_subject, Schema(CUSTOMER_SCHEMA, "JSON"))
    schema = Schema(SHIPMENT_SCHEMA, "JSON", [SchemaReference("customer.json", customer_subject, 1)])
    serializer = JSONSerializer(schema, client, conf={"auto.register.schemas": True})
    context = SerializationContext(topic, MessageField.VALUE)
    for record in records:
        value = record if isinstance(record, bytes) else serializer(record, context)
        producer.produce(topic, value=value, partition=0)
    assert producer.flush(30) == 0


def converter_settings(url: str, **extra) -> dict:
    return {"value.converter": JSON_SCHEMA_CONVERTER, "value.converter.schema.registry.url": url, **extra}


def test_json_schema_records_become_the_java_connectors_json(testenv, s3, registry_url, make_topic, kafka_producer,
                                                             kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    produce_shipments(kafka_producer(), topic, registry_url, [shipment(i) for i in range(6)])
    name = unique_name("jsonschema")
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **converter_settings(registry_url)),
                           connector_config(testenv, name, topic, s3_prefix, **{"flush.size": 3})).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 2, 60, what="two objects")
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == 6, 30,
                   what="offset 6 committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+{o:010d}.json" for o in (0, 3)]
    lines = [line for key in keys for line in read_object(s3, testenv.s3_bucket, key).decode().splitlines()]
    assert [json.loads(line) for line in lines] == [expected_json(i) for i in range(6)]
    # connect.index orders the fields; the referenced schema's properties come in java.util.HashMap order.
    assert lines[1].startswith('{"id":1,"customer":{"name":"c-1","vip":false},"amount":'), lines[1]


def test_json_schema_in_avro_out_reads_back_with_fastavro(testenv, s3, registry_url, make_topic, kafka_producer,
                                                          unique_name, s3_prefix, tmp_path):
    import fastavro

    topic = make_topic()
    produce_shipments(kafka_producer(), topic, registry_url, [shipment(i) for i in range(4)])
    name = unique_name("jsonschema-avro")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "format.class": "io.confluent.connect.s3.format.avro.AvroFormat", "flush.size": 4})
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **converter_settings(registry_url)), connector).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 60, what="one object")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.avro"]
    with io.BytesIO(read_object(s3, testenv.s3_bucket, keys[0])) as f:
        reader = fastavro.reader(f)
        records = list(reader)
        schema = reader.writer_schema
    assert schema["name"] == "com.example.Shipment" and schema["connect.version"] == 1
    assert [f["name"] for f in schema["fields"]] == ["id", "customer", "amount", "created", "weight", "tags",
                                                     "note", "status"]
    for i, record in enumerate(records):
        expected = shipment(i)
        assert record["id"] == i and record["customer"] == expected["customer"]
        assert record["amount"] == decimal.Decimal(repr(expected["amount"]))
        assert int(record["created"].timestamp() * 1000) == expected["created"]
        assert record["weight"] == expected["weight"] and record["tags"] == expected["tags"]
        assert record["note"] == expected.get("note") and record["status"] == expected["status"]


def test_payloads_that_do_not_decode_follow_errors_tolerance(testenv, s3, registry_url, make_topic, kafka_producer,
                                                            kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    records = [shipment(0), shipment(1), b'{"id": 2}', shipment(3)]
    produce_shipments(kafka_producer(), topic, registry_url, records)
    settings = converter_settings(registry_url)
    prefix = "Converting byte[] to Kafka Connect data failed due to serialization error of topic " + topic + ": "

    name = unique_name("jsonschema-all")
    dlq = unique_name("dlq")
    sluice = SluiceProcess(tmp_path / "all", worker_config(testenv, **settings),
                           connector_config(testenv, name, topic, s3_prefix + "all/", **{
                               "flush.size": 3, "errors.tolerance": "all", "errors.log.enable": "true",
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
        == [0, 1, 3]
    consumer = kafka_consumer(unique_name("dlq-reader"))
    consumer.subscribe([dlq])
    message = None
    for _ in range(30):
        message = consumer.poll(1.0)
        if message is not None and message.error() is None:
            break
    assert message is not None and message.error() is None, "nothing in the dead-letter queue"
    assert message.value() == b'{"id": 2}'
    headers = {k: (v or b"").decode() for k, v in message.headers()}
    assert headers["__connect.errors.offset"] == "2" and headers["__connect.errors.stage"] == "VALUE_CONVERTER"
    assert headers["__connect.errors.class.name"] == JSON_SCHEMA_CONVERTER
    assert headers["__connect.errors.exception.message"].endswith(prefix + "Unknown magic byte!"), headers

    name = unique_name("jsonschema-none")
    failing = SluiceProcess(tmp_path / "none", worker_config(testenv, **settings),
                            connector_config(testenv, name, topic, s3_prefix + "none/", **{"flush.size": 2}))
    code, logs = failing.run_until_failure(60)
    assert code == 1, logs
    assert prefix + "Unknown magic byte!" in logs, logs
    assert re.search(rf"topic={re.escape(topic)} partition=0 offset=2\b", logs), logs


def test_fail_invalid_schema_validates_payloads(testenv, s3, registry_url, make_topic, kafka_producer, kafka_consumer,
                                                unique_name, s3_prefix, tmp_path):
    """json.fail.invalid.schema=true: a payload that does not match its schema (written with the schema's id but
    not through the validating serializer) is a data error; without it the value is converted laxly."""
    topic = make_topic()
    produce_shipments(kafka_producer(), topic, registry_url, [shipment(0)])
    client = SchemaRegistryClient({"url": registry_url})
    schema_id = client.get_latest_version(f"{topic}-value").schema_id
    bad = dict(expected_json(1), amount=1.11, weight="heavy")
    del bad["note"]
    produce_shipments(kafka_producer(), topic, registry_url,
                      [b"\0" + schema_id.to_bytes(4, "big") + json.dumps(bad).encode(), shipment(2)])

    name = unique_name("jsonschema-validate")
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **converter_settings(
        registry_url, **{"value.converter.json.fail.invalid.schema": "true"})),
        connector_config(testenv, name, topic, s3_prefix, **{"flush.size": 2, "errors.tolerance": "all",
                                                             "errors.log.enable": "true"})).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 60, what="one object")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    assert [json.loads(line)["id"] for line in read_object(s3, testenv.s3_bucket, keys[0]).decode().splitlines()] \
        == [0, 2]
    assert "JSON does not match schema: #/weight" in sluice.logs(), sluice.logs()
