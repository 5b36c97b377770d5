"""Keys and headers files in AvroFormat (store.kafka.keys / store.kafka.headers with keys.format.class and
headers.format.class at their default, AvroFormat), from records that confluent-kafka's AvroSerializer wrote through
the testenv's Schema Registry (key and value) with headers of several types. Every object is read back by two
independent readers, fastavro and Apache Avro's avro-tools (Java), for each codec avro.codec offers; and the three
objects of a file stay aligned, each record once, across kill -9. Byte-level agreement with Confluent's connector is
checked by the golden cases avro-keys-headers-registry and avro-keys-headers-string (test_golden.py)."""

from __future__ import annotations

import decimal
import json

import pytest
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

from avro_readers import read_both
from conftest import read_env_file
from sluice_process import (SluiceProcess, committed_offsets, connector_config, crash_and_recover, list_keys,
                            read_object, wait_until, worker_config)

AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter"
AVRO_FORMAT = "io.confluent.connect.s3.format.avro.AvroFormat"

KEY_SCHEMA = json.dumps({
    "type": "record", "name": "OrderKey", "namespace": "com.example.keys",
    "fields": [{"name": "id", "type": "long"}, {"name": "region", "type": "string"},
               {"name": "labels", "type": {"type": "map", "values": "int"}}],
})
VALUE_SCHEMA = json.dumps({
    "type": "record", "name": "Order", "namespace": "com.example.shop",
    "fields": [{"name": "id", "type": "long"},
               {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
               {"name": "note", "type": ["null", "string"], "default": None}],
})


def key_of(i: int) -> dict:
    return {"id": i, "region": ["eu", "us", "ap-южный"][i % 3], "labels": {f"l{j}": j * i for j in range(i % 4)}}


def value_of(i: int) -> dict:
    return {"id": i, "price": decimal.Decimal(f"{i}.{i % 100:02d}"), "note": None if i % 2 else f"n{i}"}


def headers_of(i: int) -> list[tuple[str, bytes]]:
    """Headers whose SimpleHeaderConverter value prints back as the same text (a string, an int, a boolean, a
    list, a map), a repeated name and a non-ASCII one: expected_headers gives what the headers file holds."""
    headers = [("trace", f"t-{i:04d}".encode()), ("attempt", str(i % 5).encode()), ("ok", b"true")]
    if i % 2:
        headers += [("list", b"[1,2,3]"), ("map", b'{"a":1}')]
    if i % 3 == 0:
        headers += [("attempt", str(-i).encode()), ("ключ", "значение".encode())]
    return headers


def expected_headers(i: int) -> list[dict]:
    return [{"key": name, "value": value.decode()} for name, value in headers_of(i)]


def registry_url(testenv) -> str:
    url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL")
    if not url:
        pytest.fail(f"{testenv.env_file} lacks SCHEMA_REGISTRY_URL: rerun `scripts/testenv up`")
    return url


def produce(producer, topic: str, url: str, count: int, partitions: int) -> None:
    client = SchemaRegistryClient({"url": url})
    key_serializer, value_serializer = AvroSerializer(client, KEY_SCHEMA), AvroSerializer(client, VALUE_SCHEMA)
    for i in range(count):
        producer.produce(topic, partition=i % partitions,
                         key=key_serializer(key_of(i), SerializationContext(topic, MessageField.KEY)),
                         value=value_serializer(value_of(i), SerializationContext(topic, MessageField.VALUE)),
                         headers=headers_of(i))
    assert producer.flush(30) == 0


@pytest.mark.parametrize("codec", ["null", "deflate", "snappy", "bzip2"])
def test_keys_and_headers_files_read_back_with_fastavro_and_avro_tools(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path, codec):
    partitions, count = 2, 24
    topic = make_topic(partitions=partitions)
    url = registry_url(testenv)
    produce(kafka_producer(), topic, url, count, partitions)
    name = unique_name(f"avro-kh-{codec}")
    worker = worker_config(testenv, **{
        "key.converter": AVRO_CONVERTER, "key.converter.schema.registry.url": url,
        "value.converter": AVRO_CONVERTER, "value.converter.schema.registry.url": url})
    # keys.format.class and headers.format.class are left at their default: AvroFormat.
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "format.class": AVRO_FORMAT, "avro.codec": codec, "flush.size": 6,
        "store.kafka.keys": "true", "store.kafka.headers": "true"})
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    per_partition = count // partitions
    try:
        wait_until(lambda: not sluice.running() or committed_offsets(
            kafka_consumer, f"connect-{name}", topic, partitions) == {p: per_partition for p in range(partitions)},
            90, what="every offset committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()

    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    values = [k for k in keys if k.endswith(".avro") and not k.endswith((".keys.avro", ".headers.avro"))]
    # flush.size=6 and 12 records per partition: two files per partition, three objects each.
    assert len(values) == 4 and len(keys) == 12, keys
    seen = []
    for value_key in values:
        base = value_key[:-len(".avro")]
        read = {view: read_both(read_object(s3, testenv.s3_bucket, base + suffix), tmp_path / f"{view}.avro")
                for view, suffix in (("value", ".avro"), ("key", ".keys.avro"), ("headers", ".headers.avro"))}
        assert {r.codec for r in read.values()} == {codec}
        assert read["key"].schema["name"] == "OrderKey" and read["key"].schema["connect.name"] == \
            "com.example.keys.OrderKey"
        assert read["headers"].schema == {
            "type": "array", "items": {"type": "record", "name": "ConnectDefault",
                                       "namespace": "io.confluent.connect.avro",
                                       "fields": [{"name": "key", "type": "string"},
                                                  {"name": "value", "type": "string"}]}}
        # Record n of the value file is record n of the keys and headers files.
        assert len(read["value"].records) == len(read["key"].records) == len(read["headers"].records) == 6
        for value, key, headers in zip(read["value"].records, read["key"].records, read["headers"].records):
            i = value["id"]
            assert value == value_of(i)
            assert key == key_of(i)
            assert headers == expected_headers(i)
            seen.append(i)
    assert sorted(seen) == list(range(count))


def test_keys_and_headers_avro_files_are_exactly_once_across_kill_dash_nine(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """Value, keys and headers objects (AvroFormat, deflate) under four SIGKILLs while records flow: every record in
    exactly one value object, and the keys and headers objects beside it hold that record's key and headers at the
    same position."""
    import io

    import fastavro

    partitions = 2
    topic = make_topic(partitions=partitions)
    name = unique_name("avro-kh-eos")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "format.class": AVRO_FORMAT, "avro.codec": "deflate", "flush.size": 40,
        "store.kafka.keys": "true", "store.kafka.headers": "true"})
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **{"consumer.session.timeout.ms": 6000}), connector)

    def extras(p: int, n: int) -> dict:
        return {"key": f"k{p}-{n}", "headers": [("n", str(n).encode()), ("p", f"part {p}".encode())]}

    produced = crash_and_recover(sluice, kafka_producer(), kafka_consumer, f"connect-{name}", topic, partitions,
                                 batches=40, per_batch=4, seed=11, extras=extras)

    def records(key: str) -> list:
        with io.BytesIO(read_object(s3, testenv.s3_bucket, key)) as f:
            return list(fastavro.reader(f))

    keys = set(list_keys(s3, testenv.s3_bucket, s3_prefix))
    seen: dict[str, int] = {}
    for key in sorted(keys):
        if key.endswith((".keys.avro", ".headers.avro")):
            continue
        base = key[:-len(".avro")]
        assert {base + ".keys.avro", base + ".headers.avro"} <= keys, base
        values, file_keys, headers = records(key), records(base + ".keys.avro"), records(base + ".headers.avro")
        assert len(values) == len(file_keys) == len(headers), base
        for value, k, h in zip(values, file_keys, headers):
            p, n = value[1:].split("-")
            assert k == f"k{p}-{n}", (base, value, k)
            assert h == [{"key": "n", "value": n}, {"key": "p", "value": f"part {p}"}], (base, value, h)
            seen[value] = seen.get(value, 0) + 1
    duplicates = {v: c for v, c in seen.items() if c > 1}
    assert not duplicates, f"{len(duplicates)} records written more than once, e.g. {list(duplicates)[:5]}"
    assert len(seen) == sum(produced.values())
    # Three objects per file, nothing left over from a killed run.
    assert len(keys) == 3 * sum(1 for k in keys if not k.endswith((".keys.avro", ".headers.avro")))
