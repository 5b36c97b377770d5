"""sluice end to end: real Kafka in, real S3 out, read back with boto3 (spec confluent-s3-sink.md)."""

from __future__ import annotations

import json
import random
import re
import subprocess
import time

import pytest
from sluice_process import (SLUICE, SluiceProcess, committed_offsets, connector_config, crash_and_recover,
                            json_lines, list_keys, next_message, read_object, wait_until, worker_config)


def produce(producer, topic: str, values: list[tuple[int, bytes | str | None]], timestamps=None, key=None):
    for i, (partition, value) in enumerate(values):
        kwargs = {"partition": partition}
        if timestamps is not None:
            kwargs["timestamp"] = timestamps[i]
        producer.produce(topic, value=value, key=key, **kwargs)
    producer.flush(30)


def wait_for_records(s3, bucket, prefix, count, timeout=60, parse=json_lines):
    def collected():
        keys = list_keys(s3, bucket, prefix)
        total = sum(len(parse(s3, bucket, k)) for k in keys)
        return keys if total >= count else None
    return wait_until(collected, timeout, what=f"{count} records under {prefix}")


def test_msk_seed_configuration_writes_json_lines_under_time_based_keys(
        testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    """The MSK Connect configuration from the sink-core issue, unchanged but for the placeholders."""
    topic = make_topic(partitions=1)
    values = [(0, json.dumps({"id": i, "note": "caf\u00e9 \"q\""})) for i in range(2500)]
    produce(kafka_producer(), topic, values)
    connector = {
        "name": unique_name("seed"),
        "connector.class": "io.confluent.connect.s3.S3SinkConnector",
        "s3.region": testenv.aws_region,
        "partition.duration.ms": 60000,
        "flush.size": 1000,
        "schema.compatibility": "NONE",
        "timezone": "UTC",
        "tasks.max": 1,
        "topics": topic,
        "locale": "ko-KR",
        "format.class": "io.confluent.connect.s3.format.json.JsonFormat",
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "storage.class": "io.confluent.connect.s3.storage.S3Storage",
        "rotate.schedule.interval.ms": 60000,
        "s3.bucket.name": testenv.s3_bucket,
        "path.format": "YYYY/MM/dd/HH",
        "timestamp.extractor": "Wallclock",
        # placeholders of a test deployment: endpoint, credentials, a prefix of our own
        "store.url": testenv.s3_endpoint,
        "aws.access.key.id": testenv.aws_access_key_id,
        "aws.secret.access.key": testenv.aws_secret_access_key,
        "topics.dir": s3_prefix.rstrip("/"),
    }
    # The minute schedule must not cut the first 2000 records: start well before the next minute begins.
    if time.gmtime().tm_sec >= 45:
        time.sleep(61 - time.gmtime().tm_sec)
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        # flush.size cuts two files of 1000; the last 500 wait for the minute schedule.
        keys = wait_for_records(s3, testenv.s3_bucket, s3_prefix, 2000, timeout=60)
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert len(keys) >= 2
    hour = time.strftime("%Y/%m/%d/", time.gmtime())
    pattern = re.compile(re.escape(f"{s3_prefix}{topic}/{hour}") + r"\d\d/" + re.escape(topic) + r"\+0\+(\d{10})\.json$")
    starts = sorted(int(pattern.match(k).group(1)) for k in keys if pattern.match(k))
    assert starts[:2] == [0, 1000], keys
    first = read_object(s3, testenv.s3_bucket, [k for k in keys if k.endswith("+0+0000000000.json")][0])
    lines = first.decode().splitlines()
    assert len(lines) == 1000
    # StringConverter values are written as JSON string literals (spec §4.1).
    assert lines[0] == json.dumps(json.dumps({"id": 0, "note": "caf\u00e9 \"q\""}), ensure_ascii=False)
    assert "secret" not in sluice.logs().lower() or testenv.aws_secret_access_key not in sluice.logs()


def test_default_partitioner_bytearray_gzip(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix,
                                            tmp_path):
    topic = make_topic(partitions=2)
    payloads = [bytes([i % 256]) * (i % 7) + b"|%d" % i for i in range(300)]
    produce(kafka_producer(), topic, [(i % 2, p) for i, p in enumerate(payloads)])
    worker = worker_config(testenv, **{"value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter"})
    connector = connector_config(testenv, unique_name("ba"), topic, s3_prefix, **{
        "format.class": "io.confluent.connect.s3.format.bytearray.ByteArrayFormat",
        "s3.compression.type": "gzip",
        "format.bytearray.separator": "#",
        "flush.size": 50,
    })
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 6, 60, what="6 objects")
        keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert sorted(keys) == sorted(
        f"{s3_prefix}{topic}/partition={p}/{topic}+{p}+{o:010d}.bin.gz" for p in (0, 1) for o in (0, 50, 100))
    body = read_object(s3, testenv.s3_bucket, f"{s3_prefix}{topic}/partition=1/{topic}+1+0000000050.bin.gz")
    expected = b"".join(payloads[i] + b"#" for i in range(1, 300, 2)[50:100])
    assert body == expected


