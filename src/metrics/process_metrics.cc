#include "metrics/process_metrics.h"

#include <unistd.h>

#include <charconv>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sluice::metrics {

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// When the machine booted, in seconds since the epoch: the wall clock minus the time since boot
// (CLOCK_BOOTTIME, the clock /proc/self/stat's starttime counts on). Not /proc/stat's btime,
// which sandboxes hide (systemd's ProcSubset=pid, as the shipped unit sets).
double boot_time_seconds() {
  timespec now{};
  timespec since_boot{};
  if (clock_gettime(CLOCK_REALTIME, &now) != 0 || clock_gettime(CLOCK_BOOTTIME, &since_boot) != 0) {
    return 0;
  }
  auto seconds = [](const timespec& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
  };
  return seconds(now) - seconds(since_boot);
}

std::optional<ProcessStat> read_self() {
  static const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  static const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  static const double boot = boot_time_seconds();
  return parse_proc_stat(read_file("/proc/self/stat"), ticks, page, boot);
}

double open_fds() {
  std::error_code ec;
  double n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++n;
  }
  return n;
}

}  // namespace

std::optional<ProcessStat> parse_proc_stat(std::string_view stat, double ticks_per_second,
                                           double page_size, double boot_time_seconds) {
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted
  // from the last ')'. After it, field 3 (state) is the first.
  size_t close = stat.rfind(')');
  if (close == std::string_view::npos || ticks_per_second <= 0) return std::nullopt;
  std::vector<std::string_view> fields;
  std::string_view rest = stat.substr(close + 1);
  size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\n')) ++i;
    size_t start = i;
    while (i < rest.size() && rest[i] != ' ' && rest[i] != '\n') ++i;
    if (i > start) fields.push_back(rest.substr(start, i - start));
  }
  // proc(5) numbers fields from 1: utime 14, stime 15, starttime 22, vsize 23, rss 24.
  auto field = [&](int number, double* out) {
    size_t index = static_cast<size_t>(number - 3);
    if (index >= fields.size()) return false;
    long long v = 0;
    auto r = std::from_chars(fields[index].data(), fields[index].data() + fields[index].size(), v);
    if (r.ec != std::errc()) return false;
    *out = static_cast<double>(v);
    return true;
  };
  double utime, stime, start, vsize, rss;
  if (!field(14, &utime) || !field(15, &stime) || !field(22, &start) || !field(23, &vsize) ||
      !field(24, &rss)) {
    return std::nullopt;
  }
  ProcessStat s;
  s.cpu_seconds = (utime + stime) / ticks_per_second;
  s.start_time_seconds = boot_time_seconds + start / ticks_per_second;
  s.virtual_bytes = vsize;
  s.resident_bytes = rss * page_size;
  return s;
}

void register_process_metrics(Registry& registry) {
  auto stat_field = [](double ProcessStat::*member) {
    return [member] {
      std::optional<ProcessStat> s = read_self();
      return s ? (*s).*member : 0.0;
    };
  };
  registry
      .counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", {})
      .add_callback({}, stat_field(&ProcessStat::cpu_seconds));
  registry.gauge("process_resident_memory_bytes", "Resident memory size in bytes.", {})
      .add_callback({}, stat_field(&ProcessStat::resident_bytes));
  registry.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", {})
      .add_callback({}, stat_field(&ProcessStat::virtual_bytes));
  registry
      .gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
             {})
      .add_callback({}, stat_field(&ProcessStat::start_time_seconds));
  registry.gauge("process_open_fds", "Number of open file descriptors.", {})
      .add_callback({}, open_fds);
}

}  // namespace sluice::metrics
