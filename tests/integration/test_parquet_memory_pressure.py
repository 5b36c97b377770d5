"""ParquetFormat end to end under memory pressure: hundreds of Parquet files open in one partition, more record data
than --memory-budget-mb allows, so sluice must cut files early (the whole partition's files are rotated when the
budget is spent). Every object must still be a valid Parquet file that pyarrow reads, and together they must hold
every record exactly once. (How much memory that takes is measured by bench/memory, not here.)"""

from __future__ import annotations

import base64
import io
import json
import random

import pyarrow.parquet as pq
from sluice_process import (SluiceProcess, committed_offsets, connector_config, list_keys, read_object,
                            wait_until, worker_config)

HOUR_MS = 3_600_000
START_TS = 1_704_067_200_000  # 2024-01-01T00:00:00Z

SCHEMA = {"type": "struct", "name": "com.example.Event", "optional": False, "fields": [
    {"field": "id", "type": "int64", "optional": False},
    {"field": "hour", "type": "int32", "optional": False},
    {"field": "tags", "type": "array", "optional": False, "items": {"type": "string", "optional": True}},
    {"field": "blob", "type": "string", "optional": False},
]}


def event(i: int, hours: int, rng: random.Random) -> bytes:
    # Incompressible text, so the open files' pages really hold about as many bytes as the records.
    blob = base64.b64encode(rng.randbytes(1500)).decode()
    payload = {"id": i, "hour": i % hours, "tags": [f"t{i % 7}", None][: 1 + i % 2], "blob": blob}
    return json.dumps({"schema": SCHEMA, "payload": payload}, separators=(",", ":")).encode()


def test_parquet_files_cut_by_memory_pressure_are_valid_and_hold_every_record_once(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    hours, per_hour = 300, 60
    count = hours * per_hour  # 18,000 records, about 36 MB of blobs against a 16 MB budget
    topic = make_topic(partitions=1)
    producer = kafka_producer({"linger.ms": 50, "compression.type": "lz4"})
    rng = random.Random(7)
    for i in range(count):
        # Hours interleave, so every hour's file stays open until the budget or the schedule cuts it.
        producer.produce(topic, partition=0, value=event(i, hours, rng), timestamp=START_TS + (i % hours) * HOUR_MS)
        if i % 1000 == 999:
            producer.poll(0)
    assert producer.flush(60) == 0
    name = unique_name("pq-pressure")
    worker = worker_config(testenv, **{"value.converter": "org.apache.kafka.connect.json.JsonConverter",
                                       "value.converter.schemas.enable": "true"})
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat",
        "partitioner.class": "io.confluent.connect.storage.partitioner.HourlyPartitioner",
        "timestamp.extractor": "Record", "locale": "en-US", "timezone": "UTC",
        "flush.size": count * 10,  # never reached: only the budget and the schedule cut files
        "rotate.schedule.interval.ms": 20_000,
    })
    sluice = SluiceProcess(tmp_path, worker, connector, run_args=["--memory-budget-mb", "16"]).start()
    try:
        wait_until(lambda: not sluice.running()
                   or committed_offsets(kafka_consumer, f"connect-{name}", topic, 1) == {0: count}, 180,
                   interval=1.0, what=f"all {count} records committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()[-3000:]
    assert "memory budget of" in sluice.logs(), "the budget never ran out: the test did not test pressure"

    ids: list[int] = []
    keys = [k for k in list_keys(s3, testenv.s3_bucket, s3_prefix) if k.endswith(".snappy.parquet")]
    for key in keys:
        file = pq.ParquetFile(io.BytesIO(read_object(s3, testenv.s3_bucket, key)))
        rows = file.read().to_pylist()
        hour = int(key.split("hour=")[1].split("/")[0])
        for row in rows:
            assert (START_TS + row["hour"] * HOUR_MS) // HOUR_MS % 24 == hour, key
            assert row["tags"] == [f"t{row['id'] % 7}", None][: 1 + row["id"] % 2], key
            assert len(base64.b64decode(row["blob"])) == 1500
        ids += [row["id"] for row in rows]
    assert len(keys) > hours, "no file was cut early"
    assert sorted(ids) == list(range(count)), "records lost or duplicated"
