"""bench/memory: peak RSS of `sluice run` holding N open files in ONE Kafka partition.

For each case, a one-partition topic holds N x R records of ~1 KB whose record timestamps walk
through N distinct hours (R consecutive records per hour). sluice runs with HourlyPartitioner and
timestamp.extractor=Record, flush.size above the record count and no rotation interval, so every
hour's file stays open and nothing is uploaded or committed. Once sluice has consumed everything,
VmHWM is read and sluice gets SIGTERM (it abandons open files by design, so nothing is written).

"Consumed everything" is detected in two steps, because sluice commits nothing while its files
are open (so the group's committed offset cannot be used):
  1. librdkafka's fetch debug log (consumer.debug=fetch, --log-level debug) shows a fetch at the
     end offset: every record has been fetched into the client's queue;
  2. then the process's CPU time (utime+stime) stays flat for --idle-s seconds: the queue has
     been drained through the converters and writers. An idle sluice burns ~nothing, a working
     one a core, so the edge is sharp.
With --format parquet the records are JsonConverter envelopes whose pads are pseudo-random text (so Parquet's
dictionaries and snappy cannot shrink them away) and sluice writes ParquetFormat (snappy) under
--memory-budget-mb: with more record data than the budget, the budget must cut files early, every object written
must be a Parquet file pyarrow reads, and peak RSS shows what the budget leaves for the process's fixed costs.
See bench/README.md.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import harness as h

# 2024-01-01T00:00:00Z: hour boundaries line up with record groups, and 10,000+ hours later is
# still in the past (Kafka 4 rejects timestamps more than an hour ahead: log.message.timestamp.after.max.ms).
START_TS = 1_704_067_200_000
HOUR_MS = 3_600_000


def run_case(args, files: int, per_file: int, work: Path) -> dict:
    count = files * per_file
    parquet = args.format == "parquet"
    topic = f"bench-mem-{files}f-{per_file}r-{args.record_size}b" + ("-jsonschema-random" if parquet else "")
    loadgen_args = ("--value-format", "json-schema", "--random-pad") if parquet else ()
    what = h.ensure_topic(topic, 1, count, args.record_size, START_TS, HOUR_MS // per_file,
                          loadgen_args=loadgen_args, value_prefix=b'{"schema":' if parquet else b"")
    h.say(f"topic {topic}: {what}")
    name = f"bench-mem-{h.run_id()}"
    topics_dir = f"{args.prefix}/{name}"
    worker_extra = {"consumer.debug": "fetch"}
    if parquet:
        worker_extra.update({"value.converter": "org.apache.kafka.connect.json.JsonConverter",
                             "value.converter.schemas.enable": "true"})
    worker = h.write_properties(work / "worker.properties", h.base_worker(**worker_extra))
    connector = h.base_connector(name, topic, topics_dir)
    connector.update({
        "partitioner.class": "io.confluent.connect.storage.partitioner.HourlyPartitioner",
        "locale": "en-US",
        "timezone": "UTC",
        "timestamp.extractor": "Record",
        "flush.size": count * 10 + 1000,  # never reached: no file closes
    })
    if parquet:
        connector.update({"format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat",
                          "parquet.codec": "snappy"})
    run_args = ["--memory-budget-mb", str(args.memory_budget_mb)] if args.memory_budget_mb else []
    connector_path = h.write_properties(work / "connector.properties", connector)
    log_path = work / f"sluice-{files}f-{per_file}r.log"
    end_fetch = re.compile(rf"Fetch topic {re.escape(topic)} \[0\] at offset {count}\b")

    h.say(f"sluice: {files:,} open files x {per_file} records (connector {name})")
    t0 = time.monotonic()
    proc = h.launch([str(h.SLUICE), "--log-level", "debug", "run", *run_args, "--worker", str(worker),
                     "--connector", str(connector_path)], log_path)
    failure = None
    fetched_at = idle_at = None
    cpu_hist: list[tuple[float, float]] = []
    peak = None
    read_pos = 0
    try:
        while True:
            time.sleep(0.25)
            now = time.monotonic()
            sample = h.read_proc(proc.pid)
            if sample is None or proc.poll() is not None:
                failure = "sluice exited before consuming everything"
                break
            peak = sample
            if fetched_at is None:
                with open(log_path, "rb") as f:
                    f.seek(read_pos)
                    chunk = f.read()
                # Only complete lines are searched; a partial last line is read again next time.
                cut = chunk.rfind(b"\n") + 1
                read_pos += cut
                if end_fetch.search(chunk[:cut].decode(errors="replace")):
                    fetched_at = now
            cpu_hist.append((now, sample.cpu_s))
            if fetched_at is not None:
                window = [c for t, c in cpu_hist if t >= now - args.idle_s]
                if now - fetched_at >= args.idle_s and window[-1] - window[0] <= args.idle_cpu_s:
                    idle_at = now
                    break
            if now - t0 > args.timeout_s:
                failure = ("timeout: " + ("fetched to the end but CPU never went idle" if fetched_at
                                          else f"no fetch at offset {count} in the log"))
                break
    finally:
        at_idle = h.read_proc(proc.pid) or peak
        exited = h.terminate(proc)

    log = log_path.read_text(errors="replace")
    rotations = len(re.findall(r" rotating topic=", log))
    budget_hits = len(re.findall(r"memory budget of \d+ bytes reached", log))
    checked = check_parquet_objects(topics_dir) if parquet else {}
    objects = h.delete_prefix(topics_dir + "/")
    result = {
        "open_files": files,
        "records_per_file": per_file,
        "records": count,
        "value_bytes": count * args.record_size,
        "topic": topic,
        "peak_rss_kb": at_idle.hwm_kb if at_idle else None,
        "rss_kb_when_idle": at_idle.rss_kb if at_idle else None,
        "cpu_s": at_idle.cpu_s if at_idle else None,
        # Idle detection needs idle_s of flat CPU; the work ended about then.
        "consume_s": round(idle_at - args.idle_s - t0, 2) if idle_at else None,
        "exit_status": exited.status,
        "rotations_logged": rotations,
        "memory_budget_hits": budget_hits,
        "memory_budget_mb": args.memory_budget_mb,
        "format": args.format,
        **checked,
        "objects_written": objects,
        "log": str(log_path),
        "notable_log_lines": h.notable_log_lines(log_path),
    }
    if failure is None and exited.status != 0:
        failure = f"sluice exited with status {exited.status} after SIGTERM"
    if failure is None and parquet and checked.get("invalid_objects"):
        failure = f"{checked['invalid_objects']} Parquet objects do not read: {checked['first_problem']}"
    if failure is None and not parquet and (rotations or budget_hits or objects):
        failure = (f"files did not all stay open: {rotations} rotations, {budget_hits} memory-budget "
                   f"rotations, {objects} objects written")
    if failure:
        result["failure"] = failure
        result["log_tail"] = h.log_tail(log_path)
    return result


def check_parquet_objects(prefix: str) -> dict:
    """Reads every object under `prefix` with pyarrow: the files the budget cut early must be whole."""
    import io

    import pyarrow.parquet as pq

    rows = invalid = 0
    problem = ""
    for key in h.list_objects(prefix + "/"):
        body = h.s3().get_object(Bucket=h.bucket(), Key=key)["Body"].read()
        try:
            rows += pq.ParquetFile(io.BytesIO(body)).metadata.num_rows
        except Exception as e:  # noqa: BLE001 - any reader error makes the object invalid
            invalid += 1
            problem = problem or f"{key}: {e}"
    return {"parquet_rows_in_objects": rows, "invalid_objects": invalid, "first_problem": problem}


def print_table(cases: list[dict], meta: dict) -> None:
    print(f"sluice open-files memory benchmark, {meta['date_utc']}, git {meta['git']}, "
          f"{meta['cpus']} CPUs ({meta['cpu_model']})")
    parquet = meta.get("format") == "parquet"
    if parquet:
        print(f"one Kafka partition; {meta['record_size']} B JsonConverter envelopes with random pads, ParquetFormat "
              f"snappy; HourlyPartitioner + timestamp.extractor=Record; memory budget "
              f"{meta['memory_budget_mb'] or 512} MiB cuts files early; every object read back with pyarrow")
    else:
        print(f"one Kafka partition; {meta['record_size']} B JSON records (StringConverter, JsonFormat, "
              f"no compression); HourlyPartitioner + timestamp.extractor=Record; every file stays open")
    print()
    print(f"{'open files':>10} {'records/file':>12} {'records':>9} {'data MB':>8} "
          f"{'peak RSS MiB':>13} {'RSS idle MiB':>13} {'consume s':>10}"
          + (f" {'budget cuts':>12} {'objects':>8}" if parquet else ""))
    for c in cases:
        print(f"{c['open_files']:>10,} {c['records_per_file']:>12} {c['records']:>9,} "
              f"{c['value_bytes'] / h.MB:>8.1f} {c['peak_rss_kb'] / 1024:>13.1f} "
              f"{c['rss_kb_when_idle'] / 1024:>13.1f} {c['consume_s']:>10.1f}"
              + (f" {c['memory_budget_hits']:>12} {c['objects_written']:>8}" if parquet else ""))
    print()
    by_rpf: dict[int, list[dict]] = {}
    for c in cases:
        by_rpf.setdefault(c["records_per_file"], []).append(c)
    for rpf, group in by_rpf.items():
        group = sorted(group, key=lambda c: c["open_files"])
        if len(group) >= 2:
            lo, hi = group[0], group[-1]
            per_file_kb = (hi["rss_kb_when_idle"] - lo["rss_kb_when_idle"]) / (hi["open_files"] - lo["open_files"])
            data_kb = rpf * meta["record_size"] / 1024
            print(f"{rpf} records/file: RSS grows {per_file_kb:.1f} KiB per extra open file "
                  f"({data_kb:.1f} KiB of record values per file), from {lo['open_files']:,} to "
                  f"{hi['open_files']:,} files")
    print()
    print("peak RSS = VmHWM once everything is consumed (includes librdkafka's prefetch queue, up to "
          "64 MiB by default);")
    print("RSS idle = VmRSS at the same moment: what the open files hold after the queue has drained.")
    print(f"NOTE: {meta['caveat']} (Kafka broker, S3 server). Load average at start: "
          + " ".join(f"{x:.2f}" for x in meta["loadavg_at_start"]) + ".")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", default="10,1000,10000", help="open-file counts")
    parser.add_argument("--records-per-file", default="10,30",
                        help="records per file; each value is a series over --files. 30 x 1 KB x "
                             "10,000 files stays under sluice's 512 MiB memory budget")
    parser.add_argument("--record-size", type=int, default=1024)
    parser.add_argument("--prefix", default="bench")
    parser.add_argument("--idle-s", type=float, default=3.0)
    parser.add_argument("--idle-cpu-s", type=float, default=0.05,
                        help="CPU seconds allowed during the idle window")
    parser.add_argument("--timeout-s", type=float, default=240)
    parser.add_argument("--format", choices=("json", "parquet"), default="json",
                        help="json: StringConverter + JsonFormat, every file stays open; parquet: JsonConverter "
                             "envelopes with random pads + ParquetFormat snappy, cut by the memory budget")
    parser.add_argument("--memory-budget-mb", type=int, default=0,
                        help="sluice run --memory-budget-mb (0: sluice's default, 512)")
    parser.add_argument("--out", default=None, help="default build/bench/memory.json (memory-parquet.json)")
    args = parser.parse_args()
    if args.out is None:
        args.out = str(h.BUILD / "bench" / ("memory-parquet.json" if args.format == "parquet" else "memory.json"))
    files_list = [int(x) for x in args.files.split(",")]
    rpf_list = [int(x) for x in args.records_per_file.split(",")]
    for rpf in rpf_list:
        if HOUR_MS % rpf:
            parser.error(f"records per file must divide {HOUR_MS}")

    work = h.BUILD / "bench" / "memory"
    work.mkdir(parents=True, exist_ok=True)
    h.snapshot_binaries()
    meta = h.environment()
    meta.update({"record_size": args.record_size, "format": args.format, "memory_budget_mb": args.memory_budget_mb})
    cases = []
    for rpf in rpf_list:
        for files in files_list:
            case = run_case(args, files, rpf, work)
            if "failure" in case:
                h.write_json(Path(args.out), {"benchmark": "open files memory", "meta": meta,
                                              "cases": cases, "failure": case})
                print(f"FAILED ({files} files x {rpf} records): {case['failure']}")
                print(f"log: {case['log']}")
                print(case["log_tail"])
                return 1
            h.say(f"{files:,} files x {rpf}: peak RSS {case['peak_rss_kb'] / 1024:.1f} MiB")
            cases.append(case)
    h.write_json(Path(args.out), {"benchmark": "open files memory", "meta": meta, "cases": cases})
    print_table(cases, meta)
    print(f"\nresults: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
