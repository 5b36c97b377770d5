"""The converters' Schema Registry client with OAuth bearer tokens (bearer.auth.credentials.source=OAUTHBEARER and
SASL_OAUTHBEARER_INHERIT), configured as Confluent's serde client is: sluice fetches tokens from the test OIDC server
(oidc_server.py, the client credentials grant) and sends them to the registry.

The testenv's Schema Registry does not check bearer tokens, so the converter talks to RegistryGate, a small HTTP
proxy in this file that plays a registry which does: it answers 401 to a request whose `Authorization` is not
`Bearer <a token the OIDC server issued>`, records the headers that reach it (Authorization, target-sr-cluster,
Confluent-Identity-Pool-Id) and forwards the rest to the real registry. Records are produced with confluent-kafka's
AvroSerializer straight to the real registry, and the output is read back from S3.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import pytest
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

from conftest import read_env_file
from sluice_process import (SluiceProcess, committed_offsets, connector_config, json_lines, list_keys, wait_until,
                            worker_config)

AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter"
LOGIN_MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"
SCHEMA = json.dumps({"type": "record", "name": "Reading", "namespace": "com.example.oauth",
                     "fields": [{"name": "id", "type": "long"}, {"name": "sensor", "type": "string"}]})


class RegistryGate:
    """A registry that checks bearer tokens, in front of the testenv's one. Thread-safe."""

    def __init__(self, upstream: str, valid_tokens: Callable[[], list[str]]):
        self.upstream = upstream.rstrip("/")
        self.valid_tokens = valid_tokens
        self.lock = threading.Lock()
        self.seen: list[dict] = []  # method, path, headers (lower-case names), status
        gate = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                gate.handle(self)

            def do_POST(self) -> None:  # noqa: N802
                gate.handle(self)

            def log_message(self, *_args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, name="registry-gate", daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def requests(self) -> list[dict]:
        with self.lock:
            return list(self.seen)

    def handle(self, http: BaseHTTPRequestHandler) -> None:
        length = int(http.headers.get("Content-Length") or 0)
        body = http.rfile.read(length) if length else None
        headers = {k.lower(): v for k, v in http.headers.items()}
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme != "Bearer" or token not in self.valid_tokens():
            status, answer, content_type = 401, b'{"error_code":401,"message":"Unauthorized"}', "application/json"
        else:
            request = urllib.request.Request(self.upstream + http.path, data=body, method=http.command)
            for name in ("content-type", "accept"):
                if name in headers:
                    request.add_header(name, headers[name])
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, answer = response.status, response.read()
                    content_type = response.headers.get("Content-Type", "application/json")
            except urllib.error.HTTPError as e:
                status, answer, content_type = e.code, e.read(), e.headers.get("Content-Type", "application/json")
        with self.lock:
            self.seen.append({"method": http.command, "path": http.path, "headers": headers, "status": status})
        http.send_response(status)
        http.send_header("Content-Type", content_type)
        http.send_header("Content-Length", str(len(answer)))
        http.end_headers()
        http.wfile.write(answer)


@pytest.fixture
def registry_url(testenv) -> str:
    url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL")
    if not url:
        pytest.fail(f"{testenv.env_file} lacks SCHEMA_REGISTRY_URL: rerun `scripts/testenv up`")
    return url


@pytest.fixture
def gate(registry_url, oidc_token_server):
    g = RegistryGate(registry_url, oidc_token_server.issued_tokens)
    yield g
    g.stop()


def produce(producer, topic: str, registry_url: str, count: int) -> None:
    serializer = AvroSerializer(SchemaRegistryClient({"url": registry_url}), SCHEMA)
    context = SerializationContext(topic, MessageField.VALUE)
    for i in range(count):
        producer.produce(topic, value=serializer({"id": i, "sensor": f"s-{i}"}, context), partition=0)
    assert producer.flush(30) == 0


def oauth_converter(gate: RegistryGate, server, source: str = "OAUTHBEARER", secret: str | None = None) -> dict:
    """value.converter.* for `source`; OAUTHBEARER with bearer.auth.* keys, SASL_OAUTHBEARER_INHERIT with the
    converter's own sasl.jaas.config and sasl.oauthbearer.token.endpoint.url."""
    secret = secret or server.client_secret
    converter = {"value.converter": AVRO_CONVERTER,
                 "value.converter.schema.registry.url": gate.url,
                 "value.converter.bearer.auth.credentials.source": source,
                 "value.converter.bearer.auth.logical.cluster": "lsrc-sluice",
                 "value.converter.bearer.auth.identity.pool.id": "pool-sluice"}
    if source == "OAUTHBEARER":
        converter.update({"value.converter.bearer.auth.issuer.endpoint.url": server.url,
                          "value.converter.bearer.auth.client.id": server.client_id,
                          "value.converter.bearer.auth.client.secret": secret,
                          "value.converter.bearer.auth.scope": "schema_registry"})
    else:
        converter.update({"value.converter.sasl.oauthbearer.token.endpoint.url": server.url,
                          "value.converter.sasl.jaas.config": f'{LOGIN_MODULE} required clientId="{server.client_id}" '
                                                              f'clientSecret="{secret}" scope="schema_registry";'})
    return converter


@pytest.mark.parametrize("source", ["OAUTHBEARER", "SASL_OAUTHBEARER_INHERIT"])
def test_the_registry_gets_a_fetched_bearer_token_and_the_cluster_headers(
        testenv, s3, oidc_token_server, gate, registry_url, make_topic, kafka_producer, unique_name, s3_prefix,
        tmp_path, source):
    topic = make_topic()
    produce(kafka_producer(), topic, registry_url, 6)
    connector = connector_config(testenv, unique_name("sr-oauth"), topic, s3_prefix, **{"flush.size": 3})
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **oauth_converter(gate, oidc_token_server, source)),
                           connector).start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 2, 60, what="two objects")
    finally:
        rc = sluice.stop()
    logs = sluice.logs()
    assert rc == 0, logs
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert [r for key in keys for r in json_lines(s3, testenv.s3_bucket, key)] == [
        {"id": i, "sensor": f"s-{i}"} for i in range(6)]

    tokens = oidc_token_server.issued_tokens()
    assert len(tokens) == 1, "one token for the whole run, not one per registry request"
    token_request = next(r for r in oidc_token_server.requests if r.token)
    assert token_request.client_auth == "basic" and token_request.form["scope"] == ["schema_registry"]
    seen = gate.requests()
    # The schema by id, then its version under the subject: both carry the token and the headers.
    assert {r["method"] for r in seen} == {"GET", "POST"}, seen
    for r in seen:
        assert r["status"] == 200, r
        assert r["headers"]["authorization"] == f"Bearer {tokens[0]}"
        assert r["headers"]["target-sr-cluster"] == "lsrc-sluice"
        assert r["headers"]["confluent-identity-pool-id"] == "pool-sluice"
    assert oidc_token_server.client_secret not in logs
    assert tokens[0] not in logs


