"""Records a golden case with Confluent's own S3 sink (tests/golden/README.md, "Adding a case").

    tests/golden/record_case.py CASE_DIR [CASE_DIR ...]

CASE_DIR holds `input.jsonl`, `worker.properties`, `connector.properties` and a `case.json` with at least
`case`, `description`, `mode` and `partitions`. For each case the script produces the input to a fresh topic
`golden-<case>` on the testenv broker, runs the Java connector on it (ORACLE_RUN, the `run.sh` of a Kafka Connect
build of io.confluent:kafka-connect-s3, given in the environment), waits until its consumer group has committed
the end of every partition, stops it, and stores what it wrote: `expected/` (the objects), `decoded/` (Avro
objects read with fastavro) and the `objects`, `records` and `end_offsets` fields of `case.json`.

Needs the testenv (`scripts/testenv up`) and the integration venv (`scripts/pyenv`); run it with that venv's
python from the repository root.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import boto3
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from conftest import read_env_file  # noqa: E402
from sluice_process import free_port  # noqa: E402
from test_golden import fill_template, produce_input  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def fresh_topic(admin: AdminClient, topic: str, partitions: int) -> None:
    if topic in admin.list_topics(timeout=10).topics:
        admin.delete_topics([topic])[topic].result()
        deadline = time.time() + 30
        while topic in admin.list_topics(timeout=10).topics and time.time() < deadline:
            time.sleep(0.5)
    while True:
        try:
            admin.create_topics([NewTopic(topic, partitions, 1)])[topic].result()
            return
        except Exception as e:  # the deletion may still be in progress
            if "already exists" not in str(e) and "marked for deletion" not in str(e):
                raise
            time.sleep(1)


def committed(env: dict[str, str], group: str, topic: str, partitions: int) -> dict[int, int]:
    consumer = Consumer({"bootstrap.servers": env["KAFKA_BOOTSTRAP_SERVERS"], "group.id": group})
    try:
        found = consumer.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=10)
        return {tp.partition: tp.offset for tp in found if tp.offset >= 0}
    finally:
        consumer.close()


def decoded_avro(data: bytes) -> dict:
    import fastavro
    from fastavro._schema_common import UnknownType

    try:
        reader = fastavro.reader(io.BytesIO(data))
    except UnknownType:
        # A name Java's parser resolves by its fallback to the null namespace (a namespace-less record referred to
        # from inside a namespace, as Schema.toString writes it), which fastavro does not: Avro's own tools read it
        # (records in Avro's JSON encoding).
        from avro_readers import avro_tools

        with tempfile.NamedTemporaryFile(suffix=".avro") as f:
            f.write(data)
            f.flush()
            return {"codec": avro_tools("getmeta", f.name, "--key", "avro.codec").strip() or "null",
                    "schema": json.loads(avro_tools("getschema", f.name)),
                    "records": [json.loads(line) for line in avro_tools("tojson", f.name).splitlines()],
                    "reader": "avro-tools tojson"}
    records = [json.loads(json.dumps(r, default=lambda v: base64.b64encode(v).decode()
                                     if isinstance(v, bytes) else str(v))) for r in reader]
    return {"codec": reader.codec, "schema": reader.writer_schema, "records": records}


def record(case_dir: Path, env: dict[str, str], oracle_run: str) -> None:
    spec = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    case, partitions = spec["case"], spec["partitions"]
    topic = f"golden-{case}"
    admin = AdminClient({"bootstrap.servers": env["KAFKA_BOOTSTRAP_SERVERS"]})
    fresh_topic(admin, topic, partitions)
    producer = Producer({"bootstrap.servers": env["KAFKA_BOOTSTRAP_SERVERS"], "enable.idempotence": True})
    produce_input(producer, topic, case_dir, env.get("SCHEMA_REGISTRY_URL"))
    lines = case_dir.joinpath("input.jsonl").read_text(encoding="utf-8").splitlines()
    end_offsets: dict[int, int] = {}
    for line in lines:
        r = json.loads(line)
        end_offsets[r["partition"]] = max(end_offsets.get(r["partition"], 0), r["offset"] + 1)

    name = f"golden-{case}-{uuid.uuid4().hex[:8]}"
    topics_dir = f"golden-record/{name}"
    values = {"BOOTSTRAP": env["KAFKA_BOOTSTRAP_SERVERS"], "BUCKET": env["S3_BUCKET"],
              "S3_ENDPOINT": env["S3_ENDPOINT"], "REGION": env["AWS_REGION"], "TOPIC": topic,
              "TOPICS_DIR": topics_dir, "NAME": name, "SCHEMA_REGISTRY_URL": env.get("SCHEMA_REGISTRY_URL", "")}
    work = Path(tempfile.mkdtemp(prefix="golden-"))
    worker = work / "worker.properties"
    worker.write_text(fill_template(case_dir / "worker.properties", values)
                      + f"\noffset.storage.file.filename={work}/offsets\n"
                      + f"listeners=http://127.0.0.1:{free_port()}\noffset.flush.interval.ms=5000\n",
                      encoding="utf-8")
    connector = work / "connector.properties"
    connector.write_text(fill_template(case_dir / "connector.properties", values), encoding="utf-8")
    # The Kafka distribution the testenv unpacks has no log configuration: log INFO to the log file.
    log_config = work / "log4j2.properties"
    log_config.write_text("rootLogger.level=INFO\nrootLogger.appenderRef.out.ref=out\n"
                          "appender.out.type=Console\nappender.out.name=out\n"
                          "appender.out.layout.type=PatternLayout\n"
                          "appender.out.layout.pattern=%d %p %c{1} %m%n\n", encoding="utf-8")
    env = {**env, "JAVA_TOOL_OPTIONS": f"-Dlog4j2.configurationFile={log_config}"}
    log = (work / "connect.log").open("wb")
    proc = subprocess.Popen(["bash", oracle_run, str(worker), str(connector)], stdout=log,
                            stderr=subprocess.STDOUT, env={**os.environ, **env}, start_new_session=True)
    group = f"connect-{name}"
    deadline = time.time() + 300  # a loaded machine starts the worker slowly
    try:
        while committed(env, group, topic, partitions) != end_offsets:
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit(f"{case}: the connector did not commit {end_offsets}; log: {work}/connect.log")
            time.sleep(2)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)

    s3 = boto3.client("s3", endpoint_url=env["S3_ENDPOINT"], region_name=env["AWS_REGION"],
                      aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                      aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
    keys = sorted(o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(
        Bucket=env["S3_BUCKET"], Prefix=topics_dir + "/") for o in page.get("Contents", []))
    for sub in ("expected", "decoded"):
        shutil.rmtree(case_dir / sub, ignore_errors=True)
    objects = []
    for key in keys:
        body = s3.get_object(Bucket=env["S3_BUCKET"], Key=key)["Body"].read()
        relative = key[len(topics_dir):]
        stored = case_dir / "expected" / relative.lstrip("/")
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(body)
        objects.append({"key": relative, "file": str(stored.relative_to(case_dir)), "size": len(body),
                        "sha256": hashlib.sha256(body).hexdigest()})
        if key.endswith(".avro"):
            target = case_dir / "decoded" / (relative.lstrip("/") + ".json")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(decoded_avro(body), indent=1) + "\n", encoding="utf-8")
    spec.update({"topic": topic, "records": len(lines), "end_offsets": {str(p): o for p, o in sorted(end_offsets.items())},
                 "oracle": "io.confluent:kafka-connect-s3 12.1.9 (built from source), Kafka Connect standalone",
                 "oracle_complete": True, "objects": objects})
    (case_dir / "case.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(f"{case}: {len(objects)} objects")


def main() -> None:
    oracle_run = os.environ.get("ORACLE_RUN")
    if not oracle_run:
        raise SystemExit("set ORACLE_RUN to the run.sh of the Java connector (see the module docstring)")
    env = read_env_file(ROOT / "build" / "testenv.env")
    for case_dir in sys.argv[1:]:
        record(Path(case_dir), env, oracle_run)


if __name__ == "__main__":
    main()
