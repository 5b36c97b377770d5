"""bench/run: end-to-end throughput of `sluice run` against the librdkafka ceiling consumer.

One command: preload (once) a topic of ~1 KB JSON records, then per round
  (a) sluice with a fresh connector name (a fresh group connect-<name>, so it reads from offset 0),
      timed from launch until the group's committed offsets equal the end offsets on every
      partition; then SIGTERM, a check of the objects it wrote, and their deletion;
  (b) sluice_ceiling_consumer over the same topic in a fresh group: the fastest this machine can
      merely read the topic with the same librdkafka;
  (c) the same as (a) for the other paths (--paths): records of the same fields and size in
      Confluent's Avro wire format (a second topic, its schema registered in the testenv's Schema
      Registry) read with AvroConverter and written as AvroFormat (snappy), as JsonFormat and as
      ParquetFormat (snappy), counting sluice's requests to the registry; and as JsonConverter
      envelopes with schemas (a third topic) written as ParquetFormat (snappy).
Prints a table and writes build/bench/results.json. See bench/README.md.
"""
from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

from confluent_kafka import Consumer, TopicPartition

import harness as h

POLL_S = 0.5


def committed_offsets(poller: Consumer, topic: str, partitions: int) -> list[int]:
    """The group's committed offsets (OffsetFetch: needs no membership, so it does not disturb
    the group). A partition without a commit counts as 0."""
    tps = poller.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=10)
    return [max(tp.offset, 0) for tp in tps]


def crossing_time(series: list[tuple[float, int]], target: float) -> float | None:
    """First time the committed total reaches target, interpolated between samples."""
    prev_t, prev_v = None, None
    for t, v in series:
        if v >= target:
            if prev_t is None or v == prev_v:
                return t
            return prev_t + (t - prev_t) * (target - prev_v) / (v - prev_v)
        prev_t, prev_v = t, v
    return None


AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter"


@dataclasses.dataclass(frozen=True)
class SinkPath:
    """One way through sluice: what the topic holds, the converters and the format written."""
    key: str
    label: str
    # what the topic's values are: "json", "avro" (Confluent wire format) or "json-schema"
    # (JsonConverter envelopes)
    value_format: str
    worker: dict
    connector: dict
    extension: str


PARQUET_SNAPPY = {"format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat", "parquet.codec": "snappy"}

PATHS = {
    "json": SinkPath("json", "JSON in -> JSON out", "json", {}, {}, ".json"),
    "avro-avro": SinkPath("avro-avro", "Avro in -> Avro (snappy) out", "avro", {"value.converter": AVRO_CONVERTER},
                       {"format.class": "io.confluent.connect.s3.format.avro.AvroFormat", "avro.codec": "snappy"},
                       ".avro"),
    "avro-json": SinkPath("avro-json", "Avro in -> JSON out", "avro", {"value.converter": AVRO_CONVERTER}, {}, ".json"),
    "avro-parquet": SinkPath("avro-parquet", "Avro in -> Parquet (snappy) out", "avro",
                             {"value.converter": AVRO_CONVERTER}, PARQUET_SNAPPY, ".snappy.parquet"),
    "jsonschema-parquet": SinkPath("jsonschema-parquet", "JSON with schema in -> Parquet (snappy) out", "json-schema",
                                   {"value.converter": "org.apache.kafka.connect.json.JsonConverter",
                                    "value.converter.schemas.enable": "true"},
                                   PARQUET_SNAPPY, ".snappy.parquet"),
}


def topic_of(args, path: SinkPath) -> str:
    return {"json": args.topic, "avro": args.avro_topic, "json-schema": args.jsonschema_topic}[path.value_format]


