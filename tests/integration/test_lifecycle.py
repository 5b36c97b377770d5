"""Process lifecycle end to end: SIGTERM with open files, two processes sharing a group through cooperative
rebalances, and a crash during a handover with wall-clock cuts (spec confluent-s3-sink.md §5.1, §5.12, §6.6;
kafka-connect.md)."""

from __future__ import annotations

import json
import re
import time

import pytest
from sluice_process import (SluiceProcess, assert_each_record_once, committed_offsets, connector_config,
                            crash_and_recover, list_keys, multipart_uploads, produce_records, read_object, wait_until,
                            worker_config)

BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter"
BYTE_ARRAY_FORMAT = "io.confluent.connect.s3.format.bytearray.ByteArrayFormat"
PART = 5 * 1024 * 1024


def group_protocol_keys(group_protocol: str) -> dict[str, str]:
    """Worker keys for a group protocol: nothing for classic, Connect's default."""
    return {} if group_protocol == "classic" else {"consumer.group.protocol": group_protocol}


def record(i: int, size: int) -> bytes:
    head = b"r%07d:" % i
    return head + bytes([97 + i % 26]) * (size - len(head))


def test_sigterm_with_open_files_commits_only_durable_records_and_restart_writes_them_once(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """The open file has already sent a 5 MiB part (a started multipart upload) when SIGTERM arrives."""
    topic = make_topic()
    name = unique_name("term")
    size, flush = 2000, 3000  # 6 MB files: one full part + a rest
    producer = kafka_producer()
    produce_records(producer, topic, [(0, record(i, size)) for i in range(flush + 2800)])
    worker = worker_config(testenv, **{"value.converter": BYTE_ARRAY_CONVERTER})
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "format.class": BYTE_ARRAY_FORMAT,  # the default separator, a line break
        "s3.part.size": PART, "flush.size": flush})
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    first_key = f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.bin"
    second_key = f"{s3_prefix}{topic}/partition=0/{topic}+0+{flush:010d}.bin"
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 45, what="first object")
        # 2800 records (5.6 MB) are in the open file: its first part is uploaded, the upload stays open.
        uploads = wait_until(lambda: multipart_uploads(s3, testenv.s3_bucket, s3_prefix), 30, 0.2,
                             what="the open file's multipart upload")
        assert [u["Key"] for u in uploads] == [second_key]
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == flush, 15,
                   what=f"offset {flush} committed")
    finally:
        term_at = time.monotonic()
        code = sluice.stop(timeout=30)
    assert code == 0, sluice.logs()
    assert time.monotonic() - term_at < 5, "graceful shutdown took too long"
    assert list_keys(s3, testenv.s3_bucket, s3_prefix) == [first_key]
    assert multipart_uploads(s3, testenv.s3_bucket, s3_prefix) == [], "SIGTERM left an incomplete multipart upload"
    # Only the durable file's records are committed, not the 2800 of the open file.
    assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == flush

    produce_records(producer, topic, [(0, record(i, size)) for i in range(flush + 2800, 2 * flush)])
    sluice.start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) == 2, 45, what="second object")
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == 2 * flush, 15,
                   what=f"offset {2 * flush} committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert sorted(list_keys(s3, testenv.s3_bucket, s3_prefix)) == [first_key, second_key]
    for key, start in ((first_key, 0), (second_key, flush)):
        body = read_object(s3, testenv.s3_bucket, key)
        assert body == b"".join(record(i, size) + b"\n" for i in range(start, start + flush)), key
        head = s3.head_object(Bucket=testenv.s3_bucket, Key=key)
        assert head["ContentLength"] == flush * (size + 1)
        assert head["ETag"].strip('"').endswith("-2"), head["ETag"]  # 5 MiB + the rest (spec §6.3)
    assert multipart_uploads(s3, testenv.s3_bucket, s3_prefix) == []


