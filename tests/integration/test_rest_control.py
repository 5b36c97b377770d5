"""The connector's lifecycle under REST control (pause, resume, stop, restart, PUT config) on a running sluice
against the test broker and S3 server, with the answers compared with those a real Kafka Connect 4.4 standalone
worker running Confluent's S3 sink 12.1.9 gave for the same requests (tests/data/rest/kafka-connect-4.4, connector
"rest-oracle"): status codes, JSON shapes and error bodies."""

from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path

from sluice_process import (SluiceProcess, assert_each_record_once, committed_offsets, connector_config,
                            list_keys, produce_records, read_object, wait_for_objects, wait_until, worker_config)

RECORDED = Path(__file__).resolve().parents[1] / "data" / "rest" / "kafka-connect-4.4"
ORACLE_NAME = "rest-oracle"


def recorded(case: str) -> tuple[int, object]:
    body = (RECORDED / f"{case}.body").read_text()
    return int((RECORDED / f"{case}.status").read_text()), (json.loads(body) if body else None)


def renamed(value, name: str):
    return json.loads(json.dumps(value).replace(ORACLE_NAME, name))


def shape(value):
    """The keys and JSON types of a body, values left out (array elements by the first's shape)."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def states(sluice: SluiceProcess) -> tuple[str, list[str]] | None:
    status = sluice.connector_status()
    if status is None:
        return None
    return status["connector"]["state"], [t["state"] for t in status["tasks"]]


def records(prefix: str, partitions: int, start: int, count: int):
    """(partition, value) pairs "p<partition>-<n>" for n in [start, start + count), as assert_each_record_once reads
    them."""
    return [(p, f"p{p}-{n}") for n in range(start, start + count) for p in range(partitions)]


def test_pause_resume_stop_and_config_changes(testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name,
                                              s3_prefix, tmp_path):
    topic = make_topic(partitions=2)
    name = unique_name("ctl")
    group = f"connect-{name}"
    bucket = testenv.s3_bucket
    connector = connector_config(testenv, name, topic, s3_prefix, **{"tasks.max": 2, "flush.size": 10})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector)
    producer = kafka_producer()
    sluice.start()
    try:
        wait_until(lambda: states(sluice) == ("RUNNING", ["RUNNING", "RUNNING"]), 60, what="two RUNNING tasks")
        produce_records(producer, topic, records(s3_prefix, 2, 0, 20))
        wait_for_objects(s3, bucket, s3_prefix, 4, sluice)
        wait_until(lambda: committed_offsets(kafka_consumer, group, topic, 2) == {0: 20, 1: 20}, 30,
                   what="offsets 20 committed")

        # Pause: 202 without a body; connector and tasks PAUSED; nothing consumed, no object, offsets still.
        assert sluice.rest("PUT", f"/connectors/{name}/pause") == recorded("pause")
        wait_until(lambda: states(sluice) == ("PAUSED", ["PAUSED", "PAUSED"]), 20, what="PAUSED")
        _, status = sluice.rest("GET", f"/connectors/{name}/status")
        assert shape(status) == shape(renamed(recorded("status_paused")[1], name))
        produce_records(producer, topic, records(s3_prefix, 2, 20, 20))
        time.sleep(4)
        assert len(list_keys(s3, bucket, s3_prefix)) == 4
        assert committed_offsets(kafka_consumer, group, topic, 2) == {0: 20, 1: 20}

        # Resume: the records produced while paused land.
        assert sluice.rest("PUT", f"/connectors/{name}/resume") == recorded("resume")
        wait_for_objects(s3, bucket, s3_prefix, 8, sluice)
        wait_until(lambda: states(sluice) == ("RUNNING", ["RUNNING", "RUNNING"]), 20, what="RUNNING again")

        # Stop (KIP-875): 204, STOPPED without tasks; resume starts them again.
        assert sluice.rest("PUT", f"/connectors/{name}/stop") == recorded("stop")
        wait_until(lambda: states(sluice) == ("STOPPED", []), 30, what="STOPPED")
        assert sluice.rest("GET", f"/connectors/{name}/tasks") == recorded("tasks_stopped")
        assert sluice.rest("POST", f"/connectors/{name}/tasks/0/restart") == \
            (404, renamed(recorded("task_restart_stopped")[1], name))
        produce_records(producer, topic, records(s3_prefix, 2, 40, 20))
        time.sleep(3)
        assert len(list_keys(s3, bucket, s3_prefix)) == 8
        assert sluice.rest("PUT", f"/connectors/{name}/resume") == recorded("resume")
        wait_for_objects(s3, bucket, s3_prefix, 12, sluice)
        assert_each_record_once(s3, bucket, s3_prefix, partitions=2, per_partition=60, flush=10)

        # Other connectors: Connect's answers, and 409 for creating a second one.
        assert sluice.rest("PUT", "/connectors/nope/pause") == recorded("pause_unknown")
        assert sluice.rest("PUT", "/connectors/nope/resume") == recorded("resume_unknown")
        assert sluice.rest("PUT", "/connectors/nope/stop") == recorded("stop_unknown")
        assert sluice.rest("POST", "/connectors/nope/restart?includeTasks=true") == recorded("restart_unknown_tasks")
        code, body = sluice.rest("PUT", "/connectors/other/config", dict(connector, name="other"))
        assert code == 409 and body["error_code"] == 409 and name in body["message"], body

        # An invalid configuration: 400 with Connect's text, and the connector keeps running unchanged.
        config_path = f"/connectors/{name}/config"
        bad = {k: str(v) for k, v in connector.items()}
        bad.update({"flush.size": "abc", "tasks.max": "0"})
        code, body = sluice.rest("PUT", config_path, bad)
        want_code, want = recorded("put_config_invalid")
        assert code == want_code and set(body) == set(want), body
        lines = body["message"].split("\n")
        assert lines[0] == "Connector configuration is invalid and contains the following 2 error(s):", body
        assert any("tasks.max" in line for line in lines[1:3]) and any("flush.size" in line for line in lines[1:3])
        assert lines[3:] == want["message"].split("\n")[3:]
        assert sluice.rest("PUT", config_path, dict(bad, name="other")) == \
            (400, renamed(recorded("put_config_name_mismatch")[1], name))
        assert sluice.rest("GET", config_path)[1]["flush.size"] == "10"
        assert states(sluice) == ("RUNNING", ["RUNNING", "RUNNING"])

        # A new flush.size while paused: 200 with the ConnectorInfo (name added last); the tasks restart with it,
        # from the committed offsets, still paused (their partitions are paused as they are assigned).
        assert sluice.rest("PUT", f"/connectors/{name}/pause") == recorded("pause")
        new = {k: str(v) for k, v in connector.items() if k != "name"}
        new["flush.size"] = "25"
        code, info = sluice.rest("PUT", config_path, new)
        want_code, want = recorded("put_config")
        # The same keys and types as Connect's ConnectorInfo (the configurations' keys differ).
        assert code == want_code and shape(dict(info, config={})) == shape(dict(want, config={})), info
        assert all(isinstance(v, str) for v in info["config"].values())
        assert list(info["config"])[-1] == "name" and info["config"]["flush.size"] == "25"
        assert info["tasks"] == [{"connector": name, "task": 0}, {"connector": name, "task": 1}]
        wait_until(lambda: states(sluice) == ("PAUSED", ["PAUSED", "PAUSED"]), 60, what="PAUSED with 25")
        produce_records(producer, topic, records(s3_prefix, 2, 60, 50))
        time.sleep(3)
        assert len(list_keys(s3, bucket, s3_prefix)) == 12
        assert sluice.rest("PUT", f"/connectors/{name}/resume") == recorded("resume")
        wait_for_objects(s3, bucket, s3_prefix, 16, sluice)
        keys = list_keys(s3, bucket, s3_prefix)
        newer = sorted(k for k in keys if int(re.search(r"\+(\d{10})\.json$", k).group(1)) >= 60)
        assert len(newer) == 4, keys
        for key in newer:
            p, start = map(int, re.search(r"\+(\d+)\+(\d{10})\.json$", key).groups())
            assert start in (60, 85)
            assert read_object(s3, bucket, key).decode().splitlines() == [f'"p{p}-{n}"' for n in range(start, start + 25)]
    finally:
        code = sluice.stop()
    assert code == 0, sluice.logs()


def test_failed_connector_and_task_stay_up_until_restarted(testenv, s3, make_topic, kafka_producer, unique_name,
                                                          tmp_path):
    topic = make_topic(partitions=1)
    name = unique_name("ctl-fail")
    # A bucket of the test's own, missing at first: the connector cannot start (HeadBucket refused).
    bucket = f"sluice-ctl-{uuid.uuid4().hex[:12]}"
    prefix = "ctl"
    connector = connector_config(testenv, name, topic, prefix, **{"s3.bucket.name": bucket, "flush.size": 10})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector)
    producer = kafka_producer()
    sluice.start()
    try:
        wait_until(lambda: states(sluice) == ("FAILED", []), 60, what="the connector FAILED")
        status = sluice.connector_status()
        assert "bucket" in status["connector"]["trace"].lower() and status["tasks"] == [], status
        assert sluice.running()
        s3.create_bucket(Bucket=bucket)
        assert sluice.rest("POST", f"/connectors/{name}/restart") == recorded("restart")
        wait_until(lambda: states(sluice) == ("RUNNING", ["RUNNING"]), 60, what="RUNNING after the restart")

        # The bucket goes away under the running task: its upload is refused, the task FAILED, the process up.
        s3.delete_bucket(Bucket=bucket)
        produce_records(producer, topic, records(prefix, 1, 0, 20))
        wait_until(lambda: states(sluice) == ("RUNNING", ["FAILED"]), 60, what="the task FAILED")
        time.sleep(1)
        assert sluice.running() and states(sluice) == ("RUNNING", ["FAILED"])
        s3.create_bucket(Bucket=bucket)
        code, body = sluice.rest("POST", f"/connectors/{name}/restart?includeTasks=true&onlyFailed=true")
        want_code, want = recorded("restart_include_tasks_only_failed")
        assert code == want_code and shape(body) == shape(renamed(want, name)), body
        assert body["connector"]["state"] == "RUNNING" and [t["state"] for t in body["tasks"]] == ["RESTARTING"]
        wait_until(lambda: states(sluice) == ("RUNNING", ["RUNNING"]), 60, what="the task RUNNING again")
        wait_for_objects(s3, bucket, prefix, 2, sluice)
        assert_each_record_once(s3, bucket, prefix, partitions=1, per_partition=20, flush=10)

        # A task restart: 204; the new task goes on from the committed offsets.
        assert sluice.rest("POST", f"/connectors/{name}/tasks/0/restart") == recorded("task_restart")
        assert sluice.rest("POST", f"/connectors/{name}/tasks/7/restart") == \
            (404, renamed(recorded("task_restart_unknown")[1], name))
        wait_until(lambda: states(sluice) == ("RUNNING", ["RUNNING"]), 60, what="RUNNING after the task restart")
        produce_records(producer, topic, records(prefix, 1, 20, 20))
        wait_for_objects(s3, bucket, prefix, 4, sluice)
        assert_each_record_once(s3, bucket, prefix, partitions=1, per_partition=40, flush=10)
        assert sluice.rest("GET", "/health") == recorded("health")
    finally:
        code = sluice.stop()
        for key in list_keys(s3, bucket, prefix):
            s3.delete_object(Bucket=bucket, Key=key)
        s3.delete_bucket(Bucket=bucket)
    # Nothing FAILED any more: a clean stop.
    assert code == 0, sluice.logs()
