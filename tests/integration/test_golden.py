"""Byte-exact replay of the golden corpus (tests/golden/README.md): for every JSON/ByteArray case, sluice must write
the same object keys and the same bytes as Confluent's S3 sink 12.1.9 did for the same records and configuration.

Avro cases (mode `oracle`) differ from run to run only in the 16-byte sync marker Java draws at random per file: with
the marker of Java's file put in place of sluice's, the files must be identical too (schema text, codec, block cuts
and data), and fastavro must read the same records from both. Parquet cases (mode `oracle`: parquet-java's footer lists
encodings in HashSet order, and sluice's pages and encodings may differ where ours are better) must give pyarrow the
same Parquet schema (names, physical and logical types, repetition, LIST/MAP shapes), the same key/value metadata
(`parquet.avro.schema` text included), the same codec per column and the same rows, value for value.

Cases whose records are in Confluent's wire format (AvroConverter keys or values) carry the registry's schemas in
`registry.json`: the replay registers them under the fresh topic's subjects, in the same order (so with the same
versions), and puts the ids the registry gives into the records' wire-format headers.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from conftest import read_env_file
from sluice_process import SluiceProcess, committed_offsets, list_keys, wait_until

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"
SNIPPET = 48  # bytes shown on each side of the first difference
# Avro cases whose writer schema (Java's, and so sluice's) refers to a namespace-less record from inside a namespace,
# which Java's parser resolves by its fallback to the null namespace and fastavro rejects: only their bytes are
# compared (their decoded/ files come from avro-tools).
FASTAVRO_UNREADABLE = {"protobuf-struct-avro"}


def compare_cases() -> list[str]:
    cases = []
    for case_file in sorted(GOLDEN_DIR.glob("*/case.json")):
        if json.loads(case_file.read_text(encoding="utf-8"))["mode"] == "compare":
            cases.append(case_file.parent.name)
    return cases


def avro_cases() -> list[str]:
    return sorted(p.parent.name for p in GOLDEN_DIR.glob("*/connector.properties")
                  if "format.avro.AvroFormat" in p.read_text(encoding="utf-8"))


def parquet_cases() -> list[str]:
    return sorted(p.parent.name for p in GOLDEN_DIR.glob("*/connector.properties")
                  if "format.parquet.ParquetFormat" in p.read_text(encoding="utf-8"))


def register_schemas(case_dir: Path, topic: str, registry_url: str) -> dict[str, dict[int, int]]:
    """Registers the case's registry.json schemas under `topic`'s subjects, in file order; returns, per field
    ("key", "value"), the case's schema ids mapped to the ids this registry gave them. An entry with a `subject`
    instead of a `field` (a schema other schemas reference, e.g. an imported .proto file) is registered under that
    subject, `${TOPIC}` standing for the topic, as are the subjects of `references`."""
    from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient

    client = SchemaRegistryClient({"url": registry_url})
    ids: dict[str, dict[int, int]] = {"key": {}, "value": {}}
    for entry in json.loads((case_dir / "registry.json").read_text(encoding="utf-8")):
        subject = (entry["subject"].replace("${TOPIC}", topic) if "subject" in entry
                   else f"{topic}-{entry['field']}")
        references = [SchemaReference(r["name"], r["subject"].replace("${TOPIC}", topic), r["version"])
                      for r in entry.get("references", [])]
        schema = Schema(entry["schema"], entry.get("schemaType", "AVRO"), references)
        registered = client.register_schema(subject, schema)
        if "field" in entry:
            ids[entry["field"]][entry["id"]] = registered
        assert client.lookup_schema(subject, schema).version == entry["version"], subject
    return ids


def with_schema_id(data: bytes | None, ids: dict[int, int]) -> bytes | None:
    """Confluent's wire format (magic byte 0, 4-byte big-endian schema id, payload) with the id mapped."""
    if data is None or len(data) < 5 or data[0] != 0 or int.from_bytes(data[1:5], "big") not in ids:
        return data
    return data[:1] + ids[int.from_bytes(data[1:5], "big")].to_bytes(4, "big") + data[5:]


