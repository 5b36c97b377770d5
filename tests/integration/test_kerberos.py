"""The sink over the GSSAPI (Kerberos) listener of scripts/testenv, with tickets from its MIT KDC (scripts/testenv.d/
kdc.sh): the Java client settings a user writes for Kerberos (consumer.sasl.mechanism=GSSAPI, a Krb5LoginModule
line in consumer.sasl.jaas.config, consumer.sasl.kerberos.service.name), translated by src/kafka/client_config.cc for
librdkafka, which logs in through Cyrus SASL's GSSAPI plugin with tickets that kinit gets from the keytab.

Every sluice process gets the realm's krb5.conf (KRB5_CONFIG; the machine's own names a realm on the Internet) and a
ticket cache of its own (KRB5CCNAME), so no ticket left by another test stands in for the login under test.
Records are produced over PLAINTEXT.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import read_env_file
from sluice_process import (SluiceProcess, connector_config, json_lines, list_keys, produce_records,
                            wait_for_objects, worker_config)

KRB5_MODULE = "com.sun.security.auth.module.Krb5LoginModule"


@pytest.fixture(scope="module")
def kerberos(testenv) -> dict[str, str]:
    values = read_env_file(testenv.env_file)
    needed = ["KAFKA_GSSAPI_BOOTSTRAP_SERVERS", "KAFKA_GSSAPI_SERVICE_NAME", "KDC_KRB5_CONFIG", "KDC_REALM",
              "KDC_CLIENT_PRINCIPAL", "KDC_CLIENT_KEYTAB", "KDC_CLIENT_STALE_KEYTAB", "KDC_GHOST_PRINCIPAL",
              "KDC_GHOST_KEYTAB", "KDC_BROKER_PRINCIPAL", "KAFKA_CLASSPATH"]
    missing = [k for k in needed if not values.get(k)]
    if missing:
        pytest.fail(f"{testenv.env_file} lacks {', '.join(missing)}: rerun `scripts/testenv down && scripts/testenv "
                    "up` (the KDC and the GSSAPI listener came with a later scripts/testenv)")
    return {k: values[k] for k in needed}


def krb5_jaas(keytab: str, principal: str) -> str:
    # The form of the Kafka documentation's Kerberos client example.
    return f'{KRB5_MODULE} required useKeyTab=true storeKey=true keyTab="{keytab}" principal="{principal}";'


def kerberos_worker(testenv, kerberos, jaas: str, **extra) -> dict[str, object]:
    return worker_config(testenv, **{
        "bootstrap.servers": kerberos["KAFKA_GSSAPI_BOOTSTRAP_SERVERS"],
        "consumer.security.protocol": "SASL_PLAINTEXT",
        "consumer.sasl.mechanism": "GSSAPI",
        "consumer.sasl.kerberos.service.name": kerberos["KAFKA_GSSAPI_SERVICE_NAME"],
        "consumer.sasl.jaas.config": jaas,
        **extra,
    })


def kerberos_env(kerberos, tmp_path) -> dict[str, str]:
    return {"KRB5_CONFIG": kerberos["KDC_KRB5_CONFIG"], "KRB5CCNAME": f"FILE:{tmp_path / 'krb5cc'}"}


def tickets(kerberos, env: dict[str, str]) -> str:
    """klist of the ticket cache in `env`: the principal it belongs to and its tickets."""
    return subprocess.run(["klist", "-c", env["KRB5CCNAME"]], capture_output=True, text=True, timeout=10,
                          env=dict(os.environ, KRB5_CONFIG=kerberos["KDC_KRB5_CONFIG"])).stdout


def run_to_s3(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, worker,
              env: dict[str, str]) -> str:
    topic = make_topic(partitions=2)
    produce_records(kafka_producer(), topic, [(i % 2, f"kerberos-{i}") for i in range(40)])
    connector = connector_config(testenv, unique_name("krb"), topic, s3_prefix, **{"flush.size": 10})
    sluice = SluiceProcess(tmp_path / "run", worker, connector, env=env).start()
    try:
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 4, sluice)
        keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert keys == sorted(f"{s3_prefix}{topic}/partition={p}/{topic}+{p}+{o:010d}.json"
                          for p in (0, 1) for o in (0, 10)), sluice.logs()
    assert json_lines(s3, testenv.s3_bucket, f"{s3_prefix}{topic}/partition=1/{topic}+1+0000000010.json") == [
        f"kerberos-{i}" for i in range(21, 40, 2)]
    return sluice.logs()


def test_sink_over_gssapi_with_a_keytab(testenv, s3, kerberos, make_topic, kafka_producer, unique_name, s3_prefix,
                                        tmp_path):
    worker = kerberos_worker(testenv, kerberos, krb5_jaas(kerberos["KDC_CLIENT_KEYTAB"],
                                                          kerberos["KDC_CLIENT_PRINCIPAL"]))
    env = kerberos_env(kerberos, tmp_path)
    run_to_s3(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, worker, env)
    # librdkafka's kinit logged in with the keytab, and Cyrus SASL asked the KDC for a ticket to the broker's
    # service principal (kafka/<advertised host>) with it.
    held = tickets(kerberos, env)
    assert f"Default principal: {kerberos['KDC_CLIENT_PRINCIPAL']}" in held, held
    assert kerberos["KDC_BROKER_PRINCIPAL"] in held, held


def test_sink_over_gssapi_with_a_ticket_cache(testenv, s3, kerberos, make_topic, kafka_producer, unique_name,
                                              s3_prefix, tmp_path):
    """useTicketCache=true: the ticket is already in the cache (kinit run by someone else: here, the test), and
    sluice uses it as it is, without a keytab and without running kinit itself."""
    env = kerberos_env(kerberos, tmp_path)
    subprocess.run(["kinit", "-k", "-t", kerberos["KDC_CLIENT_KEYTAB"], kerberos["KDC_CLIENT_PRINCIPAL"]],
                   check=True, capture_output=True, timeout=30, env=dict(os.environ, **env))
    worker = kerberos_worker(testenv, kerberos, f"{KRB5_MODULE} required useTicketCache=true;")
    logs = run_to_s3(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, worker, env)
    assert "never runs kinit" in logs, logs  # the note on what the Java client would do differently


@pytest.mark.parametrize("who", ["unknown-principal", "stale-keytab"])
def test_a_login_the_kdc_refuses_fails_the_task(testenv, s3, kerberos, make_topic, kafka_producer, unique_name,
                                                s3_prefix, tmp_path, who):
    """A principal the KDC does not know, or a keytab with an old key of a known one: kinit gets no ticket, so
    GSSAPI has no credentials, and the task fails with the reason (as a Java task fails at its login)."""
    keytab, principal, kdc_says = {
        "unknown-principal": (kerberos["KDC_GHOST_KEYTAB"], kerberos["KDC_GHOST_PRINCIPAL"],
                              "not found in Kerberos database"),
        "stale-keytab": (kerberos["KDC_CLIENT_STALE_KEYTAB"], kerberos["KDC_CLIENT_PRINCIPAL"],
                         "Password incorrect"),
    }[who]
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, "never-read")])
    worker = kerberos_worker(testenv, kerberos, krb5_jaas(keytab, principal))
    connector = connector_config(testenv, unique_name("krb-refused"), topic, s3_prefix, **{"flush.size": 1})
    code, logs = SluiceProcess(tmp_path, worker, connector, env=kerberos_env(kerberos, tmp_path)
                               ).run_until_failure(60)
    assert code == 1, logs
    assert "Kafka authentication failed" in logs, logs
    # librdkafka's kinit failed (the KDC's answer is in kinit's own output), then GSSAPI found no ticket.
    assert "Kerberos ticket refresh failed" in logs, logs
    assert f"kinit: Client '{principal}' {kdc_says}" in logs or f"kinit: {kdc_says}" in logs, logs
    assert "No Kerberos credentials available" in logs, logs
    assert list_keys(s3, testenv.s3_bucket, s3_prefix) == []


def test_gssapi_without_a_service_name_is_refused_before_connecting(testenv, kerberos, unique_name, s3_prefix,
                                                                     tmp_path):
    """The Java client refuses GSSAPI without sasl.kerberos.service.name (or the JAAS option serviceName), where
    librdkafka would use "kafka"; sluice refuses it as a configuration error, in `validate` and before `run`
    connects to anything (no kinit ran: the ticket cache was never made)."""
    worker = kerberos_worker(testenv, kerberos, krb5_jaas(kerberos["KDC_CLIENT_KEYTAB"],
                                                          kerberos["KDC_CLIENT_PRINCIPAL"]))
    del worker["consumer.sasl.kerberos.service.name"]
    env = kerberos_env(kerberos, tmp_path)
    sluice = SluiceProcess(tmp_path, worker, connector_config(testenv, unique_name("krb-nosvc"), "t", s3_prefix),
                           env=env)
    validated = sluice.validate()
    assert validated.returncode == 2, validated.stdout + validated.stderr
    assert "set sasl.kerberos.service.name" in validated.stdout + validated.stderr, validated
    code, logs = sluice.run_until_failure(30)
    assert code == 2, logs
    assert "set sasl.kerberos.service.name" in logs, logs
    assert "No serviceName defined in either JAAS or Kafka config" in logs, logs
    assert "starting connector" not in logs, logs
    assert not (tmp_path / "krb5cc").exists()


def test_a_missing_cyrus_gssapi_plugin_is_named_with_its_package(testenv, kerberos, unique_name, s3_prefix,
                                                                  tmp_path):
    """Without Cyrus SASL's GSSAPI plugin (here: SASL_PATH names an empty plugin folder) librdkafka could only fail
    each login with "No worthy mechs found"; sluice says which package is missing before it starts."""
    plugins = tmp_path / "no-sasl-plugins"
    plugins.mkdir()
    worker = kerberos_worker(testenv, kerberos, krb5_jaas(kerberos["KDC_CLIENT_KEYTAB"],
                                                          kerberos["KDC_CLIENT_PRINCIPAL"]))
    env = dict(kerberos_env(kerberos, tmp_path), SASL_PATH=str(plugins))
    sluice = SluiceProcess(tmp_path, worker, connector_config(testenv, unique_name("krb-noplugin"), "t", s3_prefix),
                           env=env)
    validated = sluice.validate()
    assert validated.returncode == 2, validated.stdout + validated.stderr
    assert "install libsasl2-modules-gssapi-mit" in validated.stdout + validated.stderr, validated
    code, logs = sluice.run_until_failure(30)
    assert code == 2, logs
    assert "install libsasl2-modules-gssapi-mit" in logs, logs


@pytest.mark.parametrize("service_name", [True, False], ids=["with-service-name", "without-service-name"])
def test_the_java_client_on_the_same_listener(kerberos, tmp_path, service_name):
    """The reference: Kafka's own Java client (BrokerApiVersionsCommand of the broker's kafka-tools) with the same
    settings signs in over the GSSAPI listener (proving the listener and the KDC without librdkafka), and refuses
    to start without a service name with the words sluice quotes. (The confluent-kafka wheel of the test venv
    cannot be this second client: its librdkafka is built without Cyrus SASL, so without GSSAPI.)"""
    properties = {
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "GSSAPI",
        "sasl.jaas.config": krb5_jaas(kerberos["KDC_CLIENT_KEYTAB"], kerberos["KDC_CLIENT_PRINCIPAL"]),
    }
    if service_name:
        properties["sasl.kerberos.service.name"] = kerberos["KAFKA_GSSAPI_SERVICE_NAME"]
    config = tmp_path / "client.properties"
    config.write_text("".join(f"{k}={v}\n" for k, v in properties.items()))
    result = subprocess.run(
        ["java", f"-Djava.security.krb5.conf={kerberos['KDC_KRB5_CONFIG']}", "-cp", kerberos["KAFKA_CLASSPATH"],
         "org.apache.kafka.tools.BrokerApiVersionsCommand", "--bootstrap-server",
         kerberos["KAFKA_GSSAPI_BOOTSTRAP_SERVERS"], "--command-config", str(config)],
        capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    if service_name:
        assert result.returncode == 0, output
        assert f"{kerberos['KAFKA_GSSAPI_BOOTSTRAP_SERVERS']} (id: 1" in output and "Fetch(1)" in output, output
    else:
        assert result.returncode != 0, output
        assert "No serviceName defined in either JAAS or Kafka config" in output, output
