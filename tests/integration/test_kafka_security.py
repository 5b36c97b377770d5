"""The sink over the SASL_SSL listener of scripts/testenv: Java-style consumer security keys in the worker
configuration (spec kafka-connect.md §5.1: task consumers take `consumer.*` worker keys), translated by
src/kafka/client_config.cc for librdkafka. Records are produced over PLAINTEXT and consumed by sluice over
SASL_SSL (TLS checked against the test CA, host name included): SCRAM-SHA-256, SCRAM-SHA-512 and PLAIN against
the Kafka 4.x broker, with the librdkafka sluice links (librdkafka before 2.6.1 could not SCRAM-authenticate to
Kafka 4.x: librdkafka#4895).
"""

from __future__ import annotations

import re
import subprocess
import uuid

import pytest

from conftest import read_env_file
from sluice_process import (SluiceProcess, connector_config, json_lines, list_keys, produce_records, wait_until,
                            worker_config)

SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule"
PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule"


@pytest.fixture(scope="module")
def sasl(testenv) -> dict[str, str]:
    values = read_env_file(testenv.env_file)
    needed = ["KAFKA_SASL_BOOTSTRAP_SERVERS", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD", "KAFKA_CA_PEM"]
    missing = [k for k in needed if not values.get(k)]
    if missing:
        pytest.fail(f"{testenv.env_file} lacks {', '.join(missing)}: rerun `scripts/testenv up` (the SASL_SSL "
                    "listener came with a later scripts/testenv.d/kafka.sh)")
    return {k: values[k] for k in needed}


def jaas(module: str, username: str, password: str) -> str:
    # The form users paste from the Kafka and MSK documentation: quoted values, a trailing ';'.
    return f'{module} required username="{username}" password="{password}";'


def secure_worker(testenv, sasl, mechanism: str, module: str, password: str, **extra) -> dict[str, object]:
    return worker_config(testenv, **{
        "bootstrap.servers": sasl["KAFKA_SASL_BOOTSTRAP_SERVERS"],
        "consumer.security.protocol": "SASL_SSL",
        "consumer.sasl.mechanism": mechanism,
        "consumer.sasl.jaas.config": jaas(module, sasl["KAFKA_SASL_USERNAME"], password),
        "consumer.ssl.truststore.location": sasl["KAFKA_CA_PEM"],
        "consumer.ssl.truststore.type": "PEM",
        **extra,
    })


def run_to_s3(testenv, s3, sasl, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, worker,
              env: dict[str, str] | None = None) -> str:
    topic = make_topic(partitions=2)
    produce_records(kafka_producer(), topic, [(i % 2, f"secure-{i}") for i in range(40)])
    connector = connector_config(testenv, unique_name("sasl"), topic, s3_prefix, **{"flush.size": 10})
    sluice = SluiceProcess(tmp_path, worker, connector, env=env).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 4, 60, what="four objects")
        keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert keys == sorted(f"{s3_prefix}{topic}/partition={p}/{topic}+{p}+{o:010d}.json"
                          for p in (0, 1) for o in (0, 10)), keys
    assert json_lines(s3, testenv.s3_bucket, f"{s3_prefix}{topic}/partition=1/{topic}+1+0000000010.json") == [
        f"secure-{i}" for i in range(21, 40, 2)]
    logs = sluice.logs()
    assert sasl["KAFKA_SASL_PASSWORD"] not in logs
    return logs


def test_sink_over_sasl_ssl_with_plain(testenv, s3, sasl, make_topic, kafka_producer, unique_name, s3_prefix,
                                       tmp_path):
    worker = secure_worker(testenv, sasl, "PLAIN", PLAIN_MODULE, sasl["KAFKA_SASL_PASSWORD"])
    run_to_s3(testenv, s3, sasl, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, worker)


