"""Recursive schemas end to end: records whose registry schema holds itself, written in Confluent's wire format by
confluent-kafka's serializers (not sluice), read by sluice's AvroConverter / ProtobufConverter into cyclic Connect
schemas, and written as JsonFormat and AvroFormat, read back by independent readers (json, fastavro).

- An Avro tree record (a union, an array and a map of itself, and another record that holds it) written by
  AvroSerializer: the JSON lines and the Avro records equal the produced values, and the Avro writer schema defines
  each named record once and refers to it by full name after that (as Java's AvroData writes it).
- A Protobuf message with google.protobuf.Struct, Value and ListValue fields written by ProtobufSerializer: the JSON
  lines are ProtobufData's values (each Value a kind_0 oneof struct), and avro-tools reads the Avro file.

The golden cases avro-recursive-avro, avro-recursive-json, protobuf-struct-json, protobuf-struct-avro and
jsonschema-recursive-json (recorded from Confluent's connector) are replayed by test_golden.py.
"""

from __future__ import annotations

import io
import json

import protobuf_messages as pm
import pytest
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from avro_readers import avro_tools
from conftest import read_env_file
from sluice_process import (SluiceProcess, committed_offsets, connector_config, list_keys, read_object, wait_until,
                            worker_config)

TREE = {
    "type": "record", "name": "Tree", "namespace": "com.example.rec",
    "fields": [
        {"name": "id", "type": "int"},
        {"name": "next", "type": ["null", "Tree"], "default": None},
        {"name": "children", "type": {"type": "array", "items": "Tree"}},
        {"name": "byName", "type": {"type": "map", "values": "Tree"}},
        {"name": "meta", "type": ["null", {
            "type": "record", "name": "Meta", "namespace": "com.example.other",
            "fields": [{"name": "owner", "type": ["null", "com.example.rec.Tree"], "default": None}]}],
         "default": None},
    ],
}


@pytest.fixture(scope="module")
def registry_url(testenv) -> str:
    url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL")
    if not url:
        pytest.fail(f"{testenv.env_file} lacks SCHEMA_REGISTRY_URL: rerun `scripts/testenv up`")
    return url


def tree(i: int, **fields) -> dict:
    return {"id": i, "next": None, "children": [], "byName": {}, "meta": None, **fields}


def trees() -> list[dict]:
    deep = None
    for i in reversed(range(12)):
        deep = tree(100 + i, next=deep)
    return [
        tree(1),
        deep,
        tree(2, children=[tree(3, children=[tree(4)]), tree(5, byName={"x": tree(6)})]),
        tree(7, meta={"owner": tree(8, meta={"owner": tree(9)})}, byName={"k": tree(10, next=tree(11))}),
    ]


def run_sluice(testenv, s3, kafka_consumer, unique_name, s3_prefix, tmp_path, topic, converter, fmt, count):
    name = unique_name(f"recursive-{fmt}")
    prefix = f"{s3_prefix}{fmt}/"
    extra = {"flush.size": count}
    if fmt == "avro":
        extra["format.class"] = "io.confluent.connect.s3.format.avro.AvroFormat"
    sluice = SluiceProcess(tmp_path / fmt, worker_config(testenv, **converter), connector_config(
        testenv, name, topic, prefix, **extra)).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, prefix)) >= 1, 60, what="one object")
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1) == {0: count}, 30,
                   what=f"offset {count} committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = sorted(list_keys(s3, testenv.s3_bucket, prefix))
    assert keys == [f"{prefix}{topic}/partition=0/{topic}+0+0000000000.{fmt}"]
    return read_object(s3, testenv.s3_bucket, keys[0])