def run_sluice(args, total: int, per_partition: int, work: Path, path: SinkPath = PATHS["json"]) -> dict:
    name = f"bench-{h.run_id()}"
    topics_dir = f"{args.prefix}/{name}"
    group = f"connect-{name}"
    topic = topic_of(args, path)
    extra_worker = dict(path.worker)
    if path.value_format == "avro":
        extra_worker["value.converter.schema.registry.url"] = os.environ["SCHEMA_REGISTRY_URL"]
    worker = h.write_properties(work / "worker.properties", h.base_worker(**extra_worker))
    connector = h.base_connector(name, topic, topics_dir)
    connector.update({
        "partitioner.class": "io.confluent.connect.storage.partitioner.DefaultPartitioner",
        "flush.size": args.flush_size,
        **path.connector,
    })
    connector_path = h.write_properties(work / "connector.properties", connector)
    registry = h.RegistryRequests(f"{topic}-value") if path.value_format == "avro" else None
    if registry is not None:
        registry.start()
    log_path = work / "sluice.log"
    poller = Consumer({"bootstrap.servers": h.bootstrap(), "group.id": group,
                       "enable.auto.commit": False})
    others = h.testenv_pids()
    others_before = {k: h.read_proc(p) for k, p in others.items()}
    machine_before, self_before = h.machine_busy_s(), h.self_cpu_s()

    h.say(f"sluice: connector {name}, objects under s3://{h.bucket()}/{topics_dir}/")
    t0 = time.monotonic()
    proc = h.launch([str(h.SLUICE), "run", "--worker", str(worker), "--connector",
                     str(connector_path), *args.sluice_arg], log_path)
    series: list[tuple[float, int]] = []
    samples: list[dict] = []
    last = None
    failure = None
    last_progress = t0
    try:
        while True:
            time.sleep(POLL_S)
            now = time.monotonic()
            sample = h.read_proc(proc.pid)
            if sample is None or proc.poll() is not None:
                failure = f"sluice exited before draining (status {proc.returncode})"
                break
            offsets = committed_offsets(poller, topic, args.partitions)
            done = sum(offsets)
            if not series or done > series[-1][1]:
                last_progress = now
            series.append((now - t0, done))
            samples.append({"t": round(now - t0, 3), "committed": done, "cpu_s": sample.cpu_s,
                            "rss_kb": sample.rss_kb, "hwm_kb": sample.hwm_kb})
            last = sample
            if all(o >= per_partition for o in offsets):
                break
            if now - last_progress > args.stall_s:
                failure = (f"stall: committed offsets {offsets} of {per_partition} per partition "
                           f"did not advance for {args.stall_s:.0f}s")
                break
            if now - t0 > args.timeout_s:
                failure = f"timeout after {args.timeout_s:.0f}s: committed {offsets}"
                break
    finally:
        t_drained = time.monotonic()
        others_after = {k: h.read_proc(p) for k, p in others.items()}
        machine_after, self_after = h.machine_busy_s(), h.self_cpu_s()
        at_drain = h.read_proc(proc.pid) or last
        exited = h.terminate(proc)
        poller.close()

    result: dict = {"path": path.key, "connector": name, "topics_dir": topics_dir, "log": str(log_path)}
    if failure:
        result["failure"] = failure
        result["log_tail"] = h.log_tail(log_path)
    wall = series[-1][0] if series else t_drained - t0
    t_first = next((t for t, v in series if v > 0), None)
    t10, t90 = crossing_time(series, 0.1 * total), crossing_time(series, 0.9 * total)
    result.update({
        "wall_s": round(wall, 3),  # launch -> all committed (the sample that saw it)
        "first_commit_s": round(t_first, 3) if t_first is not None else None,
        "steady_records_per_s": (round(0.8 * total / (t90 - t10), 1)
                                 if t10 is not None and t90 is not None and t90 > t10 else None),
        "cpu_s_at_drain": at_drain.cpu_s if at_drain else None,
        "peak_rss_kb_at_drain": at_drain.hwm_kb if at_drain else None,
        "cpu_s_total": round(exited.cpu_s, 3),  # including shutdown (rusage)
        "maxrss_kb_total": exited.maxrss_kb,
        "shutdown_s": round(exited.at - t_drained, 3),
        "exit_status": exited.status,
        "window_cpu_s": {
            **{k: round(others_after[k].cpu_s - others_before[k].cpu_s, 2)
               for k in others if others_before.get(k) and others_after.get(k)},
            "machine_busy": round(machine_after - machine_before, 2),
            "harness": round(self_after - self_before, 2),
        },
        "notable_log_lines": h.notable_log_lines(log_path),
        "samples": samples,
    })
    busy = result["window_cpu_s"]
    accounted = sum(v for k, v in busy.items() if k != "machine_busy")
    if at_drain:
        accounted += at_drain.cpu_s
    busy["unaccounted_other_processes"] = round(busy["machine_busy"] - accounted, 2)
    if exited.status != 0 and not failure:
        result["failure"] = f"sluice exited with status {exited.status} after SIGTERM"
        result["log_tail"] = h.log_tail(log_path)
    if registry is not None:
        # AvroConverter asks for each schema id once, and looks its version up once (one task).
        result["registry_requests"] = registry.count()
        if result["registry_requests"] != {"schema_by_id": 1, "version_lookups": 1} and "failure" not in result:
            result["failure"] = f"registry asked {result['registry_requests']}, expected once each"
            result["log_tail"] = h.log_tail(log_path)
    if "failure" not in result:
        result["output_check"] = check_output(args, topics_dir, per_partition, path)
        if result["output_check"].get("problems"):
            result["failure"] = "wrong output: " + "; ".join(result["output_check"]["problems"])
    if not args.keep_objects:
        result["objects_deleted"] = h.delete_prefix(topics_dir + "/")
    return result