def test_a_token_endpoint_outage_holds_the_records_back_instead_of_dropping_them(
        testenv, s3, oidc_token_server, gate, registry_url, make_topic, kafka_producer, kafka_consumer, unique_name,
        s3_prefix, tmp_path):
    """errors.tolerance=all would skip bad records; a registry that cannot be reached yet is not a bad record."""
    topic = make_topic()
    produce(kafka_producer(), topic, registry_url, 6)
    oidc_token_server.set_failure(503)
    name = unique_name("sr-oauth-outage")
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 3, "errors.tolerance": "all", "errors.log.enable": "true", "retry.backoff.ms": 1000})
    sluice = SluiceProcess(tmp_path, worker_config(testenv, **oauth_converter(gate, oidc_token_server)),
                           connector).start()
    try:
        wait_until(lambda: len(oidc_token_server.requests) >= 3, 30, what="three refused token requests")
        assert sluice.running(), sluice.logs()
        assert list_keys(s3, testenv.s3_bucket, s3_prefix) == []
        assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] in (-1001, 0)
        oidc_token_server.set_failure(None)
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) >= 2, 60, what="two objects")
    finally:
        rc = sluice.stop()
    logs = sluice.logs()
    assert rc == 0, logs
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+{o:010d}.json" for o in (0, 3)]
    assert [r["id"] for key in keys for r in json_lines(s3, testenv.s3_bucket, key)] == list(range(6))
    assert re.search(r"cannot convert the record at topic=\S+ partition=0 offset=0 now, reading it again", logs), logs
    assert "skipping bad record" not in logs
    assert gate.requests() and all(r["status"] == 200 for r in gate.requests())


def test_refused_client_credentials_fail_the_task_naming_the_endpoint(
        testenv, oidc_token_server, gate, registry_url, make_topic, kafka_producer, unique_name, s3_prefix,
        tmp_path):
    topic = make_topic()
    produce(kafka_producer(), topic, registry_url, 1)
    wrong = "Not-The-Client-Secret"
    connector = connector_config(testenv, unique_name("sr-oauth-refused"), topic, s3_prefix,
                                 **{"errors.tolerance": "all"})
    failing = SluiceProcess(tmp_path, worker_config(testenv, **oauth_converter(gate, oidc_token_server,
                                                                               secret=wrong)), connector)
    started = time.monotonic()
    code, logs = failing.run_until_failure(60)
    assert code == 1, logs
    assert time.monotonic() - started < 45, "a refusal is not retried"
    assert (f"OAuth token endpoint {oidc_token_server.url} refused client {oidc_token_server.client_id} "
            "(HTTP 401, invalid_client)") in logs, logs
    assert wrong not in logs
    assert gate.requests() == []  # nothing reached the registry without a token
