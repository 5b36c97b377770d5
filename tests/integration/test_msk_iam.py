"""MSK IAM authentication end to end: sluice signs kafka-cluster:Connect with the AWS credential chain and hands
librdkafka the result as an OAUTHBEARER token (spec msk-connect-and-aws.md §3.2); the test broker's SASL_SSL
listener verifies every token's SigV4 signature with the plugin in tests/kafka-broker/ (as MSK does), so a wrong
secret, an unknown key or an expired signature is refused for real.

Worker configurations are the ones MSK's documentation gives Java clients (aws-msk-iam-auth README), under the
`consumer.` prefix that Connect hands task consumers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from conftest import read_env_file
from sluice_process import (SLUICE, SluiceProcess, connector_config, json_lines, list_keys, next_message,
                            produce_records, wait_for_objects, wait_until, worker_config, write_properties)

IAM_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule"
IAM_CLIENT_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
IAM_OAUTH_HANDLER = "software.amazon.msk.auth.iam.IAMOAuthBearerLoginCallbackHandler"
OAUTH_MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"


@pytest.fixture(scope="module")
def iam(testenv) -> dict[str, str]:
    values = read_env_file(testenv.env_file)
    needed = ["KAFKA_MSK_IAM_BOOTSTRAP_SERVERS", "KAFKA_MSK_IAM_REGION", "KAFKA_CA_PEM"]
    missing = [k for k in needed if not values.get(k)]
    if missing:
        pytest.fail(f"{testenv.env_file} lacks {', '.join(missing)}: rerun `scripts/testenv up`")
    return values


def clean_env(**values: str) -> dict[str, str]:
    """The process environment without any AWS setting of the test harness, plus `values`: each test says exactly
    where sluice's Kafka credentials come from. S3 credentials are in the connector configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    # No instance metadata here: fail fast instead of waiting for 169.254.169.254.
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env.update(values)
    return env


def iam_worker(testenv, iam, mechanism: str = "AWS_MSK_IAM", options: str = "", **extra) -> dict[str, object]:
    security = {
        "consumer.security.protocol": "SASL_SSL",
        "consumer.ssl.truststore.location": iam["KAFKA_CA_PEM"],
        "consumer.ssl.truststore.type": "PEM",
    }
    if mechanism == "AWS_MSK_IAM":
        security.update({
            "consumer.sasl.mechanism": "AWS_MSK_IAM",
            "consumer.sasl.jaas.config": f"{IAM_MODULE} required{options};",
            "consumer.sasl.client.callback.handler.class": IAM_CLIENT_HANDLER,
        })
    else:
        security.update({
            "consumer.sasl.mechanism": "OAUTHBEARER",
            "consumer.sasl.jaas.config": f"{OAUTH_MODULE} required{options};",
            "consumer.sasl.login.callback.handler.class": IAM_OAUTH_HANDLER,
            "consumer.sasl.client.callback.handler.class": IAM_OAUTH_HANDLER,
        })
    return worker_config(testenv, **{"bootstrap.servers": iam["KAFKA_MSK_IAM_BOOTSTRAP_SERVERS"], **security,
                                     **extra})


def sink_records(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, worker, env,
                 connector_extra=None) -> tuple[str, str]:
    """Runs sluice until 40 records of a 2-partition topic are in S3; returns (topic, logs)."""
    topic = make_topic(partitions=2)
    produce_records(kafka_producer(), topic, [(i % 2, f"iam-{i}") for i in range(40)])
    connector = connector_config(testenv, unique_name("iam"), topic, s3_prefix,
                                 **{"flush.size": 10, **(connector_extra or {})})
    sluice = SluiceProcess(tmp_path, worker, connector, env=env, inherit_env=False).start()
    try:
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 4, sluice, what="four objects")
    finally:
        rc = sluice.stop()
    logs = sluice.logs()
    assert rc == 0, logs
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert keys == sorted(f"{s3_prefix}{topic}/partition={p}/{topic}+{p}+{o:010d}.json"
                          for p in (0, 1) for o in (0, 10)), keys
    assert json_lines(s3, testenv.s3_bucket, f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000010.json") == [
        f"iam-{i}" for i in range(20, 40, 2)]
    return topic, logs


