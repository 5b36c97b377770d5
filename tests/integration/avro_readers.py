"""Two independent readers of Avro container files, for tests that check what sluice wrote: fastavro (Python) and
Apache Avro's own command-line tools (Java: `avro-tools getschema` and `tojson`, fetched by scripts/avro-tools).

`read_both` reads one file with each and checks that they agree: Java's schema is the file's avro.schema text and
parses (with fastavro) to fastavro's writer schema, and Java's records (its Avro JSON encoding, decoded here against
Java's schema, logical types through fastavro's own conversions) are fastavro's records. (fastavro's JSON reader
would do the decoding, but it fails on a recursive schema nested twice.)
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import struct
import subprocess
from pathlib import Path

import fastavro
import fastavro.read

REPO_ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def avro_tools_jar() -> str:
    """The avro-tools jar, fetched (and checked against its pinned SHA-256) on first use."""
    done = subprocess.run([str(REPO_ROOT / "scripts" / "avro-tools")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"scripts/avro-tools failed:\n{done.stderr}"
    return done.stdout.strip()


def avro_tools(*args: str) -> str:
    """Runs `java -jar avro-tools.jar ARGS` and returns its standard output."""
    # C1 only: these runs are short, so the JVM starts faster without the optimising compiler.
    done = subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-jar", avro_tools_jar(), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"avro-tools {' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]}"
    return done.stdout


@dataclasses.dataclass
class AvroFile:
    schema: object  # the writer schema as JSON (dict, list or str), as the file states it
    codec: str
    records: list


def read_with_fastavro(data: bytes) -> AvroFile:
    with io.BytesIO(data) as f:
        reader = fastavro.reader(f)
        records = list(reader)
        return AvroFile(json.loads(reader.metadata["avro.schema"]), reader.codec, records)


def _without_fastavro_keys(schema):
    if isinstance(schema, dict):
        return {k: _without_fastavro_keys(v) for k, v in schema.items() if not k.startswith("__")}
    if isinstance(schema, list):
        return [_without_fastavro_keys(v) for v in schema]
    return schema


class _AvroJson:
    """Avro's JSON encoding (specification, "JSON Encoding") -> the values fastavro returns: bytes and fixed as bytes
    (the JSON text holds one code point per byte), unions as their branch's value, floats rounded to 32 bits, and
    logical types converted by fastavro's own functions."""

    PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}

    def __init__(self, schema):
        self.named: dict[str, dict] = {}
        self._collect(schema, "")

    def _collect(self, schema, namespace: str) -> None:
        if isinstance(schema, list):
            for branch in schema:
                self._collect(branch, namespace)
        elif isinstance(schema, dict):
            kind = schema["type"]
            if kind in ("record", "error", "enum", "fixed"):
                namespace = self._full_name(schema, namespace).rpartition(".")[0]
                self.named[self._full_name(schema, namespace)] = schema
            if kind in ("record", "error"):
                for field in schema["fields"]:
                    self._collect(field["type"], namespace)
            elif kind == "array":
                self._collect(schema["items"], namespace)
            elif kind == "map":
                self._collect(schema["values"], namespace)
            elif isinstance(kind, (dict, list)):
                self._collect(kind, namespace)

    @staticmethod
    def _full_name(schema: dict, namespace: str) -> str:
        name = schema["name"]
        if "." in name:
            return name
        namespace = schema.get("namespace", namespace)
        return f"{namespace}.{name}" if namespace else name

    def _resolve(self, schema, namespace: str):
        if isinstance(schema, str) and schema not in self.PRIMITIVES:
            full = schema if "." in schema or not namespace else f"{namespace}.{schema}"
            schema = self.named.get(full, self.named.get(schema))
        if isinstance(schema, dict) and isinstance(schema["type"], (dict, list)):
            return self._resolve(schema["type"], namespace)
        return schema

    def _label(self, schema, namespace: str) -> str:
        schema = self._resolve(schema, namespace)
        if isinstance(schema, str):
            return schema
        if schema["type"] in ("record", "error", "enum", "fixed"):
            return self._full_name(schema, namespace)
        return schema["type"]

    def decode(self, schema, value, namespace: str = ""):
        schema = self._resolve(schema, namespace)
        if isinstance(schema, dict) and "logicalType" in schema:
            convert = fastavro.read.LOGICAL_READERS.get(f"{schema['type']}-{schema['logicalType']}")
            if convert is not None:
                base = {k: v for k, v in schema.items() if k != "logicalType"}
                return convert(self.decode(base, value, namespace), schema, schema)
        if isinstance(schema, list):
            if value is None:
                return None
            (label, inner), = value.items()
            branch = next(b for b in schema if self._label(b, namespace) == label)
            return self.decode(branch, inner, namespace)
        kind = schema if isinstance(schema, str) else schema["type"]
        if kind in ("bytes", "fixed"):
            return value.encode("latin-1")
        if kind == "float":
            return struct.unpack("<f", struct.pack("<f", value))[0]
        if kind == "double":
            return float(value)
        if kind in ("record", "error"):
            inner_namespace = self._full_name(schema, namespace).rpartition(".")[0]
            return {f["name"]: self.decode(f["type"], value[f["name"]], inner_namespace) for f in schema["fields"]}
        if kind == "array":
            return [self.decode(schema["items"], v, namespace) for v in value]
        if kind == "map":
            return {k: self.decode(schema["values"], v, namespace) for k, v in value.items()}
        return value  # null, boolean, int, long, string, enum


def read_both(data: bytes, path: Path) -> AvroFile:
    """Reads `data` (stored at `path` for Java) with fastavro and with avro-tools; fails unless they agree.
    Returns fastavro's reading."""
    path.write_bytes(data)
    ours = read_with_fastavro(data)
    java_schema = json.loads(avro_tools("getschema", str(path)))
    assert java_schema == ours.schema, f"{path.name}: avro-tools reads another schema than the file states"
    with io.BytesIO(data) as f:
        fastavro_schema = fastavro.reader(f).writer_schema
    assert (_without_fastavro_keys(fastavro.parse_schema(java_schema))
            == _without_fastavro_keys(fastavro_schema)), f"{path.name}: the schemas parse differently"
    decoder = _AvroJson(java_schema)
    # One datum per line; str.splitlines() would also cut at U+2028 and other separators inside strings.
    lines = [line for line in avro_tools("tojson", str(path)).split("\n") if line]
    java_records = [decoder.decode(java_schema, json.loads(line)) for line in lines]
    assert len(java_records) == len(ours.records), f"{path.name}: avro-tools reads another number of records"
    for i, (java, python) in enumerate(zip(java_records, ours.records)):
        assert java == python, f"{path.name}: record {i}: avro-tools reads {java!r}, fastavro {python!r}"
    return ours