def test_hourly_partitioner_with_record_time_and_rotate_interval(
        testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    topic = make_topic(partitions=1)
    base = 1_700_000_000_000 - 1_700_000_000_000 % 3_600_000  # 2023-11-14T22:00Z
    stamps = [base + i * 60_000 for i in range(150)]  # 150 minutes: hours 22, 23 and 00 of the 15th
    produce(kafka_producer(), topic, [(0, f"r{i}") for i in range(150)], timestamps=stamps)
    connector = connector_config(testenv, unique_name("hourly"), topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.HourlyPartitioner",
        "timestamp.extractor": "Record",
        "locale": "en-US",
        "timezone": "UTC",
        "rotate.interval.ms": 3_600_000,
        "flush.size": 10_000,
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 2, 60, what="two hourly objects")
        keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    finally:
        assert sluice.stop() == 0, sluice.logs()
    # Record time rotation is deterministic: the hour change cuts files at offsets 0 and 120;
    # the third hour's file stays open (rotate.interval.ms needs a later record to fire).
    assert sorted(keys) == [
        f"{s3_prefix}{topic}/year=2023/month=11/day=14/hour=22/{topic}+0+0000000000.json",
        f"{s3_prefix}{topic}/year=2023/month=11/day=14/hour=23/{topic}+0+0000000060.json",
    ]
    assert json_lines(s3, testenv.s3_bucket, sorted(keys)[1]) == [f"r{i}" for i in range(60, 120)]


def test_kill_dash_nine_and_restart_gives_every_record_exactly_once(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    partitions, per_partition = 3, 4000
    topic = make_topic(partitions=partitions)
    producer = kafka_producer()
    values = [(p, f"p{p}-{i}") for i in range(per_partition) for p in range(partitions)]
    produce(producer, topic, values)
    name = unique_name("eos")
    connector = connector_config(testenv, name, topic, s3_prefix, **{"flush.size": 97})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector)
    rng = random.Random(7)
    for _ in range(4):
        sluice.start()
        time.sleep(rng.uniform(1.0, 3.0))
        sluice.kill9()
    sluice.start()
    total = partitions * per_partition
    expected_files = partitions * (per_partition // 97)
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= expected_files or None, 120,
                   what=f"{expected_files} objects")
        wait_until(lambda: all(o == (per_partition // 97) * 97 for o in committed_offsets(
            kafka_consumer, f"connect-{name}", topic, partitions).values()), 60, what="committed offsets")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    seen: dict[str, int] = {}
    for key in list_keys(s3, testenv.s3_bucket, s3_prefix):
        m = re.search(r"\+(\d+)\+(\d{10})\.json$", key)
        lines = json_lines(s3, testenv.s3_bucket, key)
        assert len(lines) == 97, key
        p, start = int(m.group(1)), int(m.group(2))
        assert lines == [f"p{p}-{i}" for i in range(start, start + 97)], key
        for line in lines:
            seen[line] = seen.get(line, 0) + 1
    assert all(n == 1 for n in seen.values())
    assert len(seen) == expected_files * 97 <= total


def test_invalid_configuration_exits_2_naming_key_value_and_allowed_values(testenv, tmp_path, unique_name,
                                                                           s3_prefix):
    connector = connector_config(testenv, unique_name("bad"), "t", s3_prefix, **{
        "s3.compression.type": "zip", "flush.size": "many"})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector)
    result = subprocess.run([str(SLUICE), "run", "--worker", str(sluice.worker_path), "--connector",
                             str(sluice.connector_path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "s3.compression.type" in result.stderr and "zip" in result.stderr and "gzip" in result.stderr
    assert "flush.size" in result.stderr and "many" in result.stderr
    assert testenv.aws_secret_access_key not in result.stderr + result.stdout


def test_missing_bucket_is_a_clear_error(testenv, tmp_path, unique_name, s3_prefix, make_topic):
    topic = make_topic()
    connector = connector_config(testenv, unique_name("nobucket"), topic, s3_prefix,
                                 **{"s3.bucket.name": "no-such-bucket-" + unique_name("b")[-8:]})
    # The connector is FAILED with the error (the process stays up for a restart over REST); the
    # SIGTERM that ends it then exits 1.
    code, logs = SluiceProcess(tmp_path, worker_config(testenv), connector).run_until_failure(timeout=60)
    assert code == 1
    assert "no-such-bucket" in logs


@pytest.mark.parametrize("group_protocol", ["classic", "consumer"])
def test_wall_clock_partitioning_and_scheduled_rotation_are_exactly_once_across_kill_dash_nine(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path, group_protocol):
    """Beyond the Java connector: Wallclock paths + rotate.schedule.interval.ms survive crashes
    without duplicates, because each rotation's cuts are recorded in the offset commit metadata
    before its objects become visible, and replayed after a restart. With the classic group protocol and with
    KIP-848's (consumer.group.protocol=consumer)."""
    partitions = 2
    topic = make_topic(partitions=partitions)
    name = unique_name("wall")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "timestamp.extractor": "Wallclock",
        "path.format": "'t'=YYYYMMddHHmmss",
        "partition.duration.ms": 2000,
        "locale": "en",
        "timezone": "UTC",
        "rotate.schedule.interval.ms": 3000,
        "flush.size": 700,
    })
    # A killed member leaves the group only when its session times out: keep that short. Under KIP-848 the
    # broker sets it (10 s in the testenv) and the client may not.
    worker = worker_config(testenv, **({"consumer.session.timeout.ms": 6000} if group_protocol == "classic"
                                       else {"consumer.group.protocol": "consumer"}))
    sluice = SluiceProcess(tmp_path, worker, connector)
    # ~100 records per partition per 100 ms for 12 s: the wall clock moves while records flow.
    produced = crash_and_recover(sluice, kafka_producer(), kafka_consumer, f"connect-{name}", topic, partitions,
                                 batches=120, per_batch=100, seed=11)
    assert "replaying" in sluice.logs(), "no restart found a recorded rotation to replay"
    seen: dict[str, int] = {}
    for key in list_keys(s3, testenv.s3_bucket, s3_prefix):
        for line in json_lines(s3, testenv.s3_bucket, key):
            seen[line] = seen.get(line, 0) + 1
    duplicates = {k: n for k, n in seen.items() if n > 1}
    assert not duplicates, f"{len(duplicates)} records written more than once, e.g. {list(duplicates)[:5]}"
    assert len(seen) == sum(produced.values())


def test_preserve_key_order_keeps_the_producers_json_key_order(
        testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    doc = '{"zeta":1,"b":2,"a":3,"mid":{"y":1,"b":2}}'
    # Java's HashMap order would be zeta, a, b, mid and, inside, b, y (the default; tested with the
    # field partitioner): the option must keep the order above instead.
    produce(kafka_producer(), topic, [(0, doc)] * 2)
    worker = worker_config(testenv, **{"value.converter": "org.apache.kafka.connect.json.JsonConverter",
                                       "value.converter.schemas.enable": "false"})
    connector = connector_config(testenv, unique_name("order"), topic, s3_prefix, **{
        "flush.size": 2, "sluice.json.preserve.key.order": "true"})
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 60, what="one object")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    key = list_keys(s3, testenv.s3_bucket, s3_prefix)[0]
    assert read_object(s3, testenv.s3_bucket, key).decode() == (doc + "\n") * 2


def test_keys_headers_and_tombstone_files(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix,
                                          tmp_path):
    """store.kafka.keys/headers with JSON files next to each value file, behavior.on.null.values=write
    (spec §3.4, §4.6): the tombstone directory holds keys and headers files only."""
    topic = make_topic()
    producer = kafka_producer()
    for i, value in enumerate(["a", None, "c", "d"]):
        producer.produce(topic, key=f"k{i}", value=value, partition=0, headers=[("trace", f"t{i}")])
    producer.flush(10)
    connector = connector_config(testenv, unique_name("kh"), topic, s3_prefix, **{
        "flush.size": 4,
        "store.kafka.keys": "true", "keys.format.class": "io.confluent.connect.s3.format.json.JsonFormat",
        "store.kafka.headers": "true", "headers.format.class": "io.confluent.connect.s3.format.json.JsonFormat",
        "behavior.on.null.values": "write",
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 5, 60, what="5 objects")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    base = f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000"
    tomb = f"{s3_prefix}{topic}/tombstone/{topic}+0+0000000001"
    assert sorted(list_keys(s3, testenv.s3_bucket, s3_prefix)) == sorted([
        base + ".json", base + ".keys.json", base + ".headers.json", tomb + ".keys.json", tomb + ".headers.json"])
    assert json_lines(s3, testenv.s3_bucket, base + ".json") == ["a", "c", "d"]
    assert json_lines(s3, testenv.s3_bucket, base + ".keys.json") == ["k0", "k2", "k3"]
    assert json_lines(s3, testenv.s3_bucket, tomb + ".keys.json") == ["k1"]
    assert json_lines(s3, testenv.s3_bucket, base + ".headers.json")[1] == {"headers": [{"key": "trace", "value": "t2"}]}


def test_dead_letter_queue_gets_the_original_record_with_context_headers(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """errors.tolerance=all with a DLQ (kafka-connect.md §4): the bad record's original bytes and
    headers go to the DLQ topic with the __connect.errors.* headers; the others are written."""
    topic = make_topic()
    dlq = unique_name("dlq")
    producer = kafka_producer()
    for i, value in enumerate([b'{"a":1}', b'{"a":', b'{"a":3}']):
        producer.produce(topic, key=b"k%d" % i, value=value, partition=0, headers=[("h", b"v%d" % i)])
    producer.flush(10)
    name = unique_name("dlqsink")
    worker = worker_config(testenv, **{"value.converter": "org.apache.kafka.connect.json.JsonConverter",
                                       "value.converter.schemas.enable": "false"})
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 2, "errors.tolerance": "all",
        "errors.deadletterqueue.topic.name": dlq,
        "errors.deadletterqueue.topic.replication.factor": 1,
        "errors.deadletterqueue.context.headers.enable": "true"})
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 60, what="one object")
        consumer = kafka_consumer(unique_name("dlqreader"))
        consumer.subscribe([dlq])
        msg = next_message(consumer, what="a DLQ record")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert msg.key() == b"k1" and msg.value() == b'{"a":'
    headers = dict(msg.headers())
    assert headers["h"] == b"v1"
    assert headers["__connect.errors.topic"] == topic.encode()
    assert headers["__connect.errors.offset"] == b"1"
    assert headers["__connect.errors.stage"] == b"VALUE_CONVERTER"
    assert headers["__connect.errors.class.name"] == b"org.apache.kafka.connect.json.JsonConverter"
    assert headers["__connect.errors.connector.name"] == name.encode()
    assert headers["__connect.errors.task.id"] == b"0"
    assert headers["__connect.errors.partition"] == b"0"
    assert headers["__connect.errors.exception.class.name"] == b"org.apache.kafka.connect.errors.DataException"
    message = headers["__connect.errors.exception.message"]
    assert message and b"topic=" not in message, message
    assert headers["__connect.errors.exception.stacktrace"] == \
        b"org.apache.kafka.connect.errors.DataException: " + message
    key = list_keys(s3, testenv.s3_bucket, s3_prefix)[0]
    assert json_lines(s3, testenv.s3_bucket, key) == [{"a": 1}, {"a": 3}]
