"""Writes the inputs and templates of the golden cases for the field transforms, then records them with
Confluent's connector (record_case.py):

- transforms-schema-json: JsonConverter values with schemas through InsertField$Value, ReplaceField$Value,
  MaskField$Value, Cast$Value, TimestampConverter$Value and Flatten$Value, written as JsonFormat;
- transforms-schemaless-keys: schemaless JSON values through ValueToKey, ExtractField$Key, ReplaceField$Value,
  InsertField$Value and HoistField$Value, with the keys stored (keys.format.class=JsonFormat).

    ORACLE_RUN=/path/to/run.sh ~/.cache/sluice/venv/bin/python tests/golden/make_transforms_cases.py

The inputs are deterministic (fixed seed), so re-running the script rewrites the same files. InsertField adds
no topic field: a replay produces to a fresh topic, and the topic name may only appear in object keys.
"""

from __future__ import annotations

import base64
import json
import random
import subprocess
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent

COMMON = """name=${NAME}
connector.class=io.confluent.connect.s3.S3SinkConnector
tasks.max=1
topics=${TOPIC}
storage.class=io.confluent.connect.s3.storage.S3Storage
format.class=io.confluent.connect.s3.format.json.JsonFormat
partitioner.class=io.confluent.connect.storage.partitioner.DefaultPartitioner
s3.bucket.name=${BUCKET}
s3.region=${REGION}
store.url=${S3_ENDPOINT}
s3.path.style.access.enabled=true
topics.dir=${TOPICS_DIR}
"""

WORKER = """bootstrap.servers=${BOOTSTRAP}
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=org.apache.kafka.connect.storage.StringConverter
"""

SCHEMA_CHAIN = """flush.size=10
value.converter=org.apache.kafka.connect.json.JsonConverter
value.converter.schemas.enable=true
transforms=insert,replace,mask,cast,ts,flatten
transforms.insert.type=org.apache.kafka.connect.transforms.InsertField$Value
transforms.insert.partition.field=src_partition!
transforms.insert.offset.field=src_offset
transforms.insert.timestamp.field=src_ts
transforms.insert.static.field=origin
transforms.insert.static.value=golden
transforms.replace.type=org.apache.kafka.connect.transforms.ReplaceField$Value
transforms.replace.exclude=internal
transforms.replace.renames=qty:quantity,customer:buyer
transforms.mask.type=org.apache.kafka.connect.transforms.MaskField$Value
transforms.mask.fields=card,pin
transforms.cast.type=org.apache.kafka.connect.transforms.Cast$Value
transforms.cast.spec=quantity:string,price:int32,flag:int8,ratio:float32,amount:float64
transforms.ts.type=org.apache.kafka.connect.transforms.TimestampConverter$Value
transforms.ts.field=created
transforms.ts.target.type=string
transforms.ts.format=yyyy-MM-dd'T'HH:mm:ss.SSS EEE
transforms.flatten.type=org.apache.kafka.connect.transforms.Flatten$Value
transforms.flatten.delimiter=_
"""

SCHEMALESS_CHAIN = """flush.size=10
value.converter=org.apache.kafka.connect.json.JsonConverter
value.converter.schemas.enable=false
store.kafka.keys=true
keys.format.class=io.confluent.connect.s3.format.json.JsonFormat
transforms=tokey,extract,replace,insert,hoist
transforms.tokey.type=org.apache.kafka.connect.transforms.ValueToKey
transforms.tokey.fields=id,user
transforms.extract.type=org.apache.kafka.connect.transforms.ExtractField$Key
transforms.extract.field=user
transforms.replace.type=org.apache.kafka.connect.transforms.ReplaceField$Value
transforms.replace.exclude=secret
transforms.replace.renames=amount:amt,k3:key_three
transforms.insert.type=org.apache.kafka.connect.transforms.InsertField$Value
transforms.insert.offset.field=o
transforms.hoist.type=org.apache.kafka.connect.transforms.HoistField$Value
transforms.hoist.field=data
"""


def b64(text: str | None) -> str | None:
    return None if text is None else base64.b64encode(text.encode("utf-8")).decode("ascii")


