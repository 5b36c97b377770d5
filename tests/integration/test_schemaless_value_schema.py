"""sluice.value.schema.* (a sluice extension): schemaless JSON values bound to a schema the user supplies, so that
ParquetFormat and AvroFormat can write them. Records are JSON text produced by confluent-kafka (StringConverter, the
default of these tests' worker) or read by JsonConverter with schemas.enable=false; the schema is an .avsc file the
test writes, a JSON Schema file, or a subject registered in the testenv's Schema Registry. The files are read back
with pyarrow and DuckDB (Parquet) and fastavro (Avro), value for value. A record that does not fit the schema is a
data error: with errors.tolerance=all it goes to the dead-letter queue and the others are written; a bad schema
file is a configuration error (exit 2) before anything connects.
"""

from __future__ import annotations

import datetime
import decimal
import io
import json
import re

import duckdb
import fastavro
import pyarrow.parquet as pq
import pytest
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

from conftest import read_env_file
from sluice_process import (SluiceProcess, committed_offsets, connector_config, json_lines, list_keys,
                            next_message, produce_records, read_object, wait_until, worker_config)

UTC = datetime.timezone.utc

ORDER_AVSC = {
    "type": "record", "name": "Order", "namespace": "com.example",
    "fields": [
        {"name": "id", "type": "int"},
        {"name": "total", "type": "long"},
        {"name": "price", "type": "double"},
        {"name": "ratio", "type": "float"},
        {"name": "paid", "type": "boolean"},
        {"name": "note", "type": ["null", "string"], "default": None},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
        {"name": "created", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "SENT"]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": "long"}},
        {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
            {"name": "name", "type": "string"}, {"name": "vip", "type": "boolean", "default": False}]}},
    ],
}
COLUMNS = [f["name"] for f in ORDER_AVSC["fields"]]


def order(i: int) -> dict:
    """Record i as the producer writes it: epoch millis or ISO text for the timestamp, numbers or strings for the
    decimal, optional members left out, and a member the schema does not know."""
    doc = {"id": i, "total": 10_000_000_000 + i, "price": 1.5 * i, "ratio": 0.25 * i, "paid": i % 2 == 0,
           "amount": f"{i}.{i:02d}" if i % 2 else float(f"{i}.5"),
           "created": 1_700_000_000_000 + i if i % 2 else f"2024-05-0{1 + i % 9}T12:00:00.{i:03d}Z",
           "day": "2024-02-29" if i % 3 == 0 else 19_000 + i, "status": ["NEW", "SENT"][i % 2],
           "tags": [f"t{j}" for j in range(i % 3)], "attrs": {f"k{j}": j * i for j in range(i % 2 + 1)},
           "customer": {"name": f"c-{i}"} if i % 2 else {"name": f"c-{i}", "vip": True}, "unknown": [i]}
    if i % 2:
        doc["note"] = f"n{i}"
    return doc


def expected(i: int) -> dict:
    """Record i as a reader of the written file sees it."""
    doc = order(i)
    created = doc["created"]
    if isinstance(created, str):
        created = int(datetime.datetime.fromisoformat(created.replace("Z", "+00:00")).timestamp() * 1000)
    day = doc["day"]
    day = datetime.date(2024, 2, 29) if isinstance(day, str) else datetime.date(1970, 1, 1) + datetime.timedelta(day)
    return {"id": i, "total": doc["total"], "price": doc["price"], "ratio": doc["ratio"], "paid": doc["paid"],
            "note": doc.get("note"), "amount": decimal.Decimal(str(doc["amount"])).quantize(decimal.Decimal("0.01")),
            "created": datetime.datetime(1970, 1, 1, tzinfo=UTC) + datetime.timedelta(milliseconds=created),
            "day": day, "status": doc["status"], "tags": doc["tags"], "attrs": doc["attrs"],
            "customer": {"name": doc["customer"]["name"], "vip": doc["customer"].get("vip", False)}}


