"""PUT /connector-plugins/{plugin}/config/validate on a running sluice, compared with the answers of a real Kafka
Connect 4.4 worker running Confluent's S3 sink 12.1.9 (tests/data/rest/kafka-connect-4.4/validate_*; the unit tests
in tests/unit/rest/validate_api_test.cc compare every key). Here: the checks of `sluice validate` as the running
process makes them, with its worker's config providers and converter defaults."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from sluice_process import SluiceProcess, connector_config, free_port, wait_until, worker_config

RECORDED = Path(__file__).resolve().parents[1] / "data" / "rest" / "kafka-connect-4.4"
PATH = "/connector-plugins/io.confluent.connect.s3.S3SinkConnector/config/validate"
FILE_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider"


def recorded(case: str) -> tuple[int, object]:
    return int((RECORDED / f"{case}.status").read_text()), json.loads((RECORDED / f"{case}.body").read_text())


def request_body(name: str) -> dict:
    return json.loads((RECORDED / "validate_requests" / name).read_text())


def put(base: str, path: str, body: bytes | None) -> tuple[int, dict]:
    request = urllib.request.Request(base + path, data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def by_name(infos: dict) -> dict:
    return {c["value"]["name"]: c for c in infos["configs"]}


def errors(infos: dict) -> set[str]:
    return {c["value"]["name"] for c in infos["configs"] if c["value"]["errors"]}


def test_validate_endpoint_of_a_running_sluice(testenv, make_topic, unique_name, s3_prefix, tmp_path):
    secrets = tmp_path / "s3.properties"
    secrets.write_text(f"secret={testenv.aws_secret_access_key}\nflush=abc\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    worker = worker_config(testenv, listeners=base, **{
        "value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "false",
        "config.providers": "file", "config.providers.file.class": FILE_PROVIDER})
    sluice = SluiceProcess(tmp_path, worker, connector_config(testenv, unique_name("validate"), make_topic(),
                                                              s3_prefix), own_rest_port=False)
    sluice.start()
    try:
        def listening():
            try:
                return put(base, PATH, b"{}")[0] == 500
            except urllib.error.URLError:
                return False

        wait_until(listening, 60, 0.5, what="the REST listener")

        # A valid configuration: no errors, the worker's value converter as the default, the secret hidden.
        code, ours = put(base, PATH, json.dumps(request_body("valid.json")).encode())
        want_code, theirs = recorded("validate_valid")
        assert code == want_code, ours
        assert ours["error_count"] == 0, [c["value"] for c in ours["configs"] if c["value"]["errors"]]
        assert ours["name"] == theirs["name"] and ours["groups"] == theirs["groups"]
        configs = by_name(ours)
        assert configs["value.converter"]["definition"]["default_value"] == "org.apache.kafka.connect.json.JsonConverter"
        assert configs["value.converter"]["value"]["value"] == "org.apache.kafka.connect.json.JsonConverter"
        assert configs["aws.secret.access.key"]["value"]["value"] == "[hidden]"

        # Invalid values: the same keys carry errors as in Connect, but for topics.regex (sluice reports the
        # missing topic selection once, on topics).
        code, ours = put(base, PATH, json.dumps(request_body("invalid_values.json")).encode())
        _, theirs = recorded("validate_invalid_values")
        assert code == 200
        assert errors(ours) == errors(theirs) - {"topics.regex"}
        assert ours["error_count"] == theirs["error_count"] - 1

        # Transforms: one group per alias, errors on the same keys.
        code, ours = put(base, PATH, json.dumps(request_body("invalid_transforms.json")).encode())
        _, theirs = recorded("validate_invalid_transforms")
        assert code == 200 and ours["groups"] == theirs["groups"]
        assert errors(ours) == errors(theirs) and ours["error_count"] == theirs["error_count"]

        # Values from the worker's config providers are resolved before the checks and shown as placeholders.
        config = request_body("valid.json")
        config["aws.secret.access.key"] = f"${{file:{secrets}:secret}}"
        config["flush.size"] = f"${{file:{secrets}:flush}}"
        code, ours = put(base, PATH, json.dumps(config).encode())
        assert code == 200 and errors(ours) == {"flush.size"}, ours
        configs = by_name(ours)
        assert configs["aws.secret.access.key"]["value"]["value"] == f"${{file:{secrets}:secret}}"
        # The resolved value never shows, not even in the error.
        assert "abc" not in json.dumps(configs["flush.size"]), configs["flush.size"]

        # Connect's status codes and error bodies.
        for case, path, body in [
                ("validate_mismatched_class", PATH, json.dumps(request_body("mismatch.json")).encode()),
                ("validate_unknown_plugin", "/connector-plugins/com.example.NoSuchConnector/config/validate",
                 json.dumps(request_body("valid.json")).encode()),
                ("validate_empty_object", PATH, b"{}"), ("validate_empty_body", PATH, b""),
                ("validate_no_body", PATH, None)]:
            assert put(base, path, body) == recorded(case), case
        code, ours = put(base, PATH, b'{"flush.size": "3",')
        assert code == 500 and ours["error_code"] == 500
    finally:
        assert sluice.stop() == 0, sluice.logs()
