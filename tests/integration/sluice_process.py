"""Running the sluice binary under test: configuration files, start, SIGTERM, kill -9, logs."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import signal
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SLUICE = Path(os.environ.get("SLUICE_BINARY", REPO_ROOT / "build" / "sluice"))


def write_properties(path: Path, values: dict[str, object]) -> Path:
    lines = [f"{k}={v}" for k, v in values.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def worker_config(testenv, **extra) -> dict[str, object]:
    config = {
        "bootstrap.servers": testenv.kafka_bootstrap_servers,
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    }
    config.update(extra)
    return config


def connector_config(testenv, name: str, topic: str, prefix: str, **extra) -> dict[str, object]:
    """A connector writing `topic` under `prefix` (topics.dir) of the test bucket."""
    config = {
        "name": name,
        "connector.class": "io.confluent.connect.s3.S3SinkConnector",
        "storage.class": "io.confluent.connect.s3.storage.S3Storage",
        "format.class": "io.confluent.connect.s3.format.json.JsonFormat",
        "topics": topic,
        "s3.bucket.name": testenv.s3_bucket,
        "s3.region": testenv.aws_region,
        "store.url": testenv.s3_endpoint,
        "aws.access.key.id": testenv.aws_access_key_id,
        "aws.secret.access.key": testenv.aws_secret_access_key,
        "topics.dir": prefix.rstrip("/"),
        "flush.size": 100,
    }
    config.update(extra)
    return config


class SluiceProcess:
    """One `sluice run`, its logs in a file of the test's tmp_path."""

    def __init__(self, tmp_path: Path, worker: dict, connector: dict, env: dict | None = None,
                 args: list[str] | None = None, inherit_env: bool = True, run_args: list[str] | None = None,
                 own_rest_port: bool = True):
        """`args`: options placed before the `run` subcommand, e.g. ["--log-level", "debug"]; `run_args`: options
        of `run` itself, e.g. ["--memory-budget-mb", "12"]. `env` is added to the test process's environment, or
        with inherit_env=False is the whole environment. `own_rest_port=False` leaves `listeners` out of the
        worker file unless the test set it (for files that must stay exactly as given, e.g. MSK Connect's)."""
        tmp_path.mkdir(parents=True, exist_ok=True)
        self.dir = tmp_path
        self.args = list(args or [])
        self.run_args = list(run_args or [])
        # sluice serves its REST API on 127.0.0.1:8083 by default: each process gets a port of its own, so that
        # tests (and the several processes of one test, often given the same worker dict) never contend for it.
        worker = dict(worker)
        if own_rest_port:
            worker.setdefault("listeners", f"http://127.0.0.1:{free_port()}")
        self.worker = worker
        self.worker_path = write_properties(tmp_path / "worker.properties", worker)
        self.connector_path = write_properties(tmp_path / "connector.properties", connector)
        self.log_path = tmp_path / "sluice.log"
        self.env = dict(os.environ, **(env or {})) if inherit_env else dict(env or {})
        self.proc: subprocess.Popen | None = None
        self.runs = 0

    def start(self) -> "SluiceProcess":
        self.runs += 1
        log = open(self.log_path, "a")
        log.write(f"==== run {self.runs}\n")
        log.flush()
        self.proc = subprocess.Popen(
            [str(SLUICE), *self.args, "run", *self.run_args, "--worker", str(self.worker_path),
             "--connector", str(self.connector_path)],
            stdout=log, stderr=subprocess.STDOUT, env=self.env)
        return self

    def logs(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM and wait: the graceful shutdown must end by itself."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def rest_url(self) -> str:
        """The base URL of this process's REST API (its worker file's first listener, else Connect's default)."""
        listeners = str(self.worker.get("listeners", "http://127.0.0.1:8083")).split(",")[0].strip()
        scheme, _, address = listeners.partition("://")
        host, _, port = address.rpartition(":")
        if host in ("", "0.0.0.0", "[::]"):
            host = "127.0.0.1"
        return f"{scheme}://{host}:{port}"

    def rest(self, method: str, path: str, body: object | None = None, timeout: float = 10) -> tuple[int, object]:
        """One request to the REST API: (status, parsed JSON body or None when empty)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.rest_url() + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        return status, (json.loads(raw) if raw else None)

    def connector_status(self) -> dict | None:
        """GET /connectors/{name}/status of the process's connector; None while the API does not answer."""
        try:
            _, names = self.rest("GET", "/connectors", timeout=2)
            if not names:
                return None
            status, body = self.rest("GET", f"/connectors/{names[0]}/status", timeout=2)
        except (OSError, ValueError):
            return None
        return body if status == 200 else None

    def run_until_failure(self, timeout: float = 60) -> tuple[int, str]:
        """Start and wait for the run to fail: the process exits by itself (a configuration error, a listener
        that cannot be bound, ...) or its REST status shows the connector or a task FAILED. A failed connector or
        task keeps the process up, as in Kafka Connect, until restarted over REST: it is then stopped with
        SIGTERM (a process with a FAILED connector or task exits 1). Returns (exit code, logs). If neither happens
        within `timeout`, the process is stopped and the test fails with its logs."""
        self.start()
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return self.proc.returncode, self.logs()
            status = self.connector_status()
            if status is not None and (status["connector"]["state"] == "FAILED" or
                                       any(t["state"] == "FAILED" for t in status["tasks"])):
                return self.stop(), self.logs()
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"sluice neither stopped nor showed a FAILED status after {timeout}s:\n{self.logs()}")

    def wait_exit(self, timeout: float) -> int:
        """Wait for the process to end by itself (after a failure); its exit code."""
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)

    def validate(self, *extra: str) -> subprocess.CompletedProcess:
        """`sluice [args] validate` on this process's configuration files."""
        return subprocess.run([str(SLUICE), *self.args, "validate", "--worker", str(self.worker_path),
                               "--connector", str(self.connector_path), *extra],
                              capture_output=True, text=True, timeout=30, env=self.env)