def test_aws_msk_iam_with_credentials_from_the_environment(testenv, s3, iam, make_topic, kafka_producer,
                                                           unique_name, s3_prefix, tmp_path):
    env = clean_env(AWS_ACCESS_KEY_ID=testenv.aws_access_key_id,
                    AWS_SECRET_ACCESS_KEY=testenv.aws_secret_access_key,
                    AWS_REGION=iam["KAFKA_MSK_IAM_REGION"])
    worker = iam_worker(testenv, iam)
    _, logs = sink_records(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, worker, env)
    assert f"MSK IAM authentication, region {iam['KAFKA_MSK_IAM_REGION']} (from AWS_REGION)" in logs, logs
    assert testenv.aws_secret_access_key not in logs


def test_oauthbearer_handler_with_a_named_profile(testenv, s3, iam, make_topic, kafka_producer, unique_name,
                                                  s3_prefix, tmp_path):
    """The OAUTHBEARER form of aws-msk-iam-auth, with awsProfileName: the profile's keys sign, not the
    environment's default profile (which holds a wrong secret here)."""
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[default]\naws_access_key_id = " + testenv.aws_access_key_id + "\naws_secret_access_key = wrong\n\n"
        "[kafka]\naws_access_key_id = " + testenv.aws_access_key_id +
        "\naws_secret_access_key = " + testenv.aws_secret_access_key + "\n")
    env = clean_env(AWS_SHARED_CREDENTIALS_FILE=str(credentials), AWS_CONFIG_FILE=str(tmp_path / "no-config"),
                    AWS_REGION=iam["KAFKA_MSK_IAM_REGION"])
    worker = iam_worker(testenv, iam, mechanism="OAUTHBEARER", options=' awsProfileName="kafka"')
    _, logs = sink_records(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path / "run",
                           worker, env)
    assert testenv.aws_secret_access_key not in logs


def test_wrong_secret_fails_the_task_with_an_authentication_error(testenv, iam, make_topic, unique_name, s3_prefix,
                                                                  tmp_path):
    env = clean_env(AWS_ACCESS_KEY_ID=testenv.aws_access_key_id,
                    AWS_SECRET_ACCESS_KEY="not-the-secret-" + testenv.aws_secret_access_key[:4],
                    AWS_REGION=iam["KAFKA_MSK_IAM_REGION"])
    topic = make_topic()
    rc, logs = SluiceProcess(tmp_path, iam_worker(testenv, iam),
                             connector_config(testenv, unique_name("iam-bad"), topic, s3_prefix), env=env,
                             inherit_env=False).run_until_failure(60)
    assert rc == 1, logs
    assert "Kafka authentication failed" in logs, logs
    assert env["AWS_SECRET_ACCESS_KEY"] not in logs


def test_no_credentials_at_all_is_reported(testenv, iam, make_topic, unique_name, s3_prefix, tmp_path):
    env = clean_env(AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"), AWS_CONFIG_FILE=str(tmp_path / "none"),
                    AWS_REGION=iam["KAFKA_MSK_IAM_REGION"])
    topic = make_topic()
    rc, logs = SluiceProcess(tmp_path, iam_worker(testenv, iam),
                             connector_config(testenv, unique_name("iam-none"), topic, s3_prefix), env=env,
                             inherit_env=False).run_until_failure(60)
    assert rc == 1, logs
    assert "could not make an OAUTHBEARER token" in logs, logs


