"""s3.proxy.url / s3.proxy.user / s3.proxy.password (spec confluent-s3-sink.md §2.2) through a real HTTP forward
proxy with basic authentication (proxy.py from PyPI): every S3 request of the run goes through it, user info in the
URL works as in Java, and a wrong proxy password is a clear failure, never a leaked secret."""

from __future__ import annotations

import re
import uuid

import pytest

from sluice_process import (SluiceProcess, connector_config, free_port, json_lines, produce_records, start_server,
                            stop_server, wait_for_objects, worker_config)

PROXY_USER = "sluice-proxy-user"
PROXY_PASSWORD = "ProxyPw-" + uuid.uuid4().hex


class Proxy:
    def __init__(self, port: int, log_path):
        self.port = port
        self.log_path = log_path

    def access_log(self) -> list[str]:
        """The requests the proxy forwarded: 'METHOD host:port/path - status'."""
        lines = []
        for line in self.log_path.read_text(errors="replace").splitlines():
            m = re.search(r"access_log:\d+ - \S+ - (\w+) (\S+) - (\d+|None)", line)
            if m:
                lines.append(f"{m.group(1)} {m.group(2)} - {m.group(3)}")
        return lines


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    port = free_port()
    log_path = tmp_path_factory.mktemp("proxy") / "proxy.log"
    proc = start_server(["proxy", "--hostname", "127.0.0.1", "--port", str(port), "--basic-auth",
                         f"{PROXY_USER}:{PROXY_PASSWORD}", "--num-acceptors", "1", "--num-workers", "2"],
                        port, log_path)
    try:
        yield Proxy(port, log_path)
    finally:
        stop_server(proc)


def _run(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, proxy_settings) -> str:
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, f"via-proxy-{i}") for i in range(20)])
    connector = connector_config(testenv, unique_name("proxy"), topic, s3_prefix,
                                 **{"flush.size": 10, **proxy_settings})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_for_objects(s3, testenv.s3_bucket, s3_prefix, 2, sluice, what="two objects")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert json_lines(s3, testenv.s3_bucket, f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000010.json") == [
        f"via-proxy-{i}" for i in range(10, 20)]
    logs = sluice.logs()
    assert PROXY_PASSWORD not in logs
    return topic


def test_every_s3_request_goes_through_the_authenticated_proxy(testenv, s3, proxy, make_topic, kafka_producer,
                                                               unique_name, s3_prefix, tmp_path):
    before = len(proxy.access_log())
    topic = _run(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, {
        "s3.proxy.url": f"http://127.0.0.1:{proxy.port}",
        "s3.proxy.user": PROXY_USER,
        "s3.proxy.password": PROXY_PASSWORD,
    })
    endpoint = testenv.s3_endpoint.split("://", 1)[1].rstrip("/")
    seen = proxy.access_log()[before:]
    # HeadBucket at start, then the PutObjects (proxy.py logs a kept-alive connection's first request only, and a
    # PUT with its interim "100 Continue" status).
    assert f"HEAD {endpoint}/{testenv.s3_bucket} - 200" in seen, seen
    prefix = f"PUT {endpoint}/{testenv.s3_bucket}/{s3_prefix}{topic}/partition%3D0/{topic}%2B0%2B"
    assert any(line.startswith(prefix) for line in seen), seen


def test_user_info_in_the_proxy_url_is_used(testenv, s3, proxy, make_topic, kafka_producer, unique_name, s3_prefix,
                                           tmp_path):
    before = len(proxy.access_log())
    _run(testenv, s3, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, {
        "s3.proxy.url": f"http://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:{proxy.port}",
    })
    seen = proxy.access_log()[before:]
    assert any(line.startswith("HEAD ") and line.endswith(" - 200") for line in seen), seen


def test_a_wrong_proxy_password_fails_clearly(testenv, proxy, make_topic, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    wrong = "WrongProxyPw-" + uuid.uuid4().hex
    connector = connector_config(testenv, unique_name("proxy-bad"), topic, s3_prefix, **{
        "s3.proxy.url": f"http://127.0.0.1:{proxy.port}", "s3.proxy.user": PROXY_USER, "s3.proxy.password": wrong})
    rc, logs = SluiceProcess(tmp_path, worker_config(testenv), connector).run_until_failure(60)
    assert rc == 1, logs
    assert "status=407 code=ProxyAuthenticationRequired" in logs and "check s3.proxy.user and s3.proxy.password" \
        in logs, logs
    assert wrong not in logs
