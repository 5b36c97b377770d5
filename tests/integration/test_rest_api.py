"""The Kafka Connect compatible REST API (read-only endpoints) of a running sluice, compared with the responses a
real Kafka Connect 4.4 standalone worker running Confluent's S3 sink 12.1.9 gave for the same requests
(tests/data/rest/kafka-connect-4.4, recorded for a connector named "rest-oracle" with tasks.max=2 on a 2-partition
topic): status codes, JSON shapes and error bodies must match; versions, commit and cluster id may differ."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path

from sluice_process import SluiceProcess, connector_config, free_port, produce_records, wait_until, worker_config

RECORDED = Path(__file__).resolve().parents[1] / "data" / "rest" / "kafka-connect-4.4"
ORACLE_NAME = "rest-oracle"


def recorded(case: str) -> tuple[int, object]:
    return int((RECORDED / f"{case}.status").read_text()), json.loads((RECORDED / f"{case}.body").read_text())


def call(base: str, path: str, method: str = "GET") -> tuple[int, object, str]:
    request = urllib.request.Request(base + path, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode()
            assert response.headers.get_content_type() == "application/json", response.headers
            return response.status, json.loads(body), body
    except urllib.error.HTTPError as e:
        body = e.read().decode()
        assert e.headers.get_content_type() == "application/json", (path, e.headers)
        return e.code, json.loads(body), body


def shape_mismatch(ours, theirs, where="$") -> str | None:
    """None when `ours` has `theirs`'s shape: same keys in every object, same JSON types, array elements shaped like
    Connect's first element."""
    if type(ours) is not type(theirs) and not (isinstance(ours, (int, float)) and isinstance(theirs, (int, float))):
        return f"{where}: {type(ours).__name__} where Connect has {type(theirs).__name__}"
    if isinstance(theirs, dict):
        if set(ours) != set(theirs):
            return f"{where}: keys {sorted(ours)} where Connect has {sorted(theirs)}"
        for key in theirs:
            if (problem := shape_mismatch(ours[key], theirs[key], f"{where}.{key}")):
                return problem
    if isinstance(theirs, list) and theirs:
        for i, item in enumerate(ours):
            if (problem := shape_mismatch(item, theirs[0], f"{where}[{i}]")):
                return problem
    return None


def renamed(value, name: str, topic: str, oracle_topic: str):
    """A recorded body with the oracle's connector and topic names replaced by this test's."""
    text = json.dumps(value).replace(ORACLE_NAME, name).replace(oracle_topic, topic)
    return json.loads(text)