def test_validate_needs_a_region_when_the_brokers_are_not_msk_hosts(testenv, iam, tmp_path):
    worker = write_properties(tmp_path / "worker.properties", iam_worker(testenv, iam))
    connector = write_properties(tmp_path / "connector.properties",
                                 connector_config(testenv, "iam-validate", "t", "p/"))
    result = subprocess.run([str(SLUICE), "validate", "--worker", str(worker), "--connector", str(connector)],
                            capture_output=True, text=True, timeout=60,
                            env=clean_env(HOME=str(tmp_path), AWS_CONFIG_FILE=str(tmp_path / "none")))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot tell the cluster's AWS region" in result.stdout, result.stdout
    assert "set AWS_REGION" in result.stdout

    ok = subprocess.run([str(SLUICE), "validate", "--worker", str(worker), "--connector", str(connector)],
                        capture_output=True, text=True, env=clean_env(AWS_REGION="eu-west-1"), timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    # The region of the AWS profile in the shared config file, as the SDKs' region chains read it.
    config = tmp_path / "aws-config"
    config.write_text("[default]\nregion = eu-central-1\n")
    from_profile = subprocess.run([str(SLUICE), "validate", "--worker", str(worker), "--connector", str(connector)],
                                  capture_output=True, text=True, timeout=60,
                                  env=clean_env(AWS_CONFIG_FILE=str(config), HOME=str(tmp_path)))
    assert from_profile.returncode == 0, from_profile.stdout + from_profile.stderr

    # Last, the EC2 instance's region from IMDS (here a local stand-in answering every request with the region;
    # the session token it hands out is then that word too).
    imds = _JsonEndpoint(lambda: "ap-southeast-2", "text/plain")
    try:
        from_imds = subprocess.run([str(SLUICE), "--log-level", "debug", "validate", "--worker", str(worker),
                                    "--connector", str(connector)], capture_output=True, text=True, timeout=60,
                                   env=clean_env(HOME=str(tmp_path), AWS_CONFIG_FILE=str(tmp_path / "none"),
                                                 AWS_EC2_METADATA_DISABLED="false",
                                                 AWS_EC2_METADATA_SERVICE_ENDPOINT=imds.url))
        assert from_imds.returncode == 0, from_imds.stdout + from_imds.stderr
        assert [path for path, _, _ in imds.requests] == ["/latest/api/token", "/latest/meta-data/placement/region"]
    finally:
        imds.close()


def test_validate_names_the_fix_for_a_half_configured_iam_client(testenv, iam, tmp_path):
    worker_values = iam_worker(testenv, iam)
    del worker_values["consumer.sasl.jaas.config"]
    worker = write_properties(tmp_path / "worker.properties", worker_values)
    connector = write_properties(tmp_path / "connector.properties",
                                 connector_config(testenv, "iam-validate", "t", "p/"))
    result = subprocess.run([str(SLUICE), "validate", "--worker", str(worker), "--connector", str(connector)],
                            capture_output=True, text=True, env=clean_env(AWS_REGION="eu-west-1"), timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"needs sasl.jaas.config={IAM_MODULE} required;" in result.stdout, result.stdout


class _JsonEndpoint:
    """A local HTTP endpoint answering every request with body_fn() (container credentials, STS), counting the
    requests and keeping their bodies and headers."""

    def __init__(self, body_fn, content_type: str):
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                outer.requests.append((self.path, dict(self.headers), self.rfile.read(length)))
                body = body_fn().encode()
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _answer
            do_POST = _answer
            do_PUT = _answer

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def iso_in(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds))


def test_short_lived_container_credentials_are_refreshed(
        testenv, s3, iam, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path):
    """Temporary credentials with a session token (the broker knows this key only with its token) that expire
    after 20 s, from the container credentials endpoint (ECS task role / EKS Pod Identity). A token is reported to
    librdkafka as living no longer than its credentials, so librdkafka asks for a new one before they run out and
    sluice fetches fresh credentials for it. The test broker also ends every session of this key 8 s after login
    (KAFKA_MSK_IAM_TEMP_SESSION_SECONDS, as MSK ends sessions with their credentials) and says so in its
    SaslAuthenticate answer: librdkafka re-authenticates each connection before then (KIP-368) with the current
    token. Consumption goes on across all of that."""
    endpoint = _JsonEndpoint(lambda: json.dumps({
        "AccessKeyId": iam["KAFKA_MSK_IAM_TEMP_ACCESS_KEY_ID"],
        "SecretAccessKey": iam["KAFKA_MSK_IAM_TEMP_SECRET_ACCESS_KEY"],
        "Token": iam["KAFKA_MSK_IAM_TEMP_SESSION_TOKEN"],
        "Expiration": iso_in(20),
    }), "application/json")
    try:
        env = clean_env(AWS_CONTAINER_CREDENTIALS_FULL_URI=endpoint.url + "/v2/credentials/task",
                        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"), AWS_CONFIG_FILE=str(tmp_path / "none"),
                        AWS_REGION=iam["KAFKA_MSK_IAM_REGION"])
        topic = make_topic(partitions=1)
        producer = kafka_producer()
        produce_records(producer, topic, [(0, f"early-{i}") for i in range(10)])
        connector = connector_config(testenv, unique_name("iam-temp"), topic, s3_prefix, **{"flush.size": 10})
        # librdkafka's security debug log shows each session lifetime the broker grants.
        sluice = SluiceProcess(tmp_path, iam_worker(testenv, iam, **{"consumer.debug": "security"}), connector,
                               env=env, inherit_env=False, args=["--log-level", "debug"]).start()
        try:
            wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 1, sluice, what="the first object")
            time.sleep(25)  # past the first token's expiry and several 8-second sessions
            produce_records(producer, topic, [(0, f"late-{i}") for i in range(10)])
            wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 2, sluice, what="the second object")
        finally:
            rc = sluice.stop()
        logs = sluice.logs()
        assert rc == 0, logs
        assert json_lines(s3, testenv.s3_bucket, f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000010.json") == [
            f"late-{i}" for i in range(10)]
        assert len(endpoint.requests) >= 2, "the credentials were fetched only once"
        assert "Kafka authentication failed" not in logs, logs
        if int(iam.get("KAFKA_MSK_IAM_TEMP_SESSION_SECONDS", "0")) > 0:
            # One SaslAuthenticate per login; a connection that lasts the run logs in again every session.
            lifetimes = re.findall(r"Received session lifetime (\d+) ms from broker", logs)
            assert lifetimes and all(int(ms) <= 8000 for ms in lifetimes), logs
            assert len(lifetimes) >= 4, f"sessions were not renewed during the run:\n{logs}"
        assert iam["KAFKA_MSK_IAM_TEMP_SESSION_TOKEN"] not in logs
        assert iam["KAFKA_MSK_IAM_TEMP_SECRET_ACCESS_KEY"] not in logs
    finally:
        endpoint.close()


