"""FaultProxy (fault_proxy.py) on its own, against a small recording HTTP server: clean forwarding (bodies, HEAD,
chunked, Expect: 100-continue, kept-alive connections), each injected fault as a client sees it and whether the
upstream executed the request, determinism under a seed, and the counters. No Kafka or S3 needed."""

from __future__ import annotations

import http.client
import http.server
import socket
import threading
import time

import pytest

from fault_proxy import FAULTS, FaultProxy


class _Recorder(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    executed: list[tuple[str, str, bytes]] = []

    def _answer(self, body: bytes, chunked: bool = False) -> None:
        self.send_response(200)
        self.send_header("ETag", '"abc"')
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(body), 3):
                piece = body[i:i + 3]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_PUT(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.executed.append(("PUT", self.path, body))
        self._answer(b"")

    def do_GET(self):
        self.executed.append(("GET", self.path, b""))
        self._answer(f"host={self.headers['Host']} path={self.path}".encode(), chunked=self.path == "/chunked")

    def do_HEAD(self):
        self.executed.append(("HEAD", self.path, b""))
        self._answer(b"0123456789")

    def log_message(self, *args):
        pass


@pytest.fixture()
def upstream():
    _Recorder.executed = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _connection(proxy: FaultProxy, timeout: float = 5) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=timeout)


def test_forwards_requests_unchanged_over_kept_alive_connections(upstream):
    with FaultProxy(upstream) as proxy:
        conn = _connection(proxy)
        conn.request("PUT", "/bucket/key?x=1", body=b"hello bytes", headers={"Expect": "100-continue"})
        response = conn.getresponse()
        assert (response.status, response.read(), response.getheader("ETag")) == (200, b"", '"abc"')
        conn.request("GET", "/bucket/key")  # same connection
        response = conn.getresponse()
        # The Host header reaches the upstream as the client sent it (SigV4 signs it).
        assert response.read() == f"host=127.0.0.1:{proxy.port} path=/bucket/key".encode()
        conn.request("HEAD", "/bucket/key")
        response = conn.getresponse()
        assert (response.status, response.getheader("Content-Length"), response.read()) == (200, "10", b"")
        conn.request("GET", "/chunked")
        assert conn.getresponse().read() == b"host=127.0.0.1:%d path=/chunked" % proxy.port
        conn.close()
        assert proxy.counts() == {"requests": 4, "pass": 4, **{f: 0 for f in FAULTS}}
    assert [(m, p, b) for m, p, b in _Recorder.executed][0] == ("PUT", "/bucket/key?x=1", b"hello bytes")
    assert len(_Recorder.executed) == 4


def test_slowdown_is_s3s_error_and_never_reaches_the_server(upstream):
    with FaultProxy(upstream, slowdown=1.0) as proxy:
        conn = _connection(proxy)
        conn.request("PUT", "/bucket/key", body=b"data")
        response = conn.getresponse()
        body = response.read()
        assert response.status == 503
        assert b"<Code>SlowDown</Code>" in body and response.getheader("Content-Type") == "application/xml"
        proxy.set_rates()  # the connection stays usable
        conn.request("GET", "/after")
        assert conn.getresponse().status == 200
        assert proxy.counts()["slowdown"] == 1
    assert _Recorder.executed == [("GET", "/after", b"")]


def _expect_reset(conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None) -> None:
    with pytest.raises((ConnectionError, http.client.RemoteDisconnected, http.client.IncompleteRead)):
        conn.request(method, path, body=body)
        conn.getresponse().read()


def test_reset_mid_request_never_reaches_the_server(upstream):
    with FaultProxy(upstream, reset=1.0, seed=1) as proxy:
        # Draw until the request side comes up (the side is a second draw of the seeded sequence).
        while proxy.counts()["reset_request"] == 0:
            before = len(_Recorder.executed)
            _expect_reset(_connection(proxy), "PUT", "/bucket/key", b"x" * 100_000)
            if proxy.counts()["reset_request"]:
                assert len(_Recorder.executed) == before
        assert proxy.counts()["reset_request"] >= 1


def test_reset_mid_response_and_lost_response_are_executed_upstream(upstream):
    with FaultProxy(upstream, lost=1.0) as proxy:
        _expect_reset(_connection(proxy), "PUT", "/bucket/lost", b"payload")
        assert proxy.counts()["lost"] == 1
    assert _Recorder.executed == [("PUT", "/bucket/lost", b"payload")]
    _Recorder.executed.clear()
    with FaultProxy(upstream, reset=1.0, seed=0) as proxy:
        while proxy.counts()["reset_response"] == 0:
            _expect_reset(_connection(proxy), "GET", "/bucket/answer")
        # A partial answer: the head arrived, the body was cut.
        assert ("GET", "/bucket/answer", b"") in _Recorder.executed


def test_stall_holds_the_answer_past_the_client_timeout(upstream):
    with FaultProxy(upstream, stall=1.0, stall_seconds=3) as proxy:
        conn = _connection(proxy, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(socket.timeout):
            conn.request("PUT", "/bucket/stalled", body=b"z")
            conn.getresponse()
        assert time.monotonic() - started < 2
        assert proxy.counts()["stall"] == 1
    assert _Recorder.executed == [("PUT", "/bucket/stalled", b"z")]


def test_the_fates_follow_the_seed_and_the_rates():
    def fates(seed: int) -> list[str]:
        proxy = FaultProxy("http://127.0.0.1:9", slowdown=0.1, reset=0.03, lost=0.03, stall=0.03, seed=seed)
        return [proxy.decide() for _ in range(5000)]

    first = fates(7)
    assert first == fates(7)
    assert first != fates(8)
    share = {f: first.count(f) / len(first) for f in ("pass", *FAULTS)}
    assert 0.08 < share["slowdown"] < 0.12
    assert 0.02 < share["lost"] < 0.04 and 0.02 < share["stall"] < 0.04
    assert 0.02 < share["reset_request"] + share["reset_response"] < 0.04
    assert share["reset_request"] > 0 and share["reset_response"] > 0


def test_rates_are_checked():
    with pytest.raises(ValueError):
        FaultProxy("http://127.0.0.1:9", slowdown=0.7, lost=0.5)
    with pytest.raises(ValueError):
        FaultProxy("https://example.com")