def test_read_only_endpoints_answer_as_kafka_connect(testenv, make_topic, kafka_producer, unique_name, s3_prefix,
                                                      tmp_path):
    topic = make_topic(partitions=2)
    name = unique_name("rest")
    port = free_port()
    # The recorded connector's keys, so that configurations compare key for key.
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "tasks.max": 2, "flush.size": 3, "s3.path.style.access.enabled": "true",
        "partitioner.class": "io.confluent.connect.storage.partitioner.DefaultPartitioner"})
    sluice = SluiceProcess(tmp_path, worker_config(testenv, listeners=f"http://127.0.0.1:{port}"), connector)
    base = f"http://127.0.0.1:{port}"
    _, oracle_config = recorded("config")
    oracle_topic = oracle_config["topics"]
    sluice.start()
    try:
        produce_records(kafka_producer(), topic, [(i % 2, f"v{i}") for i in range(6)])

        def running():
            try:
                code, status, _ = call(base, f"/connectors/{name}/status")
            except urllib.error.URLError:  # not listening yet
                return False
            return code == 200 and [t["state"] for t in status["tasks"]] == ["RUNNING", "RUNNING"]

        wait_until(running, 60, 0.5, what="two RUNNING tasks in the status")
        wait_until(lambda: call(base, f"/connectors/{name}/topics")[1][name]["topics"] == [topic], 60, 0.5,
                   what="the topic in /topics")
        bodies = []

        # Same status code and shape as Connect; values checked where they must match.
        for case, path in [("root", "/"), ("connectors_expand_status", "/connectors?expand=status"),
                           ("connectors_expand_info", "/connectors?expand=info"),
                           ("connectors_expand_both", "/connectors?expand=status&expand=info"),
                           ("connector", f"/connectors/{name}"), ("config", f"/connectors/{name}/config"),
                           ("status", f"/connectors/{name}/status"), ("tasks", f"/connectors/{name}/tasks"),
                           ("task_status", f"/connectors/{name}/tasks/0/status"),
                           ("connector_plugins", "/connector-plugins")]:
            code, ours, body = call(base, path)
            bodies.append(body)
            want_code, theirs = recorded(case)
            assert code == want_code, (case, code, body)
            assert shape_mismatch(ours, renamed(theirs, name, topic, oracle_topic)) is None, \
                (case, shape_mismatch(ours, renamed(theirs, name, topic, oracle_topic)), body)

        # Values that must match: names, states, worker id, task ids, types, the configuration.
        _, root, _ = call(base, "/")
        assert root["kafka_cluster_id"] == recorded("root")[1]["kafka_cluster_id"]  # the same testenv broker
        _, status, _ = call(base, f"/connectors/{name}/status")
        assert status["name"] == name and status["type"] == "sink"
        assert status["connector"]["state"] == "RUNNING"
        assert status["connector"]["worker_id"] == f"127.0.0.1:{port}"
        assert [(t["id"], t["state"], t["worker_id"]) for t in status["tasks"]] == \
            [(0, "RUNNING", f"127.0.0.1:{port}"), (1, "RUNNING", f"127.0.0.1:{port}")]
        _, config, _ = call(base, f"/connectors/{name}/config")
        expected = {k: str(v) for k, v in connector.items()}
        expected["aws.secret.access.key"] = "[hidden]"
        assert config == expected
        _, tasks, _ = call(base, f"/connectors/{name}/tasks")
        assert [t["id"] for t in tasks] == [{"connector": name, "task": 0}, {"connector": name, "task": 1}]
        assert all(t["config"] == dict(expected, **{"task.class": "io.confluent.connect.s3.S3SinkTask"})
                   for t in tasks)
        _, listed, _ = call(base, "/connectors")
        assert listed == [name]
        _, info, _ = call(base, "/connectors?expand=info")
        assert info[name]["info"]["tasks"] == [{"connector": name, "task": 0}, {"connector": name, "task": 1}]
        code, plugins, _ = call(base, "/connector-plugins?connectorsOnly=false")
        assert code == 200
        types = {(p["class"], p["type"]) for p in plugins}
        for plugin in recorded("connector_plugins_all")[1]:
            if plugin["type"] != "source":  # the storage library's SchemaSourceConnector
                assert (plugin["class"], plugin["type"]) in types, plugin

        # Error bodies: exactly Connect's.
        for case, path, method in [("unknown_connector", "/connectors/nope", "GET"),
                                   ("unknown_connector_config", "/connectors/nope/config", "GET"),
                                   ("unknown_connector_status", "/connectors/nope/status", "GET"),
                                   ("unknown_connector_tasks", "/connectors/nope/tasks", "GET"),
                                   ("unknown_connector_task_status", "/connectors/nope/tasks/0/status", "GET"),
                                   ("unknown_connector_topics", "/connectors/nope/topics", "GET"),
                                   ("task_status_unknown", f"/connectors/{name}/tasks/7/status", "GET"),
                                   ("task_status_bad_id", f"/connectors/{name}/tasks/abc/status", "GET"),
                                   ("unknown_path", "/nothing/here", "GET"),
                                   ("connectors_expand_bogus", "/connectors?expand=bogus", "GET"),
                                   ("wrong_method_root", "/", "POST"),
                                   ("wrong_method_connector_status", f"/connectors/{name}/status", "DELETE"),
                                   ("wrong_method_topics", f"/connectors/{name}/topics", "POST")]:
            code, ours, body = call(base, path, method)
            bodies.append(body)
            want_code, theirs = recorded(case)
            assert (code, ours) == (want_code, renamed(theirs, name, topic, oracle_topic)), (case, body)

        # The S3 secret appears in no response.
        assert not any(testenv.aws_secret_access_key in b for b in bodies)
    finally:
        assert sluice.stop() == 0, sluice.logs()
    # The server stopped with the connector.
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_taken_port_fails_the_start_naming_the_listener(testenv, make_topic, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    with socket.socket() as taken:
        # SO_REUSEPORT on the holder too: a server that also set it could share the port unnoticed.
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        sluice = SluiceProcess(tmp_path, worker_config(testenv, listeners=f"http://127.0.0.1:{port}"),
                               connector_config(testenv, unique_name("rest-taken"), topic, s3_prefix))
        code, logs = sluice.run_until_failure(timeout=60)
    assert code == 1, logs
    assert f"REST listener http://127.0.0.1:{port}" in logs, logs


def test_https_listener_without_a_key_store_is_a_configuration_error(testenv, make_topic, unique_name, s3_prefix,
                                                                     tmp_path):
    """(test_rest_security.py serves https listeners.)"""
    topic = make_topic()
    sluice = SluiceProcess(tmp_path, worker_config(testenv, listeners=f"https://127.0.0.1:{free_port()}"),
                           connector_config(testenv, unique_name("rest-https"), topic, s3_prefix))
    code, logs = sluice.run_until_failure(timeout=60)
    assert code == 2, logs
    assert "ssl.keystore.location" in logs and "https listener" in logs, logs
