"""FaultProxy: a reverse HTTP/1.1 proxy in front of the test S3 server that injects the faults a production sink
meets, at configurable rates, deterministically under a seed, and counts what it injected.

Point the connector's store.url at `proxy.url`; the proxy forwards each request, unchanged (the Host header too,
so SigV4 signatures made for the proxy's address still verify), over a kept-alive connection of its own to the
upstream server. Each request draws one decision from a random.Random(seed), in the order requests arrive:

- "slowdown":       answered 503 with S3's SlowDown error XML; the request never reaches S3.
- "reset_request":  the connection is reset (RST) after part of the request body (or its head, without a body);
                    the request never reaches S3.
- "reset_response": the request is executed by S3, then the connection is reset part-way through the answer.
- "lost":           the request is executed by S3, then the connection is reset before any byte of the answer.
- "stall":          the request is executed by S3, then the answer is held for `stall_seconds` (longer than the
                    client's stall timeout) and the connection is closed without it.
- "pass":           forwarded as is.

"reset" is one rate covering both reset kinds (a second draw picks the side). The counters (`counts()`) say how
many of each happened, so tests can assert the faults they meant really did.

The proxy runs an asyncio loop in a daemon thread of the test process: `with FaultProxy(upstream, ...) as proxy:`.
It needs nothing outside Python's standard library. `python fault_proxy.py --upstream http://h:p --port N
--slowdown 0.1 ...` runs one standalone (counters printed at exit).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import socket
import struct
import threading
import urllib.parse
from collections import Counter

FAULTS = ("slowdown", "reset_request", "reset_response", "lost", "stall")

SLOWDOWN_BODY = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code>'
                 b'<Message>Please reduce your request rate.</Message><RequestId>FAULTPROXY</RequestId>'
                 b'<HostId>fault-proxy</HostId></Error>')

# Statuses whose responses carry no body whatever their headers say (RFC 9112 §6.3).
_NO_BODY_STATUSES = {204, 304}


class _Message:
    """One HTTP/1.1 message: its start line and header lines as received, and its body bytes (de-chunked)."""

    def __init__(self, start_line: bytes, headers: list[tuple[bytes, bytes]], body: bytes):
        self.start_line = start_line
        self.headers = headers
        self.body = body

    def header(self, name: str) -> bytes | None:
        wanted = name.lower().encode()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def encode(self, drop: tuple[str, ...] = ()) -> bytes:
        """The message as sent on: chunked bodies re-sent with a Content-Length; `drop` names headers left out."""
        skip = {d.lower().encode() for d in drop} | {b"transfer-encoding"}
        lines = [self.start_line]
        has_length = False
        for key, value in self.headers:
            if key.lower() in skip:
                continue
            if key.lower() == b"content-length":
                has_length = True
                value = str(len(self.body)).encode()
            lines.append(key + b": " + value)
        if not has_length and (self.body or self.header("transfer-encoding") is not None):
            lines.append(b"Content-Length: " + str(len(self.body)).encode())
        return b"\r\n".join(lines) + b"\r\n\r\n" + self.body


async def _read_head(reader: asyncio.StreamReader) -> tuple[bytes, list[tuple[bytes, bytes]]] | None:
    """The start line and headers of the next message, or None at a clean end of the stream."""
    try:
        raw = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as e:
        if not e.partial:
            return None
        raise
    lines = raw[:-4].split(b"\r\n")
    headers = []
    for line in lines[1:]:
        key, _, value = line.partition(b":")
        headers.append((key.strip(), value.strip()))
    return lines[0], headers


async def _read_body(reader: asyncio.StreamReader, message: _Message, limit: int | None = None) -> bytes:
    """The body of `message` (Content-Length or chunked); with `limit`, only its first `limit` bytes."""
    if (message.header("transfer-encoding") or b"").lower() == b"chunked":
        body = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n"))[:-2].split(b";")[0], 16)
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                    pass
                return bytes(body)
            body += await reader.readexactly(size)
            await reader.readexactly(2)
            if limit is not None and len(body) >= limit:
                return bytes(body[:limit])
    length = int(message.header("content-length") or b"0")
    return await reader.readexactly(length if limit is None else min(limit, length))


def _reset(writer: asyncio.StreamWriter) -> None:
    """Closes the connection with a TCP RST (SO_LINGER 0), as a crashed server or middlebox would."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class FaultProxy:
    """A reverse proxy to `upstream` ("http://host:port") on 127.0.0.1, injecting faults at the given rates
    (fractions of requests, summing to at most 1). Thread rules: construct, start and stop from one thread;
    counts(), set_rates() and the properties may be called from any thread."""

    def __init__(self, upstream: str, *, slowdown: float = 0.0, reset: float = 0.0, lost: float = 0.0,
                 stall: float = 0.0, stall_seconds: float = 10.0, seed: int = 0, port: int = 0):
        parsed = urllib.parse.urlparse(upstream)
        if parsed.scheme != "http" or not parsed.hostname or not parsed.port:
            raise ValueError(f"upstream must be http://host:port, not {upstream!r}")
        self.upstream_host = parsed.hostname
        self.upstream_port = parsed.port
        self.stall_seconds = stall_seconds
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._counts: Counter[str] = Counter()
        self._rates: dict[str, float] = {}
        self.set_rates(slowdown=slowdown, reset=reset, lost=lost, stall=stall)
        self._port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self._stalled: set[asyncio.Task] = set()

    # ---- configuration and counters

    def set_rates(self, *, slowdown: float = 0.0, reset: float = 0.0, lost: float = 0.0,
                  stall: float = 0.0) -> None:
        """Replaces the fault rates (0 everywhere: a plain proxy), e.g. to let a test's last phase run clean."""
        rates = {"slowdown": slowdown, "reset": reset, "lost": lost, "stall": stall}
        if any(r < 0 for r in rates.values()) or sum(rates.values()) > 1:
            raise ValueError(f"fault rates must be >= 0 and sum to at most 1: {rates}")
        with self._lock:
            self._rates = rates

    def decide(self) -> str:
        """The next request's fate: one of FAULTS or "pass" (counted under "requests" and its own name)."""
        with self._lock:
            draw = self._random.random()
            fate = "pass"
            for name, rate in self._rates.items():
                if draw < rate:
                    fate = name
                    break
                draw -= rate
            if fate == "reset":
                fate = "reset_request" if self._random.random() < 0.5 else "reset_response"
            self._counts["requests"] += 1
            self._counts[fate] += 1
            return fate

    def counts(self) -> dict[str, int]:
        """How many requests arrived ("requests") and how many got each fate, zeros included."""
        with self._lock:
            return {name: self._counts[name] for name in ("requests", "pass", *FAULTS)}

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    # ---- lifecycle

    def start(self) -> "FaultProxy":
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                self._server = loop.run_until_complete(
                    asyncio.start_server(self._serve, "127.0.0.1", self._port))
                self._port = self._server.sockets[0].getsockname()[1]
            except BaseException as e:  # reported to start()'s caller
                failure.append(e)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="fault-proxy", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            raise failure[0]
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> "FaultProxy":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._stalled):
            task.cancel()
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    # ---- one client connection

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            while True:
                head = await _read_head(reader)
                if head is None:
                    break
                request = _Message(head[0], head[1], b"")
                fate = self.decide()
                if (request.header("expect") or b"").lower() == b"100-continue":
                    # Answered here: the upstream gets the request whole, without Expect (not signed by SigV4).
                    writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                    await writer.drain()
                if fate == "reset_request":
                    length = int(request.header("content-length") or b"0")
                    if length > 0:
                        await _read_body(reader, request, limit=max(1, length // 2))
                    _reset(writer)
                    return
                request.body = await _read_body(reader, request)
                if fate == "slowdown":
                    writer.write(b"HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                                 + str(len(SLOWDOWN_BODY)).encode() + b"\r\n\r\n" + SLOWDOWN_BODY)
                    await writer.drain()
                    continue
                if upstream is None:
                    upstream = await asyncio.open_connection(self.upstream_host, self.upstream_port)
                response, upstream_open = await self._forward(upstream, request)
                if not upstream_open:
                    upstream[1].close()
                    upstream = None
                if fate == "pass":
                    writer.write(response.encode())
                    await writer.drain()
                    if (response.header("connection") or b"").lower() == b"close":
                        break
                    continue
                if fate == "reset_response":
                    raw = response.encode()
                    head_end = raw.index(b"\r\n\r\n") + 4
                    cut = head_end + len(response.body) // 2 if response.body else head_end // 2
                    writer.write(raw[:cut])
                    await writer.drain()
                elif fate == "stall":
                    task = asyncio.current_task()
                    self._stalled.add(task)
                    try:
                        await asyncio.sleep(self.stall_seconds)
                    finally:
                        self._stalled.discard(task)
                _reset(writer)  # "lost", and the end of the two above
                return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            _reset(writer)
        finally:
            if upstream is not None:
                upstream[1].close()
            if not writer.is_closing():
                writer.close()

    async def _forward(self, upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter],
                       request: _Message) -> tuple[_Message, bool]:
        """Sends `request` upstream and reads the answer; the flag says whether the connection stays usable."""
        up_reader, up_writer = upstream
        up_writer.write(request.encode(drop=("expect",)))
        await up_writer.drain()
        while True:
            head = await _read_head(up_reader)
            if head is None:
                raise ConnectionError("the upstream server closed the connection without an answer")
            response = _Message(head[0], head[1], b"")
            status = int(head[0].split()[1])
            if status != 100:
                break
        is_head = request.start_line.split(b" ", 1)[0] == b"HEAD"
        if not is_head and status not in _NO_BODY_STATUSES:
            if response.header("content-length") is None and response.header("transfer-encoding") is None:
                response.body = await up_reader.read()  # delimited by the end of the connection
                return response, False
            response.body = await _read_body(up_reader, response)
        elif is_head:
            # The upstream's Content-Length describes the object; keep it as is.
            return _HeadResponse(response), (response.header("connection") or b"").lower() != b"close"
        return response, (response.header("connection") or b"").lower() != b"close"


class _HeadResponse(_Message):
    """The answer to a HEAD: no body, its headers (Content-Length included) passed on untouched."""

    def __init__(self, response: _Message):
        super().__init__(response.start_line, response.headers, b"")

    def encode(self, drop: tuple[str, ...] = ()) -> bytes:
        skip = {d.lower().encode() for d in drop}
        lines = [self.start_line] + [k + b": " + v for k, v in self.headers if k.lower() not in skip]
        return b"\r\n".join(lines) + b"\r\n\r\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", required=True, help="http://host:port of the S3 server")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    for fault in ("slowdown", "reset", "lost", "stall"):
        parser.add_argument(f"--{fault}", type=float, default=0.0, help=f"rate of {fault} faults")
    parser.add_argument("--stall-seconds", type=float, default=10.0)
    args = parser.parse_args()
    proxy = FaultProxy(args.upstream, slowdown=args.slowdown, reset=args.reset, lost=args.lost,
                       stall=args.stall, stall_seconds=args.stall_seconds, seed=args.seed, port=args.port).start()
    print(f"fault proxy on {proxy.url} -> {args.upstream}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        proxy.stop()
        print(proxy.counts(), flush=True)


if __name__ == "__main__":
    main()