def list_keys(s3, bucket: str, prefix: str) -> list[str]:
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys += [o["Key"] for o in page.get("Contents", [])]
    return keys


def read_object(s3, bucket: str, key: str) -> bytes:
    data = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    return gzip.decompress(data) if key.endswith(".gz") else data


def json_lines(s3, bucket: str, key: str) -> list[object]:
    return [json.loads(line) for line in read_object(s3, bucket, key).decode().splitlines()]


def wait_until(predicate, timeout: float, interval: float = 0.5, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def wait_for_objects(s3, bucket: str, prefix: str, count: int, sluice: "SluiceProcess", timeout: float = 60,
                     what: str | None = None) -> None:
    """Wait until at least `count` objects are under `prefix`, or `sluice` has stopped (the caller's exit code
    assertion then shows its logs)."""
    wait_until(lambda: len(list_keys(s3, bucket, prefix)) >= count or not sluice.running(), timeout,
               what=what or f"{count} object(s)")


def next_message(consumer, timeout: float = 60, what: str = "a record"):
    """The next message without an error that `consumer` (already subscribed) polls."""
    def poll():
        message = consumer.poll(1.0)
        return message if message is not None and message.error() is None else None
    return wait_until(poll, timeout, interval=0, what=what)


def committed_offsets(kafka_consumer_factory, group: str, topic: str, partitions: int) -> dict[int, int]:
    from confluent_kafka import TopicPartition

    consumer = kafka_consumer_factory(group)
    result = consumer.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=10)
    return {tp.partition: tp.offset for tp in result}


def produce_records(producer, topic: str, values, timestamps=None, key=None, keys=None) -> None:
    """Produce (partition, value) pairs in order and wait until the broker has them all."""
    for i, (partition, value) in enumerate(values):
        kwargs = {"partition": partition}
        if timestamps is not None:
            kwargs["timestamp"] = timestamps[i]
        producer.produce(topic, value=value, key=keys[i] if keys is not None else key, **kwargs)
        if i % 1000 == 999:
            producer.poll(0)
    assert producer.flush(60) == 0, "producer could not deliver every record"


def multipart_uploads(s3, bucket: str, prefix: str) -> list[dict]:
    """Incomplete multipart uploads under `prefix` (the parts S3 would bill for)."""
    uploads = []
    for page in s3.get_paginator("list_multipart_uploads").paginate(Bucket=bucket, Prefix=prefix):
        uploads += page.get("Uploads", [])
    return uploads


def java_hash_map_order(keys: list[str]) -> list[str]:
    """The iteration order of a java.util.HashMap<String, ?> filled with `keys` in this order (default
    capacity 16, load factor 0.75, no treeified bins): what JsonFormat writes schemaless objects in (spec §4.1 b)."""
    def string_hash(s: str) -> int:
        h = 0
        units = s.encode("utf-16-be")
        for i in range(0, len(units), 2):
            h = (31 * h + int.from_bytes(units[i:i + 2], "big")) & 0xFFFFFFFF
        return h

    capacity = 16
    while len(keys) > capacity * 3 // 4:
        capacity *= 2
    def bucket(k: str) -> int:
        h = string_hash(k)
        return (h ^ (h >> 16)) & (capacity - 1)
    # A resize splits each bin keeping relative order, so a bin lists its keys in insertion order.
    return [k for _, _, k in sorted((bucket(k), i, k) for i, k in enumerate(keys))]


