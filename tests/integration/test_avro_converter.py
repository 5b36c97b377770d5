"""AvroConverter end to end: records produced in Confluent's wire format by a client that is not sluice
(confluent-kafka's AvroSerializer, which registers the schema in the testenv's Confluent Schema Registry), read by
sluice with `value.converter=io.confluent.connect.avro.AvroConverter` and written as JsonFormat, which the Java
connector writes with JsonConverter (schemas.enable=false): structs as objects in field order, Decimal as base64
of the unscaled bytes, Timestamp as epoch milliseconds, enums as their symbol. Bad payloads follow errors.tolerance.
"""

from __future__ import annotations

import base64
import decimal
import io
import json
import re
import uuid

import pytest
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

from conftest import read_env_file
from sluice_process import (SluiceProcess, committed_offsets, connector_config, crash_and_recover, list_keys,
                            read_object, wait_until, worker_config)

AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter"

SCHEMA = json.dumps({
    "type": "record", "name": "Order", "namespace": "com.example.shop",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "customer", "type": "string"},
        {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "created", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "note", "type": ["null", "string"], "default": None},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}},
    ],
})


@pytest.fixture(scope="module")
def registry(testenv) -> dict[str, str]:
    values = read_env_file(testenv.env_file)
    needed = ["SCHEMA_REGISTRY_URL", "SCHEMA_REGISTRY_AUTH_URL", "SCHEMA_REGISTRY_USER_INFO"]
    missing = [k for k in needed if not values.get(k)]
    if missing:
        pytest.fail(f"{testenv.env_file} lacks {', '.join(missing)}: rerun `scripts/testenv up`")
    return {k: values[k] for k in needed}


def order(i: int) -> dict:
    return {"id": i, "customer": f"c-{i}", "price": decimal.Decimal(f"{i}.{i % 100:02d}"),
            "created": 1_700_000_000_000 + i, "tags": [f"t{i}"] * (i % 3), "note": None if i % 2 else f"n{i}",
            "status": ["NEW", "PAID", "SHIPPED"][i % 3]}


def expected_json(i: int) -> dict:
    o = order(i)
    unscaled = int(o["price"].scaleb(2))
    raw = unscaled.to_bytes((unscaled.bit_length() + 8) // 8, "big", signed=True)
    return {"id": i, "customer": o["customer"], "price": base64.b64encode(raw).decode(), "created": o["created"],
            "tags": o["tags"], "note": o["note"], "status": o["status"]}


def produce_avro(producer, topic: str, registry_conf: dict, records, partition: int = 0) -> None:
    serializer = AvroSerializer(SchemaRegistryClient(registry_conf), SCHEMA)
    context = SerializationContext(topic, MessageField.VALUE)
    for record in records:
        value = record if isinstance(record, bytes) else serializer(record, context)
        producer.produce(topic, value=value, partition=partition)
    assert producer.flush(30) == 0


@pytest.mark.parametrize("auth", [None, "USER_INFO", "SASL_INHERIT"],
                         ids=["open-registry", "basic-auth-registry", "sasl-inherit-registry"])
def test_avro_records_become_the_java_connectors_json(testenv, s3, registry, make_topic, kafka_producer,
                                                      kafka_consumer, unique_name, s3_prefix, tmp_path, auth):
    topic = make_topic()
    url = registry["SCHEMA_REGISTRY_AUTH_URL"] if auth else registry["SCHEMA_REGISTRY_URL"]
    registry_conf = {"url": url}
    converter = {"value.converter": AVRO_CONVERTER, "value.converter.schema.registry.url": url}
    if auth:
        registry_conf["basic.auth.user.info"] = registry["SCHEMA_REGISTRY_USER_INFO"]
        converter["value.converter.basic.auth.credentials.source"] = auth
    if auth == "USER_INFO":
        converter["value.converter.basic.auth.user.info"] = registry["SCHEMA_REGISTRY_USER_INFO"]
    elif auth == "SASL_INHERIT":
        # The credentials of the login module in the converter's own sasl.jaas.config.
        user, password = registry["SCHEMA_REGISTRY_USER_INFO"].split(":", 1)
        converter["value.converter.sasl.jaas.config"] = (
            "org.apache.kafka.common.security.plain.PlainLoginModule required "
            f'username="{user}" password="{password}";')
    produce_avro(kafka_producer(), topic, registry_conf, [order(i) for i in range(6)])
    name = unique_name("avro")
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **converter),
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
    # Field order is the schema's, as Connect's Struct keeps it.
    assert lines[0].startswith('{"id":0,"customer":"c-0","price":')
    assert registry["SCHEMA_REGISTRY_USER_INFO"].split(":", 1)[1] not in sluice.logs()