def test_recursive_avro_records_become_json_and_avro(testenv, s3, registry_url, make_topic, kafka_producer,
                                                     kafka_consumer, unique_name, s3_prefix, tmp_path):
    import fastavro

    topic = make_topic(partitions=1)
    serializer = AvroSerializer(SchemaRegistryClient({"url": registry_url}), json.dumps(TREE))
    producer = kafka_producer()
    values = trees()
    for v in values:
        producer.produce(topic, value=serializer(v, SerializationContext(topic, MessageField.VALUE)), partition=0)
    assert producer.flush(30) == 0
    converter = {"value.converter": "io.confluent.connect.avro.AvroConverter",
                 "value.converter.schema.registry.url": registry_url}

    body = run_sluice(testenv, s3, kafka_consumer, unique_name, s3_prefix, tmp_path, topic, converter, "json",
                      len(values))
    assert [json.loads(line) for line in body.decode().splitlines()] == values

    body = run_sluice(testenv, s3, kafka_consumer, unique_name, s3_prefix, tmp_path, topic, converter, "avro",
                      len(values))
    reader = fastavro.reader(io.BytesIO(body))
    assert list(reader) == values
    text = json.dumps(reader.writer_schema)
    # Each record is defined once; its recursive uses are its full name.
    assert text.count('"type": "record"') == 2
    fields = {f["name"]: f["type"] for f in reader.writer_schema["fields"]}
    assert fields["next"] == ["null", "com.example.rec.Tree"]
    assert fields["children"]["items"] == "com.example.rec.Tree"
    assert fields["byName"]["values"] == "com.example.rec.Tree"
    assert fields["meta"][1]["fields"][0]["type"] == ["null", "com.example.rec.Tree"]


def test_protobuf_struct_fields_become_json_and_avro(testenv, s3, registry_url, make_topic, kafka_producer,
                                                     kafka_consumer, unique_name, s3_prefix, tmp_path):
    import fastavro

    cls = pm.doc_class()
    docs = pm.sample_docs(cls)
    topic = make_topic(partitions=1)
    serializer = ProtobufSerializer(cls, SchemaRegistryClient({"url": registry_url}),
                                    {"use.deprecated.format": False})
    producer = kafka_producer()
    for d in docs:
        producer.produce(topic, value=serializer(d, SerializationContext(topic, MessageField.VALUE)), partition=0)
    assert producer.flush(30) == 0
    converter = {"value.converter": "io.confluent.connect.protobuf.ProtobufConverter",
                 "value.converter.schema.registry.url": registry_url}

    body = run_sluice(testenv, s3, kafka_consumer, unique_name, s3_prefix, tmp_path, topic, converter, "json",
                      len(docs))
    expected = [{"id": d.id,
                 "attrs": pm.struct_as_connect_json(d.attrs) if d.HasField("attrs") else None,
                 "any": pm.value_as_connect_json(d.any) if d.HasField("any") else None,
                 "items": pm.list_as_connect_json(d.items) if d.HasField("items") else None} for d in docs]
    assert [json.loads(line) for line in body.decode().splitlines()] == expected

    body = run_sluice(testenv, s3, kafka_consumer, unique_name, s3_prefix, tmp_path, topic, converter, "avro",
                      len(docs))
    # Read with Apache Avro's own tools: the schema refers to the namespace-less record Struct from inside the
    # namespace io.confluent.connect.protobuf.Union (as Java's Schema.toString writes it), which Java's parser
    # resolves by its fallback to the null namespace and fastavro does not.
    path = tmp_path / "struct.avro"
    path.write_bytes(body)
    schema = json.loads(avro_tools("getschema", str(path)))
    text = json.dumps(schema)
    assert text.count('"name": "Struct"') == 1 and text.count('"name": "Value"') == 1
    records = [json.loads(line) for line in avro_tools("tojson", str(path)).splitlines()]
    assert [r["id"] for r in records] == [{"string": d.id} for d in docs]
    # The nested list of the "value-only" Doc (Avro's JSON encoding: a union branch is {type: value}).
    top = records[3]["any"]["Value"]["kind_0"]["io.confluent.connect.protobuf.Union.kind"]
    inner = top["list_value"]["ListValue"]["values"]["array"][1]["Value"]["kind_0"]["io.confluent.connect.protobuf.Union.kind"]
    two = inner["list_value"]["ListValue"]["values"]["array"][0]["Value"]["kind_0"]["io.confluent.connect.protobuf.Union.kind"]
    assert two["number_value"] == {"double": 2.0}