def crash_and_recover(sluice: SluiceProcess, producer, kafka_consumer, group: str, topic: str, partitions: int, *,
                      batches: int, per_batch: int, seed: int, kills: int = 4, extras=None,
                      value_of=None) -> dict[int, int]:
    """Produce `batches` × `per_batch` records per partition, 100 ms apart (so the wall clock moves while records
    flow), while `sluice` is started and killed with SIGKILL `kills` times at random moments; then start it once
    more and wait until the group has committed everything. Returns the records produced per partition; the
    values are "p<partition>-<n>" unless `value_of(partition, n)` gives them, and `extras(partition, n)`, when
    given, adds arguments to each produce() (a key, headers). The caller checks S3."""
    produced = {p: 0 for p in range(partitions)}
    stop = threading.Event()

    def produce_slowly():
        for _ in range(batches):
            for p in range(partitions):
                for _ in range(per_batch):
                    more = extras(p, produced[p]) if extras is not None else {}
                    value = value_of(p, produced[p]) if value_of is not None else f"p{p}-{produced[p]}"
                    producer.produce(topic, value=value, partition=p, **more)
                    produced[p] += 1
            producer.poll(0)
            time.sleep(0.1)
            if stop.is_set():
                break
        producer.flush(30)

    feeder = threading.Thread(target=produce_slowly)
    feeder.start()
    rng = random.Random(seed)
    try:
        for _ in range(kills):
            sluice.start()
            time.sleep(rng.uniform(1.5, 3.0))
            sluice.kill9()
        feeder.join()
        sluice.start()
        wait_until(lambda: committed_offsets(kafka_consumer, group, topic, partitions) == produced, 90,
                   what="all offsets committed")
    finally:
        stop.set()
        feeder.join()
        code = sluice.stop()
    assert code == 0, sluice.logs()
    return produced


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args: list[str], port: int, log_path: Path, env: dict | None = None,
                 timeout: float = 30) -> subprocess.Popen:
    """Start a test server (`python -m <args>` of this venv) in its own process group, logging to `log_path`, and
    wait until it accepts connections on 127.0.0.1:`port`. Stop it with stop_server."""
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", *args], stdout=log, stderr=subprocess.STDOUT,
                            env=env, start_new_session=True)
    log.close()
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop_server(proc)
                raise RuntimeError(f"{args[0]} did not start on port {port} (see {log_path})")
            time.sleep(0.1)


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (whatever it started goes with it), SIGKILL after 10 s."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def assert_each_record_once(s3, bucket: str, prefix: str, partitions: int, per_partition: int, flush: int) -> None:
    """The objects under `prefix` hold the records "p<partition>-<n>" (StringConverter values, JsonFormat) in full
    files of `flush` records starting at a multiple of it, each record exactly once."""
    seen: dict[str, int] = {}
    keys = list_keys(s3, bucket, prefix)
    for key in keys:
        m = re.search(r"\+(\d+)\+(\d{10})\.json$", key)
        p, start = int(m.group(1)), int(m.group(2))
        lines = read_object(s3, bucket, key).decode().splitlines()
        assert lines == [f'"p{p}-{i}"' for i in range(start, start + flush)], key
        for line in lines:
            seen[line] = seen.get(line, 0) + 1
    duplicates = {k: n for k, n in seen.items() if n > 1}
    assert not duplicates, f"{len(duplicates)} records written more than once, e.g. {list(duplicates)[:5]}"
    assert len(seen) == partitions * per_partition and len(keys) == partitions * per_partition // flush


@contextlib.contextmanager
def moto_with_iam_user(log_dir: Path, user: str, region: str = "us-east-1"):
    """moto's server on a free loopback port, checking SigV4 signatures and IAM policies from its fourth request
    on (INITIAL_NO_AUTH_ACTION_COUNT=3): the first three make the IAM user `user`, its access key and an
    allow-all policy. Yields (endpoint, access key id, secret access key); the server stops afterwards."""
    import boto3  # the test venv's; imported here so that this module loads without it
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="3")
    proc = start_server(["moto.server", "-H", "127.0.0.1", "-p", str(port)], port, log_dir / "moto.log", env=env)
    try:
        iam = boto3.client("iam", endpoint_url=endpoint, region_name=region, aws_access_key_id="bootstrap",
                           aws_secret_access_key="bootstrap")
        iam.create_user(UserName=user)
        key = iam.create_access_key(UserName=user)["AccessKey"]
        iam.put_user_policy(UserName=user, PolicyName="all", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        yield endpoint, key["AccessKeyId"], key["SecretAccessKey"]
    finally:
        stop_server(proc)