def produce_input(producer, topic: str, case_dir: Path, registry_url: str | None = None) -> None:
    """Produce input.jsonl in file order; fails unless every record lands at the offset the case gives it."""
    wrong: list[str] = []
    ids = {"key": {}, "value": {}}
    if (case_dir / "registry.json").exists():
        assert registry_url, f"{case_dir.name} needs the testenv's Schema Registry"
        ids = register_schemas(case_dir, topic, registry_url)

    def delivered(err, msg, expected_offset: int) -> None:
        if err is not None or msg.offset() != expected_offset:
            wrong.append(f"partition {msg.partition()} offset {msg.offset()} (want {expected_offset}): {err}")

    def decode(text):
        return None if text is None else base64.b64decode(text)

    for i, line in enumerate(case_dir.joinpath("input.jsonl").read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        producer.produce(
            topic, partition=record["partition"], timestamp=record["timestamp"],
            key=with_schema_id(decode(record["key"]), ids["key"]),
            value=with_schema_id(decode(record["value"]), ids["value"]),
            headers=[(name, decode(value)) for name, value in record["headers"]],
            on_delivery=lambda err, msg, offset=record["offset"]: delivered(err, msg, offset))
        if i % 500 == 499:
            producer.poll(0)
    assert producer.flush(60) == 0, "the producer could not deliver every record"
    assert not wrong, "records did not land at their golden offsets:\n" + "\n".join(wrong[:10])


def fill_template(path: Path, values: dict[str, str]) -> str:
    """The template's raw text with ${...} placeholders replaced (escapes stay for the properties parser)."""
    text = path.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    assert "${" not in text, f"unfilled placeholder in {path}"
    return text


def first_difference(actual: bytes, expected: bytes) -> str:
    """Where two byte strings first differ, with both neighbourhoods, for the assertion message."""
    at = next((i for i, (a, b) in enumerate(zip(actual, expected)) if a != b), min(len(actual), len(expected)))
    start = max(0, at - SNIPPET)
    return (f"sizes {len(actual)} (sluice) / {len(expected)} (Java); first difference at byte {at}\n"
            f"  sluice: {actual[start:at + SNIPPET]!r}\n"
            f"  Java:   {expected[start:at + SNIPPET]!r}")


def replay(case: str, testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path,
           extra_connector_text: str = "") -> dict[str, bytes]:
    """Replays a case (tests/golden/README.md) and returns the objects written, by key relative to topics.dir
    with the golden topic name, after checking the set of keys against the case."""
    case_dir = GOLDEN_DIR / case
    spec = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    # A fresh, unique topic (offsets from 0); its name is mapped back to the golden one in the keys below.
    topic = make_topic(partitions=spec["partitions"])
    registry_url = read_env_file(testenv.env_file).get("SCHEMA_REGISTRY_URL", "")
    produce_input(kafka_producer({"enable.idempotence": True}), topic, case_dir, registry_url)

    name = unique_name("golden")
    topics_dir = s3_prefix.rstrip("/")
    placeholders = {
        "BOOTSTRAP": testenv.kafka_bootstrap_servers, "BUCKET": testenv.s3_bucket,
        "S3_ENDPOINT": testenv.s3_endpoint, "REGION": testenv.aws_region, "TOPIC": topic,
        "TOPICS_DIR": topics_dir, "NAME": name, "SCHEMA_REGISTRY_URL": registry_url,
    }
    env = {"AWS_ACCESS_KEY_ID": testenv.aws_access_key_id, "AWS_SECRET_ACCESS_KEY": testenv.aws_secret_access_key,
           "AWS_REGION": testenv.aws_region}
    sluice = SluiceProcess(tmp_path, {}, {}, env=env)
    # The templates are written as they are, not through a dict: their raw text is part of the case.
    sluice.worker_path.write_text(fill_template(case_dir / "worker.properties", placeholders), encoding="utf-8")
    sluice.connector_path.write_text(
        fill_template(case_dir / "connector.properties", placeholders) + extra_connector_text, encoding="utf-8")

    group = f"connect-{name}"
    end_offsets = {int(p): offset for p, offset in spec["end_offsets"].items()}
    sluice.start()
    try:
        wait_until(lambda: not sluice.running()
                   or committed_offsets(kafka_consumer, group, topic, spec["partitions"]) == end_offsets,
                   120, interval=1.0, what=f"group {group} to commit {end_offsets}")
    finally:
        code = sluice.stop()
    assert code == 0, sluice.logs()
    committed = committed_offsets(kafka_consumer, group, topic, spec["partitions"])
    assert committed == end_offsets, f"committed {committed}, want {end_offsets}\n{sluice.logs()}"

    written = {key[len(topics_dir):].replace(topic, spec["topic"]): key
               for key in list_keys(s3, testenv.s3_bucket, topics_dir)}
    expected = {o["key"] for o in spec["objects"]}
    missing, extra = sorted(expected - written.keys()), sorted(written.keys() - expected)
    assert not missing and not extra, f"object keys differ\n  missing: {missing}\n  unexpected: {extra}"
    return {key: s3.get_object(Bucket=testenv.s3_bucket, Key=full)["Body"].read() for key, full in written.items()}


@pytest.mark.parametrize("case", compare_cases())
def test_golden_case(case, testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix,
                     tmp_path):
    case_dir = GOLDEN_DIR / case
    spec = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    written = replay(case, testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix,
                     tmp_path)
    mismatches = []
    for obj in spec["objects"]:
        golden = (case_dir / obj["file"]).read_bytes()
        if written[obj["key"]] != golden:
            mismatches.append(f"{obj['key']}: {first_difference(written[obj['key']], golden)}")
    assert not mismatches, f"{len(mismatches)} of {len(spec['objects'])} objects differ from Java's:\n" + "\n".join(
        mismatches)


def test_shortest_double_digits_change_the_digits_not_the_values(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """sluice.json.double.digits=shortest prints JDK 19+'s digits (1.0E23 rather than Java 17's
    9.999999999999999E22): other bytes, the same numbers when read back."""
    case_dir = GOLDEN_DIR / "jsonconv-schemaless"
    spec = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    written = replay("jsonconv-schemaless", testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name,
                     s3_prefix, tmp_path, "sluice.json.double.digits=shortest\n")
    for obj in spec["objects"]:
        golden = (case_dir / obj["file"]).read_bytes()
        actual = written[obj["key"]]
        assert b"9.999999999999999E22" in golden and b"9.999999999999999E22" not in actual, obj["key"]
        assert b",1.0E23," in actual, obj["key"]
        assert ([json.loads(line) for line in actual.splitlines()]
                == [json.loads(line) for line in golden.splitlines()]), obj["key"]


@pytest.mark.parametrize("case", avro_cases())
def test_golden_avro_case(case, testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix,
                          tmp_path):
    import fastavro

    case_dir = GOLDEN_DIR / case
    spec = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    written = replay(case, testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix,
                     tmp_path)
    mismatches = []
    for obj in spec["objects"]:
        golden = (case_dir / obj["file"]).read_bytes()
        actual = written[obj["key"]]
        # Every block ends with the file's sync marker, so the last 16 bytes are it.
        same_marker = actual.replace(actual[-16:], golden[-16:])
        if same_marker != golden:
            mismatches.append(f"{obj['key']}: {first_difference(same_marker, golden)}")
        if case in FASTAVRO_UNREADABLE:
            continue  # the bytes are compared above; fastavro cannot parse Java's schema (see the set)
        with io.BytesIO(actual) as a, io.BytesIO(golden) as g:
            ours, java = fastavro.reader(a), fastavro.reader(g)
            assert ours.writer_schema == java.writer_schema, obj["key"]
            assert ours.codec == java.codec, obj["key"]
            assert list(ours) == list(java), obj["key"]
    assert not mismatches, f"{len(mismatches)} of {len(spec['objects'])} objects differ from Java's:\n" + "\n".join(
        mismatches)


def parquet_content(data: bytes) -> dict:
    """What a Parquet file holds for a reader, without what only its writer decides (created_by, page sizes,
    encodings, statistics)."""
    import pyarrow.parquet as pq

    file = pq.ParquetFile(io.BytesIO(data))
    meta = file.metadata
    return {
        "schema": str(file.schema).split("\n", 1)[1],  # without the object's address
        "arrow_schema": str(file.schema_arrow),
        "key_value_metadata": {k.decode(): v.decode() for k, v in (meta.metadata or {}).items()},
        "codecs": sorted({meta.row_group(g).column(c).compression
                          for g in range(meta.num_row_groups) for c in range(meta.num_columns)}),
        "rows": file.read().to_pylist(),
    }


@pytest.mark.parametrize("case", parquet_cases())
def test_golden_parquet_case(case, testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix,
                             tmp_path):
    case_dir = GOLDEN_DIR / case
    spec = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    written = replay(case, testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix,
                     tmp_path)
    for obj in spec["objects"]:
        ours, java = parquet_content(written[obj["key"]]), parquet_content((case_dir / obj["file"]).read_bytes())
        for part in ("schema", "arrow_schema", "key_value_metadata", "codecs"):
            assert ours[part] == java[part], f"{obj['key']}: {part} differs"
        assert len(ours["rows"]) == len(java["rows"]), obj["key"]
        for i, (a, b) in enumerate(zip(ours["rows"], java["rows"])):
            assert a == b, f"{obj['key']}: row {i} differs\n  sluice: {a}\n  Java:   {b}"
