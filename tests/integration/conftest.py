"""Fixtures shared by the integration tests: the real servers of scripts/testenv.

Run:  scripts/testenv up && "$(scripts/pyenv)/bin/pytest" -q tests/integration

The servers are found through build/testenv.env (written by `scripts/testenv up`; another file can be named with
SLUICE_TESTENV_ENV_FILE). Every test gets its own topics and S3 prefix, so tests run in any order and a failed
run leaves nothing that breaks the next. Topics made by `make_topic` are deleted after the test unless
SLUICE_TEST_KEEP=1; S3 objects are kept (they are small and help when a test failed).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import socket
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

import boto3
import pytest
from botocore.config import Config
from confluent_kafka import Consumer, KafkaException, Producer
from confluent_kafka.admin import AdminClient, NewTopic

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ENV_FILE = REPO_ROOT / "build" / "testenv.env"


@dataclasses.dataclass(frozen=True)
class TestEnv:
    """Where the servers are and how to sign in, as exported by build/testenv.env."""

    kafka_bootstrap_servers: str
    s3_endpoint: str
    s3_bucket: str
    aws_region: str
    aws_access_key_id: str
    aws_secret_access_key: str
    s3_server: str  # "s3proxy" or "seaweedfs"
    env_file: Path

    __test__ = False  # a dataclass named Test*: tell pytest it holds no tests


def read_env_file(path: Path) -> dict[str, str]:
    """Parse the `export NAME=value` lines that scripts/testenv writes (shell quoting allowed)."""
    values = {}
    for line in path.read_text().splitlines():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        if words[0] == "export":
            words = words[1:]
        for word in words:
            name, sep, value = word.partition("=")
            if sep:
                values[name] = value
    return values


def _assert_reachable(name: str, host: str, port: int, env_file: Path) -> None:
    try:
        with socket.create_connection((host, port), timeout=3):
            pass
    except OSError as e:
        pytest.exit(
            f"{name} at {host}:{port} (from {env_file}) does not answer ({e}); "
            "start the servers with `scripts/testenv up` (see `scripts/testenv status`)",
            returncode=1,
        )


@pytest.fixture(scope="session")
def testenv() -> TestEnv:
    env_file = Path(os.environ.get("SLUICE_TESTENV_ENV_FILE", DEFAULT_ENV_FILE))
    if not env_file.is_file():
        # Stop the whole run with one clear line rather than an error per test.
        pytest.exit(
            f"{env_file} not found: start the test servers first with `scripts/testenv up` "
            "(from the repository root)",
            returncode=1,
        )
    values = read_env_file(env_file)
    required = ["KAFKA_BOOTSTRAP_SERVERS", "S3_ENDPOINT", "S3_BUCKET", "AWS_REGION",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
    missing = [k for k in required if not values.get(k)]
    if missing:
        pytest.exit(f"{env_file} lacks {', '.join(missing)}; rerun `scripts/testenv up`", returncode=1)
    env = TestEnv(
        kafka_bootstrap_servers=values["KAFKA_BOOTSTRAP_SERVERS"],
        s3_endpoint=values["S3_ENDPOINT"],
        s3_bucket=values["S3_BUCKET"],
        aws_region=values["AWS_REGION"],
        aws_access_key_id=values["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=values["AWS_SECRET_ACCESS_KEY"],
        s3_server=values.get("SLUICE_TESTENV_S3_SERVER", "unknown"),
        env_file=env_file,
    )
    kafka_host, _, kafka_port = env.kafka_bootstrap_servers.split(",")[0].rpartition(":")
    _assert_reachable("Kafka", kafka_host, int(kafka_port), env_file)
    m = re.match(r"https?://([^:/]+):(\d+)", env.s3_endpoint)
    assert m, f"unexpected S3_ENDPOINT {env.s3_endpoint!r} in {env_file}"
    _assert_reachable("S3", m.group(1), int(m.group(2)), env_file)
    return env


# --- S3 ------------------------------------------------------------------------------------------------------


def make_s3_client(env: TestEnv, *, access_key: str | None = None, secret_key: str | None = None):
    """A boto3 S3 client for the test server, path-style addressing like the sink's default for custom endpoints.

    Checksums only where S3 requires them: newer botocore otherwise sends CRC trailers in aws-chunked bodies,
    which is botocore's choice, not what the sink sends, and not what these tests are about.
    """
    return boto3.client(
        "s3",
        endpoint_url=env.s3_endpoint,
        region_name=env.aws_region,
        aws_access_key_id=access_key if access_key is not None else env.aws_access_key_id,
        aws_secret_access_key=secret_key if secret_key is not None else env.aws_secret_access_key,
        config=Config(
            s3={"addressing_style": "path"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            retries={"max_attempts": 2, "mode": "standard"},
            connect_timeout=5,
            read_timeout=60,
        ),
    )


@pytest.fixture(scope="session")
def s3(testenv: TestEnv):
    """boto3 S3 client signed with the test key pair."""
    return make_s3_client(testenv)


@pytest.fixture(scope="session")
def s3_client_factory(testenv: TestEnv) -> Callable[..., object]:
    """Factory: s3_client_factory(access_key=None, secret_key=None) -> boto3 S3 client, e.g. with a wrong key."""

    def make(access_key: str | None = None, secret_key: str | None = None):
        return make_s3_client(testenv, access_key=access_key, secret_key=secret_key)

    return make


@pytest.fixture
def s3_bucket(testenv: TestEnv) -> str:
    return testenv.s3_bucket


def _slug(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "-", request.node.name).strip("-").lower()[:60]


@pytest.fixture
def s3_prefix(request: pytest.FixtureRequest) -> str:
    """A key prefix no other test (or earlier run) uses, ending in '/'."""
    return f"it/{_slug(request)}-{uuid.uuid4().hex[:8]}/"


# --- Kafka ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kafka_admin(testenv: TestEnv) -> AdminClient:
    return AdminClient({"bootstrap.servers": testenv.kafka_bootstrap_servers})


@pytest.fixture
def kafka_producer(testenv: TestEnv) -> Iterator[Callable[..., Producer]]:
    """Factory: kafka_producer(config=None) -> Producer on the test broker (config: librdkafka properties
    added to or overriding the defaults); flushed after the test."""
    producers: list[Producer] = []

    def make(config: dict | None = None) -> Producer:
        conf = {"bootstrap.servers": testenv.kafka_bootstrap_servers, "linger.ms": 5}
        conf.update(config or {})
        producer = Producer(conf)
        producers.append(producer)
        return producer

    yield make
    for producer in producers:
        producer.flush(10)


@pytest.fixture
def kafka_consumer(testenv: TestEnv) -> Iterator[Callable[..., Consumer]]:
    """Factory: kafka_consumer(group_id, config=None) -> Consumer reading from the earliest offset, without
    auto-commit (as Connect configures sink consumers); closed after the test."""
    consumers: list[Consumer] = []

    def make(group_id: str, config: dict | None = None) -> Consumer:
        conf = {
            "bootstrap.servers": testenv.kafka_bootstrap_servers,
            "group.id": group_id,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
        conf.update(config or {})
        consumer = Consumer(conf)
        consumers.append(consumer)
        return consumer

    yield make
    for consumer in consumers:
        try:
            consumer.close()
        except RuntimeError:  # already closed by the test
            pass


@pytest.fixture
def unique_name(request: pytest.FixtureRequest) -> Callable[[str], str]:
    """unique_name(kind) -> '<kind>-<test name>-<random>', for topics, groups and connector names."""

    def make(kind: str) -> str:
        return f"{kind}-{_slug(request)}-{uuid.uuid4().hex[:8]}"

    return make


def wait_for_topic(admin: AdminClient, topic: str, partitions: int, timeout: float = 30.0) -> None:
    """Block until the topic's metadata shows every partition with a leader."""
    deadline = time.monotonic() + timeout
    while True:
        md = admin.list_topics(topic=topic, timeout=5).topics.get(topic)
        if (md is not None and md.error is None and len(md.partitions) == partitions
                and all(p.leader >= 0 for p in md.partitions.values())):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"topic {topic} not ready after {timeout}s: {md}")
        time.sleep(0.1)