def test_a_payload_that_is_not_avro_follows_errors_tolerance(testenv, s3, registry, make_topic, kafka_producer,
                                                             kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    registry_conf = {"url": registry["SCHEMA_REGISTRY_URL"]}
    records = [order(0), order(1), b'{"id": 2}', order(3)]
    produce_avro(kafka_producer(), topic, registry_conf, records)
    converter = {"value.converter": AVRO_CONVERTER,
                 "value.converter.schema.registry.url": registry["SCHEMA_REGISTRY_URL"]}

    name = unique_name("avro-all")
    sluice = SluiceProcess(tmp_path / "all", worker_config(testenv, **converter),
                           connector_config(testenv, name, topic, s3_prefix + "all/", **{
                               "flush.size": 3, "errors.tolerance": "all", "errors.log.enable": "true",
                               "errors.log.include.messages": "true"})).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix + "all/"), 60, what="one object")
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == 4, 30,
                   what="offset 4 committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix + "all/")
    assert [json.loads(line)["id"] for line in read_object(s3, testenv.s3_bucket, keys[0]).decode().splitlines()] \
        == [0, 1, 3]
    assert re.search(r"Executing stage 'VALUE_CONVERTER' with class 'io\.confluent\.connect\.avro\.AvroConverter', "
                     rf"where consumed record is {{topic='{re.escape(topic)}', partition=0, offset=2, ", sluice.logs()), \
        sluice.logs()

    name = unique_name("avro-none")
    failing = SluiceProcess(tmp_path / "none", worker_config(testenv, **converter),
                            connector_config(testenv, name, topic, s3_prefix + "none/", **{"flush.size": 2}))
    code, logs = failing.run_until_failure(60)
    assert code == 1, logs
    assert "Failed to deserialize data for topic " + topic + " to Avro: Unknown magic byte!" in logs, logs
    assert re.search(rf"topic={re.escape(topic)} partition=0 offset=2\b", logs), logs
    assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] in (2, -1001)


def test_an_unreachable_registry_is_refused_at_validation_only_for_a_bad_url(testenv, unique_name, s3_prefix,
                                                                            tmp_path):
    bad = worker_config(testenv, **{"value.converter": AVRO_CONVERTER,
                                    "value.converter.schema.registry.url": "sr.example:8081"})
    code, logs = SluiceProcess(tmp_path, bad, connector_config(testenv, unique_name("avro-bad"), "t", s3_prefix)
                               ).run_until_failure(30)
    assert code == 2, logs
    assert "value.converter.schema.registry.url" in logs and "http:// or https://" in logs, logs
    missing = worker_config(testenv, **{"value.converter": AVRO_CONVERTER})
    code, logs = SluiceProcess(tmp_path / "missing", missing,
                               connector_config(testenv, unique_name("avro-missing"), "t", s3_prefix)
                               ).run_until_failure(30)
    assert code == 2, logs
    assert 'Missing required configuration "value.converter.schema.registry.url"' in logs, logs


def test_avro_in_avro_out_reads_back_with_fastavro(testenv, s3, registry, make_topic, kafka_producer, kafka_consumer,
                                                    unique_name, s3_prefix, tmp_path):
    """AvroConverter in, AvroFormat (snappy) out: fastavro reads the producer's records back, and the file's writer
    schema is AvroData's rendering of the Connect schema (connect.name on the record, connect.* on logical types),
    as the Java connector writes it."""
    import fastavro

    topic = make_topic()
    url = registry["SCHEMA_REGISTRY_URL"]
    produce_avro(kafka_producer(), topic, {"url": url}, [order(i) for i in range(4)])
    name = unique_name("avro-avro")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "format.class": "io.confluent.connect.s3.format.avro.AvroFormat", "avro.codec": "snappy", "flush.size": 4})
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **{"value.converter": AVRO_CONVERTER,
                                                               "value.converter.schema.registry.url": url}),
                           connector).start()
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
        assert reader.codec == "snappy"
    assert schema["name"] == "com.example.shop.Order" and schema["connect.name"] == "com.example.shop.Order"
    price = next(f for f in schema["fields"] if f["name"] == "price")["type"]
    assert price["connect.name"] == "org.apache.kafka.connect.data.Decimal" and price["logicalType"] == "decimal"
    for i, record in enumerate(records):
        expected = order(i)
        assert record["id"] == i and record["customer"] == expected["customer"]
        assert record["price"] == expected["price"]
        assert int(record["created"].timestamp() * 1000) == expected["created"]
        assert record["tags"] == expected["tags"] and record["note"] == expected["note"]
        # An Avro enum becomes a Connect string (AvroData without enhanced schema support), written as a string.
        assert record["status"] == expected["status"]


def test_avro_output_is_exactly_once_across_kill_dash_nine(testenv, s3, make_topic, kafka_producer, kafka_consumer,
                                                            unique_name, s3_prefix, tmp_path):
    """AvroFormat files under four SIGKILLs while records flow: every record in exactly one object (each object read
    back with fastavro). StringConverter values are optional strings, written as ["null", "string"]."""
    import fastavro

    partitions = 2
    topic = make_topic(partitions=partitions)
    name = unique_name("avro-eos")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "format.class": "io.confluent.connect.s3.format.avro.AvroFormat", "avro.codec": "deflate",
        "flush.size": 50})
    # A killed member leaves the group only when its session times out: keep that short.
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **{"consumer.session.timeout.ms": 6000}), connector)
    # 40 batches of 5 per partition: 200 per partition, a multiple of flush.size.
    produced = crash_and_recover(sluice, kafka_producer(), kafka_consumer, f"connect-{name}", topic, partitions,
                                 batches=40, per_batch=5, seed=5)
    seen: dict[str, int] = {}
    for key in list_keys(s3, testenv.s3_bucket, s3_prefix):
        assert key.endswith(".avro"), key
        with io.BytesIO(read_object(s3, testenv.s3_bucket, key)) as f:
            reader = fastavro.reader(f)
            assert reader.writer_schema == ["null", "string"] and reader.codec == "deflate", key
            for value in reader:
                seen[value] = seen.get(value, 0) + 1
    duplicates = {v: n for v, n in seen.items() if n > 1}
    assert not duplicates, f"{len(duplicates)} records written more than once, e.g. {list(duplicates)[:5]}"
    assert len(seen) == sum(produced.values())