@pytest.mark.parametrize("group_protocol", ["classic", "consumer"])
def test_two_processes_share_a_group_through_cooperative_rebalances(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path, group_protocol):
    """With the classic protocol (Connect's default; librdkafka's cooperative-sticky assignor) and with KIP-848's
    consumer protocol (consumer.group.protocol=consumer: the broker assigns, incrementally)."""
    partitions, flush = 4, 10
    topic = make_topic(partitions=partitions)
    name = unique_name("coop")
    group = f"connect-{name}"
    producer = kafka_producer()
    next_index = [0] * partitions

    def produce_round(per_partition: int) -> None:
        values = []
        for p in range(partitions):
            values += [(p, f"p{p}-{i}") for i in range(next_index[p], next_index[p] + per_partition)]
            next_index[p] += per_partition
        produce_records(producer, topic, values)

    connector = connector_config(testenv, name, topic, s3_prefix, **{"flush.size": flush})
    worker = worker_config(testenv, **group_protocol_keys(group_protocol))
    first = SluiceProcess(tmp_path / "first", worker, connector)
    second = SluiceProcess(tmp_path / "second", worker, connector)
    produce_round(30)
    first.start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 12, 30, what="12 objects")
        produce_round(25)  # leaves open files behind in the first process
        time.sleep(1)
        second.start()
        wait_until(lambda: len(re.findall(r"assigned topic=", second.logs())) >= 1, 30, 0.2,
                   what="second process assigned a partition")
        # A cooperative rebalance moves partitions without revoking the ones the first process keeps.
        produce_round(20)
        time.sleep(2)
        produce_round(15)
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 4 * 9, 30,
                   what="36 objects")
        assert first.stop(timeout=30) == 0, first.logs()
        produce_round(20)
        time.sleep(1)
        produce_round(10)  # 120 per partition: every file complete
        expected = {p: next_index[p] for p in range(partitions)}
        assert all(n == 120 for n in expected.values())
        wait_until(lambda: committed_offsets(kafka_consumer, group, topic, partitions) == expected, 60,
                   what="every partition committed at 120")
    finally:
        if first.running():
            first.stop(timeout=30)
        code = second.stop(timeout=30)
    assert code == 0, second.logs()
    assert first.proc.returncode == 0, first.logs()
    # Cooperative: while both ran, the first process gave up only the partitions the second took, and kept
    # (never re-assigned) the others; the second took the rest when the first left.
    first_running = first.logs().split("shutting down")[0]
    taken = len(re.findall(r"revoked topic=", first_running))
    assert 1 <= taken < partitions, first_running
    assert len(re.findall(r"assigned topic=", first_running)) == partitions, first_running
    second_log = second.logs().split("shutting down")[0]
    assert len(re.findall(r"assigned topic=", second_log)) == partitions, second_log
    assert "revoked topic=" not in second_log, second_log

    seen: dict[str, int] = {}
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    assert len(keys) == partitions * 120 // flush, sorted(keys)
    for key in keys:
        m = re.fullmatch(re.escape(f"{s3_prefix}{topic}/partition=") + r"(\d)/" + re.escape(topic)
                         + r"\+(\d)\+(\d{10})\.json", key)
        assert m and m.group(1) == m.group(2), key
        p, start = int(m.group(2)), int(m.group(3))
        assert start % flush == 0, key
        lines = read_object(s3, testenv.s3_bucket, key).decode().splitlines()
        assert lines == [f'"p{p}-{i}"' for i in range(start, start + flush)], key
        for line in lines:
            seen[line] = seen.get(line, 0) + 1
    assert len(seen) == partitions * 120 and set(seen.values()) == {1}


