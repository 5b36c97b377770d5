"""Single message transforms and predicates end to end (Apache Kafka's Connect documentation, "Transformations";
KIP-66, KIP-585): every family (field, cast/timestamp, routers, headers, filter) and predicate (TimestampRouter by day
is in test_transforms_routing.py), a chain of transforms with a predicate, topic-renaming routers (the files go under the new topic; offsets commit against the consumed
partition) and a failing transform through errors.tolerance and the dead-letter queue (stage TRANSFORMATION).
Expected values are what Kafka 4.4's own transforms return for the same records (run on them with its jars)."""

from __future__ import annotations

import json
import re

from sluice_process import (SluiceProcess, committed_offsets, connector_config, list_keys, read_object, wait_until,
                            worker_config)

T = "org.apache.kafka.connect.transforms."
P = "org.apache.kafka.connect.transforms.predicates."
JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter"
JSON_FORMAT = "io.confluent.connect.s3.format.json.JsonFormat"
SCHEMALESS_JSON = {"value.converter": JSON_CONVERTER, "value.converter.schemas.enable": "false"}


def produce(producer, topic: str, records: list[dict]) -> None:
    """records: {"value": bytes|None, "key": ..., "headers": [...], "timestamp": ms} each, to partition 0."""
    for r in records:
        kwargs = {k: r[k] for k in ("key", "headers", "timestamp") if k in r}
        producer.produce(topic, value=r["value"], partition=0, **kwargs)
    assert producer.flush(30) == 0


def run_until_committed(tmp_path, worker, connector, kafka_consumer, topic, offset, name) -> str:
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == offset, 60,
                   what=f"offset {offset} committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    return sluice.logs()


def lines(s3, bucket, key) -> list:
    return [json.loads(line) for line in read_object(s3, bucket, key).decode().splitlines()]


def test_a_chain_of_three_transforms_with_a_predicate_and_a_topic_renaming_router(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    base = unique_name("orders")
    topic = make_topic(name=f"{base}-in")
    records = [{"value": json.dumps({"id": i, "card": "4111", "note": f"n{i}"}).encode(),
                "headers": [("test", b"1")] if i in (2, 4) else []} for i in range(6)]
    produce(kafka_producer(), topic, records)
    name = unique_name("chain")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 4,
        "transforms": "tag,mask,route,dropTests",
        "transforms.tag.type": T + "InsertField$Value",
        "transforms.tag.static.field": "origin", "transforms.tag.static.value": "sluice-test",
        "transforms.tag.offset.field": "offset",
        "transforms.mask.type": T + "MaskField$Value", "transforms.mask.fields": "card",
        "transforms.route.type": T + "RegexRouter",
        "transforms.route.regex": "(.*)-in", "transforms.route.replacement": "$1-out",
        "transforms.dropTests.type": T + "Filter", "transforms.dropTests.predicate": "isTest",
        "predicates": "isTest",
        "predicates.isTest.type": P + "HasHeaderKey", "predicates.isTest.name": "test",
    })
    run_until_committed(tmp_path, worker_config(testenv, **SCHEMALESS_JSON), connector, kafka_consumer, topic, 6,
                        name)
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    # The directory is the routed topic's; the file name keeps the consumed topic, partition and first offset.
    assert keys == [f"{s3_prefix}{base}-out/partition=0/{topic}+0+0000000000.json"], keys
    assert lines(s3, testenv.s3_bucket, keys[0]) == [
        {"id": i, "card": "", "note": f"n{i}", "origin": "sluice-test", "offset": i} for i in (0, 1, 3, 5)]