def schema_value(i: int, rng: random.Random) -> str:
    address = {"type": "struct", "name": "com.example.Address", "optional": True, "fields": [
        {"field": "city", "type": "string", "optional": False},
        {"field": "zip", "type": "int32", "optional": True, "default": 10001},
        {"field": "geo", "type": "struct", "optional": False, "fields": [
            {"field": "lat", "type": "double", "optional": False},
            {"field": "lon", "type": "double", "optional": False}]}]}
    schema = {"type": "struct", "name": "com.example.Order", "version": 2, "doc": "an order",
              "optional": False, "fields": [
                  {"field": "id", "type": "int64", "optional": False},
                  {"field": "customer", "type": "string", "optional": True},
                  {"field": "qty", "type": "int32", "optional": False},
                  {"field": "price", "type": "double", "optional": False},
                  {"field": "flag", "type": "boolean", "optional": True, "default": True},
                  {"field": "ratio", "type": "double", "optional": False},
                  {"field": "amount", "type": "bytes", "optional": False,
                   "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": {"scale": "2"}},
                  {"field": "card", "type": "string", "optional": True},
                  {"field": "pin", "type": "int32", "optional": False},
                  {"field": "internal", "type": "string", "optional": True},
                  {"field": "created", "type": "int64", "optional": False,
                   "name": "org.apache.kafka.connect.data.Timestamp", "version": 1},
                  {"field": "tags", "type": "array", "optional": True, "items": {"type": "string"}},
                  {"field": "address", **{k: v for k, v in address.items() if k != "type"}, "type": "struct"}]}
    unscaled = rng.randint(-10**7, 10**7)
    raw = unscaled.to_bytes((unscaled.bit_length() + 8) // 8 or 1, "big", signed=True)
    payload = {
        "id": 1000 + i,
        "customer": None if i % 5 == 0 else f"cust-{rng.randint(1, 99)}",
        "qty": rng.randint(-5, 500),
        "price": round(rng.uniform(-1000, 1000), rng.randint(0, 6)),
        "flag": None if i % 4 == 0 else bool(i % 3),
        "ratio": rng.choice([0.1, 1e-7, 123456789.125, -0.0, 3.4028235e38, 2.5e-45]),
        "amount": base64.b64encode(raw).decode("ascii"),
        "card": None if i % 7 == 0 else f"{rng.randint(10**15, 10**16 - 1)}",
        "pin": rng.randint(0, 9999),
        "internal": "x" * (i % 3),
        "created": rng.choice([0, -1, 86_400_000, 951_782_400_000]) + rng.randint(0, 10**12),
        "tags": None if i % 6 == 0 else [f"t{j}" for j in range(i % 4)],
        "address": None if i % 8 == 3 else {
            "city": rng.choice(["Paris", "Zürich", "São Paulo", "東京"]),
            "zip": None if i % 2 else rng.randint(1000, 99999),
            "geo": {"lat": rng.uniform(-90, 90), "lon": rng.uniform(-180, 180)}},
    }
    return json.dumps({"schema": schema, "payload": payload}, ensure_ascii=False, separators=(",", ":"))


def schemaless_value(i: int, rng: random.Random) -> str:
    value: dict[str, object] = {"id": i, "user": {"name": f"u{i % 7}", "roles": ["a", "b"][: i % 3],
                                                  "meta": {"since": 2000 + i % 20}}}
    # Between 0 and 25 extra keys, so that the copies Kafka's transforms make cross HashMap table sizes.
    for k in range(rng.randint(0, 25)):
        value[f"k{k}"] = rng.choice([k, f"v{k}", None, True, 1.5, [k], {"n": k}])
    if i % 2:
        value["secret"] = "hide"
    if i % 3:
        value["amount"] = rng.randint(-100, 100)
    return json.dumps(value, separators=(",", ":"))


def write_case(name: str, description: str, chain: str, make_value) -> Path:
    rng = random.Random(name)
    case_dir = GOLDEN / name
    case_dir.mkdir(exist_ok=True)
    with open(case_dir / "input.jsonl", "w", encoding="utf-8") as out:
        for i in range(30):
            record = {"partition": 0, "offset": i, "timestamp": 1725148800000 + 1000 * i,
                      "key": b64(f"k-{i}"), "value": b64(make_value(i, rng)), "headers": []}
            out.write(json.dumps(record) + "\n")
    (case_dir / "worker.properties").write_text(WORKER, encoding="utf-8")
    (case_dir / "connector.properties").write_text(COMMON + chain, encoding="utf-8")
    (case_dir / "case.json").write_text(json.dumps(
        {"case": name, "description": description, "mode": "compare", "partitions": 1}, indent=2) + "\n",
        encoding="utf-8")
    return case_dir


def main() -> None:
    dirs = [
        write_case("transforms-schema-json",
                   "JsonConverter values with schemas through InsertField$Value, ReplaceField$Value, "
                   "MaskField$Value, Cast$Value, TimestampConverter$Value and Flatten$Value, JsonFormat, "
                   "flush.size=10", SCHEMA_CHAIN, schema_value),
        write_case("transforms-schemaless-keys",
                   "schemaless JSON values through ValueToKey, ExtractField$Key, ReplaceField$Value, "
                   "InsertField$Value and HoistField$Value, keys stored as JsonFormat, flush.size=10",
                   SCHEMALESS_CHAIN, schemaless_value),
    ]
    subprocess.run([sys.executable, str(GOLDEN / "record_case.py"), *map(str, dirs)], check=True)


if __name__ == "__main__":
    main()