def test_consumer_protocol_member_killed_and_restarted_beside_a_steady_one_is_exactly_once(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """KIP-848: one process consumes throughout while a second joins, is killed with SIGKILL at random moments
    and rejoins, four times, as records flow. Each join and each expired session moves partitions between the
    two (incrementally, decided by the broker); every record lands in S3 exactly once."""
    partitions, flush = 4, 25
    topic = make_topic(partitions=partitions)
    name = unique_name("kip848")
    connector = connector_config(testenv, name, topic, s3_prefix, **{"flush.size": flush})
    worker = worker_config(testenv, **{"consumer.group.protocol": "consumer"})
    steady = SluiceProcess(tmp_path / "steady", worker, connector).start()
    crashing = SluiceProcess(tmp_path / "crashing", worker, connector)
    try:
        # 40 batches of 5 per partition, 100 ms apart: 200 per partition, a multiple of flush.size, so every
        # file closes on its count and the group can commit everything.
        produced = crash_and_recover(crashing, kafka_producer(), kafka_consumer, f"connect-{name}", topic,
                                     partitions, batches=40, per_batch=5, seed=23, kills=4)
    finally:
        code = steady.stop(timeout=30)
    assert code == 0, steady.logs()
    assert all(n == 200 for n in produced.values()), produced
    # Both members held partitions at some point: the joins really moved work.
    assert "assigned topic=" in crashing.logs() and "revoked topic=" in steady.logs(), steady.logs()
    assert_each_record_once(s3, testenv.s3_bucket, s3_prefix, partitions, 200, flush)


def test_scheduled_rotation_with_wallclock_paths_is_exactly_once_across_a_handover_and_a_crash(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """sluice's rotation plans (offset commit metadata) make wall-clock cuts repeatable: partitions move to a
    second process by a cooperative rebalance, then the first is killed with -9 and the second takes the rest
    over; every record ends up in exactly one object, at the key its first record names."""
    import threading

    partitions = 4
    topic = make_topic(partitions=partitions)
    name = unique_name("handover")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "timestamp.extractor": "Wallclock",
        "path.format": "'t'=YYYYMMddHHmmss",
        "partition.duration.ms": 2000,
        "locale": "en",
        "timezone": "UTC",
        "rotate.schedule.interval.ms": 2000,
        "flush.size": 400,
    })
    worker = worker_config(testenv, **{"consumer.session.timeout.ms": 6000})
    producer = kafka_producer()
    produced = {p: 0 for p in range(partitions)}
    stop = threading.Event()

    def feed():
        for _ in range(100):  # ~40 records per partition every 100 ms for ~10 s
            for p in range(partitions):
                for _ in range(40):
                    producer.produce(topic, value=f"p{p}-{produced[p]}", partition=p)
                    produced[p] += 1
            producer.poll(0)
            if stop.wait(0.1):
                break
        producer.flush(30)

    first = SluiceProcess(tmp_path / "first", worker, connector)
    second = SluiceProcess(tmp_path / "second", worker, connector)
    feeder = threading.Thread(target=feed)
    try:
        first.start()
        wait_until(lambda: "assigned topic=" in first.logs(), 30, 0.2, what="first process assigned")
        feeder.start()
        time.sleep(2)
        second.start()
        wait_until(lambda: "assigned topic=" in second.logs(), 30, 0.2, what="second process assigned")
        time.sleep(2.5)
        first.kill9()
        feeder.join()
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, partitions) == produced,
                   60, what="every record committed")
    finally:
        stop.set()
        if feeder.is_alive():
            feeder.join()
        if first.running():
            first.kill9()
        code = second.stop(timeout=30)
    assert code == 0, second.logs()
    assert len(re.findall(r"assigned topic=", second.logs())) == partitions, second.logs()

    seen: dict[str, int] = {}
    for key in list_keys(s3, testenv.s3_bucket, s3_prefix):
        m = re.fullmatch(re.escape(f"{s3_prefix}{topic}/t=") + r"\d{14}/" + re.escape(topic)
                         + r"\+(\d)\+(\d{10})\.json", key)
        assert m, key
        p, start = int(m.group(1)), int(m.group(2))
        lines = [json.loads(line) for line in read_object(s3, testenv.s3_bucket, key).decode().splitlines()]
        indexes = [int(v.split("-")[1]) for v in lines]
        assert all(v.startswith(f"p{p}-") for v in lines), key
        assert indexes and indexes[0] == start and indexes == sorted(set(indexes)), key
        for line in lines:
            seen[line] = seen.get(line, 0) + 1
    duplicates = sorted(k for k, n in seen.items() if n > 1)
    assert not duplicates, f"{len(duplicates)} records written more than once, e.g. {duplicates[:5]}"
    assert len(seen) == sum(produced.values())
