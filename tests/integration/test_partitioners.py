"""Partitioners end to end: FieldPartitioner on schemaless maps and on Structs, DailyPartitioner in a +05:30 zone,
TimeBasedPartitioner with a custom path.format and the RecordField extractor (spec confluent-s3-sink.md §3, §4.1,
§5.3)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from sluice_process import (SluiceProcess, connector_config, java_hash_map_order, list_keys, produce_records,
                            read_object, wait_until, worker_config)

JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter"
STRUCT_SCHEMA = {
    "type": "struct", "name": "com.acme.Event", "optional": False,
    "fields": [
        {"field": "region", "type": "string", "optional": False},
        {"field": "n", "type": "int32", "optional": False},
        {"field": "id", "type": "int64", "optional": False},
        {"field": "score", "type": "double", "optional": False},
        {"field": "note", "type": "string", "optional": True},
    ],
}


def expected_files(prefix: str, topic: str, encoded: list[str], flush_size: int) -> dict[str, list[int]]:
    """key -> offsets, by the rules of spec §5.3/§5.5: flush.size counts every record of the topic-partition and
    commits all open files at once; a file starts at the first offset written to its encoded partition."""
    files: dict[str, list[int]] = {}
    for window in range(0, len(encoded) - len(encoded) % flush_size, flush_size):
        open_files: dict[str, list[int]] = {}
        for offset in range(window, window + flush_size):
            open_files.setdefault(encoded[offset], []).append(offset)
        for ep, offsets in open_files.items():
            files[f"{prefix}{topic}/{ep}/{topic}+0+{offsets[0]:010d}.json"] = offsets
    return files


def run_until_keys(testenv, s3, tmp_path, worker, connector, prefix, count, timeout=45):
    sluice = SluiceProcess(tmp_path, worker, connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, prefix)) >= count, timeout,
                   what=f"{count} objects under {prefix}")
        # No further object may appear: the rest of the records stay in open files.
        keys = list_keys(s3, testenv.s3_bucket, prefix)
    finally:
        assert sluice.stop() == 0, sluice.logs()
    return sorted(keys), sluice


def test_field_partitioner_on_schemaless_json_maps(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix,
                                                   tmp_path):
    """sluice partitions schemaless Map values by key (the Java connector rejects Maps: a documented extension);
    lines are the maps re-serialised in Java HashMap order with numbers through double (§4.1 b)."""
    topic = make_topic()
    regions, kinds = ["eu", "us", "eu", "eu", "us"], ["a", "a", "b", "a", "b"]
    docs = []
    for i in range(10):
        # Document order differs from HashMap order on purpose.
        docs.append(f'{{"region":"{regions[i % 5]}","kind":"{kinds[(i * 3) % 5]}","id":{i},"score":1.50,'
                    f'"big":12345678.9}}')
    produce_records(kafka_producer(), topic, [(0, d) for d in docs])
    worker = worker_config(testenv, **{"value.converter": JSON_CONVERTER, "value.converter.schemas.enable": "false"})
    connector = connector_config(testenv, unique_name("fmap"), topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
        "partition.field.name": "region,kind",
        "flush.size": 5,
    })
    encoded = [f"region={regions[i % 5]}/kind={kinds[(i * 3) % 5]}" for i in range(10)]
    expected = expected_files(s3_prefix, topic, encoded, 5)
    keys, _ = run_until_keys(testenv, s3, tmp_path, worker, connector, s3_prefix, len(expected))
    assert keys == sorted(expected)
    assert f"{s3_prefix}{topic}/region=eu/kind=a/{topic}+0+0000000000.json" in keys

    order = java_hash_map_order(["region", "kind", "id", "score", "big"])
    for key, offsets in expected.items():
        lines = read_object(s3, testenv.s3_bucket, key).decode().split("\n")
        assert lines[-1] == "", key  # a line break after the last record too
        want = []
        for i in offsets:
            doc = {"region": regions[i % 5], "kind": kinds[(i * 3) % 5], "id": str(i), "score": "1.5",
                   "big": "1.23456789E7"}
            want.append("{" + ",".join(
                f'"{k}":' + (f'"{doc[k]}"' if k in ("region", "kind") else doc[k]) for k in order) + "}")
        assert lines[:-1] == want, key


def test_field_partitioner_on_struct_values_writes_fields_in_schema_order(
        testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    values = []
    for i in range(8):
        payload = {"score": [1e7, 0.5, 100.0, -0.001][i % 4], "id": 10_000_000_000 + i, "n": 3 if i % 3 else -7,
                   "region": "eu" if i < 4 else "ap-south"}
        if i % 2:
            payload["note"] = 'caf\u00e9 "q"/\n'  # optional field given only for odd records
        values.append(json.dumps({"schema": STRUCT_SCHEMA, "payload": payload}))
    produce_records(kafka_producer(), topic, [(0, v) for v in values])
    worker = worker_config(testenv, **{"value.converter": JSON_CONVERTER, "value.converter.schemas.enable": "true"})
    connector = connector_config(testenv, unique_name("fstruct"), topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
        "partition.field.name": "region,n",
        "flush.size": 8,
    })
    encoded = [f"region={'eu' if i < 4 else 'ap-south'}/n={3 if i % 3 else -7}" for i in range(8)]
    expected = expected_files(s3_prefix, topic, encoded, 8)
    keys, _ = run_until_keys(testenv, s3, tmp_path, worker, connector, s3_prefix, len(expected))
    assert keys == sorted(expected)
    assert f"{s3_prefix}{topic}/region=eu/n=-7/{topic}+0+0000000000.json" in keys
    assert f"{s3_prefix}{topic}/region=ap-south/n=3/{topic}+0+0000000004.json" in keys

    # §4.1 (a): JsonConverter with schemas.enable=false on the Struct: schema field order, optional null
    # written as null, doubles as Java's Double.toString, strings escaped, non-ASCII raw.
    score_text = ["1.0E7", "0.5", "100.0", "-0.001"]
    note_text = '"caf\u00e9 \\"q\\"/\\n"'
    for key, offsets in expected.items():
        body = read_object(s3, testenv.s3_bucket, key).decode("utf-8")
        want = "".join(
            f'{{"region":"{"eu" if i < 4 else "ap-south"}","n":{3 if i % 3 else -7},"id":{10_000_000_000 + i},'
            f'"score":{score_text[i % 4]},"note":{note_text if i % 2 else "null"}}}\n' for i in offsets)
        assert body == want, key


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp() * 1000)


def test_daily_partitioner_in_plus_0530_around_local_midnight(
        testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    """Local midnight of 2024-03-10 in +05:30 is 2024-03-09T18:30:00Z (spec §3.3, §8 item 1)."""
    topic = make_topic()
    stamps = [
        ms("2024-03-09T17:00:00+00:00"),      # 22:30 local, day 09
        ms("2024-03-09T18:29:59.999+00:00"),  # 23:59:59.999 local, day 09
        ms("2024-03-09T18:30:00+00:00"),      # 00:00 local, day 10
        ms("2024-03-09T18:30:00.001+00:00"),  # day 10
        ms("2024-03-10T18:29:59.999+00:00"),  # last ms of day 10 local
        ms("2024-03-10T18:30:00+00:00"),      # day 11
        ms("2024-03-09T18:00:00+00:00"),      # late record: back to day 09's open file
        ms("2024-03-11T18:29:00+00:00"),      # day 11
    ]
    days = ["09", "09", "10", "10", "10", "11", "09", "11"]
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(8)], timestamps=stamps)
    connector = connector_config(testenv, unique_name("daily"), topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.DailyPartitioner",
        "timestamp.extractor": "Record",
        "timezone": "+05:30",
        "locale": "en-US",
        "flush.size": 8,
    })
    keys, _ = run_until_keys(testenv, s3, tmp_path, worker_config(testenv), connector, s3_prefix, 3)
    base = f"{s3_prefix}{topic}/year=2024/month=03"
    assert keys == [f"{base}/day=09/{topic}+0+0000000000.json",
                    f"{base}/day=10/{topic}+0+0000000002.json",
                    f"{base}/day=11/{topic}+0+0000000005.json"]
    for key, day in zip(keys, ["09", "10", "11"]):
        body = read_object(s3, testenv.s3_bucket, key).decode()
        assert body == "".join(f'"r{i}"\n' for i in range(8) if days[i] == day), key


def test_time_based_partitioner_custom_path_format_record_field(
        testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    """`timestamp.field` read from schemaless JSON: a number, a string of digits and ISO-8601 strings (§3.3)."""
    topic = make_topic()
    ts_values = [
        ms("2024-03-09T23:29:59.999+00:00"),              # number
        str(ms("2024-03-09T23:30:00+00:00")),             # digits in a string: epoch millis
        "2024-03-10T00:00:00.000Z",                       # ISO, UTC
        "2024-03-10T01:59:59+01:00",                      # ISO with offset: 00:59:59Z
        ms("2024-03-10T01:00:00+00:00"),                  # bucket start exactly
        ms("2024-03-09T22:56:40+00:00"),                  # an earlier hour, late
    ]
    hours = ["dt=2024-03-09/hr=23", "dt=2024-03-09/hr=23", "dt=2024-03-10/hr=00", "dt=2024-03-10/hr=00",
             "dt=2024-03-10/hr=01", "dt=2024-03-09/hr=22"]
    docs = [json.dumps({"id": i, "ts": ts}, separators=(",", ":")) for i, ts in enumerate(ts_values)]
    produce_records(kafka_producer(), topic, [(0, d) for d in docs])
    worker = worker_config(testenv, **{"value.converter": JSON_CONVERTER, "value.converter.schemas.enable": "false"})
    connector = connector_config(testenv, unique_name("tbp"), topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "path.format": "'dt'=YYYY-MM-dd/'hr'=HH",
        "partition.duration.ms": 3600000,
        "timestamp.extractor": "RecordField",
        "timestamp.field": "ts",
        "timezone": "UTC",
        "locale": "en-US",
        "flush.size": 6,
    })
    keys, _ = run_until_keys(testenv, s3, tmp_path, worker, connector, s3_prefix, 4)
    starts = {"dt=2024-03-09/hr=23": 0, "dt=2024-03-10/hr=00": 2, "dt=2024-03-10/hr=01": 4,
              "dt=2024-03-09/hr=22": 5}
    assert keys == sorted(f"{s3_prefix}{topic}/{h}/{topic}+0+{o:010d}.json" for h, o in starts.items())
    order = java_hash_map_order(["id", "ts"])
    for hour, start in starts.items():
        want = ""
        for i, ts in enumerate(ts_values):
            if hours[i] == hour:
                fields = {"id": str(i), "ts": json.dumps(ts)}
                want += "{" + ",".join(f'"{k}":{fields[k]}' for k in order) + "}\n"
        key = f"{s3_prefix}{topic}/{hour}/{topic}+0+{start:010d}.json"
        assert read_object(s3, testenv.s3_bucket, key).decode() == want, key


# Joda's bucket arithmetic at DST changes in Europe/Berlin (spec §3.3): local = utc + offset, floored to the
# duration, then convertLocalToUTC(local, strict=false), which in an eastern zone keeps the offset found at
# `local - offset(local)`. Expected directories worked out by hand from that algorithm.
DST_CASES = {
    # autumn, 1 h buckets: 02:00-03:00 local happens twice; both halves land in the bucket of 01:00Z (CET).
    "autumn-1h": (3600000, [
        ("2024-10-26T23:30:00+00:00", "2024-10-27-01-+02:00"),
        ("2024-10-27T00:30:00+00:00", "2024-10-27-02-+01:00"),  # 02:30 CEST
        ("2024-10-27T01:30:00+00:00", "2024-10-27-02-+01:00"),  # 02:30 CET
        ("2024-10-27T02:10:00+00:00", "2024-10-27-03-+01:00"),
    ]),
    # spring, 2 h buckets: the bucket starting at local 02:00 does not exist; it becomes 01:00Z = 03:00 CEST.
    "spring-2h": (7200000, [
        ("2024-03-31T00:30:00+00:00", "2024-03-31-00-+01:00"),
        ("2024-03-31T01:30:00+00:00", "2024-03-31-03-+02:00"),  # 03:30 CEST
        ("2024-03-31T02:30:00+00:00", "2024-03-31-04-+02:00"),
    ]),
}


@pytest.mark.parametrize("case", sorted(DST_CASES))
def test_time_based_buckets_across_dst_changes_follow_joda(case, testenv, s3, make_topic, kafka_producer,
                                                           unique_name, s3_prefix, tmp_path):
    duration, records = DST_CASES[case]
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(len(records))],
                    timestamps=[ms(t) for t, _ in records])
    connector = connector_config(testenv, unique_name("dst"), topic, s3_prefix, **{
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "path.format": "YYYY-MM-dd-HH-ZZ",
        "partition.duration.ms": duration,
        "timestamp.extractor": "Record",
        "timezone": "Europe/Berlin",
        "locale": "en-US",
        "flush.size": len(records),
    })
    dirs = list(dict.fromkeys(d for _, d in records))
    keys, _ = run_until_keys(testenv, s3, tmp_path, worker_config(testenv), connector, s3_prefix, len(dirs))
    starts = {d: next(i for i, (_, x) in enumerate(records) if x == d) for d in dirs}
    assert keys == sorted(f"{s3_prefix}{topic}/{d}/{topic}+0+{o:010d}.json" for d, o in starts.items())
