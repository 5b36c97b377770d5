"""Secrets never reach logs or `sluice validate` output, at debug level, in success and in failure
(spec confluent-s3-sink.md §2.2: aws.secret.access.key, s3.sse.customer.key and s3.proxy.password are PASSWORD
keys, which Connect shows as [hidden])."""

from __future__ import annotations

import base64
import uuid

from sluice_process import (SluiceProcess, connector_config, json_lines, list_keys, produce_records, wait_until,
                            worker_config)


def assert_absent(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text, f"secret {secret[:4]}… leaked:\n" + "\n".join(
            line for line in text.splitlines() if secret in line)


def test_debug_log_of_a_full_pipeline_holds_no_secret(testenv, s3, make_topic, kafka_producer, unique_name,
                                                      s3_prefix, tmp_path):
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, f"v{i}") for i in range(6)])
    typo_secret = "TypoSecret-" + uuid.uuid4().hex
    proxy_secret = "ProxyPassword-" + uuid.uuid4().hex
    sasl_secret = "SaslPassword-" + uuid.uuid4().hex
    connector = connector_config(testenv, unique_name("secret"), topic, s3_prefix, **{
        "flush.size": 3,
        # A misspelt secret key is reported as unknown: its value must not be echoed either.
        "aws.secret.acess.key": typo_secret,
        # A proxy password without a proxy URL is not used (the proxy is off), but it is still a secret.
        "s3.proxy.user": "proxy-user",
        "s3.proxy.password": proxy_secret,
        # Passed to librdkafka (unused over PLAINTEXT), whose configuration dump goes to the debug log.
        "consumer.override.sasl.password": sasl_secret,
        "consumer.override.debug": "conf",
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector, args=["--log-level", "debug"])
    validated = sluice.validate()
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "aws.secret.acess.key" in validated.stdout  # the warning about the unknown key is there
    sluice.start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) == 2, 45, what="two objects")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert json_lines(s3, testenv.s3_bucket, sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))[1]) == [
        "v3", "v4", "v5"]
    logs = sluice.logs()
    assert " debug " in logs and "s3 request" in logs, "the log is not at debug level"
    assert "sasl.password = [redacted]" in logs, "librdkafka's configuration dump is not in the log"
    assert_absent(logs + validated.stdout + validated.stderr, testenv.aws_secret_access_key, typo_secret,
                  proxy_secret, sasl_secret)


def test_validate_shows_invalid_password_values_as_hidden(testenv, unique_name, s3_prefix, tmp_path):
    bad_customer_key = "NotBase64-" + uuid.uuid4().hex + "!!"
    connector = connector_config(testenv, unique_name("hidden"), "t", s3_prefix, **{
        "s3.ssea.name": "AES256",
        "s3.sse.customer.key": bad_customer_key,
        "s3.proxy.password": "ProxyPassword-" + uuid.uuid4().hex,
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector, args=["--log-level", "debug"])
    result = sluice.validate()
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    lines = [line for line in out.splitlines() if "s3.sse.customer.key" in line]
    assert lines and all("[hidden]" in line for line in lines), out
    assert_absent(out, bad_customer_key, testenv.aws_secret_access_key, connector["s3.proxy.password"])


def test_wrong_secret_fails_clearly_without_printing_it(testenv, make_topic, kafka_producer, unique_name,
                                                         s3_prefix, tmp_path):
    """A signature the server refuses makes sluice log its canonical request at debug level: the secret
    that signed it must not be part of what is logged. (A 403 on the start-up HeadBucket is let through,
    as the Java connector does, so the failure comes with the first upload.)"""
    topic = make_topic()
    producer = kafka_producer()
    producer.produce(topic, value="one record", partition=0)
    producer.flush(10)
    wrong = "WrongSecret-" + uuid.uuid4().hex
    connector = connector_config(testenv, unique_name("wrong"), topic, s3_prefix, **{
        "aws.secret.access.key": wrong, "s3.part.retries": 1, "flush.size": 1})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector, args=["--log-level", "debug"])
    code, logs = sluice.run_until_failure(timeout=60)
    assert code == 1, logs
    assert "SignatureDoesNotMatch" in logs or "403" in logs, logs
    assert_absent(logs, wrong, base64.b64encode(wrong.encode()).decode())