def test_field_cast_and_timestamp_transforms_on_records_with_schemas_and_keys_from_values(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    schema = {"type": "struct", "name": "in.Order", "optional": False, "fields": [
        {"field": "id", "type": "int32", "optional": False},
        {"field": "amt", "type": "int32", "optional": False},
        {"field": "secret", "type": "string", "optional": True},
        {"field": "ts", "type": "int64", "optional": False, "name": "org.apache.kafka.connect.data.Timestamp",
         "version": 1},
        {"field": "ship", "type": "struct", "optional": False, "fields": [
            {"field": "city", "type": "string", "optional": False},
            {"field": "zip", "type": "int32", "optional": True}]}]}
    day = 1765065600000  # 2025-12-07T00:00:00Z
    records = [{"value": json.dumps({"schema": schema, "payload": {
        "id": i, "amt": 10 + i, "secret": "s", "ts": day + i * 3600_000,
        "ship": {"city": "Oslo", "zip": None if i == 1 else 150 + i}}}).encode()} for i in range(3)]
    produce(kafka_producer(), topic, records)
    name = unique_name("fields")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 3,
        "store.kafka.keys": "true", "keys.format.class": JSON_FORMAT,
        "transforms": "drop,cast,date,flat,meta,key,keyid",
        "transforms.drop.type": T + "ReplaceField$Value",
        "transforms.drop.exclude": "secret", "transforms.drop.renames": "amt:amount",
        "transforms.cast.type": T + "Cast$Value", "transforms.cast.spec": "amount:float64",
        "transforms.date.type": T + "TimestampConverter$Value", "transforms.date.field": "ts",
        "transforms.date.target.type": "string", "transforms.date.format": "yyyy-MM-dd HH:mm",
        "transforms.flat.type": T + "Flatten$Value", "transforms.flat.delimiter": "_",
        "transforms.meta.type": T + "SetSchemaMetadata$Value", "transforms.meta.schema.name": "out.Order",
        "transforms.key.type": T + "ValueToKey", "transforms.key.fields": "id",
        "transforms.keyid.type": T + "ExtractField$Key", "transforms.keyid.field": "id",
    })
    worker = worker_config(testenv, **{"value.converter": JSON_CONVERTER, "value.converter.schemas.enable": "true"})
    run_until_committed(tmp_path, worker, connector, kafka_consumer, topic, 3, name)
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    base = f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000"
    assert keys == [base + ".json", base + ".keys.json"], keys
    assert lines(s3, testenv.s3_bucket, base + ".json") == [
        {"id": i, "amount": float(10 + i), "ts": f"2025-12-07 0{i}:00", "ship_city": "Oslo",
         "ship_zip": None if i == 1 else 150 + i} for i in range(3)]
    # The value's field order is the transformed schema's.
    first = read_object(s3, testenv.s3_bucket, base + ".json").decode().splitlines()[0]
    assert list(json.loads(first)) == ["id", "amount", "ts", "ship_city", "ship_zip"], first
    assert lines(s3, testenv.s3_bucket, base + ".keys.json") == [0, 1, 2]


def test_header_transforms_insert_drop_and_copy_headers(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    produce(kafka_producer(), topic, [
        {"value": json.dumps({"id": i, "v": "x"}).encode(), "headers": [("secret", b"pw"), ("trace", b"t%d" % i)]}
        for i in range(2)])
    name = unique_name("hdrs")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 2, "store.kafka.headers": "true", "headers.format.class": JSON_FORMAT,
        "transforms": "env,nosecret,copyid",
        "transforms.env.type": T + "InsertHeader", "transforms.env.header": "env",
        "transforms.env.value.literal": "prod",
        "transforms.nosecret.type": T + "DropHeaders", "transforms.nosecret.headers": "secret",
        "transforms.copyid.type": T + "HeaderFrom$Value", "transforms.copyid.fields": "id",
        "transforms.copyid.headers": "record_id", "transforms.copyid.operation": "move"})
    run_until_committed(tmp_path, worker_config(testenv, **SCHEMALESS_JSON), connector, kafka_consumer, topic, 2,
                        name)
    base = f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000"
    # operation=move takes the field out of the value.
    assert lines(s3, testenv.s3_bucket, base + ".json") == [{"v": "x"}, {"v": "x"}]
    headers = lines(s3, testenv.s3_bucket, base + ".headers.json")
    assert [[h["key"] for h in line["headers"]] for line in headers] == [["trace", "env", "record_id"]] * 2
    assert [line["headers"][1]["value"] for line in headers] == ["prod", "prod"]
    assert [str(line["headers"][2]["value"]) for line in headers] == ["0", "1"]