@pytest.fixture
def avsc(tmp_path) -> str:
    path = tmp_path / "order.avsc"
    path.write_text(json.dumps(ORDER_AVSC))
    return str(path)


def run_to_offset(tmp_path, testenv, s3, kafka_consumer, name, topic, prefix, offset, worker=None, **extra):
    sluice = SluiceProcess(tmp_path, worker or worker_config(testenv),
                           connector_config(testenv, name, topic, prefix, **extra)).start()
    try:
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == offset
                   or not sluice.running(), 90, what=f"offset {offset} committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    return sorted(list_keys(s3, testenv.s3_bucket, prefix))


def test_string_json_values_are_written_as_parquet(testenv, s3, make_topic, kafka_producer, kafka_consumer,
                                                   unique_name, s3_prefix, tmp_path, avsc):
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, json.dumps(order(i)).encode()) for i in range(6)])
    keys = run_to_offset(tmp_path, testenv, s3, kafka_consumer, unique_name("parquet"), topic, s3_prefix, 6,
                         **{"format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat",
                            "flush.size": 3, "sluice.value.schema.file": avsc})
    assert [k.rsplit("/", 1)[1] for k in keys] == [f"{topic}+0+0000000000.snappy.parquet",
                                                   f"{topic}+0+0000000003.snappy.parquet"]
    rows = []
    con = duckdb.connect()
    for n, key in enumerate(keys):
        local = tmp_path / f"{n}.parquet"
        local.write_bytes(read_object(s3, testenv.s3_bucket, key))
        table = pq.read_table(local)
        assert table.column_names == COLUMNS
        assert str(table.schema.field("amount").type) == "decimal128(9, 2)"
        assert str(table.schema.field("created").type) == "timestamp[ms, tz=UTC]"
        assert not table.schema.field("id").nullable and table.schema.field("note").nullable
        avro_schema = json.loads(pq.ParquetFile(local).metadata.metadata[b"parquet.avro.schema"])
        assert avro_schema["name"] == "Order" and avro_schema["namespace"] == "com.example"
        assert [f["name"] for f in avro_schema["fields"]] == COLUMNS
        for row in table.to_pylist():
            row["attrs"] = dict(row["attrs"])
            row["status"] = row["status"].decode() if isinstance(row["status"], bytes) else row["status"]
            rows.append(row)
        duck = con.execute("SELECT id, total, amount, epoch_ms(created), day, status, tags, customer.name, note "
                           "FROM read_parquet(?) ORDER BY id", [str(local)]).fetchall()
        want = [expected(i) for i in range(3 * n, 3 * n + 3)]
        assert duck == [(e["id"], e["total"], e["amount"], int(e["created"].timestamp() * 1000), e["day"],
                         e["status"], e["tags"], e["customer"]["name"], e["note"]) for e in want]
    assert rows == [expected(i) for i in range(6)]


