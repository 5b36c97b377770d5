"""The field transforms end to end, against the real broker and S3 server: a chain of MaskField (under a
HasHeaderKey predicate), Cast, ValueToKey and Flatten on schemaless JSON values, with the keys stored, and a
record the chain cannot transform (ValueToKey on a tombstone) going to the dead-letter queue under
errors.tolerance=all with stage TRANSFORMATION, its offset committed with the others. The byte-exact output
of longer chains is checked against Confluent's connector by the golden cases transforms-*."""
from __future__ import annotations

import json

from sluice_process import (SluiceProcess, committed_offsets, connector_config, json_lines, list_keys,
                            wait_until, worker_config)

VALUE_TO_KEY = "org.apache.kafka.connect.transforms.ValueToKey"


def test_field_transform_chain_with_predicate_and_dead_letter_queue(testenv, s3, make_topic, kafka_producer,
                                                                    kafka_consumer, unique_name, s3_prefix,
                                                                    tmp_path):
    topic = make_topic()
    producer = kafka_producer()
    records = [
        ({"id": 1, "user": {"name": "a"}, "card": "4111", "amount": 5}, [("pii", "yes")]),
        ({"id": 2, "user": {"name": "b"}, "card": "4222", "amount": 6}, []),
        (None, []),  # a tombstone: ValueToKey requires a Map value
        ({"id": 4, "user": {"name": "d"}, "card": "4444", "amount": 8}, [("pii", "yes")]),
    ]
    for i, (value, headers) in enumerate(records):
        producer.produce(topic, key=f"k{i}", value=None if value is None else json.dumps(value), partition=0,
                         headers=headers)
    assert producer.flush(10) == 0
    name = unique_name("fields")
    dlq = unique_name("dlq")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 3,
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter.schemas.enable": "false",
        "store.kafka.keys": "true", "keys.format.class": "io.confluent.connect.s3.format.json.JsonFormat",
        "errors.tolerance": "all",
        "errors.deadletterqueue.topic.name": dlq,
        "errors.deadletterqueue.topic.replication.factor": 1,
        "errors.deadletterqueue.context.headers.enable": "true",
        "transforms": "mask,cast,tokey,flat",
        "transforms.mask.type": "org.apache.kafka.connect.transforms.MaskField$Value",
        "transforms.mask.fields": "card",
        "transforms.mask.predicate": "hasPii",
        "transforms.cast.type": "org.apache.kafka.connect.transforms.Cast$Value",
        "transforms.cast.spec": "amount:string",
        "transforms.tokey.type": VALUE_TO_KEY,
        "transforms.tokey.fields": "id",
        "transforms.flat.type": "org.apache.kafka.connect.transforms.Flatten$Value",
        "transforms.flat.delimiter": "_",
        "predicates": "hasPii",
        "predicates.hasPii.type": "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
        "predicates.hasPii.name": "pii",
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 2, 60, what="2 objects")
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1) == {0: 4}, 60,
                   what="offset 4 committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    values = [k for k in keys if not k.endswith(".keys.json")]
    key_files = [k for k in keys if k.endswith(".keys.json")]
    assert len(values) == 1 and len(key_files) == 1, keys
    # MaskField ran only where the pii header is; Cast made amount a string; Flatten joined user.name.
    assert json_lines(s3, testenv.s3_bucket, values[0]) == [
        {"id": 1, "user_name": "a", "card": "", "amount": "5"},
        {"id": 2, "user_name": "b", "card": "4222", "amount": "6"},
        {"id": 4, "user_name": "d", "card": "", "amount": "8"},
    ]
    assert json_lines(s3, testenv.s3_bucket, key_files[0]) == [{"id": 1}, {"id": 2}, {"id": 4}]

    consumer = kafka_consumer(unique_name("dlq-reader"))
    consumer.subscribe([dlq])
    message = None
    for _ in range(30):
        message = consumer.poll(1.0)
        if message is not None and message.error() is None:
            break
    assert message is not None and message.error() is None, "nothing in the dead-letter queue"
    assert message.value() is None and message.key() == b"k2"
    headers = {k: (v or b"").decode() for k, v in message.headers()}
    assert headers["__connect.errors.offset"] == "2", headers
    assert headers["__connect.errors.stage"] == "TRANSFORMATION", headers
    assert headers["__connect.errors.class.name"] == VALUE_TO_KEY, headers
    assert headers["__connect.errors.exception.class.name"] == "org.apache.kafka.connect.errors.DataException"
    # Kafka's Requirements.requireMap message.
    assert headers["__connect.errors.exception.message"] == (
        "Only Map objects supported in absence of schema for [copying fields from value to key], found: null")
