"""REST API security: https listeners (PKCS12 and PEM key stores, mutual TLS), basic authentication (sluice's
credentials file key and Kafka's BasicAuthSecurityRestExtension with its JAAS file), the refusal of an
unauthenticated listener reachable from other machines, and /admin/loggers on admin.listeners changing what is
logged."""

from __future__ import annotations

import datetime
import ssl
import time
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from sluice_process import (SluiceProcess, connector_config, free_port, produce_records, wait_for_objects, wait_until,
                            worker_config)

UNAUTHORIZED = "User cannot access the resource."


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _issue(subject_cn: str, key, issuer_cn: str, issuer_key, *, ca: bool = False, server: bool = False):
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(_name(subject_cn)).issuer_name(_name(issuer_cn))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if server:
        import ipaddress
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(obj) -> bytes:
    return obj.public_bytes(serialization.Encoding.PEM)


def _key_pem(key, password: bytes | None = None) -> bytes:
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> dict[str, Path]:
    """A CA, a server certificate for 127.0.0.1 (as PEM key store, PKCS12 store and inline PEM) and a client
    certificate, all from the CA."""
    d = tmp_path_factory.mktemp("pki")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _issue("sluice test CA", ca_key, "sluice test CA", ca_key, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = _issue("127.0.0.1", server_key, "sluice test CA", ca_key, server=True)
    client_key = ec.generate_private_key(ec.SECP256R1())
    client = _issue("rest-client", client_key, "sluice test CA", ca_key)
    files = {
        "ca": d / "ca.pem", "server_pem": d / "server-keystore.pem", "server_p12": d / "server.p12",
        "client_cert": d / "client.pem", "client_key": d / "client.key", "jks": d / "server.jks",
    }
    files["ca"].write_bytes(_pem(ca))
    # A Java PEM key store: the (encrypted) key and the chain in one file.
    files["server_pem"].write_bytes(_key_pem(server_key, b"key-secret") + _pem(server) + _pem(ca))
    files["server_p12"].write_bytes(pkcs12.serialize_key_and_certificates(
        b"sluice", server_key, server, [ca], serialization.BestAvailableEncryption(b"store-secret")))
    files["client_cert"].write_bytes(_pem(client))
    files["client_key"].write_bytes(_key_pem(client_key))
    files["jks"].write_bytes(b"\xfe\xed\xfe\xed\x00\x00\x00\x02" + b"\x00" * 32)  # a JKS header
    return files


def _connector(testenv, unique_name, make_topic, s3_prefix, **extra):
    return connector_config(testenv, unique_name("sec"), make_topic(), s3_prefix, **extra)


def _wait_listening(url: str, **kwargs) -> None:
    def up():
        try:
            requests.get(url, timeout=2, **kwargs)
            return True
        except requests.exceptions.ConnectionError:
            return False
    wait_until(up, 30, 0.2, what=f"{url} answering")


def test_https_pkcs12_listener_with_basic_auth(testenv, pki, make_topic, unique_name, s3_prefix, tmp_path):
    port = free_port()
    credentials = tmp_path / "credentials.properties"
    credentials.write_text("alice: first-password\n")
    worker = worker_config(testenv, **{
        "listeners": f"https://127.0.0.1:{port}",
        "listeners.https.ssl.keystore.location": pki["server_p12"],
        "listeners.https.ssl.keystore.type": "PKCS12",
        "listeners.https.ssl.keystore.password": "store-secret",
        # Not used: a listeners.https. key is set, so Connect ignores the worker's ssl.* keys.
        "ssl.keystore.location": pki["jks"],
        "sluice.rest.basic.auth.credentials.file": credentials,
    })
    sluice = SluiceProcess(tmp_path, worker, _connector(testenv, unique_name, make_topic, s3_prefix))
    sluice.start()
    base = f"https://127.0.0.1:{port}"
    try:
        _wait_listening(base + "/", verify=str(pki["ca"]))
        response = requests.get(base + "/", verify=str(pki["ca"]), timeout=5)
        assert response.status_code == 401
        assert response.text == UNAUTHORIZED
        assert response.headers["WWW-Authenticate"].startswith("Basic")
        assert requests.get(base + "/", verify=str(pki["ca"]), auth=("alice", "wrong"), timeout=5).status_code == 401
        assert requests.get(base + "/", verify=str(pki["ca"]), auth=("bob", "first-password"),
                            timeout=5).status_code == 401
        ok = requests.get(base + "/", verify=str(pki["ca"]), auth=("alice", "first-password"), timeout=5)
        assert ok.status_code == 200, ok.text
        assert "version" in ok.json()
        # Every endpoint needs the credentials but GET /health (container probes).
        assert requests.get(base + "/connectors", verify=str(pki["ca"]), timeout=5).status_code == 401
        assert requests.get(base + "/admin/loggers", verify=str(pki["ca"]), timeout=5).status_code == 401
        assert requests.get(base + "/health", verify=str(pki["ca"]), timeout=5).status_code != 401
        # Plain http to the https port gets no answer.
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(f"http://127.0.0.1:{port}/", timeout=5)

        # The credentials file is read again when it changes.
        time.sleep(0.05)
        credentials.write_text("alice: second-password\ncarol=third\n")
        assert requests.get(base + "/", verify=str(pki["ca"]), auth=("alice", "second-password"),
                            timeout=5).status_code == 200
        assert requests.get(base + "/", verify=str(pki["ca"]), auth=("carol", "third"), timeout=5).status_code == 200
        assert requests.get(base + "/", verify=str(pki["ca"]), auth=("alice", "first-password"),
                            timeout=5).status_code == 401
    finally:
        sluice.stop()
    logs = sluice.logs()
    assert "store-secret" not in logs and "second-password" not in logs


def test_https_pem_listener_from_worker_ssl_keys_requires_client_certificates(testenv, pki, make_topic,
                                                                              unique_name, s3_prefix, tmp_path):
    port = free_port()
    # No listeners.https. key: Connect's fallback to the worker's ssl.* keys.
    worker = worker_config(testenv, **{
        "listeners": f"https://127.0.0.1:{port}",
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": pki["server_pem"],
        "ssl.key.password": "key-secret",
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": pki["ca"],
        "ssl.client.auth": "required",
        "consumer.security.protocol": "PLAINTEXT",
    })
    sluice = SluiceProcess(tmp_path, worker, _connector(testenv, unique_name, make_topic, s3_prefix))
    sluice.start()
    base = f"https://127.0.0.1:{port}"
    client_cert = (str(pki["client_cert"]), str(pki["client_key"]))
    try:
        _wait_listening(base + "/", verify=str(pki["ca"]), cert=client_cert)
        ok = requests.get(base + "/", verify=str(pki["ca"]), cert=client_cert, timeout=5)
        assert ok.status_code == 200, ok.text
        with pytest.raises((requests.exceptions.SSLError, requests.exceptions.ConnectionError)):
            requests.get(base + "/", verify=str(pki["ca"]), timeout=5)
        # The client checks the server against the CA: another CA is refused.
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(base + "/", verify=str(pki["client_cert"]), cert=client_cert, timeout=5)
    finally:
        sluice.stop()


def test_unusable_tls_and_exposed_listeners_are_refused_before_connecting(testenv, pki, make_topic, unique_name,
                                                                         s3_prefix, tmp_path):
    connector = _connector(testenv, unique_name, make_topic, s3_prefix)
    # A JKS store: exit 2 with the keytool command.
    jks = SluiceProcess(tmp_path / "jks", worker_config(testenv, **{
        "listeners": f"https://127.0.0.1:{free_port()}",
        "listeners.https.ssl.keystore.location": pki["jks"],
        "listeners.https.ssl.keystore.password": "changeit"}), connector)
    code, logs = jks.run_until_failure(timeout=30)
    assert code == 2, logs
    assert "listeners.https.ssl.keystore.location" in logs and "keytool -importkeystore" in logs, logs
    assert "changeit" not in logs

    # Every interface, no credentials: exit 2 naming listeners, its value and the fixes.
    port = free_port()
    exposed = SluiceProcess(tmp_path / "exposed", worker_config(testenv, listeners=f"http://:{port}"), connector)
    code, logs = exposed.run_until_failure(timeout=30)
    assert code == 2, logs
    assert f"Invalid value http://:{port} for configuration listeners" in logs, logs
    assert "sluice.rest.basic.auth.credentials.file" in logs and "sluice.rest.allow.unauthenticated=true" in logs

    # The explicit opt-out starts it.
    opted = SluiceProcess(tmp_path / "opted", worker_config(testenv, **{
        "listeners": f"http://:{port}", "sluice.rest.allow.unauthenticated": "true"}), connector)
    opted.start()
    try:
        _wait_listening(f"http://127.0.0.1:{port}/")
        assert requests.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    finally:
        opted.stop()


def test_admin_loggers_on_admin_listeners_change_what_is_logged(testenv, s3, make_topic, kafka_producer,
                                                                unique_name, s3_prefix, tmp_path):
    port, admin_port = free_port(), free_port()
    credentials = tmp_path / "credentials.properties"
    credentials.write_text("ops: s3cret\n")
    jaas = tmp_path / "connect_jaas.conf"
    jaas.write_text('KafkaConnect {\n  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule '
                    f'required\n  file="{credentials}";\n}};\n')
    worker = worker_config(testenv, **{
        "listeners": f"http://127.0.0.1:{port}",
        "admin.listeners": f"http://127.0.0.1:{admin_port}",
        "rest.extension.classes": "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension",
    })
    topic = make_topic()
    connector = connector_config(testenv, unique_name("loggers"), topic, s3_prefix, **{"flush.size": 2})
    # Connect's start scripts hand the JAAS file over in KAFKA_OPTS.
    sluice = SluiceProcess(tmp_path, worker, connector,
                           env={"KAFKA_OPTS": f"-Xmx1g -Djava.security.auth.login.config={jaas}"})
    sluice.start()
    admin = f"http://127.0.0.1:{admin_port}/admin/loggers"
    auth = ("ops", "s3cret")
    try:
        _wait_listening(admin)
        assert requests.get(admin, timeout=5).status_code == 401
        # The admin endpoints are not on the main listeners when admin.listeners is set.
        assert requests.get(f"http://127.0.0.1:{port}/admin/loggers", auth=auth, timeout=5).status_code == 404
        listed = requests.get(admin, auth=auth, timeout=5)
        assert listed.status_code == 200
        loggers = listed.json()
        # Connect 4.4's shapes (checked against a Connect 4.4 worker): no root in the list, root on its own.
        assert "root" not in loggers
        assert loggers["sluice.sink"] == {"level": "INFO", "last_modified": None}
        assert requests.get(admin + "/root", auth=auth, timeout=5).json() == {"level": "INFO", "last_modified": None}

        # At INFO, a rotation logs no debug line.
        produce_records(kafka_producer(), topic, [(0, "a"), (0, "b")])
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 1, sluice)
        assert "rotating topic=" not in sluice.logs()

        # Connect's errors.
        bad = requests.put(admin + "/sluice.sink", json={"level": "LOUD"}, auth=auth, timeout=5)
        assert (bad.status_code, bad.json()) == (404, {"error_code": 404, "message": "invalid log level 'LOUD'."})
        missing = requests.put(admin + "/sluice.sink", json={}, auth=auth, timeout=5)
        assert (missing.status_code, missing.json()["message"]) == \
            (400, "Desired 'level' parameter was not specified in request.")
        unknown = requests.get(admin + "/com.example.nothing", auth=auth, timeout=5)
        assert (unknown.status_code, unknown.json()["message"]) == (404, "Logger com.example.nothing not found.")
        assert requests.put(admin + "/com.example.nothing", json={"level": "DEBUG"}, auth=auth,
                            timeout=5).status_code == 404

        # The S3 sink's Java namespace is an alias of the loggers doing its work.
        changed = requests.put(admin + "/io.confluent.connect.s3", json={"level": "DEBUG"}, auth=auth, timeout=5)
        assert changed.status_code == 200, changed.text
        assert changed.json() == ["sluice.aws", "sluice.format", "sluice.sink", "sluice.storage"]
        one = requests.get(admin + "/sluice.sink", auth=auth, timeout=5).json()
        assert one["level"] == "DEBUG" and isinstance(one["last_modified"], int)
        assert requests.get(admin + "/sluice.kafka", auth=auth, timeout=5).json()["level"] == "INFO"

        produce_records(kafka_producer(), topic, [(0, "c"), (0, "d")])
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 2, sluice)
        assert "rotating topic=" in sluice.logs()

        # scope=cluster: 204, this process being the whole cluster.
        cluster = requests.put(admin + "/root?scope=cluster", json={"level": "WARN"}, auth=auth, timeout=5)
        assert cluster.status_code == 204
        assert requests.get(admin + "/sluice.sink", auth=auth, timeout=5).json()["level"] == "WARN"
    finally:
        sluice.stop()