def first_records(body: bytes, path: SinkPath) -> tuple[int, dict]:
    """How many records a sampled object holds, and the first one as a dict."""
    if path.extension.endswith(".parquet"):
        import pyarrow.parquet as pq

        with io.BytesIO(body) as f:
            file = pq.ParquetFile(f)
            codec = file.metadata.row_group(0).column(0).compression
            records = file.read().to_pylist()
        if codec != "SNAPPY":
            raise ValueError(f"codec {codec}, expected SNAPPY")
        return len(records), records[0]
    if path.extension == ".avro":
        import fastavro

        with io.BytesIO(body) as f:
            reader = fastavro.reader(f)
            records = list(reader)
        if reader.codec != "snappy":
            raise ValueError(f"codec {reader.codec}, expected snappy")
        return len(records), records[0]
    rows = body.decode().splitlines()
    # StringConverter + JsonFormat: each line is the record's value as a JSON string; AvroConverter
    # values are structs, so JSON objects.
    first = json.loads(rows[0])
    return len(rows), json.loads(first) if isinstance(first, str) else first


def check_output(args, topics_dir: str, per_partition: int, path: SinkPath = PATHS["json"]) -> dict:
    """The object keys must be exactly the files flush.size cuts (DefaultPartitioner key layout of
    the Java connector), and one sampled object must hold flush.size records, record 0 first."""
    objects = h.list_objects(topics_dir + "/")
    topic = topic_of(args, path)
    expected = {
        f"{topics_dir}/{topic}/partition={p}/{topic}+{p}+{start:010d}{path.extension}"
        for p in range(args.partitions) for start in range(0, per_partition, args.flush_size)
    }
    problems = []
    missing, extra = sorted(expected - set(objects)), sorted(set(objects) - expected)
    if missing:
        problems.append(f"{len(missing)} expected objects missing, e.g. {missing[:3]}")
    if extra:
        problems.append(f"{len(extra)} unexpected objects, e.g. {extra[:3]}")
    sample_key = f"{topics_dir}/{topic}/partition=0/{topic}+0+{0:010d}{path.extension}"
    lines = 0
    if sample_key in objects:
        body = h.s3().get_object(Bucket=h.bucket(), Key=sample_key)["Body"].read()
        try:
            lines, first = first_records(body, path)
        except ValueError as e:
            lines, first = 0, {}
            problems.append(f"{sample_key}: {e}")
        if lines != args.flush_size:
            problems.append(f"{sample_key} holds {lines} records, expected {args.flush_size}")
        if first.get("id") != 0 or first.get("user") != "user-0":
            problems.append(f"{sample_key}: first record is {str(first)[:80]!r}, expected id 0")
    return {"objects": len(objects), "expected_objects": len(expected),
            "output_bytes": sum(objects.values()), "sampled_lines": lines, "problems": problems}


