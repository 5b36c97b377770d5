"""Transient S3 faults never end the process nor lose or duplicate a record: sluice writes through FaultProxy
(fault_proxy.py), which answers some requests with 503 SlowDown, resets connections mid-request and mid-response,
loses answers of requests S3 executed, and stalls answers past sluice's stall timeout (sluice.s3.stall.timeout.ms).
Retried requests (s3.part.retries, s3.retry.backoff.ms), rewound partitions (retry.backoff.ms) and the bucket
check at start (retried for as long as it fails transiently) must together give exactly the objects the record
sequence dictates."""

from __future__ import annotations

import time

import pytest

from fault_proxy import FAULTS, FaultProxy
from sluice_process import (SluiceProcess, assert_each_record_once, connector_config, crash_and_recover,
                            produce_records, wait_for_objects, wait_until, worker_config)

# With these rates, seed 28's decision sequence holds every fault kind within its first 18 requests (checked
# below), so a run of more requests than that injects each kind whatever the order requests arrive in.
RATES = {"slowdown": 0.10, "reset": 0.03, "lost": 0.03, "stall": 0.03}
SEED = 28


@pytest.fixture()
def fault_proxy(testenv):
    with FaultProxy(testenv.s3_endpoint, seed=SEED, stall_seconds=4, **RATES) as proxy:
        yield proxy


def _connector(testenv, name, topic, s3_prefix, proxy: FaultProxy, **extra):
    return connector_config(testenv, name, topic, s3_prefix, **{
        "store.url": proxy.url,
        "sluice.s3.stall.timeout.ms": 2000,  # the proxy stalls for 4 s
        "retry.backoff.ms": 500,
        **extra,
    })


def test_the_seed_injects_every_fault_kind_early():
    proxy = FaultProxy("http://127.0.0.1:9", seed=SEED, **RATES)
    assert set(FAULTS) <= {proxy.decide() for _ in range(18)}


def test_ten_percent_slowdown_and_resets_lost_answers_stalls_and_two_kills_write_each_record_once(
        testenv, s3, fault_proxy, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    partitions, flush, per_partition = 2, 5, 200
    topic = make_topic(partitions=partitions)
    name = unique_name("faults")
    connector = _connector(testenv, name, topic, s3_prefix, fault_proxy, **{"flush.size": flush})
    # A killed member leaves the group when its session times out: keep that short.
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **{"consumer.session.timeout.ms": 6000}), connector)
    # 40 batches of 5 per partition, 100 ms apart (200 per partition, a multiple of flush.size, so every file
    # closes on its count): 80 objects, each a PutObject through the proxy.
    produced = crash_and_recover(sluice, kafka_producer(), kafka_consumer, f"connect-{name}", topic, partitions,
                                 batches=40, per_batch=5, seed=5, kills=2)
    assert all(n == per_partition for n in produced.values()), produced
    assert_each_record_once(s3, testenv.s3_bucket, s3_prefix, partitions, per_partition, flush)
    counts = fault_proxy.counts()
    print(f"fault proxy counts: {counts}")  # shown with pytest -rP: the faults this run survived
    assert counts["requests"] >= 80, counts
    assert all(counts[kind] > 0 for kind in FAULTS), counts
    logs = sluice.logs()
    assert "s3 retry op=PutObject" in logs, logs[-3000:]


def test_the_bucket_check_at_start_outlasts_throttling(testenv, s3, make_topic, kafka_producer, unique_name,
                                                        s3_prefix, tmp_path):
    """The reported symptom: with S3 throttling at start, `sluice run` exited 1 after HeadBucket's three
    attempts. Now the check goes on, logging each round, and the connector starts once S3 answers."""
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(10)])
    with FaultProxy(testenv.s3_endpoint, slowdown=1.0) as proxy:
        connector = connector_config(testenv, unique_name("throttled"), topic, s3_prefix, **{
            "store.url": proxy.url, "flush.size": 10, "s3.retry.backoff.ms": 20, "retry.backoff.ms": 300})
        sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
        try:
            wait_until(lambda: sluice.logs().count("S3 bucket check at start failed transiently") >= 3, 30,
                       what="three rounds of the bucket check")
            assert sluice.running(), sluice.logs()
            # A HEAD answer carries no XML body: the store names the 503 by its status.
            assert "S3 HeadBucket failed: bucket=" in sluice.logs() and "status=503" in sluice.logs()
            proxy.set_rates()
            wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 1, sluice, what="the object once S3 answers")
        finally:
            code = sluice.stop()
        assert code == 0, sluice.logs()
        assert proxy.counts()["slowdown"] >= 9  # three rounds of three attempts


def test_a_stop_during_the_bucket_check_exits_cleanly(testenv, make_topic, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    with FaultProxy(testenv.s3_endpoint, slowdown=1.0) as proxy:
        connector = connector_config(testenv, unique_name("stopped"), topic, s3_prefix, **{"store.url": proxy.url})
        sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
        wait_until(lambda: "S3 bucket check at start failed transiently" in sluice.logs(), 30,
                   what="a round of the bucket check")
        started = time.monotonic()
        assert sluice.stop(timeout=15) == 0, sluice.logs()
        assert time.monotonic() - started < 5
