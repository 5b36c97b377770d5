"""enable.conditional.writes end to end against S3Proxy, which answers If-None-Match: * with 412 on PutObject
and CompleteMultipartUpload (spec confluent-s3-sink.md §2.2, §5.11): an existing different object is never
overwritten, its records are written again from a later offset, and crashes still give exactly once, since
sluice's rewrites are byte-identical and accepted as such."""

from __future__ import annotations

import re
import time

import pytest

from sluice_process import (SluiceProcess, committed_offsets, connector_config, crash_and_recover, json_lines,
                            list_keys, produce_records, read_object, wait_until, worker_config)


@pytest.fixture(autouse=True)
def _needs_conditional_store(testenv):
    if testenv.s3_server != "s3proxy":
        pytest.skip("needs S3Proxy, whose If-None-Match support these tests rely on")


def test_a_different_existing_object_is_never_overwritten_and_no_record_is_lost(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    name = unique_name("cond")
    # Another writer (a zombie, an older configuration) left an object where sluice's first file goes; it holds
    # offset 0 and something sluice would never write.
    taken = f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.json"
    foreign = b'"r0"\n"written by someone else"\n'
    s3.put_object(Bucket=testenv.s3_bucket, Key=taken, Body=foreign)
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(30)])
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 10,
        # Scheduled rotation switches conditional writes on (enable.conditional.writes defaults to true). It
        # must not fire during the test: rotations fall on multiples of the interval counted from midnight in
        # `timezone`, so take a day and a zone whose midnight is hours away.
        "rotate.schedule.interval.ms": 86400000,
        "timezone": "UTC" if 1 <= time.gmtime().tm_hour <= 22 else "Asia/Tokyo",
        "retry.backoff.ms": 200,
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == 30, 60,
                   what="offset 30 committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert read_object(s3, testenv.s3_bucket, taken) == foreign
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    # Offset 0 is in the foreign object; the first file is written again without it (the recorded cut
    # [0, 10) replayed from offset 1), and the files after it keep their cuts.
    assert keys == [taken] + [f"{s3_prefix}{topic}/partition=0/{topic}+0+{o:010d}.json" for o in (1, 10, 20)], keys
    written = [line for key in keys[1:] for line in json_lines(s3, testenv.s3_bucket, key)]
    assert written == [f"r{i}" for i in range(1, 30)]
    logs = sluice.logs()
    assert "conditional write refused" in logs, logs
    assert "written again from offset 1" in logs, logs


def test_kill_dash_nine_and_restart_with_conditional_writes_give_every_record_exactly_once(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """Scheduled rotation makes cuts depend on the wall clock; rotation plans replay them after a crash, so
    every rewrite of an object made visible before the crash is byte-identical and S3's 412 is taken as
    success: no record twice, none lost, no object overwritten."""
    partitions = 2
    topic = make_topic(partitions=partitions)
    name = unique_name("condeos")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "rotate.schedule.interval.ms": 2000,
        "timezone": "UTC",
        "flush.size": 450,
    })
    worker = worker_config(testenv, **{"consumer.session.timeout.ms": 6000})
    sluice = SluiceProcess(tmp_path, worker, connector)
    produced = crash_and_recover(sluice, kafka_producer(), kafka_consumer, f"connect-{name}", topic, partitions,
                                 batches=100, per_batch=80, seed=23)
    logs = sluice.logs()
    assert "conditional write refused" not in logs, logs
    seen: dict[str, int] = {}
    for key in list_keys(s3, testenv.s3_bucket, s3_prefix):
        m = re.search(r"\+(\d)\+(\d{10})\.json$", key)
        lines = json_lines(s3, testenv.s3_bucket, key)
        # Each object holds consecutive records of its partition starting at the offset in its name.
        p, start = int(m.group(1)), int(m.group(2))
        assert lines == [f"p{p}-{i}" for i in range(start, start + len(lines))], key
        for line in lines:
            seen[line] = seen.get(line, 0) + 1
    duplicates = {k: n for k, n in seen.items() if n > 1}
    assert not duplicates, f"{len(duplicates)} records written more than once, e.g. {list(duplicates)[:5]}"
    assert len(seen) == sum(produced.values())