def test_avro_files_and_the_dead_letter_queue(testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name,
                                              s3_prefix, tmp_path, avsc):
    topic = make_topic()
    too_big = dict(order(2), id=3_000_000_000)
    values = [json.dumps(order(0)), json.dumps(order(1)), json.dumps(too_big), "not json", json.dumps(order(4))]
    produce_records(kafka_producer(), topic, [(0, v.encode()) for v in values])
    dlq = unique_name("dlq")
    keys = run_to_offset(tmp_path, testenv, s3, kafka_consumer, unique_name("avro"), topic, s3_prefix, 5,
                         **{"format.class": "io.confluent.connect.s3.format.avro.AvroFormat", "flush.size": 3,
                            "sluice.value.schema.file": avsc, "errors.tolerance": "all",
                            "errors.deadletterqueue.topic.name": dlq,
                            "errors.deadletterqueue.topic.replication.factor": 1,
                            "errors.deadletterqueue.context.headers.enable": "true"})
    assert [k.rsplit("/", 1)[1] for k in keys] == [f"{topic}+0+0000000000.avro"]
    with io.BytesIO(read_object(s3, testenv.s3_bucket, keys[0])) as f:
        reader = fastavro.reader(f)
        records = list(reader)
        schema = reader.writer_schema
    assert schema["name"] == "com.example.Order" and [f["name"] for f in schema["fields"]] == COLUMNS
    assert records == [expected(i) for i in (0, 1, 4)]

    consumer = kafka_consumer(unique_name("dlq-reader"))
    consumer.subscribe([dlq])
    dead = [next_message(consumer, what="dead-letter record") for _ in range(2)]
    assert [m.value() for m in dead] == [values[2].encode(), b"not json"]
    headers = [{k: (v or b"").decode() for k, v in m.headers()} for m in dead]
    assert [h["__connect.errors.offset"] for h in headers] == ["2", "3"]
    assert {h["__connect.errors.stage"] for h in headers} == {"VALUE_CONVERTER"}
    message = headers[0]["__connect.errors.exception.message"]
    # The exception's own message, as Connect writes it; where the record came from is in the other headers.
    assert "topic=" not in message, message
    assert "at field 'id': expected an integer that fits INT32, got a number (3000000000)" in message, message
    assert "needs JSON text values" in headers[1]["__connect.errors.exception.message"]


def test_json_converter_schemaless_values_with_a_json_schema_file(testenv, s3, make_topic, kafka_producer,
                                                                  kafka_consumer, unique_name, s3_prefix, tmp_path):
    """JsonConverter (schemas.enable=false) maps bound to a JSON Schema; JsonFormat then writes the struct's JSON
    (fields in schema order, the decimal as base64, unknown members dropped)."""
    schema = {"type": "object", "title": "com.example.Event",
              "properties": {"id": {"type": "integer", "connect.index": 0},
                             "amount": {"type": "number", "title": "org.apache.kafka.connect.data.Decimal",
                                        "connect.type": "bytes", "connect.parameters": {"scale": "1"},
                                        "connect.index": 1},
                             "tags": {"type": "array", "items": {"type": "string"}, "connect.index": 2}},
              "required": ["id", "amount", "tags"]}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(schema))
    topic = make_topic()
    produce_records(kafka_producer(), topic,
                    [(0, json.dumps({"tags": ["a"], "amount": 2.5, "id": 7, "extra": 1}).encode())])
    worker = worker_config(testenv, **{"value.converter": "org.apache.kafka.connect.json.JsonConverter",
                                       "value.converter.schemas.enable": "false"})
    keys = run_to_offset(tmp_path / "run", testenv, s3, kafka_consumer, unique_name("jsonconv"), topic, s3_prefix,
                         1, worker=worker, **{"flush.size": 1, "sluice.value.schema.file": str(path),
                                              "sluice.value.schema.type": "json"})
    assert json_lines(s3, testenv.s3_bucket, keys[0]) == [{"id": 7, "amount": "GQ==", "tags": ["a"]}]


def test_latest_version_of_a_registry_subject(testenv, s3, make_topic, kafka_producer, kafka_consumer,
                                              unique_name, s3_prefix, tmp_path):
    url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL")
    if not url:
        pytest.fail(f"{testenv.env_file} lacks SCHEMA_REGISTRY_URL: rerun `scripts/testenv up`")
    topic = make_topic()
    subject = f"{topic}-supplied"
    client = SchemaRegistryClient({"url": url})
    client.register_schema(subject, Schema(json.dumps({"type": "record", "name": "Ping", "fields": [
        {"name": "n", "type": "int"}]}), "AVRO"))
    client.register_schema(subject, Schema(json.dumps({"type": "record", "name": "Ping", "fields": [
        {"name": "n", "type": "int"}, {"name": "s", "type": "string", "default": "x"}]}), "AVRO"))
    produce_records(kafka_producer(), topic, [(0, b'{"n": 1}'), (0, b'{"n": 2, "s": "y"}')])
    keys = run_to_offset(tmp_path, testenv, s3, kafka_consumer, unique_name("subject"), topic, s3_prefix, 2,
                         **{"format.class": "io.confluent.connect.s3.format.avro.AvroFormat", "flush.size": 2,
                            "sluice.value.schema.subject": subject, "sluice.value.schema.registry.url": url})
    with io.BytesIO(read_object(s3, testenv.s3_bucket, keys[0])) as f:
        reader = fastavro.reader(f)
        records = list(reader)
        schema = reader.writer_schema
    assert records == [{"n": 1, "s": "x"}, {"n": 2, "s": "y"}]
    assert schema["name"] == "Ping" and schema.get("connect.version") == 2, schema