def test_predicates_tombstones_and_topic_names_with_negate(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    produce(kafka_producer(), topic, [{"value": b'{"i":0}'}, {"value": None, "key": b"gone"}, {"value": b'{"i":2}'}])
    name = unique_name("preds")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        # behavior.on.null.values defaults to fail: the tombstone must never reach the sink.
        "flush.size": 2, "transforms": "notomb,mark,never",
        "transforms.notomb.type": T + "Filter", "transforms.notomb.predicate": "tomb",
        "transforms.mark.type": T + "InsertField$Value", "transforms.mark.static.field": "seen",
        "transforms.mark.static.value": "yes", "transforms.mark.predicate": "other", "transforms.mark.negate": "true",
        "transforms.never.type": T + "InsertField$Value", "transforms.never.static.field": "wrong",
        "transforms.never.static.value": "no", "transforms.never.predicate": "other",
        "predicates": "tomb,other",
        "predicates.tomb.type": P + "RecordIsTombstone",
        "predicates.other.type": P + "TopicNameMatches", "predicates.other.pattern": "other-.*"})
    run_until_committed(tmp_path, worker_config(testenv, **SCHEMALESS_JSON), connector, kafka_consumer, topic, 3,
                        name)
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.json"], keys
    assert lines(s3, testenv.s3_bucket, keys[0]) == [{"i": 0, "seen": "yes"}, {"i": 2, "seen": "yes"}]


def test_a_failing_transform_follows_errors_tolerance_and_reaches_the_dead_letter_queue(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    produce(kafka_producer(), topic, [{"value": b'{"x":"a"}'}, {"value": b'"plain"'}, {"value": b'{"x":"c"}'}])
    dlq = unique_name("dlq")
    name = unique_name("tferr")
    extract = {"transforms": "pick", "transforms.pick.type": T + "ExtractField$Value", "transforms.pick.field": "x"}
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 2, "errors.tolerance": "all", "errors.log.enable": "true",
        "errors.deadletterqueue.topic.name": dlq, "errors.deadletterqueue.topic.replication.factor": 1,
        "errors.deadletterqueue.context.headers.enable": "true", **extract})
    logs = run_until_committed(tmp_path / "all", worker_config(testenv, **SCHEMALESS_JSON), connector,
                               kafka_consumer, topic, 3, name)
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    assert [read_object(s3, testenv.s3_bucket, k) for k in keys] == [b'"a"\n"c"\n']
    message = ("Only Map objects supported in absence of schema for [field extraction], found: "
               "java.lang.String")
    assert "Executing stage 'TRANSFORMATION' with class 'org.apache.kafka.connect.transforms.ExtractField$Value'" \
        in logs, logs
    consumer = kafka_consumer(unique_name("dlqreader"))
    consumer.subscribe([dlq])
    dead = None
    for _ in range(60):
        dead = consumer.poll(1.0)
        if dead is not None and dead.error() is None:
            break
    assert dead is not None and dead.value() == b'"plain"'
    headers = {k: (v or b"").decode() for k, v in dead.headers()}
    assert headers["__connect.errors.stage"] == "TRANSFORMATION"
    assert headers["__connect.errors.class.name"] == T + "ExtractField$Value"
    assert headers["__connect.errors.exception.class.name"] == "org.apache.kafka.connect.errors.DataException"
    assert headers["__connect.errors.exception.message"] == message
    assert headers["__connect.errors.offset"] == "1"

    # errors.tolerance=none: the task fails on that record, naming it; nothing past it is committed.
    failing = SluiceProcess(tmp_path / "none", worker_config(testenv, **SCHEMALESS_JSON), connector_config(
        testenv, unique_name("tferr-none"), topic, s3_prefix + "none/", **{"flush.size": 1, **extract}))
    code, out = failing.run_until_failure(timeout=60)
    assert code != 0
    assert re.search(rf"Tolerance exceeded in error handler \(topic={re.escape(topic)} partition=0 offset=1 "
                     r"stage=TRANSFORMATION\)", out), out
    assert message in out, out
