"""`sluice verify` end to end: a run's objects audited against the topic (clean), then with an object deleted (a gap
listed with its offsets and the keys around it) and with an object copied under a second offset key (duplicates listed
with both keys); and the objects Confluent's S3 sink wrote for recorded cases (tests/golden), read back through their
keys and records (JSON, ByteArray with a separator, Parquet, Avro, and the field partitioner's interleaved objects),
and ignored null values listed as gaps that --allow-gaps accepts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sluice_process import (SLUICE, SluiceProcess, committed_offsets, connector_config, list_keys,
                            produce_records, wait_until, worker_config, write_properties)

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"


def verify(worker_path: Path, connector_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SLUICE), "verify", "--worker", str(worker_path), "--connector", str(connector_path),
                           *extra], capture_output=True, text=True, timeout=120)


def test_verify_clean_then_gap_then_duplicate(testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name,
                                              s3_prefix, tmp_path):
    topic = make_topic(partitions=2)
    produce_records(kafka_producer(), topic, [(i % 2, f'{{"i":{i}}}') for i in range(300)])
    name = unique_name("verify")
    connector = connector_config(testenv, name, topic, s3_prefix, **{"flush.size": 50})
    sluice = SluiceProcess(tmp_path / "run", worker_config(testenv), connector).start()
    try:
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 2) == {0: 150, 1: 150}, 90,
                   what="offsets 150 committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    bucket = testenv.s3_bucket
    key = {(p, o): f"{s3_prefix}{topic}/partition={p}/{topic}+{p}+{o:010d}.json" for p in (0, 1) for o in (0, 50, 100)}
    assert sorted(list_keys(s3, bucket, s3_prefix)) == sorted(key.values())

    clean = verify(sluice.worker_path, sluice.connector_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert f"{topic}-0: log start 0, high watermark 150, committed 150 (connect-{name}); 3 object(s), 150 record(s)" \
        in clean.stdout
    assert "  covered: 0-149\n" in clean.stdout
    assert "0 gap(s) (0 missing offset(s)), 0 duplicate(s)" in clean.stdout
    assert "OK: every checked offset is in exactly one object" in clean.stdout

    # A lost object: its 50 offsets are a gap between its neighbours.
    body = s3.get_object(Bucket=bucket, Key=key[0, 50])["Body"].read()
    s3.delete_object(Bucket=bucket, Key=key[0, 50])
    gap = verify(sluice.worker_path, sluice.connector_path)
    assert gap.returncode == 1, gap.stdout + gap.stderr
    assert f"  GAP 50-99 (50 offset(s), missing) after {key[0, 0]}, before {key[0, 100]}\n" in gap.stdout
    assert "1 gap(s) (50 missing offset(s)), 0 duplicate(s)" in gap.stdout
    allowed = verify(sluice.worker_path, sluice.connector_path, "--allow-gaps")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "  GAP 50-99" in allowed.stdout and "verify cannot tell these apart" in allowed.stdout
    s3.put_object(Bucket=bucket, Key=key[0, 50], Body=body)

    # An object copied under a second start offset: the offsets it shares with its neighbours are duplicates.
    copy = f"{s3_prefix}{topic}/partition=1/{topic}+1+0000000025.json"
    s3.copy_object(Bucket=bucket, Key=copy, CopySource={"Bucket": bucket, "Key": key[1, 0]})
    duplicate = verify(sluice.worker_path, sluice.connector_path)
    assert duplicate.returncode == 1, duplicate.stdout + duplicate.stderr
    assert f"  DUPLICATE 25-49 (25 offset(s)) in {key[1, 0]} and {copy}\n" in duplicate.stdout
    assert f"  DUPLICATE 50-74 (25 offset(s)) in {copy} and {key[1, 50]}\n" in duplicate.stdout
    assert "0 gap(s) (0 missing offset(s)), 2 duplicate(s) (50 offset(s) in more than one object)" in duplicate.stdout
    # --allow-gaps never hides duplicates.
    assert verify(sluice.worker_path, sluice.connector_path, "--allow-gaps").returncode == 1


def test_verify_bad_usage_exits_2(testenv, make_topic, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    connector = connector_config(testenv, unique_name("verify"), topic, s3_prefix, **{"flush.size": "zero"})
    worker_path = write_properties(tmp_path / "worker.properties", worker_config(testenv))
    connector_path = write_properties(tmp_path / "connector.properties", connector)
    result = verify(worker_path, connector_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "flush.size" in result.stderr


def golden_case_in_bucket(case, testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    """Confluent's objects of recorded case `case`, put under a fresh topic's name, and a topic with as many records
    per partition as the case had (no committed offset); returns the case, the topic and the two file paths."""
    case_dir = GOLDEN_DIR / case
    meta = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    topic = make_topic(partitions=len(meta["end_offsets"]))
    for obj in meta["objects"]:
        key = s3_prefix + obj["key"].lstrip("/").replace(meta["topic"], topic)
        s3.put_object(Bucket=testenv.s3_bucket, Key=key, Body=(case_dir / obj["file"]).read_bytes())
    produce_records(kafka_producer(), topic,
                    [(int(p), b"x") for p, end in meta["end_offsets"].items() for _ in range(end)])
    values = {"NAME": unique_name("verify"), "TOPIC": topic, "BUCKET": testenv.s3_bucket,
              "REGION": testenv.aws_region, "S3_ENDPOINT": testenv.s3_endpoint, "TOPICS_DIR": s3_prefix.rstrip("/")}
    lines = []
    for line in (case_dir / "connector.properties").read_text(encoding="utf-8").splitlines():
        for var, value in values.items():
            line = line.replace("${" + var + "}", value)
        lines.append(line)
    lines += [f"aws.access.key.id={testenv.aws_access_key_id}",
              f"aws.secret.access.key={testenv.aws_secret_access_key}"]
    connector_path = tmp_path / "connector.properties"
    connector_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    worker_path = write_properties(tmp_path / "worker.properties", worker_config(testenv))
    return meta, topic, worker_path, connector_path


@pytest.mark.parametrize("case", ["bytearray-gzip-separator", "parquet-snappy", "avro-deflate", "field-two"])
def test_verify_reads_confluents_objects(case, testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix,
                                         tmp_path):
    """Confluent's objects against a topic with as many records per partition: clean, checked up to the high
    watermark (no committed offset)."""
    meta, topic, worker_path, connector_path = golden_case_in_bucket(
        case, testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path)
    result = verify(worker_path, connector_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "has no offset: checked up to the high watermark" in result.stdout
    assert f"partition(s), {len(meta['objects'])} object(s), " in result.stdout
    assert "; 0 gap(s) (0 missing offset(s)), 0 duplicate(s)" in result.stdout
    assert "OK: every checked offset is in exactly one object" in result.stdout
    if case == "field-two":
        assert "  covered: not placed (interleaved objects, see below)" in result.stdout
        assert "90 record(s) for 90 offset(s) up to 90\n" in result.stdout
        assert "(by record count only in 2 interleaved partition(s))" in result.stdout
    else:
        for p, end in meta["end_offsets"].items():
            assert f"{topic}-{p}: log start 0, high watermark {end}" in result.stdout
        for p, end in meta["end_offsets"].items():
            assert f"  covered: 0-{end - 1}\n" in result.stdout
        assert "interleaved" not in result.stdout


def test_verify_lists_ignored_null_values_as_gaps(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix,
                                                  tmp_path):
    """behavior.on.null.values=ignore (Confluent's objects): the tombstones' offsets are in no object, so they are
    gaps verify cannot tell from lost data; --allow-gaps lists them and exits 0."""
    _, _, worker_path, connector_path = golden_case_in_bucket(
        "nulls-ignore", testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path)
    result = verify(worker_path, connector_path)
    assert result.returncode == 1, result.stdout + result.stderr
    # Partition 0: objects at 0, 29 and 60 of 25 records each, high watermark 89.
    for gap in ("GAP 25-28 (4 offset(s), missing)", "GAP 54-59 (6 offset(s), missing)",
                "GAP 85-88 (4 offset(s), missing)"):
        assert gap in result.stdout
    assert "verify cannot tell these apart" in result.stdout
    allowed = verify(worker_path, connector_path, "--allow-gaps")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "OK: every checked offset is in at most one object" in allowed.stdout