def test_parquet_files_equal_those_of_avro_records_with_the_same_schema(testenv, s3, make_topic, kafka_producer,
                                                                       kafka_consumer, unique_name, s3_prefix,
                                                                       tmp_path):
    """The same records once as Avro (AvroSerializer registers ORDER_AVSC, sluice reads them with AvroConverter,
    whose Parquet files match Confluent's: tests/golden parquet-*) and once as JSON text bound to that subject:
    the Parquet files have the same parquet.avro.schema, Arrow schema and rows."""
    url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL")
    if not url:
        pytest.fail(f"{testenv.env_file} lacks SCHEMA_REGISTRY_URL: rerun `scripts/testenv up`")
    avro_topic, json_topic = make_topic(), make_topic()
    serializer = AvroSerializer(SchemaRegistryClient({"url": url}), json.dumps(ORDER_AVSC))
    context = SerializationContext(avro_topic, MessageField.VALUE)
    producer = kafka_producer()
    produce_records(producer, avro_topic, [(0, serializer(expected(i), context)) for i in range(4)])
    produce_records(producer, json_topic, [(0, json.dumps(order(i)).encode()) for i in range(4)])
    parquet = {"format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat", "flush.size": 4}
    avro_worker = worker_config(testenv, **{"value.converter": "io.confluent.connect.avro.AvroConverter",
                                            "value.converter.schema.registry.url": url})
    tables = []
    for run, topic, worker, extra in [
            ("avro", avro_topic, avro_worker, {}),
            ("json", json_topic, None, {"sluice.value.schema.subject": f"{avro_topic}-value",
                                        "sluice.value.schema.registry.url": url})]:
        keys = run_to_offset(tmp_path / run, testenv, s3, kafka_consumer, unique_name(run), topic,
                             f"{s3_prefix}{run}/", 4, worker=worker, **parquet, **extra)
        local = tmp_path / f"{run}.parquet"
        local.write_bytes(read_object(s3, testenv.s3_bucket, keys[0]))
        tables.append((pq.ParquetFile(local).metadata.metadata, pq.read_table(local)))
    (avro_meta, avro_table), (json_meta, json_table) = tables
    assert json_meta[b"parquet.avro.schema"] == avro_meta[b"parquet.avro.schema"]
    assert json_table.schema.equals(avro_table.schema, check_metadata=True)
    assert json_table.to_pylist() == avro_table.to_pylist()
    assert json.loads(json_meta[b"parquet.avro.schema"])["connect.version"] == 1


def test_a_bad_schema_file_is_a_configuration_error(testenv, make_topic, unique_name, s3_prefix, tmp_path):
    path = tmp_path / "bad.avsc"
    path.write_text('{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "integr"}]}')
    sluice = SluiceProcess(tmp_path / "run", worker_config(testenv),
                           connector_config(testenv, unique_name("bad"), make_topic(), s3_prefix,
                                            **{"format.class": "ParquetFormat",
                                               "sluice.value.schema.file": str(path)}))
    result = sluice.validate()
    assert result.returncode == 2, result.stdout + result.stderr
    assert re.search(rf"Invalid value '{re.escape(str(path))}' for configuration sluice.value.schema.file: not a "
                     r"valid Avro schema", result.stdout), result.stdout
    code, logs = sluice.run_until_failure(30)
    assert code == 2 and "sluice.value.schema.file" in logs, logs
