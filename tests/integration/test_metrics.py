"""GET /metrics: sluice's Prometheus metrics checked against what the test produced and what is in the bucket.

A topic of two partitions gets good JSON records and, in partition 0, a few that are not JSON; with
errors.tolerance=all and a dead-letter queue those are skipped and dead-lettered. Once the offsets are committed,
the scrape must count exactly the records consumed, written, skipped and dead-lettered per partition, the objects
and their bytes as the bucket holds them, the committed offsets, and a consumer lag of 0. The whole exposition is
read with prometheus_client's parser (the reference implementation of the text format), and the Grafana dashboard
in deploy/grafana may only query metric names this scrape shows.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from sluice_process import (SluiceProcess, committed_offsets, connector_config, free_port, list_keys,
                            produce_records, wait_until, worker_config)

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "sluice-dashboard.json"
BAD = {5, 20, 33}  # offsets of partition 0 that are not JSON
GOOD_PER_PARTITION = 50
FLUSH = 10


def scrape(base: str) -> tuple[str, str]:
    with urllib.request.urlopen(base + "/metrics", timeout=10) as response:
        assert response.status == 200
        return response.read().decode(), response.headers.get("Content-Type")


def samples(text: str) -> dict[str, list]:
    """Every sample of the exposition by sample name, parsed by prometheus_client (which raises on bad text)."""
    out: dict[str, list] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out.setdefault(sample.name, []).append(sample)
    return out


def by_partition(all_samples: dict[str, list], name: str, topic: str) -> dict[int, float]:
    return {int(s.labels["partition"]): s.value for s in all_samples.get(name, []) if s.labels.get("topic") == topic}


def test_metrics_count_what_was_produced_and_written(testenv, s3, make_topic, kafka_producer, kafka_consumer,
                                                    unique_name, s3_prefix, tmp_path):
    topic = make_topic(partitions=2)
    dlq = unique_name("dlq")
    values: list[tuple[int, bytes]] = []
    for partition in (0, 1):
        good = 0
        offset = 0
        while good < GOOD_PER_PARTITION:
            if partition == 0 and offset in BAD:
                values.append((0, b"not json {"))
            else:
                values.append((partition, json.dumps({"p": partition, "i": good}).encode()))
                good += 1
            offset += 1
    produce_records(kafka_producer(), topic, values)
    end_offsets = {0: GOOD_PER_PARTITION + len(BAD), 1: GOOD_PER_PARTITION}
    consumed_bytes = {p: sum(len(v) for q, v in values if q == p) for p in (0, 1)}

    name = unique_name("metrics")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    worker = worker_config(testenv, listeners=base, **{
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter.schemas.enable": "false"})
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": FLUSH, "errors.tolerance": "all",
        "errors.deadletterqueue.topic.name": dlq, "errors.deadletterqueue.topic.replication.factor": 1})
    started = time.time()
    sluice = SluiceProcess(tmp_path, worker, connector, run_args=["--memory-budget-mb", "64"]).start()
    try:
        group = f"connect-{name}"
        wait_until(lambda: not sluice.running() or committed_offsets(kafka_consumer, group, topic, 2) == end_offsets,
                   90, what=f"offsets {end_offsets} committed")
        assert sluice.running(), sluice.logs()

        def lag_is_zero():
            found = by_partition(samples(scrape(base)[0]), "sluice_consumer_lag_records", topic)
            return found == {0: 0, 1: 0} and found

        # The lag comes from librdkafka's statistics, every 5 s.
        wait_until(lag_is_zero, 30, what="a consumer lag of 0 on both partitions")
        text, content_type = scrape(base)
    finally:
        assert sluice.stop() == 0, sluice.logs()

    assert content_type == "text/plain; version=0.0.4; charset=utf-8"
    got = samples(text)
    expected_good = {0: GOOD_PER_PARTITION, 1: GOOD_PER_PARTITION}
    assert by_partition(got, "sluice_records_consumed_total", topic) == end_offsets, text
    assert by_partition(got, "sluice_consumed_bytes_total", topic) == consumed_bytes
    assert by_partition(got, "sluice_records_written_total", topic) == expected_good
    assert by_partition(got, "sluice_records_skipped_total", topic) == {0: len(BAD), 1: 0}
    assert by_partition(got, "sluice_records_dead_lettered_total", topic) == {0: len(BAD), 1: 0}
    assert by_partition(got, "sluice_records_filtered_total", topic) == {0: 0, 1: 0}
    assert by_partition(got, "sluice_committed_offset", topic) == end_offsets
    assert by_partition(got, "sluice_open_files", topic) == {0: 0, 1: 0}

    listing = s3.list_objects_v2(Bucket=testenv.s3_bucket, Prefix=s3_prefix)["Contents"]
    assert len(listing) == 2 * GOOD_PER_PARTITION // FLUSH
    objects = by_partition(got, "sluice_objects_committed_total", topic)
    assert sum(objects.values()) == len(listing) == len(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert objects == {0: GOOD_PER_PARTITION // FLUSH, 1: GOOD_PER_PARTITION // FLUSH}
    assert sum(by_partition(got, "sluice_written_bytes_total", topic).values()) == sum(o["Size"] for o in listing)
    assert sum(by_partition(got, "sluice_parts_uploaded_total", topic).values()) == 0  # small objects: PutObject

    def task_value(metric: str) -> float:
        [sample] = [s for s in got[metric] if s.labels["connector"] == name]
        assert sample.labels["task"] == "0"
        return sample.value

    assert task_value("sluice_task_running") == 1
    states = {s.labels["state"]: s.value for s in got["sluice_task_state"] if s.labels["connector"] == name}
    assert states == {"RUNNING": 1, "PAUSED": 0, "FAILED": 0, "RESTARTING": 0}
    assert task_value("sluice_task_partitions") == 2
    assert task_value("sluice_offset_commits_total") >= 1
    assert 0 <= task_value("sluice_offset_commit_age_seconds") < 60

    def connector_value(metric: str, **labels) -> float:
        [sample] = [s for s in got[metric] if s.labels["connector"] == name and
                    all(s.labels.get(k) == v for k, v in labels.items())]
        return sample.value

    assert connector_value("sluice_memory_budget_limit_bytes") == 64 * 1024 * 1024
    assert connector_value("sluice_memory_budget_used_bytes") >= 0
    assert connector_value("sluice_memory_budget_waiting_threads") == 0
    puts = connector_value("sluice_s3_request_duration_seconds_count", operation="PutObject")
    assert puts >= len(listing)
    assert connector_value("sluice_s3_request_duration_seconds_bucket", operation="PutObject", le="+Inf") == puts
    assert connector_value("sluice_s3_errors_total", kind="server") == 0
    assert connector_value("sluice_s3_retries_total") == 0

    assert got["process_cpu_seconds_total"][0].value > 0
    assert got["process_resident_memory_bytes"][0].value > 1024 * 1024
    assert abs(got["process_start_time_seconds"][0].value - started) < 30

    # Every metric the dashboard queries is one a real scrape shows.
    dashboard = json.loads(DASHBOARD.read_text())
    queried: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("expr", "query") and isinstance(value, str):
                    queried.update(re.findall(r"\b(?:sluice|process)_[a-z_]+\b", value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(dashboard)
    assert len(queried) >= 10, queried
    assert queried <= set(got), sorted(queried - set(got))