ASSUME_ROLE_RESPONSE = """<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/msk-writer/sluice-msk</Arn>
<AssumedRoleId>AROATEST:sluice-msk</AssumedRoleId></AssumedRoleUser><Credentials>
<AccessKeyId>{akid}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey><SessionToken>{token}</SessionToken>
<Expiration>{expiration}</Expiration></Credentials></AssumeRoleResult>
<ResponseMetadata><RequestId>test-1</RequestId></ResponseMetadata></AssumeRoleResponse>"""


def test_aws_role_arn_is_assumed_and_serves_the_dead_letter_queue_too(
        testenv, s3, iam, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """awsRoleArn: the environment's keys call STS AssumeRole (the STS endpoint comes from AWS_ENDPOINT_URL_STS, as
    in the AWS SDKs) and the role's temporary credentials sign the Kafka tokens, for the task consumer and for the
    dead-letter-queue producer alike."""
    sts = _JsonEndpoint(lambda: ASSUME_ROLE_RESPONSE.format(
        akid=iam["KAFKA_MSK_IAM_TEMP_ACCESS_KEY_ID"], secret=iam["KAFKA_MSK_IAM_TEMP_SECRET_ACCESS_KEY"],
        token=iam["KAFKA_MSK_IAM_TEMP_SESSION_TOKEN"].replace("&", "&amp;"), expiration=iso_in(3600)), "text/xml")
    try:
        env = clean_env(AWS_ACCESS_KEY_ID=testenv.aws_access_key_id,
                        AWS_SECRET_ACCESS_KEY=testenv.aws_secret_access_key,
                        AWS_ENDPOINT_URL_STS=sts.url, AWS_REGION=iam["KAFKA_MSK_IAM_REGION"],
                        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"), AWS_CONFIG_FILE=str(tmp_path / "none"))
        topic = make_topic(partitions=1)
        dlq = unique_name("iam-dlq")
        producer = kafka_producer()
        for i, value in enumerate([b'{"a":1}', b'{"a":', b'{"a":3}']):
            producer.produce(topic, key=b"k%d" % i, value=value, partition=0)
        producer.flush(10)
        worker = iam_worker(testenv, iam, options=' awsRoleArn="arn:aws:iam::123456789012:role/msk-writer" '
                                                  'awsRoleSessionName="sluice-msk" awsRoleExternalId="ext-42"',
                            **{"value.converter": "org.apache.kafka.connect.json.JsonConverter",
                               "value.converter.schemas.enable": "false"})
        connector = connector_config(testenv, unique_name("iam-role"), topic, s3_prefix, **{
            "flush.size": 2, "errors.tolerance": "all", "errors.deadletterqueue.topic.name": dlq,
            "errors.deadletterqueue.topic.replication.factor": 1})
        sluice = SluiceProcess(tmp_path, worker, connector, env=env, inherit_env=False).start()
        try:
            wait_until(lambda: list_keys(s3, testenv.s3_bucket, s3_prefix) or not sluice.running(), 60,
                       what="one object")
            consumer = kafka_consumer(unique_name("dlqreader"))
            consumer.subscribe([dlq])
            msg = next_message(consumer, what="a DLQ record")
        finally:
            rc = sluice.stop()
        logs = sluice.logs()
        assert rc == 0, logs
        assert msg.value() == b'{"a":'
        key = list_keys(s3, testenv.s3_bucket, s3_prefix)[0]
        assert json_lines(s3, testenv.s3_bucket, key) == [{"a": 1}, {"a": 3}]
        assert sts.requests, "STS was not called"
        path, headers, body = sts.requests[0]
        form = body.decode()
        assert "Action=AssumeRole" in form and "RoleSessionName=sluice-msk" in form and "ExternalId=ext-42" in form
        assert "RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fmsk-writer" in form, form
        assert f"Credential={testenv.aws_access_key_id}/" in headers["Authorization"]
        assert "/us-east-1/sts/aws4_request" in headers["Authorization"]
        assert iam["KAFKA_MSK_IAM_TEMP_SESSION_TOKEN"] not in logs
    finally:
        sts.close()


def test_dead_letter_queue_producer_with_its_own_msk_iam_settings(
        testenv, s3, iam, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """The consumer signs in with PLAIN, the DLQ producer with MSK IAM from the worker's producer.* keys (as
    Connect builds its DLQ producer): the bad record reaches the DLQ topic."""
    values = read_env_file(testenv.env_file)
    topic = make_topic()
    dlq = unique_name("iam-dlq")
    producer = kafka_producer()
    for i, value in enumerate([b'{"a":1}', b'{"a":', b'{"a":3}']):
        producer.produce(topic, key=b"k%d" % i, value=value, partition=0)
    producer.flush(10)
    plain = "org.apache.kafka.common.security.plain.PlainLoginModule"
    worker = worker_config(testenv, **{
        "bootstrap.servers": iam["KAFKA_MSK_IAM_BOOTSTRAP_SERVERS"],
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter.schemas.enable": "false",
        "consumer.security.protocol": "SASL_SSL",
        "consumer.sasl.mechanism": "PLAIN",
        "consumer.sasl.jaas.config": f'{plain} required username="{values["KAFKA_SASL_USERNAME"]}" '
                                     f'password="{values["KAFKA_SASL_PASSWORD"]}";',
        "consumer.ssl.truststore.location": iam["KAFKA_CA_PEM"],
        "consumer.ssl.truststore.type": "PEM",
        "producer.security.protocol": "SASL_SSL",
        "producer.sasl.mechanism": "AWS_MSK_IAM",
        "producer.sasl.jaas.config": f"{IAM_MODULE} required;",
        "producer.sasl.client.callback.handler.class": IAM_CLIENT_HANDLER,
        "producer.ssl.truststore.location": iam["KAFKA_CA_PEM"],
        "producer.ssl.truststore.type": "PEM",
    })
    connector = connector_config(testenv, unique_name("iam-dlq"), topic, s3_prefix, **{
        "flush.size": 2, "errors.tolerance": "all", "errors.deadletterqueue.topic.name": dlq,
        "errors.deadletterqueue.topic.replication.factor": 1})
    env = clean_env(AWS_ACCESS_KEY_ID=testenv.aws_access_key_id, AWS_SECRET_ACCESS_KEY=testenv.aws_secret_access_key,
                    AWS_REGION=iam["KAFKA_MSK_IAM_REGION"])
    sluice = SluiceProcess(tmp_path, worker, connector, env=env, inherit_env=False).start()
    try:
        consumer = kafka_consumer(unique_name("dlqreader"))
        consumer.subscribe([dlq])
        msg = next_message(consumer, what="a DLQ record")
    finally:
        rc = sluice.stop()
    logs = sluice.logs()
    assert rc == 0, logs
    assert msg.value() == b'{"a":'
    assert "MSK IAM authentication, region" in logs, logs
    assert values["KAFKA_SASL_PASSWORD"] not in logs
