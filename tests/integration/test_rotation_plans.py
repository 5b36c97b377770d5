"""sluice's rotation plans (offset commit metadata, src/sink/rotation_plan.h) at their size limit."""

from __future__ import annotations

import json
import time


from sluice_process import (SluiceProcess, committed_offsets, connector_config, list_keys, produce_records,
                            read_object, wait_until, worker_config)


def test_plans_too_large_for_commit_metadata_do_not_break_offset_commits(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """Each rotation opens 200 directories, so its plan (~6 KB) cannot fit the broker's 4096 bytes of offset
    metadata (offset.metadata.max.bytes). sluice then writes the rotation unprotected, as its warning says;
    every offset commit must still be accepted."""
    topic = make_topic()
    name = unique_name("bigplan")
    count, flush, fields = 6000, 200, 200
    docs = [json.dumps({"k": f"value-number-{i % fields:04d}", "i": i}, separators=(",", ":"))
            for i in range(count)]
    produce_records(kafka_producer(), topic, [(0, d) for d in docs])
    worker = worker_config(testenv, **{"value.converter": "org.apache.kafka.connect.json.JsonConverter",
                                       "value.converter.schemas.enable": "false"})
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
        "partition.field.name": "k",
        # Turns plans on and must not fire during the test: scheduled rotations fall on multiples of the interval
        # counted from midnight in `timezone`, so take a day and a zone whose midnight is hours away.
        "rotate.schedule.interval.ms": 86400000,
        "timezone": "UTC" if 1 <= time.gmtime().tm_hour <= 22 else "Asia/Tokyo",
        "flush.size": flush,
    })
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= count, 60, what=f"{count} objects")
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == count, 20,
                   what=f"offset {count} committed")
    finally:
        code = sluice.stop()
    assert code == 0, sluice.logs()
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    assert len(keys) == count  # flush.size cuts one record per directory per rotation
    key = f"{s3_prefix}{topic}/k=value-number-0007/{topic}+0+{flush + 7:010d}.json"
    # Schemaless maps are written in java.util.HashMap order: "i" before "k" (spec §4.1 b).
    assert read_object(s3, testenv.s3_bucket, key) == b'{"i":%d,"k":"value-number-0007"}\n' % (flush + 7)
    assert "rotation plan" in sluice.logs()  # the warning that the rotation is unprotected
    assert "Offset metadata string too large" not in sluice.logs(), sluice.logs()
    assert "offset commit failed" not in sluice.logs(), sluice.logs()
