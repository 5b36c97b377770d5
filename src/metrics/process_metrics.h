// The standard process metrics, under the names of Prometheus' process collector (client_golang's
// prometheus/process_collector.go, client_python's process_collector.py): CPU seconds, resident
// and virtual memory, start time and open file descriptors of this process, read from /proc/self
// at each scrape (Linux only).
#pragma once

#include <optional>
#include <string_view>

#include "metrics/registry.h"

namespace sluice::metrics {

// What /proc/self/stat says, in base units.
struct ProcessStat {
  double cpu_seconds = 0;         // utime + stime
  double start_time_seconds = 0;  // since the Unix epoch
  double resident_bytes = 0;
  double virtual_bytes = 0;
};

// Parses the contents of /proc/<pid>/stat given the clock tick rate, the page size and the boot
// time (btime of /proc/stat, seconds since the epoch); nullopt when it is not in that format.
std::optional<ProcessStat> parse_proc_stat(std::string_view stat, double ticks_per_second,
                                           double page_size, double boot_time_seconds);

// Adds process_cpu_seconds_total, process_resident_memory_bytes, process_virtual_memory_bytes,
// process_start_time_seconds and process_open_fds (no labels) to `registry`, computed at each
// render. Calling it again changes nothing.
void register_process_metrics(Registry& registry);

}  // namespace sluice::metrics
