"""Shared pieces of the end-to-end benchmarks (bench/run, bench/memory).

Everything here measures from the outside, the same way for every process: CPU seconds are
utime+stime from /proc/<pid>/stat while a process runs, or from wait4()'s rusage once it has
exited (the source /usr/bin/time uses); peak RSS is VmHWM from /proc/<pid>/status, or ru_maxrss
from wait4() (the same kernel counter). The testenv endpoints come from the environment
(build/testenv.env, sourced by the bash wrappers).
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient

REPO = Path(__file__).resolve().parents[1]
BUILD = Path(os.environ.get("BUILD_DIR", REPO / "build"))
SLUICE = BUILD / "sluice"
LOADGEN = BUILD / "sluice_loadgen"
CEILING = BUILD / "sluice_ceiling_consumer"
CLK_TCK = os.sysconf("SC_CLK_TCK")
MB = 1_000_000  # throughput is reported in decimal units: MB/s, CPU s per GB (10^9 bytes)
GB = 1_000_000_000
MIB = 1024 * 1024


def snapshot_binaries() -> None:
    """Runs copies of the binaries (build/bench/bin), so a rebuild of build/ while the benchmark
    runs (other people share this tree) cannot swap or break the program between rounds."""
    global SLUICE, LOADGEN, CEILING
    import shutil
    target = BUILD / "bench" / "bin"
    target.mkdir(parents=True, exist_ok=True)
    copies = []
    for src in (SLUICE, LOADGEN, CEILING):
        dst = target / src.name
        deadline = time.monotonic() + 120
        while True:
            try:
                shutil.copy2(src, dst)
                subprocess.run([str(dst), "--help"], check=True, capture_output=True, timeout=10)
                break
            except (OSError, subprocess.SubprocessError) as e:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"cannot use {src}: {e}") from e
                time.sleep(2)  # probably being relinked right now
        copies.append(dst)
    SLUICE, LOADGEN, CEILING = copies


def say(message: str) -> None:
    """Progress goes to stderr so that stdout holds only the report."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def bootstrap() -> str:
    return os.environ["KAFKA_BOOTSTRAP_SERVERS"]


# --- processes ------------------------------------------------------------------------------------


@dataclass
class ProcSample:
    cpu_s: float  # utime + stime
    rss_kb: int  # VmRSS
    hwm_kb: int  # VmHWM: peak RSS so far


