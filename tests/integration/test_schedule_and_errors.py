"""Wall-clock scheduled rotation, tombstones (behavior.on.null.values) and errors.tolerance, end to end
(spec confluent-s3-sink.md §2.2, §5.1, §5.3, §5.4, §5.7, §5.9)."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone

from sluice_process import (SluiceProcess, committed_offsets, connector_config, json_lines, list_keys,
                            produce_records, read_object, wait_until, worker_config)

OFFSET_INVALID = -1001  # what the group reports for a partition with no committed offset
JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter"


def test_rotate_schedule_interval_writes_idle_files_and_commits(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """Fewer records than flush.size are written within two 5 s intervals (§5.4) and their offsets committed."""
    topic = make_topic()
    name = unique_name("sched")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "path.format": "'day'=YYYY-MM-dd",
        "partition.duration.ms": 86400000,
        "timestamp.extractor": "Wallclock",
        "timezone": "UTC",
        "locale": "en-US",
        "rotate.schedule.interval.ms": 5000,
        "flush.size": 1000,
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    producer = kafka_producer()
    group = f"connect-{name}"
    try:
        # Let the consumer join first, so the clock below measures the rotation, not the group join.
        wait_until(lambda: "assigned topic=" in sluice.logs(), 30, 0.2, what="partition assignment")
        days = {datetime.now(timezone.utc).strftime("%Y-%m-%d")}
        produced_at = time.monotonic()
        produce_records(producer, topic, [(0, f"a{i}") for i in range(7)])
        keys = wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 12, 0.2, what="first object")
        first_latency = time.monotonic() - produced_at
        days.add(datetime.now(timezone.utc).strftime("%Y-%m-%d"))
        wait_until(lambda: committed_offsets(kafka_consumer, group, topic, 1)[0] == 7, 10,
                   what="offset 7 committed")

        produce_records(producer, topic, [(0, f"b{i}") for i in range(3)])
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) == 2, 12, 0.2, what="second object")
        wait_until(lambda: committed_offsets(kafka_consumer, group, topic, 1)[0] == 10, 10,
                   what="offset 10 committed")
        days.add(datetime.now(timezone.utc).strftime("%Y-%m-%d"))
        keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert first_latency < 12
    assert len(keys) == 2, keys
    pattern = re.compile(re.escape(f"{s3_prefix}{topic}/day=") + r"(\d{4}-\d\d-\d\d)/" + re.escape(topic)
                         + r"\+0\+(\d{10})\.json$")
    parsed = [pattern.match(k) for k in keys]
    assert all(parsed) and {m.group(1) for m in parsed} <= days, keys
    by_start = {int(m.group(2)): k for m, k in zip(parsed, keys)}
    assert sorted(by_start) == [0, 7]
    assert json_lines(s3, testenv.s3_bucket, by_start[0]) == [f"a{i}" for i in range(7)]
    assert json_lines(s3, testenv.s3_bucket, by_start[7]) == [f"b{i}" for i in range(3)]


def test_null_values_ignored_are_skipped_and_committed_past(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic(partitions=2)
    name = unique_name("nullign")
    values = ["a", None, "b", None, None, "c", "d", None]
    # Partition 0 mixes values and tombstones; partition 1 holds only tombstones.
    produce_records(kafka_producer(), topic, [(0, v) for v in values] + [(1, None)] * 3, key=b"k")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "behavior.on.null.values": "ignore", "flush.size": 2})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 2, 30, what="two objects")
        # Offsets: the file boundary after "d" is 7; the trailing tombstone at 7 is skipped with nothing open,
        # so sluice commits past it as well, and past a partition of tombstones only (the Java connector would
        # stop at 7 and never commit partition 1: issue #232, spec §5.7).
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 2) == {0: 8, 1: 3}, 15,
                   what="offsets 8 and 3 committed")
        keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    finally:
        assert sluice.stop() == 0, sluice.logs()
    base = f"{s3_prefix}{topic}/partition=0/{topic}+0+"
    assert keys == [base + "0000000000.json", base + "0000000005.json"]
    assert read_object(s3, testenv.s3_bucket, keys[0]) == b'"a"\n"b"\n'
    assert read_object(s3, testenv.s3_bucket, keys[1]) == b'"c"\n"d"\n'


def test_null_value_with_fail_stops_sluice_naming_the_record(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic(partitions=2)
    name = unique_name("nullfail")
    produce_records(kafka_producer(), topic, [(1, "a"), (1, "b"), (1, None), (1, "c")])
    connector = connector_config(testenv, name, topic, s3_prefix, **{"flush.size": 2})  # fail is the default
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector)
    code, logs = sluice.run_until_failure(timeout=45)
    assert code == 1, logs
    assert re.search(rf"topic={re.escape(topic)} partition=1 offset=2\b", logs), logs
    assert "behavior.on.null.values" in logs
    # Nothing at or after the tombstone is written or committed. (Whether the a,b file made before it is
    # complete and committed at exit is timing: the Java connector checks the whole batch before writing.)
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    assert set(keys) <= {f"{s3_prefix}{topic}/partition=1/{topic}+1+0000000000.json"}, keys
    for key in keys:
        assert read_object(s3, testenv.s3_bucket, key) == b'"a"\n"b"\n'
    assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 2)[1] in (2, OFFSET_INVALID)


def _malformed_json_topic(make_topic, kafka_producer):
    topic = make_topic()
    docs = [b'{"i":0}', b'{"i":1}', b'{"i": 2, oops', b'{"i":3}', b'{"i":4}', b'[5]']
    produce_records(kafka_producer(), topic, [(0, d) for d in docs])
    return topic


def test_errors_tolerance_all_skips_a_malformed_json_record(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = _malformed_json_topic(make_topic, kafka_producer)
    name = unique_name("tolall")
    worker = worker_config(testenv, **{"value.converter": JSON_CONVERTER, "value.converter.schemas.enable": "false"})
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "errors.tolerance": "all", "errors.log.enable": "true", "errors.log.include.messages": "true",
        "flush.size": 5})
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix), 30, what="one object")
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == 6, 15,
                   what="offset 6 committed")
        keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.json"]
    assert read_object(s3, testenv.s3_bucket, keys[0]) == b'{"i":0}\n{"i":1}\n{"i":3}\n{"i":4}\n[5]\n'
    # errors.log.enable with errors.log.include.messages: Connect's LogReporter line names the stage, the
    # converter and the record's coordinates (never its contents).
    assert re.search(r"Error encountered in task " + re.escape(name) + r"-0\. Executing stage 'VALUE_CONVERTER' "
                     r"with class 'org\.apache\.kafka\.connect\.json\.JsonConverter', where consumed record is "
                     r"\{topic='" + re.escape(topic) + r"', partition=0, offset=2, timestamp=\d+, "
                     r"timestampType=CreateTime\}\. org\.apache\.kafka\.connect\.errors\.DataException: ",
                     sluice.logs()), sluice.logs()


def test_errors_tolerance_none_fails_on_a_malformed_json_record(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = _malformed_json_topic(make_topic, kafka_producer)
    name = unique_name("tolnone")
    worker = worker_config(testenv, **{"value.converter": JSON_CONVERTER, "value.converter.schemas.enable": "false"})
    connector = connector_config(testenv, name, topic, s3_prefix, **{"flush.size": 2})
    sluice = SluiceProcess(tmp_path, worker, connector)
    code, logs = sluice.run_until_failure(timeout=45)
    assert code == 1, logs
    assert re.search(rf"topic={re.escape(topic)} partition=0 offset=2\b", logs), logs
    assert "Tolerance exceeded" in logs
    # Nothing at or after the bad record is written or committed.
    keys = list_keys(s3, testenv.s3_bucket, s3_prefix)
    assert set(keys) <= {f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.json"}, keys
    for key in keys:
        assert read_object(s3, testenv.s3_bucket, key) == b'{"i":0}\n{"i":1}\n'
    assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] in (2, OFFSET_INVALID)


def test_bad_record_timestamps_follow_errors_tolerance(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """RecordField extraction failures (missing field, text that is no date) are bad records in sluice: skipped
    with errors.tolerance=all (the Java connector fails the task on extractor exceptions, spec §3.3; a
    documented difference), fatal with none, naming the record."""
    topic = make_topic()
    docs = [b'{"ts":1710026999999,"i":0}', b'{"i":1}', b'{"ts":"yesterday","i":2}', b'{"ts":"1710027000000","i":3}']
    produce_records(kafka_producer(), topic, [(0, d) for d in docs])
    worker = worker_config(testenv, **{"value.converter": JSON_CONVERTER, "value.converter.schemas.enable": "false"})
    settings = {
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "path.format": "'hr'=YYYYMMddHH", "partition.duration.ms": 3600000, "locale": "en", "timezone": "UTC",
        "timestamp.extractor": "RecordField", "timestamp.field": "ts", "flush.size": 2,
    }
    lenient = SluiceProcess(tmp_path / "all", worker, connector_config(
        testenv, unique_name("tsall"), topic, s3_prefix + "all/", **settings, **{"errors.tolerance": "all"})).start()
    try:
        wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix + "all/"), 30, what="one object")
        keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix + "all/"))
    finally:
        assert lenient.stop() == 0, lenient.logs()
    # 23:29:59.999Z and 23:30Z: one hour, one file of the two good records.
    assert keys == [f"{s3_prefix}all/{topic}/hr=2024030923/{topic}+0+0000000000.json"]
    assert read_object(s3, testenv.s3_bucket, keys[0]) == b'{"i":0,"ts":1710026999999}\n{"i":3,"ts":"1710027000000"}\n'

    strict = SluiceProcess(tmp_path / "none", worker, connector_config(
        testenv, unique_name("tsnone"), topic, s3_prefix + "none/", **settings))
    code, logs = strict.run_until_failure(timeout=45)
    assert code == 1, logs
    assert re.search(rf"topic={re.escape(topic)} partition=0 offset=1\b", strict.logs()), strict.logs()
    assert "ts" in strict.logs().split("offset=1", 1)[1].splitlines()[0]


def test_errors_retry_timeout_bounds_retries_of_an_unreachable_schema_registry(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """A record whose converter cannot reach its Schema Registry is retriable (as Kafka Connect's error handling, KIP-298, treats it): with the default
    errors.retry.timeout=0 sluice holds it back and retries with Connect's backoff (300 ms, 600 ms, ... capped by
    errors.retry.delay.max.ms) without skipping anything; with errors.retry.timeout=2000 the retries stop after
    2 s and the record follows errors.tolerance (none: the task fails, naming the record)."""
    from sluice_process import free_port  # a port nothing listens on: connection refused
    topic = make_topic()
    # Confluent wire format: magic byte 0 and schema id 1; the converter must fetch the schema first.
    produce_records(kafka_producer(), topic, [(0, b"\x00\x00\x00\x00\x01\x02\x06abc")])
    converter = {"value.converter": "io.confluent.connect.avro.AvroConverter",
                 "value.converter.schema.registry.url": f"http://127.0.0.1:{free_port()}"}
    name = unique_name("retry")
    held = SluiceProcess(tmp_path / "held", worker_config(testenv, **converter), connector_config(
        testenv, name, topic, s3_prefix, **{"errors.retry.delay.max.ms": 1000})).start()
    try:
        wait_until(lambda: len(re.findall(r"reading it again in \d+ ms \(attempt \d+\)", held.logs())) >= 4, 30,
                   0.2, what="four retries")
        delays = [int(d) for d in re.findall(r"reading it again in (\d+) ms \(attempt \d+\)", held.logs())]
        assert delays[:2] == [300, 600], delays
        assert all(d < 1000 for d in delays[2:]), delays  # past the cap: random below it
        assert held.running(), held.logs()
    finally:
        assert held.stop() == 0, held.logs()
    assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == OFFSET_INVALID

    bounded = SluiceProcess(tmp_path / "bounded", worker_config(testenv, **converter), connector_config(
        testenv, unique_name("retry-bounded"), topic, s3_prefix, **{"errors.retry.timeout": 2000}))
    started = time.monotonic()
    code, logs = bounded.run_until_failure(timeout=60)
    assert code != 0, logs
    assert time.monotonic() - started >= 2, logs
    assert "gave up retrying the record" in logs and "errors.retry.timeout=2000 ms" in logs, logs
    assert re.search(rf"Tolerance exceeded in error handler \(topic={re.escape(topic)} partition=0 offset=0 "
                     r"stage=VALUE_CONVERTER\)", logs), logs
    assert list_keys(s3, testenv.s3_bucket, s3_prefix) == []