def run_ceiling(args, total: int, work: Path) -> dict:
    group = f"bench-ceiling-{h.run_id()}"
    log_path = work / "ceiling.log"
    h.say(f"ceiling: sluice_ceiling_consumer, group {group}")
    t0 = time.monotonic()
    proc = h.launch([str(h.CEILING), "--bootstrap-servers", h.bootstrap(), "--topic", args.topic,
                     "--group", group, "--records", str(total)], log_path)
    exited = h.reap(proc, args.timeout_s)
    if exited is None:
        exited = h.terminate(proc)
        return {"failure": f"ceiling consumer did not finish in {args.timeout_s:.0f}s",
                "log_tail": h.log_tail(log_path)}
    out = log_path.read_text()
    fields = dict(kv.split("=") for kv in out.split() if "=" in kv)
    result = {
        "wall_s": round(exited.at - t0, 3),  # launch -> exit
        "drain_s": float(fields.get("seconds", "nan")),  # its own clock: first record -> last
        "records": int(fields.get("records", 0)),
        "bytes": int(fields.get("bytes", 0)),
        "cpu_s_total": round(exited.cpu_s, 3),
        "maxrss_kb_total": exited.maxrss_kb,
        "exit_status": exited.status,
    }
    if exited.status != 0 or result["records"] != total:
        result["failure"] = f"ceiling exited {exited.status} after {result['records']} records"
        result["log_tail"] = h.log_tail(log_path)
    return result


def s3_put_probe(args, object_bytes: int, threads: int = 4, puts: int = 40) -> dict:
    """Reference for the write side: how fast boto3 alone can PUT objects of sluice's size into the
    same S3 server with as many threads as sluice's upload pool (4). Not a strict ceiling (boto3
    has its own costs), but it shows whether the S3 server, rather than sluice, sets the pace."""
    import concurrent.futures

    line = b'"' + b"x" * 1040 + b'"\n'
    body = line * max(1, object_bytes // len(line))
    client = h.s3()
    prefix = f"{args.prefix}/s3-put-probe-{h.run_id()}/"

    def put(i: int) -> None:
        client.put_object(Bucket=h.bucket(), Key=f"{prefix}{i}", Body=body)

    put(-1)  # connection set-up, untimed
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(put, range(puts)))
    seconds = time.monotonic() - started
    h.delete_prefix(prefix)
    return {"threads": threads, "puts": puts, "object_bytes": len(body), "seconds": round(seconds, 3),
            "mb_per_s": round(puts * len(body) / h.MB / seconds, 1)}


def figures(sluice: dict, ceiling: dict, total: int, data_bytes: int) -> dict:
    """The reported numbers of one round. sluice's CPU and peak RSS are taken at the drained
    moment (/proc), the ceiling's at its exit (rusage): both cover launch -> all records done."""
    s_wall, c_wall = sluice["wall_s"], ceiling["wall_s"]
    s = {
        "wall_s": s_wall,
        "mb_per_s": data_bytes / h.MB / s_wall,
        "records_per_s": total / s_wall,
        "steady_mb_per_s": (sluice["steady_records_per_s"] * data_bytes / total / h.MB
                            if sluice.get("steady_records_per_s") else None),
        "cpu_s": sluice["cpu_s_at_drain"],
        "cpu_s_per_gb": sluice["cpu_s_at_drain"] / (data_bytes / h.GB),
        "peak_rss_mib": sluice["peak_rss_kb_at_drain"] / 1024,
        "first_commit_s": sluice["first_commit_s"],
    }
    c = {
        "wall_s": c_wall,
        "mb_per_s": data_bytes / h.MB / c_wall,
        "records_per_s": total / c_wall,
        "steady_mb_per_s": ceiling["bytes"] / h.MB / ceiling["drain_s"],
        "cpu_s": ceiling["cpu_s_total"],
        "cpu_s_per_gb": ceiling["cpu_s_total"] / (data_bytes / h.GB),
        "peak_rss_mib": ceiling["maxrss_kb_total"] / 1024,
    }
    ratio = {k: s[k] / c[k] for k in ("mb_per_s", "records_per_s", "steady_mb_per_s", "cpu_s_per_gb",
                                      "peak_rss_mib") if s.get(k) and c.get(k)}
    return {"sluice": s, "ceiling": c, "ratio_sluice_over_ceiling": ratio}