@pytest.mark.parametrize("mechanism", ["SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_sink_over_sasl_ssl_with_scram(testenv, s3, sasl, make_topic, kafka_producer, unique_name, s3_prefix,
                                       tmp_path, mechanism):
    worker = secure_worker(testenv, sasl, mechanism, SCRAM_MODULE, sasl["KAFKA_SASL_PASSWORD"])
    run_to_s3(testenv, s3, sasl, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, worker)


def test_sink_over_sasl_ssl_with_a_pkcs12_truststore(testenv, s3, sasl, make_topic, kafka_producer, unique_name,
                                                     s3_prefix, tmp_path):
    """A PKCS#12 trust store (what keytool makes today) is read by sluice and given to librdkafka as PEM."""
    store = tmp_path / "truststore.p12"
    store_password = "store-" + uuid.uuid4().hex
    subprocess.run(["openssl", "pkcs12", "-export", "-nokeys", "-in", sasl["KAFKA_CA_PEM"], "-out", str(store),
                    "-passout", f"pass:{store_password}"], check=True, capture_output=True)
    worker = secure_worker(testenv, sasl, "PLAIN", PLAIN_MODULE, sasl["KAFKA_SASL_PASSWORD"], **{
        "consumer.ssl.truststore.location": str(store),
        "consumer.ssl.truststore.type": "PKCS12",
        "consumer.ssl.truststore.password": store_password,
    })
    run_to_s3(testenv, s3, sasl, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path / "run", worker)


@pytest.mark.parametrize("mechanism, module, refusal", [
    # The broker's answers, logged by librdkafka at error level and again as a consumer error.
    ("PLAIN", PLAIN_MODULE, "Authentication failed: Invalid username or password"),
    ("SCRAM-SHA-256", SCRAM_MODULE,
     "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256"),
])
def test_wrong_password_is_reported_as_an_authentication_failure(testenv, s3, sasl, make_topic, kafka_producer,
                                                                 unique_name, s3_prefix, tmp_path, mechanism,
                                                                 module, refusal):
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, "never-read")])
    wrong = "Wrong-" + uuid.uuid4().hex
    worker = secure_worker(testenv, sasl, mechanism, module, wrong)
    connector = connector_config(testenv, unique_name("badpw"), topic, s3_prefix, **{"flush.size": 1})
    code, logs = SluiceProcess(tmp_path, worker, connector).run_until_failure(30)
    assert code == 1, logs
    assert "Kafka authentication failed" in logs, logs
    assert re.search(r"error kafka FAIL: .*sasl_ssl://127\.0\.0\.1:\d+/bootstrap: SASL authentication error: "
                     + re.escape(refusal), logs), logs
    assert "(_AUTHENTICATION)" in logs, logs
    assert wrong not in logs
    assert list_keys(s3, testenv.s3_bucket, s3_prefix) == []


def test_jks_truststore_is_refused_before_connecting(testenv, sasl, unique_name, s3_prefix, tmp_path):
    jks = tmp_path / "client.truststore.jks"
    jks.write_bytes(b"\xfe\xed\xfe\xed\x00\x00\x00\x02\x00\x00\x00\x00")
    worker = secure_worker(testenv, sasl, "PLAIN", PLAIN_MODULE, sasl["KAFKA_SASL_PASSWORD"], **{
        "consumer.ssl.truststore.location": str(jks),
        "consumer.ssl.truststore.type": "JKS",
        "consumer.ssl.truststore.password": "changeit-" + uuid.uuid4().hex,
    })
    sluice = SluiceProcess(tmp_path, worker, connector_config(testenv, unique_name("jks"), "t", s3_prefix)).start()
    code = sluice.wait_exit(timeout=30)
    logs = sluice.logs()
    assert code != 0, logs
    assert (f"keytool -importkeystore -srckeystore {jks} -srcstoretype JKS -destkeystore "
            f"{tmp_path / 'client.truststore.p12'} -deststoretype PKCS12") in logs, logs
    assert worker["consumer.ssl.truststore.password"] not in logs
    assert sasl["KAFKA_SASL_PASSWORD"] not in logs


@pytest.fixture(scope="module")
def mtls(testenv) -> dict[str, str]:
    values = read_env_file(testenv.env_file)
    needed = ["KAFKA_SSL_BOOTSTRAP_SERVERS", "KAFKA_CLIENT_CERT_PEM", "KAFKA_CLIENT_KEY_PEM", "KAFKA_CA_PEM"]
    missing = [k for k in needed if not values.get(k)]
    if missing:
        pytest.fail(f"{testenv.env_file} lacks {', '.join(missing)}: rerun `scripts/testenv down && scripts/testenv "
                    "up` (the SSL listener came with a later scripts/testenv.d/kafka.sh)")
    return {k: values[k] for k in needed}


def mtls_worker(testenv, mtls, **keystore) -> dict[str, object]:
    return worker_config(testenv, **{
        "bootstrap.servers": mtls["KAFKA_SSL_BOOTSTRAP_SERVERS"],
        "consumer.security.protocol": "SSL",
        "consumer.ssl.truststore.location": mtls["KAFKA_CA_PEM"],
        "consumer.ssl.truststore.type": "PEM",
        **{f"consumer.{k}": v for k, v in keystore.items()},
    })