def read_proc(pid: int) -> ProcSample | None:
    """CPU and memory of a live process, or None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name (field 2) may hold spaces; everything after the last ')' is fixed-width.
    fields = stat[stat.rindex(")") + 2:].split()
    cpu = (int(fields[11]) + int(fields[12])) / CLK_TCK  # fields 14 and 15 of the full line
    rss = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
    hwm = re.search(r"^VmHWM:\s+(\d+)", status, re.M)
    if rss is None or hwm is None:  # a zombie has no memory lines
        return None
    return ProcSample(cpu, int(rss.group(1)), int(hwm.group(1)))


def machine_busy_s() -> float:
    """CPU seconds the whole machine spent not idle (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / CLK_TCK


def self_cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def testenv_pids() -> dict[str, int]:
    """PIDs of the broker and the S3 server, so their CPU over a run can be reported too."""
    run_dir = Path(os.environ.get("SLUICE_TESTENV_RUN_DIR", Path.home() / ".cache/sluice/testenv"))
    s3_server = os.environ.get("SLUICE_TESTENV_S3_SERVER", "s3proxy")
    pids = {}
    for name, folder in (("kafka", "kafka"), (s3_server, s3_server)):
        try:
            pids[name] = int((run_dir / folder / "pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return pids


@dataclass
class Exited:
    status: int  # exit code, or -signal
    cpu_s: float  # ru_utime + ru_stime over the whole life
    maxrss_kb: int  # ru_maxrss
    at: float  # time.monotonic() when reaped


def launch(argv: list[str], log_path: Path) -> subprocess.Popen:
    """Start a process directly (no shell), so its PID is the measured program itself."""
    log = open(log_path, "wb")
    try:
        return subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    finally:
        log.close()


def reap(proc: subprocess.Popen, timeout: float) -> Exited | None:
    """wait4() the child so its rusage comes back with it; None if it is still running at timeout."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            code = os.waitstatus_to_exitcode(status)
            proc.returncode = code  # tell Popen it has been reaped
            return Exited(code, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, time.monotonic())
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.05)


def terminate(proc: subprocess.Popen, timeout: float = 90) -> Exited:
    """SIGTERM (sluice's graceful shutdown), then SIGKILL if it does not end within timeout."""
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
    done = reap(proc, timeout)
    if done is None:
        say(f"pid {proc.pid} ignored SIGTERM for {timeout:.0f}s; sending SIGKILL")
        proc.kill()
        done = reap(proc, 30)
        assert done is not None
    return done


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def notable_log_lines(path: Path, limit: int = 20) -> list[str]:
    """Warnings and errors from a sluice log (its own and librdkafka's), for the report."""
    out = []
    for line in path.read_text(errors="replace").splitlines():
        if re.search(r" (warning|error|critical) ", line) and "consumer config: debug" not in line:
            out.append(line)
            if len(out) >= limit:
                break
    return out


# --- Kafka -----------------------------------------------------------------------------------------


def admin() -> AdminClient:
    return AdminClient({"bootstrap.servers": bootstrap()})


def partition_count(topic: str) -> int | None:
    # Lists all topics: a metadata request naming the topic would auto-create it on a broker with
    # auto.create.topics.enable=true (the testenv's).
    md = admin().list_topics(timeout=15)
    t = md.topics.get(topic)
    if t is None or t.error is not None:
        return None
    return len(t.partitions)


def watermarks(topic: str, partitions: int) -> list[tuple[int, int]]:
    c = Consumer({"bootstrap.servers": bootstrap(), "group.id": "sluice-bench-watermarks"})
    try:
        return [c.get_watermark_offsets(TopicPartition(topic, p), timeout=15) for p in range(partitions)]
    finally:
        c.close()


def delete_topic(topic: str) -> None:
    client = admin()  # kept alive until the futures resolve
    for _, future in client.delete_topics([topic], operation_timeout=30).items():
        future.result()
    deadline = time.monotonic() + 60
    while partition_count(topic) is not None and time.monotonic() < deadline:
        time.sleep(0.5)


def first_value(topic: str) -> bytes | None:
    """The value of the record at offset 0 of partition 0, or None when there is none."""
    c = Consumer({"bootstrap.servers": bootstrap(), "group.id": "sluice-bench-first-value",
                  "enable.auto.commit": False})
    try:
        c.assign([TopicPartition(topic, 0, 0)])
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            m = c.poll(1.0)
            if m is not None and m.error() is None:
                return m.value()
        return None
    finally:
        c.close()


def ensure_topic(topic: str, partitions: int, count: int, record_size: int,
                 start_ts: int | None = None, ts_step_ms: int = 1, loadgen_args: tuple[str, ...] = (),
                 value_prefix: bytes = b"") -> str:
    """Makes `topic` hold exactly `count` loadgen records, round-robin over `partitions`.

    A topic that already holds them (same partition count, every partition from offset 0 to
    count/partitions, and its first value starting with `value_prefix`: e.g. the wire-format
    header naming today's schema id) is reused, so the data is produced once; anything else (a
    half-finished preload, other sizes, a schema id a fresh registry no longer knows) is deleted
    and produced again. The topic name must encode the parameters that the watermarks cannot show
    (record size, timestamps, value format). `loadgen_args` go to sluice_loadgen. Returns what it
    did.
    """
    assert count % partitions == 0
    per_partition = count // partitions
    existing = partition_count(topic)
    if existing == partitions and all(
            w == (0, per_partition) for w in watermarks(topic, partitions)) and (
            not value_prefix or (first_value(topic) or b"").startswith(value_prefix)):
        return "reused"
    if existing is not None:
        say(f"topic {topic} exists but does not hold the expected data; deleting it")
        delete_topic(topic)
    say(f"producing {count:,} records of {record_size} B to {topic} ({partitions} partitions)")
    argv = [str(LOADGEN), "--bootstrap-servers", bootstrap(), "--topic", topic,
            "--partitions", str(partitions), "--count", str(count), "--record-size", str(record_size),
            "--ts-step-ms", str(ts_step_ms)]
    if start_ts is not None:
        argv += ["--start-ts", str(start_ts)]
    argv += list(loadgen_args)
    started = time.monotonic()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    got = watermarks(topic, partitions)
    if any(w != (0, per_partition) for w in got):
        raise RuntimeError(f"{topic}: expected {per_partition} records per partition, got {got}")
    return f"produced in {time.monotonic() - started:.1f}s"


def loadgen_record_bytes(count: int, record_size: int) -> int:
    """Key + value bytes of loadgen records 0..count-1: values are exactly record_size bytes
    (when record_size exceeds the JSON fields), keys are "key-<i>"."""
    total = count * (record_size + 4)
    digits, lo = 1, 0
    while lo < count:
        hi = min(count, 10 ** digits)
        total += (hi - lo) * digits
        lo, digits = hi, digits + 1
    return total


def kafka_log_dir() -> Path | None:
    run_dir = Path(os.environ.get("SLUICE_TESTENV_RUN_DIR", Path.home() / ".cache/sluice/testenv"))
    try:
        props = (run_dir / "kafka" / "server.properties").read_text()
    except OSError:
        return None
    m = re.search(r"^log\.dirs?=(.+)$", props, re.M)
    return Path(m.group(1).split(",")[0].strip()) if m else None


def warm_page_cache(topic: str) -> int:
    """Reads the topic's segment files once, so no run pays for cold disk reads. Returns bytes."""
    log_dir = kafka_log_dir()
    if log_dir is None:
        return 0
    total = 0
    for seg in sorted(log_dir.glob(f"{topic}-*/*.log")):
        with open(seg, "rb") as f:
            while chunk := f.read(8 * MIB):
                total += len(chunk)
    return total


# --- Schema Registry -------------------------------------------------------------------------------


def register_loadgen_avro_schema(subject: str) -> int:
    """Registers the schema of sluice_loadgen's Avro values under `subject` in the testenv's Schema
    Registry (confluent-kafka's client, not sluice's) and returns its id."""
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient

    text = subprocess.run([str(LOADGEN), "--print-avro-schema"], check=True, capture_output=True,
                          text=True).stdout.strip()
    client = SchemaRegistryClient({"url": os.environ["SCHEMA_REGISTRY_URL"]})
    return client.register_schema(subject, Schema(text, "AVRO"))


class RegistryRequests:
    """Counts the requests sluice (user agent "sluice") makes to the testenv's Schema Registry for
    one subject, from the registry's request log, between start() and count()."""

    def __init__(self, subject: str):
        run_dir = Path(os.environ.get("SLUICE_TESTENV_RUN_DIR", Path.home() / ".cache/sluice/testenv"))
        self.log = run_dir / "schema_registry" / "schema_registry.log"
        self.subject = subject
        self.offset = 0

    def start(self) -> None:
        self.offset = self.log.stat().st_size if self.log.exists() else 0

    def count(self) -> dict[str, int]:
        """{"schema_by_id": GET /schemas/ids/..., "version_lookups": POST /subjects/<subject>}."""
        with open(self.log, "rb") as f:
            f.seek(self.offset)
            lines = f.read().decode(errors="replace").splitlines()
        ours = [line for line in lines if '"sluice"' in line]
        return {
            "schema_by_id": sum(1 for line in ours if "GET /schemas/ids/" in line
                                and f"subject={self.subject} " in line),
            "version_lookups": sum(1 for line in ours if f"POST /subjects/{self.subject}?" in line
                                   or f"POST /subjects/{self.subject} " in line),
        }


# --- S3 --------------------------------------------------------------------------------------------


def s3():
    return boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"],
                        region_name=os.environ.get("AWS_REGION", "us-east-1"),
                        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 5}))


def bucket() -> str:
    return os.environ["S3_BUCKET"]


def list_objects(prefix: str) -> dict[str, int]:
    out = {}
    for page in s3().get_paginator("list_objects_v2").paginate(Bucket=bucket(), Prefix=prefix):
        for obj in page.get("Contents", []):
            out[obj["Key"]] = obj["Size"]
    return out


def delete_prefix(prefix: str) -> int:
    """Deletes every object under prefix (the S3Proxy filesystem backend keeps them on local disk)."""
    client, keys = s3(), list(list_objects(prefix))
    for i in range(0, len(keys), 1000):
        client.delete_objects(Bucket=bucket(), Delete={
            "Objects": [{"Key": k} for k in keys[i:i + 1000]], "Quiet": True})
    return len(keys)


# --- configuration and context ---------------------------------------------------------------------


def write_properties(path: Path, values: dict[str, object]) -> Path:
    path.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    return path


def base_connector(name: str, topic: str, topics_dir: str) -> dict[str, object]:
    return {
        "name": name,
        "connector.class": "io.confluent.connect.s3.S3SinkConnector",
        "storage.class": "io.confluent.connect.s3.storage.S3Storage",
        "format.class": "io.confluent.connect.s3.format.json.JsonFormat",
        "tasks.max": 1,
        "topics": topic,
        "s3.bucket.name": bucket(),
        "s3.region": os.environ.get("AWS_REGION", "us-east-1"),
        "store.url": os.environ["S3_ENDPOINT"],
        "aws.access.key.id": os.environ["AWS_ACCESS_KEY_ID"],
        "aws.secret.access.key": os.environ["AWS_SECRET_ACCESS_KEY"],
        "topics.dir": topics_dir,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_worker(**extra) -> dict[str, object]:
    worker = {
        "bootstrap.servers": bootstrap(),
        "key.converter": "org.apache.kafka.connect.storage.StringConverter",
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        # sluice serves its REST API on 127.0.0.1:8083 by default; a port of its own per run keeps a
        # benchmark from failing on a port another process (a Kafka Connect worker) holds.
        "listeners": f"http://127.0.0.1:{free_port()}",
    }
    worker.update(extra)
    return worker


def run_id() -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + f"-{os.getpid()}"


def _cmd(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def environment() -> dict[str, object]:
    """What the figures depend on: machine, versions, commit, and how busy the box already is."""
    model = re.search(r"^Model name:\s*(.+)$", _cmd(["lscpu"]), re.M)
    sha = _cmd(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    dirty = bool(_cmd(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"]))
    kafka = re.search(r"kafka-([0-9.]+)", os.environ.get("KAFKA_CLASSPATH", ""))
    return {
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpus": os.cpu_count(),
        "cpu_model": model.group(1) if model else platform.processor(),
        "kernel": platform.release(),
        "mem_total_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "loadavg_at_start": list(os.getloadavg()),
        "git": sha + ("-dirty" if dirty else ""),
        "sluice_binary": {
            "sha256": hashlib.sha256(SLUICE.read_bytes()).hexdigest()[:16] if SLUICE.exists() else "",
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(SLUICE.stat().st_mtime))
            if SLUICE.exists() else "",
        },
        # Linked statically: the binary says which one (`sluice --version` ends "(librdkafka X.Y.Z)").
        "librdkafka": _cmd([str(SLUICE), "--version"]).rpartition("librdkafka ")[2].rstrip(")\n")
        if SLUICE.exists() else "",
        "kafka": kafka.group(1) if kafka else "",
        "s3_server": os.environ.get("SLUICE_TESTENV_S3_SERVER", ""),
        "caveat": "broker, S3 server, sink and harness share the same CPUs",
    }


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