def path_figures(run: dict, total: int, data_bytes: int) -> dict:
    """The reported numbers of one sluice run of another path, as figures() gives them for JSON."""
    return {
        "wall_s": run["wall_s"],
        "records_per_s": total / run["wall_s"],
        "mb_per_s": data_bytes / h.MB / run["wall_s"],
        "steady_mb_per_s": (run["steady_records_per_s"] * data_bytes / total / h.MB
                            if run.get("steady_records_per_s") else None),
        "cpu_s_per_gb": run["cpu_s_at_drain"] / (data_bytes / h.GB),
        "peak_rss_mib": run["peak_rss_kb_at_drain"] / 1024,
        "output_mb": run["output_check"]["output_bytes"] / h.MB,
        "registry_requests": run.get("registry_requests"),
    }


def print_paths_table(summary: dict, rounds: list[dict], meta: dict) -> None:
    """sluice's figures per path (medians), beside the JSON path of the same rounds."""
    json_path = summary["sluice"]
    rows = [("JSON in -> JSON out (StringConverter)", json_path, None)]
    for key in meta["paths"]:
        converter = "AvroConverter" if PATHS[key].value_format == "avro" else "JsonConverter"
        rows.append((f"{PATHS[key].label} ({converter})", summary["paths"][key],
                     rounds[-1]["paths"][key].get("registry_requests")))
    print()
    print(f"other paths through sluice: topic {meta['avro_topic']}, the same fields and {meta['record_size']} B "
          f"per value in Confluent's Avro wire format (schema id {meta['avro_schema_id']}), "
          f"{meta['avro_data_bytes'] / h.MB:,.0f} MB (key+value)"
          + (f"; topic {meta['jsonschema_topic']}, the same as JsonConverter envelopes with their schema"
             if "jsonschema_topic" in meta else "") + f"; median of {len(rounds)} round(s)")
    print(f"{'':60} {'records/s':>10} {'MB/s':>7} {'steady MB/s':>12} {'CPU-s/GB':>9} {'peak RSS MiB':>13} "
          f"{'output MB':>10} {'registry [3]':>13}")
    for label, f, registry in rows:
        reg = f"{registry['schema_by_id']} / {registry['version_lookups']}" if registry else "-"
        steady = f"{f['steady_mb_per_s']:.1f}" if f.get("steady_mb_per_s") else "-"
        output = f"{f['output_mb']:,.0f}" if f.get("output_mb") else "-"
        print(f"{label:60} {f['records_per_s']:>10,.0f} {f['mb_per_s']:>7.1f} {steady:>12} "
              f"{f['cpu_s_per_gb']:>9.2f} {f['peak_rss_mib']:>13.1f} {output:>10} {reg:>13}")
    print("[3] requests sluice made to the Schema Registry in the last round (its request log): schema by id / "
          "version lookups; AvroConverter must ask once per schema id.")


def median_of(rounds: list[dict], side: str, key: str):
    values = [r[side][key] for r in rounds if r[side].get(key) is not None]
    return statistics.median(values) if values else None