def test_mutual_tls_with_a_pem_key_store(testenv, s3, sasl, mtls, make_topic, kafka_producer, unique_name,
                                         s3_prefix, tmp_path):
    """security.protocol=SSL against a listener that requires a client certificate; the Java PEM key store is
    one file with the private key and the certificate."""
    store = tmp_path / "client-keystore.pem"
    store.write_text(open(mtls["KAFKA_CLIENT_KEY_PEM"]).read() + open(mtls["KAFKA_CLIENT_CERT_PEM"]).read())
    worker = mtls_worker(testenv, mtls, **{"ssl.keystore.type": "PEM", "ssl.keystore.location": str(store)})
    run_to_s3(testenv, s3, sasl, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path / "run", worker)


def test_mutual_tls_with_a_pkcs12_key_store(testenv, s3, sasl, mtls, make_topic, kafka_producer, unique_name,
                                            s3_prefix, tmp_path):
    store = tmp_path / "client-keystore.p12"
    password = "ks-" + uuid.uuid4().hex
    subprocess.run(["openssl", "pkcs12", "-export", "-in", mtls["KAFKA_CLIENT_CERT_PEM"], "-inkey",
                    mtls["KAFKA_CLIENT_KEY_PEM"], "-name", "client", "-out", str(store), "-passout",
                    f"pass:{password}"], check=True, capture_output=True)
    worker = mtls_worker(testenv, mtls, **{"ssl.keystore.type": "PKCS12", "ssl.keystore.location": str(store),
                                           "ssl.keystore.password": password, "ssl.key.password": password})
    logs = run_to_s3(testenv, s3, sasl, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path / "run",
                     worker)
    assert password not in logs


def test_mutual_tls_without_a_client_certificate_is_refused(testenv, mtls, make_topic, unique_name, s3_prefix,
                                                            tmp_path):
    topic = make_topic()
    rc, logs = SluiceProcess(tmp_path, mtls_worker(testenv, mtls),
                             connector_config(testenv, unique_name("mtls-none"), topic, s3_prefix)
                             ).run_until_failure(60)
    assert rc == 1, logs
    assert "Kafka authentication failed" in logs and "SSL" in logs, logs


def test_a_broker_certificate_that_does_not_verify_fails_the_task(testenv, mtls, make_topic, unique_name, s3_prefix,
                                                                   tmp_path):
    """No trust store: the system's CAs do not know the test CA, so the broker's certificate cannot be verified.
    The Java client fails the task with an SslAuthenticationException; so does sluice, naming what to check."""
    store = tmp_path / "client-keystore.pem"
    store.write_text(open(mtls["KAFKA_CLIENT_KEY_PEM"]).read() + open(mtls["KAFKA_CLIENT_CERT_PEM"]).read())
    worker = mtls_worker(testenv, mtls, **{"ssl.keystore.type": "PEM", "ssl.keystore.location": str(store)})
    del worker["consumer.ssl.truststore.location"], worker["consumer.ssl.truststore.type"]
    topic = make_topic()
    rc, logs = SluiceProcess(tmp_path, worker,
                             connector_config(testenv, unique_name("mtls-untrusted"), topic, s3_prefix)
                             ).run_until_failure(60)
    assert rc == 1, logs
    assert "Kafka authentication failed (TLS)" in logs and "certificate verify failed" in logs, logs
    assert "check ssl.truststore.*" in logs


def test_dead_letter_queue_producer_uses_the_workers_producer_settings(testenv, sasl, make_topic, kafka_producer,
                                                                       unique_name, s3_prefix, tmp_path):
    """Connect builds the DLQ producer from the worker's producer.* keys: with its own (here wrong) credentials
    there, sluice's DLQ producer signs in with them, not with the consumer's, and its refusal stops the task."""
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, "not json")])
    wrong = "WrongProducer-" + uuid.uuid4().hex
    worker = secure_worker(testenv, sasl, "PLAIN", PLAIN_MODULE, sasl["KAFKA_SASL_PASSWORD"], **{
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter.schemas.enable": "false",
        "producer.security.protocol": "SASL_SSL",
        "producer.sasl.mechanism": "PLAIN",
        "producer.sasl.jaas.config": jaas(PLAIN_MODULE, sasl["KAFKA_SASL_USERNAME"], wrong),
        "producer.ssl.truststore.location": sasl["KAFKA_CA_PEM"],
        "producer.ssl.truststore.type": "PEM",
    })
    connector = connector_config(testenv, unique_name("dlq-producer"), topic, s3_prefix, **{
        "errors.tolerance": "all", "errors.deadletterqueue.topic.name": unique_name("dlq"),
        "errors.deadletterqueue.topic.replication.factor": 1})
    code, logs = SluiceProcess(tmp_path, worker, connector).run_until_failure(60)
    assert code == 1, logs
    assert "dead-letter queue producer: Kafka authentication failed" in logs, logs
    assert "Invalid username or password" in logs, logs
    assert wrong not in logs and sasl["KAFKA_SASL_PASSWORD"] not in logs