@pytest.fixture
def make_topic(kafka_admin: AdminClient, unique_name) -> Iterator[Callable[..., str]]:
    """Factory: make_topic(partitions=1, config=None, name=None) -> name of a new, ready topic."""
    created: list[str] = []

    def make(partitions: int = 1, config: dict[str, str] | None = None, name: str | None = None) -> str:
        topic = name or unique_name("topic")
        futures = kafka_admin.create_topics(
            [NewTopic(topic, num_partitions=partitions, replication_factor=1, config=config or {})],
            operation_timeout=30,
        )
        futures[topic].result(timeout=60)
        created.append(topic)
        wait_for_topic(kafka_admin, topic, partitions)
        return topic

    yield make
    if created and os.environ.get("SLUICE_TEST_KEEP") != "1":
        for future in kafka_admin.delete_topics(created, operation_timeout=30).values():
            try:
                future.result(timeout=60)
            except KafkaException:
                pass  # best effort: a leftover topic has a unique name and harms no later test


@pytest.fixture
def oidc_token_server(testenv: TestEnv):
    """A fresh OAuth token endpoint per test (oidc_server.py: its own port and request log, 300 s tokens) that
    issues JWTs the test broker's OIDC listener accepts."""
    from oidc_server import OidcSettings, OidcTokenServer

    server = OidcTokenServer(OidcSettings.from_env_file(testenv.env_file)).start()
    try:
        yield server
    finally:
        server.stop()
