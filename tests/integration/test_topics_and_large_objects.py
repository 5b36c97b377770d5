"""`topics.regex` subscription, and objects larger than two parts (spec confluent-s3-sink.md §2.8, §6.3)."""

from __future__ import annotations

import hashlib

import pytest

from sluice_process import (SluiceProcess, connector_config, json_lines, list_keys, multipart_uploads,
                            produce_records, read_object, wait_until, worker_config)

PART = 5 * 1024 * 1024


def test_topics_regex_subscribes_to_every_matching_topic(testenv, s3, make_topic, kafka_producer, unique_name,
                                                         s3_prefix, tmp_path):
    base = unique_name("rx")
    one, two, other = (make_topic(name=f"{base}-{suffix}") for suffix in ("one", "two", "three"))
    producer = kafka_producer()
    for topic in (one, two, other):
        produce_records(producer, topic, [(0, f"{topic.rsplit('-', 1)[1]}-{i}") for i in range(4)])
    connector = connector_config(testenv, unique_name("regex"), "unused", s3_prefix, **{"flush.size": 4})
    del connector["topics"]
    connector["topics.regex"] = f"{base}-(one|two)"  # anchored as a whole-name match, like Java's matches()
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 2, 45, what="two objects")
        produce_records(producer, one, [(0, f"one-{i}") for i in range(4, 8)])
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 3, 30, what="three objects")
        keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert keys == sorted([
        f"{s3_prefix}{one}/partition=0/{one}+0+0000000000.json",
        f"{s3_prefix}{one}/partition=0/{one}+0+0000000004.json",
        f"{s3_prefix}{two}/partition=0/{two}+0+0000000000.json",
    ])
    assert json_lines(s3, testenv.s3_bucket, keys[0]) == [f"one-{i}" for i in range(4)]
    assert json_lines(s3, testenv.s3_bucket, keys[1]) == [f"one-{i}" for i in range(4, 8)]
    assert json_lines(s3, testenv.s3_bucket, keys[2]) == [f"two-{i}" for i in range(4)]
    assert other not in sluice.logs()


def test_object_over_two_parts_is_a_three_part_upload_with_exact_bytes(
        testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    count, size = 13000, 1023  # 1 KiB lines: 13,312,000 bytes = 5 MiB + 5 MiB + 2,826,240
    records = [(b"%06d|" % i) + bytes([33 + i % 90]) * (size - 7) for i in range(count)]
    produce_records(kafka_producer(), topic, [(0, r) for r in records])
    worker = worker_config(testenv, **{"value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter"})
    connector = connector_config(testenv, unique_name("big"), topic, s3_prefix, **{
        "format.class": "io.confluent.connect.s3.format.bytearray.ByteArrayFormat",
        "s3.part.size": PART,
        "flush.size": count,
    })
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 60, what="the object")
        keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.bin"]
    expected = b"".join(r + b"\n" for r in records)
    assert len(expected) == 13_312_000
    assert read_object(s3, testenv.s3_bucket, keys[0]) == expected
    etag = s3.head_object(Bucket=testenv.s3_bucket, Key=keys[0])["ETag"].strip('"')
    # Every part but the last is exactly s3.part.size (spec §6.3): the multipart ETag says so.
    parts = [expected[i:i + PART] for i in range(0, len(expected), PART)]
    assert len(parts) == 3
    want = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest() + "-3"
    assert etag == want
    assert multipart_uploads(s3, testenv.s3_bucket, s3_prefix) == []


@pytest.mark.parametrize("parts", [1, 2])
def test_object_of_exactly_whole_parts_keeps_its_bytes(parts, testenv, s3, make_topic, kafka_producer, unique_name,
                                                       s3_prefix, tmp_path):
    """n × s3.part.size bytes: Java ends with an empty part n+1 (spec §6.3); sluice sends no empty part
    (docs/compatibility.md), so the ETag counts n parts. The bytes must be exact either way."""
    topic = make_topic()
    count = parts * PART // 1024
    records = [(b"%06d|" % i) + bytes([33 + i % 90]) * (1023 - 7) for i in range(count)]
    produce_records(kafka_producer(), topic, [(0, r) for r in records])
    worker = worker_config(testenv, **{"value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter"})
    connector = connector_config(testenv, unique_name("whole"), topic, s3_prefix, **{
        "format.class": "io.confluent.connect.s3.format.bytearray.ByteArrayFormat",
        "s3.part.size": PART,
        "flush.size": count,
    })
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 60, what="the object")
        keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    finally:
        assert sluice.stop() == 0, sluice.logs()
    expected = b"".join(r + b"\n" for r in records)
    assert len(expected) == parts * PART
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.bin"]
    assert read_object(s3, testenv.s3_bucket, keys[0]) == expected
    etag = s3.head_object(Bucket=testenv.s3_bucket, Key=keys[0])["ETag"].strip('"')
    chunks = [expected[i:i + PART] for i in range(0, len(expected), PART)]
    assert etag == hashlib.md5(b"".join(hashlib.md5(c).digest() for c in chunks)).hexdigest() + f"-{parts}"
    assert multipart_uploads(s3, testenv.s3_bucket, s3_prefix) == []
