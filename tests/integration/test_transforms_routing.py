"""The routing and header transforms and the predicates end to end, against the real broker and
S3 server: a chain renames the topic, adds and drops headers and filters tombstones (Kafka
Connect's RegexRouter, InsertHeader, DropHeaders, Filter with RecordIsTombstone and
TopicNameMatches), and the filtered record's offset still commits."""
from __future__ import annotations

from sluice_process import (SluiceProcess, committed_offsets, connector_config, json_lines, list_keys,
                            wait_until, worker_config)


def test_router_header_transforms_and_tombstone_filter(testenv, s3, make_topic, kafka_producer,
                                                        kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    producer = kafka_producer()
    for i, value in enumerate(["a", None, "c", "d"]):
        producer.produce(topic, value=value, partition=0, headers=[("trace", f"t{i}"), ("secret", "s")])
    assert producer.flush(10) == 0
    name = unique_name("smt")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 3,
        "store.kafka.headers": "true", "headers.format.class": "io.confluent.connect.s3.format.json.JsonFormat",
        "transforms": "route,tag,drop,dropTomb",
        "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
        "transforms.route.regex": "(.*)",
        "transforms.route.replacement": "$1-routed",
        "transforms.tag.type": "InsertHeader",
        "transforms.tag.header": "source",
        "transforms.tag.value.literal": "42",
        # Runs only on the renamed topic, so the predicate sees the router's output.
        "transforms.tag.predicate": "isRouted",
        "transforms.drop.type": "DropHeaders",
        "transforms.drop.headers": "secret",
        "transforms.dropTomb.type": "Filter",
        "transforms.dropTomb.predicate": "isTomb",
        "predicates": "isTomb,isRouted",
        "predicates.isTomb.type": "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone",
        "predicates.isRouted.type": "TopicNameMatches",
        "predicates.isRouted.pattern": ".*-routed",
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 2, 60, what="2 objects")
        # The tombstone was filtered out, yet its offset commits with the others (Connect commits
        # the offsets of records a transform dropped).
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1) == {0: 4}, 60,
                   what="offset 4 committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert len(keys) == 2, keys
    assert all(k.startswith(f"{s3_prefix}{topic}-routed/partition=0/") for k in keys), keys
    values = [k for k in keys if not k.endswith(".headers.json")]
    headers = [k for k in keys if k.endswith(".headers.json")]
    assert json_lines(s3, testenv.s3_bucket, values[0]) == ["a", "c", "d"]
    header_rows = json_lines(s3, testenv.s3_bucket, headers[0])
    # DropHeaders removed "secret"; InsertHeader appended "source" after the record's own headers.
    assert [[h["key"] for h in row["headers"]] for row in header_rows] == [["trace", "source"]] * 3
    assert [row["headers"][0]["value"] for row in header_rows] == ["t0", "t2", "t3"]


def test_timestamp_router_routes_by_record_day(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix,
                                               tmp_path):
    topic = make_topic()
    producer = kafka_producer()
    # 2023-11-14T22:13:20.123Z twice, then a day later (TimestampRouter formats in UTC).
    for value, timestamp in [("a", 1700000000123), ("b", 1700000000124), ("c", 1700086400123)]:
        producer.produce(topic, value=value, partition=0, timestamp=timestamp)
    assert producer.flush(10) == 0
    connector = connector_config(testenv, unique_name("tsr"), topic, s3_prefix, **{
        "flush.size": 1,
        "transforms": "byDay",
        "transforms.byDay.type": "TimestampRouter",
        "transforms.byDay.topic.format": "${topic}_${timestamp}",
        "transforms.byDay.timestamp.format": "yyyyMMdd",
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 3, 60, what="3 objects")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    by_dir: dict[str, list[object]] = {}
    for key in sorted(list_keys(s3, testenv.s3_bucket, s3_prefix)):
        directory = key[len(s3_prefix):].split("/")[0]
        by_dir.setdefault(directory, []).extend(json_lines(s3, testenv.s3_bucket, key))
    assert by_dir == {f"{topic}_20231114": ["a", "b"], f"{topic}_20231115": ["c"]}
