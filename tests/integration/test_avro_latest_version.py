"""AvroConverter with use.latest.version=true end to end: records written with schema v1 by confluent-kafka's
AvroSerializer are read with v2, the subject's latest version in the testenv's Schema Registry, and written as
JsonFormat and AvroFormat exactly as Confluent's connector and converter 7.7.8 wrote the same records in the golden
cases avro-latest-version-json / -avro (tests/golden/make_latest_version_case.py): JSON bytes identical, Avro files
read back by fastavro with the same schema (v2 with connect.version 1, the writer's version) and the same records.
A latest schema that v1 data cannot be resolved to fails the records, which follow errors.tolerance.

Migration rules and use.latest.with.metadata are covered by unit tests only: the testenv's (community) registry
does not keep a schema's ruleSet or metadata.
"""

from __future__ import annotations

import base64
import io
import json
import urllib.request
from pathlib import Path

import fastavro
import pytest
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

import latest_version_records as lv
from conftest import read_env_file
from sluice_process import (SluiceProcess, committed_offsets, connector_config, list_keys, read_object, wait_until,
                            worker_config)

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
AVRO_FORMAT = "io.confluent.connect.s3.format.avro.AvroFormat"


@pytest.fixture(scope="module")
def registry_url(testenv) -> str:
    url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL")
    if not url:
        pytest.fail(f"{testenv.env_file} lacks SCHEMA_REGISTRY_URL: rerun `scripts/testenv up`")
    return url


def register_and_produce(producer, topic: str, url: str, latest: str) -> None:
    """Registers v1 then `latest` under <topic>-value and produces lv.COUNT records written with v1."""
    client = SchemaRegistryClient({"url": url})
    for text in (lv.V1, latest):
        client.register_schema(f"{topic}-value", Schema(text, "AVRO"))
    serialize = AvroSerializer(client, lv.V1, conf={"auto.register.schemas": False})
    context = SerializationContext(topic, MessageField.VALUE)
    for i in range(lv.COUNT):
        producer.produce(topic, key=f"k{i}".encode(), value=serialize(lv.order(i), context), partition=0)
    assert producer.flush(30) == 0


def run(testenv, s3, kafka_consumer, topic, name, prefix, tmp_path, url, **connector) -> None:
    converter = {"value.converter": "io.confluent.connect.avro.AvroConverter",
                 "value.converter.schema.registry.url": url, "value.converter.use.latest.version": "true"}
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **converter),
                           connector_config(testenv, name, topic, prefix, **{"flush.size": 4, **connector})).start()
    try:
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == lv.COUNT, 60,
                   what=f"offset {lv.COUNT} committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()


def golden_objects(case: str) -> list[Path]:
    spec = json.loads((GOLDEN / case / "case.json").read_text(encoding="utf-8"))
    return [GOLDEN / case / o["file"] for o in spec["objects"]]


def test_v1_records_read_as_the_latest_schema_are_javas_json(testenv, s3, make_topic, kafka_producer,
                                                             kafka_consumer, unique_name, s3_prefix, tmp_path,
                                                             registry_url):
    topic = make_topic()
    register_and_produce(kafka_producer(), topic, registry_url, lv.V2)
    run(testenv, s3, kafka_consumer, topic, unique_name("latest-json"), s3_prefix, tmp_path, registry_url)
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+{o:010d}.json" for o in (0, 4)]
    for key, golden in zip(keys, golden_objects("avro-latest-version-json")):
        assert read_object(s3, testenv.s3_bucket, key) == golden.read_bytes(), key
    first = json.loads(read_object(s3, testenv.s3_bucket, keys[0]).decode().splitlines()[1])
    # Spot checks of the rules, independent of the golden bytes: order and names of v2, promotions, defaults.
    assert list(first) == ["color", "id", "client", "amount", "code", "line", "tags", "qty", "extra", "address"]
    assert first["client"] == "c-1" and first["amount"] == 2.5 and first["qty"] == 1
    assert base64.b64decode(first["code"]) == "c1\u00e9".encode()
    assert first["line"] == {"count": 1000, "sku": "sku-1", "unit": "piece"}
    assert first["address"] == {"street": "unknown", "zip": "00000"}


def test_v1_records_read_as_the_latest_schema_are_javas_avro(testenv, s3, make_topic, kafka_producer,
                                                             kafka_consumer, unique_name, s3_prefix, tmp_path,
                                                             registry_url):
    topic = make_topic()
    register_and_produce(kafka_producer(), topic, registry_url, lv.V2)
    run(testenv, s3, kafka_consumer, topic, unique_name("latest-avro"), s3_prefix, tmp_path, registry_url,
        **{"format.class": AVRO_FORMAT})
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+{o:010d}.avro" for o in (0, 4)]
    for key, golden in zip(keys, golden_objects("avro-latest-version-avro")):
        ours = fastavro.reader(io.BytesIO(read_object(s3, testenv.s3_bucket, key)))
        java = fastavro.reader(io.BytesIO(golden.read_bytes()))
        assert ours.writer_schema == java.writer_schema, key
        assert ours.writer_schema["connect.version"] == 1  # the writer's version, as Java reports it
        assert list(ours) == list(java), key


def test_a_latest_schema_v1_cannot_be_resolved_to_follows_errors_tolerance(testenv, s3, make_topic, kafka_producer,
                                                                           kafka_consumer, unique_name, s3_prefix,
                                                                           tmp_path, registry_url):
    topic = make_topic()
    # A required field v1 lacks: not BACKWARD compatible, so the subject accepts anything first.
    request = urllib.request.Request(f"{registry_url}/config/{topic}-value", method="PUT",
                                     data=json.dumps({"compatibility": "NONE"}).encode(),
                                     headers={"Content-Type": "application/vnd.schemaregistry.v1+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    unresolvable = json.dumps({"type": "record", "name": "Order", "namespace": "com.example.latest",
                               "fields": [{"name": "id", "type": "long"}, {"name": "sku", "type": "string"}]})
    register_and_produce(kafka_producer(), topic, registry_url, unresolvable)

    name = unique_name("latest-bad")
    converter = {"value.converter": "io.confluent.connect.avro.AvroConverter",
                 "value.converter.schema.registry.url": registry_url, "value.converter.use.latest.version": "true"}
    sluice = SluiceProcess(tmp_path / "all", worker_config(testenv, **converter),
                           connector_config(testenv, name, topic, s3_prefix + "all/", **{
                               "flush.size": 4, "errors.tolerance": "all", "errors.log.enable": "true"})).start()
    try:
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == lv.COUNT, 60,
                   what=f"offset {lv.COUNT} committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert list_keys(s3, testenv.s3_bucket, s3_prefix + "all/") == []
    assert "Found com.example.latest.Order, expecting com.example.latest.Order, missing required field sku" \
        in sluice.logs(), sluice.logs()

    failing = SluiceProcess(tmp_path / "none", worker_config(testenv, **converter),
                            connector_config(testenv, unique_name("latest-none"), topic, s3_prefix + "none/",
                                             **{"flush.size": 4}))
    code, logs = failing.run_until_failure(60)
    assert code == 1, logs
    assert "missing required field sku" in logs, logs
