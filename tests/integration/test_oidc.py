"""OAUTHBEARER with OIDC end to end, configured as Kafka's documentation configures a Java client (KIP-768):
Kafka's OAuthBearerLoginCallbackHandler, sasl.oauthbearer.token.endpoint.url and the client credentials in the
JAAS entry. sluice fetches the tokens itself (src/runtime/oidc_token_source.h; librdkafka's own OIDC login would
fail the task on a token endpoint outage, see docs/compatibility.md). The broker's OIDC listener checks every JWT with Kafka's own validator against
the test key (see oidc_server.py)."""

from __future__ import annotations

import subprocess
import time

from sluice_process import (SLUICE, SluiceProcess, connector_config, json_lines, produce_records, wait_for_objects,
                            wait_until, worker_config, write_properties)

LOGIN_HANDLER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler"
LOGIN_MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"


def oidc_worker(testenv, server, secret: str | None = None, **extra) -> dict[str, object]:
    values = read_oidc_env(testenv)
    return worker_config(testenv, **{
        "bootstrap.servers": values["KAFKA_OIDC_BOOTSTRAP_SERVERS"],
        "consumer.security.protocol": "SASL_PLAINTEXT",
        "consumer.sasl.mechanism": "OAUTHBEARER",
        "consumer.sasl.login.callback.handler.class": LOGIN_HANDLER,
        "consumer.sasl.oauthbearer.token.endpoint.url": server.url,
        "consumer.sasl.jaas.config": f'{LOGIN_MODULE} required clientId="{server.client_id}" '
                                     f'clientSecret="{secret or server.client_secret}" scope="kafka";',
        **extra,
    })


def read_oidc_env(testenv) -> dict[str, str]:
    from conftest import read_env_file

    values = read_env_file(testenv.env_file)
    assert values.get("KAFKA_OIDC_BOOTSTRAP_SERVERS"), f"{testenv.env_file} lacks KAFKA_OIDC_BOOTSTRAP_SERVERS: " \
                                                       "rerun `scripts/testenv down && scripts/testenv up`"
    return values


def test_sink_over_oidc_with_the_java_client_settings(testenv, s3, oidc_token_server, make_topic,
                                                       kafka_producer, unique_name, s3_prefix, tmp_path):
    topic = make_topic(partitions=2)
    produce_records(kafka_producer(), topic, [(i % 2, f"oidc-{i}") for i in range(40)])
    connector = connector_config(testenv, unique_name("oidc"), topic, s3_prefix, **{"flush.size": 10})
    sluice = SluiceProcess(tmp_path, oidc_worker(testenv, oidc_token_server), connector).start()
    try:
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 4, sluice, what="four objects")
    finally:
        rc = sluice.stop()
    logs = sluice.logs()
    assert rc == 0, logs
    assert json_lines(s3, testenv.s3_bucket, f"{s3_prefix}{topic}/partition=1/{topic}+1+0000000010.json") == [
        f"oidc-{i}" for i in range(21, 40, 2)]
    requests = oidc_token_server.requests
    assert requests, "sluice never asked the token endpoint"
    assert oidc_token_server.client_secret not in logs
    for token in oidc_token_server.issued_tokens():
        assert token not in logs


def test_short_lived_tokens_are_fetched_again_while_consuming(testenv, s3, oidc_token_server,
                                                              make_topic, kafka_producer, unique_name, s3_prefix,
                                                              tmp_path):
    oidc_token_server.set_lifetime(10)
    topic = make_topic()
    producer = kafka_producer()
    produce_records(producer, topic, [(0, f"early-{i}") for i in range(10)])
    connector = connector_config(testenv, unique_name("oidc-short"), topic, s3_prefix, **{"flush.size": 10})
    sluice = SluiceProcess(tmp_path, oidc_worker(testenv, oidc_token_server), connector).start()
    try:
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 1, sluice, what="the first object")
        time.sleep(22)  # past two token lifetimes
        produce_records(producer, topic, [(0, f"late-{i}") for i in range(10)])
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 2, sluice, what="the second object")
    finally:
        rc = sluice.stop()
    logs = sluice.logs()
    assert rc == 0, logs
    assert json_lines(s3, testenv.s3_bucket, f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000010.json") == [
        f"late-{i}" for i in range(10)]
    assert oidc_token_server.token_requests() >= 3, oidc_token_server.token_requests()
    assert "Kafka authentication failed" not in logs, logs


def test_a_token_endpoint_outage_at_refresh_time_is_ridden_out(testenv, s3, oidc_token_server, make_topic,
                                                                kafka_producer, unique_name, s3_prefix, tmp_path):
    """librdkafka turns every token failure into an authentication error, which fails the task. While the
    current token still has life, a transient failure (503) is answered with that token instead: with 30 s tokens
    the refresh at 24 s fails, the current token carries on, and the refresh after the endpoint is back works."""
    oidc_token_server.set_lifetime(30)
    topic = make_topic()
    producer = kafka_producer()
    produce_records(producer, topic, [(0, f"early-{i}") for i in range(10)])
    connector = connector_config(testenv, unique_name("oidc-outage"), topic, s3_prefix, **{"flush.size": 10})
    sluice = SluiceProcess(tmp_path, oidc_worker(testenv, oidc_token_server), connector).start()
    try:
        wait_until(lambda: oidc_token_server.token_requests() >= 1 or not sluice.running(), 30,
                   what="the first token")
        first = time.monotonic()
        time.sleep(2)
        oidc_token_server.set_failure(503)
        time.sleep(max(0.0, first + 26 - time.monotonic()))  # the refresh at ~24 s has failed by now
        oidc_token_server.set_failure(None)
        produce_records(producer, topic, [(0, f"late-{i}") for i in range(10)])
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 2, sluice, what="two objects")
        time.sleep(6)  # past the first token's expiry: a new one must have been fetched
        assert sluice.running(), sluice.logs()
    finally:
        rc = sluice.stop()
    logs = sluice.logs()
    assert rc == 0, logs
    assert "using the current one" in logs, logs
    assert oidc_token_server.token_requests() >= 2, oidc_token_server.token_requests()
    assert "Kafka authentication failed" not in logs, logs


def test_a_refused_client_fails_the_task_with_the_endpoints_reason(testenv, oidc_token_server,
                                                                   make_topic, unique_name, s3_prefix, tmp_path):
    wrong = "wrong-secret-" + str(time.time_ns())
    topic = make_topic()
    rc, logs = SluiceProcess(tmp_path, oidc_worker(testenv, oidc_token_server, secret=wrong),
                             connector_config(testenv, unique_name("oidc-bad"), topic, s3_prefix)
                             ).run_until_failure(60)
    assert rc == 1, logs
    assert "Kafka authentication failed" in logs, logs
    assert f"refused client {oidc_token_server.client_id} (HTTP 401, invalid_client" in logs, logs
    assert wrong not in logs


def test_validate_reports_a_missing_token_endpoint(testenv, oidc_token_server, tmp_path):
    worker_values = oidc_worker(testenv, oidc_token_server)
    del worker_values["consumer.sasl.oauthbearer.token.endpoint.url"]
    worker = write_properties(tmp_path / "worker.properties", worker_values)
    connector = write_properties(tmp_path / "connector.properties",
                                 connector_config(testenv, "oidc-validate", "t", "p/"))
    result = subprocess.run([str(SLUICE), "validate", "--worker", str(worker), "--connector", str(connector)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "OAuthBearerLoginCallbackHandler needs sasl.oauthbearer.token.endpoint.url" in result.stdout
    assert oidc_token_server.client_secret not in result.stdout