def print_table(summary: dict, rounds: list[dict], meta: dict) -> None:
    rows = [
        ("wall time, launch -> all records done (s)", "wall_s", "{:.1f}"),
        ("throughput, end to end (MB/s)", "mb_per_s", "{:.1f}"),
        ("throughput, end to end (records/s)", "records_per_s", "{:,.0f}"),
        ("throughput, steady state (MB/s) [1]", "steady_mb_per_s", "{:.1f}"),
        ("CPU (s), launch -> done [2]", "cpu_s", "{:.1f}"),
        ("CPU seconds per GB", "cpu_s_per_gb", "{:.2f}"),
        ("peak RSS, VmHWM (MiB)", "peak_rss_mib", "{:.1f}"),
    ]
    n = len(rounds)
    print(f"sluice end-to-end benchmark, {meta['date_utc']}, git {meta['git']}, "
          f"{meta['cpus']} CPUs ({meta['cpu_model']})")
    print(f"topic {meta['topic']}: {meta['records']:,} records x {meta['record_size']} B JSON, "
          f"{meta['partitions']} partitions, {meta['data_bytes'] / h.MB:,.0f} MB (key+value); "
          f"JsonFormat, StringConverter, DefaultPartitioner, flush.size={meta['flush_size']}, "
          f"no compression")
    print(f"median of {n} round(s); MB = 10^6 bytes, GB = 10^9 bytes")
    print()
    print(f"{'':44} {'sluice':>12} {'ceiling':>12} {'sluice/ceiling':>15}")
    for label, key, fmt in rows:
        s, c = summary["sluice"].get(key), summary["ceiling"].get(key)
        r = summary["ratio_sluice_over_ceiling"].get(key)
        print(f"{label:44} {fmt.format(s) if s is not None else '-':>12} "
              f"{fmt.format(c) if c is not None else '-':>12} "
              f"{'{:.2f}'.format(r) if r is not None else '-':>15}")
    fc = summary["sluice"].get("first_commit_s")
    print()
    if fc is not None:
        print(f"sluice: first offset commit {fc:.1f}s after launch (startup + first "
              f"{meta['flush_size']}-record files uploaded)")
    print("per round (sluice | ceiling):")
    for i, r in enumerate(rounds):
        sl, ce = r["sluice"], r["ceiling"]
        print(f"  {i + 1}: {sl['wall_s']:6.1f}s {sl['mb_per_s']:7.1f} MB/s {sl['cpu_s_per_gb']:5.2f} CPU-s/GB "
              f"{sl['peak_rss_mib']:6.1f} MiB | {ce['wall_s']:5.1f}s {ce['mb_per_s']:7.1f} MB/s "
              f"{ce['cpu_s_per_gb']:5.2f} CPU-s/GB {ce['peak_rss_mib']:6.1f} MiB")
    for i, r in enumerate(rounds):
        w = r["sluice_raw"]["window_cpu_s"]
        parts = ", ".join(f"{k} {v:.1f}" for k, v in w.items())
        print(f"  {i + 1}: CPU seconds during the sluice run (sluice itself {r['sluice']['cpu_s']:.1f}): {parts}")
    oc = rounds[-1]["sluice_raw"].get("output_check", {})
    raw = rounds[-1]["sluice_raw"]
    if oc:
        print(f"output (last round): {oc['objects']} objects, {oc['output_bytes'] / h.MB:,.0f} MB, keys as "
              f"expected; sluice CPU incl. shutdown {raw['cpu_s_total']:.1f}s, shutdown took "
              f"{raw['shutdown_s']:.1f}s, exit status {raw['exit_status']}; objects deleted afterwards")
    print()
    print("[1] sluice: slope of the committed offsets between 10% and 90% of the records; ceiling: its own "
          "clock from first to last record (no group join).")
    print("[2] sluice: utime+stime from /proc at the poll that saw all offsets committed (SIGTERM follows); "
          "ceiling: rusage at exit. Peak RSS the same way (VmHWM / ru_maxrss).")
    print(f"NOTE: {meta['caveat']}: the Kafka broker and the S3 server ({meta['s3_server']}, a JVM) run on "
          f"the same {meta['cpus']} cores as sluice and take CPU from it; sluice uploads "
          f"every byte to it over loopback HTTP. Load average at start: "
          + " ".join(f"{x:.2f}" for x in meta["loadavg_at_start"]) + ". 'unaccounted_other_processes' "
          "above is CPU used by anything else on the box during the run.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topic", default="bench-1k")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--records-per-partition", type=int, default=270_000,
                        help="a multiple of --flush-size, so every file closes by flush.size "
                             "(default 270,000: 4 x 270,000 x 1 KB = 1.1 GB)")
    parser.add_argument("--record-size", type=int, default=1024)
    parser.add_argument("--flush-size", type=int, default=10_000)
    parser.add_argument("--sluice-arg", action="append", default=[],
                        help="extra argument for `sluice run` (repeatable), e.g. --sluice-arg=--upload-threads=8")
    parser.add_argument("--rounds", type=int, default=5,
                        help="sluice+ceiling rounds, interleaved; medians reported (default 5)")
    parser.add_argument("--prefix", default="bench", help="topics.dir prefix for sluice's objects")
    parser.add_argument("--keep-objects", action="store_true", help="do not delete sluice's objects")
    parser.add_argument("--timeout-s", type=float, default=540)
    parser.add_argument("--stall-s", type=float, default=90)
    parser.add_argument("--paths", default="avro-avro,avro-json,avro-parquet,jsonschema-parquet",
                        help="other paths run after the JSON one in each round, comma-separated: avro-avro "
                             "(AvroConverter, AvroFormat snappy), avro-json (AvroConverter, JsonFormat), "
                             "avro-parquet (AvroConverter, ParquetFormat snappy), jsonschema-parquet "
                             "(JsonConverter with schemas, ParquetFormat snappy); '' for none")
    parser.add_argument("--avro-topic", default="bench-avro-1k",
                        help="topic of the Avro paths (same size and partitions as --topic)")
    parser.add_argument("--jsonschema-topic", default="bench-jsonschema-1k",
                        help="topic of the JSON-with-schema path (same size and partitions as --topic)")
    parser.add_argument("--out", default=str(h.BUILD / "bench" / "results.json"))
    args = parser.parse_args()
    args.paths = [p for p in args.paths.split(",") if p]
    unknown = [p for p in args.paths if p not in PATHS or p == "json"]
    if unknown:
        parser.error(f"unknown --paths {unknown} (allowed: {', '.join(k for k in PATHS if k != 'json')})")
    if args.records_per_partition % args.flush_size:
        parser.error("--records-per-partition must be a multiple of --flush-size")

    per_partition = args.records_per_partition
    total = per_partition * args.partitions
    data_bytes = h.loadgen_record_bytes(total, args.record_size)
    work = h.BUILD / "bench" / "run"
    work.mkdir(parents=True, exist_ok=True)
    h.snapshot_binaries()
    meta = h.environment()
    meta.update({"topic": args.topic, "partitions": args.partitions, "records": total,
                 "record_size": args.record_size, "data_bytes": data_bytes, "flush_size": args.flush_size})

    what = h.ensure_topic(args.topic, args.partitions, total, args.record_size)
    h.say(f"topic {args.topic}: {what}")
    warmed = h.warm_page_cache(args.topic)
    if any(PATHS[p].value_format == "json-schema" for p in args.paths):
        what = h.ensure_topic(args.jsonschema_topic, args.partitions, total, args.record_size,
                              loadgen_args=("--value-format", "json-schema"), value_prefix=b'{"schema":')
        h.say(f"topic {args.jsonschema_topic} (JsonConverter envelopes): {what}")
        warmed += h.warm_page_cache(args.jsonschema_topic)
        meta["jsonschema_topic"] = args.jsonschema_topic
    if args.paths:
        schema_id = h.register_loadgen_avro_schema(f"{args.avro_topic}-value")
        what = h.ensure_topic(args.avro_topic, args.partitions, total, args.record_size,
                              loadgen_args=("--value-format", "avro", "--avro-schema-id", str(schema_id)),
                              value_prefix=b"\0" + schema_id.to_bytes(4, "big"))
        h.say(f"topic {args.avro_topic} (Avro values, schema id {schema_id}): {what}")
        warmed += h.warm_page_cache(args.avro_topic)
        meta.update({"paths": args.paths, "avro_topic": args.avro_topic, "avro_schema_id": schema_id,
                     # sluice_loadgen's Avro values are exactly --record-size bytes too
                     "avro_data_bytes": data_bytes})
    h.say(f"page cache warmed: {warmed / h.MB:,.0f} MB of segment files")

    rounds, failures = [], []
    for i in range(args.rounds):
        sl = run_sluice(args, total, per_partition, work)
        if "failure" in sl:
            failures.append(("sluice", sl))
            break
        ce = run_ceiling(args, total, work)
        if "failure" in ce:
            failures.append(("ceiling", ce))
            break
        if ce["bytes"] != data_bytes:
            h.say(f"note: ceiling counted {ce['bytes']} bytes, expected {data_bytes}")
        round_figures = figures(sl, ce, total, data_bytes)
        round_figures["sluice_raw"] = sl
        round_figures["ceiling_raw"] = ce
        round_figures["paths"], round_figures["paths_raw"] = {}, {}
        for key in args.paths:
            other = run_sluice(args, total, per_partition, work, PATHS[key])
            if "failure" in other:
                failures.append((f"sluice {key}", other))
                break
            round_figures["paths"][key] = path_figures(other, total, data_bytes)
            round_figures["paths_raw"][key] = other
        if failures:
            break
        rounds.append(round_figures)
        h.say(f"round {i + 1}: sluice {sl['wall_s']:.1f}s, ceiling {ce['wall_s']:.1f}s"
              + "".join(f", {k} {r['wall_s']:.1f}s" for k, r in round_figures["paths"].items()))

    result = {"benchmark": "end-to-end throughput", "meta": meta, "rounds": rounds}
    if failures:
        side, raw = failures[0]
        result["failure"] = {"side": side, **{k: v for k, v in raw.items() if k != "samples"},
                             "samples_tail": raw.get("samples", [])[-10:]}
        h.write_json(Path(args.out), result)
        print(f"FAILED ({side}): {raw['failure']}")
        print(f"log: {raw.get('log', '')}")
        print(raw.get("log_tail", ""))
        return 1
    summary = {side: {k: median_of(rounds, side, k) for k in rounds[0][side]}
               for side in ("sluice", "ceiling")}
    summary["ratio_sluice_over_ceiling"] = {
        k: median_of(rounds, "ratio_sluice_over_ceiling", k)
        for k in rounds[0]["ratio_sluice_over_ceiling"]}
    summary["paths"] = {key: {k: median_of([r["paths"] for r in rounds], key, k)
                              for k in ("wall_s", "records_per_s", "mb_per_s", "steady_mb_per_s",
                                        "cpu_s_per_gb", "peak_rss_mib", "output_mb")}
                        for key in args.paths}
    result["summary"] = summary
    oc = rounds[-1]["sluice_raw"]["output_check"]
    h.say("S3 write reference: boto3 PUTs of sluice-sized objects")
    result["s3_put_probe"] = s3_put_probe(args, oc["output_bytes"] // max(1, oc["objects"]))
    h.write_json(Path(args.out), result)
    print_table(summary, rounds, meta)
    if args.paths:
        summary["sluice"]["output_mb"] = oc["output_bytes"] / h.MB
        print_paths_table(summary, rounds, meta)
    p = result["s3_put_probe"]
    print(f"S3 write reference: boto3 alone PUTs {p['object_bytes'] / h.MB:.1f} MB objects into the same S3 server "
          f"at {p['mb_per_s']:.0f} MB/s ({p['threads']} threads, {p['puts']} objects); sluice's output is "
          f"{oc['output_bytes'] / h.MB:,.0f} MB, so its S3 side ran at "
          f"{oc['output_bytes'] / h.MB / summary['sluice']['wall_s']:.0f} MB/s end to end.")
    print(f"\nresults: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
