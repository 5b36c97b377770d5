#include "sink/time_bucket.h"

#include <date/tz.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <system_error>

namespace sluice::sink {
namespace {

using std::chrono::seconds;
using SysSeconds = date::sys_time<seconds>;

// date's OS-tzdb reader marks "no further transition" with an end far in the future (year 32767).
// Anything past year 30000 is treated as "none", like Joda's nextTransition returning its input.
constexpr int64_t kNoTransitionAfterSeconds = 884541340800;  // 30000-01-01T00:00:00Z

date::sys_info info_at(const date::time_zone* tz, int64_t utc_ms) {
  return tz->get_info(SysSeconds(seconds(floor_div(utc_ms, kMillisPerSecond))));
}

// Appends "HH" zero-padded.
void append_two_digits(int value, std::string* out) {
  out->push_back(static_cast<char>('0' + value / 10));
  out->push_back(static_cast<char>('0' + value % 10));
}

// Joda's DateTimeZone.printOffset: "+HH:mm", then ":ss" and ".SSS" only when non-zero.
std::string print_offset(int32_t offset_ms) {
  std::string out;
  out.push_back(offset_ms >= 0 ? '+' : '-');
  int64_t rest = std::abs(static_cast<int64_t>(offset_ms));
  append_two_digits(static_cast<int>(rest / kMillisPerHour), &out);
  rest %= kMillisPerHour;
  out.push_back(':');
  append_two_digits(static_cast<int>(rest / kMillisPerMinute), &out);
  rest %= kMillisPerMinute;
  if (rest == 0) return out;
  out.push_back(':');
  append_two_digits(static_cast<int>(rest / kMillisPerSecond), &out);
  rest %= kMillisPerSecond;
  if (rest == 0) return out;
  out.push_back('.');
  out.push_back(static_cast<char>('0' + rest / 100));
  append_two_digits(static_cast<int>(rest % 100), &out);
  return out;
}

bool parse_digits(std::string_view s, size_t pos, size_t count, int* value) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return true;
}

// Joda's offset parser for zone ids starting with a sign: "+HH", "+HH:mm", "+HHmm",
// "+HH:mm:ss", "+HH:mm:ss.SSS" (and the separator-less forms). Hours 0..23, minutes and
// seconds 0..59.
bool parse_offset_id(std::string_view id, int32_t* offset_ms) {
  if (id.size() < 3 || (id[0] != '+' && id[0] != '-')) return false;
  int hours = 0, minutes = 0, secs = 0, millis = 0;
  if (!parse_digits(id, 1, 2, &hours) || hours > 23) return false;
  size_t pos = 3;
  const bool separators = pos < id.size() && id[pos] == ':';
  auto next_field = [&](int* value) {
    if (pos == id.size()) return true;
    if (separators) {
      if (id[pos] != ':') return false;
      ++pos;
    }
    if (!parse_digits(id, pos, 2, value) || *value > 59) return false;
    pos += 2;
    return true;
  };
  if (!next_field(&minutes)) return false;
  if (pos < id.size() && !next_field(&secs)) return false;
  if (pos < id.size()) {
    if (id[pos] != '.' || id.size() - pos < 2 || id.size() - pos > 4) return false;
    int digits = static_cast<int>(id.size() - pos - 1);
    if (!parse_digits(id, pos + 1, digits, &millis)) return false;
    for (int i = digits; i < 3; ++i) millis *= 10;
    pos = id.size();
  }
  if (pos != id.size()) return false;
  int64_t total =
      hours * kMillisPerHour + minutes * kMillisPerMinute + secs * kMillisPerSecond + millis;
  *offset_ms = static_cast<int32_t>(id[0] == '-' ? -total : total);
  return true;
}

// The directory date's OS tzdb reads; links in it are symlinks, which is how Joda's aliases
// ("US/Eastern" -> "America/New_York") are resolved here.
std::filesystem::path zoneinfo_dir() {
  const char* env = std::getenv("TZDIR");
  return env != nullptr && *env != '\0' ? std::filesystem::path(env)
                                        : std::filesystem::path("/usr/share/zoneinfo");
}

std::string canonical_zone_id(std::string_view id) {
  std::error_code ec;
  const std::filesystem::path root = std::filesystem::canonical(zoneinfo_dir(), ec);
  if (ec) return std::string(id);
  const std::filesystem::path target = std::filesystem::canonical(root / std::string(id), ec);
  if (ec) return std::string(id);
  std::string rel = target.lexically_relative(root).generic_string();
  if (rel.empty() || rel.starts_with("..")) return std::string(id);
  return rel;
}

// Files of the zoneinfo directory that are not zones in Joda's database.
bool is_zoneinfo_artifact(std::string_view id) {
  return id.starts_with("posix/") || id.starts_with("right/") || id == "posixrules" ||
         id == "localtime" || id == "Factory" || id.find("..") != std::string_view::npos ||
         id.starts_with("/");
}

}  // namespace

JodaZone JodaZone::utc() {
  return JodaZone("UTC", nullptr, 0);
}

JodaZone JodaZone::fixed(int32_t offset_ms) {
  if (offset_ms == 0) return utc();
  return JodaZone(print_offset(offset_ms), nullptr, offset_ms);
}

Result<JodaZone> JodaZone::for_id(std::string_view id) {
  // Joda maps these to its UTC singleton before consulting the zone provider.
  if (id == "UTC" || id == "Z" || id == "UT") return utc();
  if (id.empty()) return Status::invalid_argument("time zone id is empty");
  if (id[0] == '+' || id[0] == '-') {
    int32_t offset = 0;
    if (!parse_offset_id(id, &offset)) {
      return Status::invalid_argument("The datetime zone id '" + std::string(id) +
                                      "' is not recognised (bad offset; use +HH:mm)");
    }
    return fixed(offset);
  }
  if (is_zoneinfo_artifact(id)) {
    return Status::invalid_argument("The datetime zone id '" + std::string(id) +
                                    "' is not recognised");
  }
  const date::time_zone* tz = nullptr;
  try {
    tz = date::locate_zone(id);
  } catch (const std::exception&) {
    tz = nullptr;
  }
  if (tz == nullptr) {
    return Status::invalid_argument("The datetime zone id '" + std::string(id) +
                                    "' is not recognised");
  }
  return JodaZone(canonical_zone_id(id), tz, 0);
}

int32_t JodaZone::offset_ms(int64_t utc_ms) const {
  if (tz_ == nullptr) return fixed_offset_ms_;
  return static_cast<int32_t>(info_at(tz_, utc_ms).offset.count() * kMillisPerSecond);
}

bool JodaZone::is_standard_offset(int64_t utc_ms) const {
  if (tz_ == nullptr) return true;
  return info_at(tz_, utc_ms).save == std::chrono::minutes(0);
}

std::string JodaZone::abbreviation(int64_t utc_ms) const {
  if (tz_ == nullptr) return {};
  return info_at(tz_, utc_ms).abbrev;
}

int64_t JodaZone::next_transition(int64_t utc_ms) const {
  if (tz_ == nullptr) return utc_ms;
  const date::sys_info info = info_at(tz_, utc_ms);
  const int64_t end = info.end.time_since_epoch().count();
  if (end >= kNoTransitionAfterSeconds) return utc_ms;
  return end * kMillisPerSecond;
}

Result<int64_t> JodaZone::convert_utc_to_local(int64_t utc_ms) const {
  const int32_t offset = offset_ms(utc_ms);
  int64_t local = 0;
  if (__builtin_add_overflow(utc_ms, static_cast<int64_t>(offset), &local)) {
    return Status::data_error("Adding time zone offset caused overflow (instant " +
                              std::to_string(utc_ms) + ", zone " + id_ + ")");
  }
  return local;
}

Result<int64_t> JodaZone::convert_local_to_utc(int64_t local_ms) const {
  if (tz_ == nullptr) {
    int64_t utc = 0;
    if (__builtin_sub_overflow(local_ms, static_cast<int64_t>(fixed_offset_ms_), &utc)) {
      return Status::data_error("Subtracting time zone offset caused overflow");
    }
    return utc;
  }
  // Two offset estimates; they differ only near a transition.
  const int32_t offset_local = offset_ms(local_ms);
  int32_t offset = offset_ms(local_ms - offset_local);
  if (offset_local != offset && offset_local < 0) {
    // Western hemisphere: the second estimate would put a local time that falls in a DST gap
    // before the cutover, so Joda detects the gap (the two candidate instants see different
    // next transitions) and keeps the first estimate.
    int64_t next_local = next_transition(local_ms - offset_local);
    if (next_local == local_ms - offset_local) next_local = std::numeric_limits<int64_t>::max();
    int64_t next_adjusted = next_transition(local_ms - offset);
    if (next_adjusted == local_ms - offset) next_adjusted = std::numeric_limits<int64_t>::max();
    if (next_local != next_adjusted) offset = offset_local;
  }
  int64_t utc = 0;
  if (__builtin_sub_overflow(local_ms, static_cast<int64_t>(offset), &utc)) {
    return Status::data_error("Subtracting time zone offset caused overflow");
  }
  return utc;
}

Result<int64_t> JodaZone::convert_local_to_utc(int64_t local_ms, int64_t original_utc_ms) const {
  const int32_t offset_original = offset_ms(original_utc_ms);
  int64_t utc = 0;
  if (!__builtin_sub_overflow(local_ms, static_cast<int64_t>(offset_original), &utc) &&
      offset_ms(utc) == offset_original) {
    return utc;
  }
  return convert_local_to_utc(local_ms);
}

Result<int64_t> bucket_start(int64_t timestamp_ms, int64_t duration_ms, const JodaZone& zone) {
  if (duration_ms <= 0) {
    return Status::invalid_argument("partition duration must be positive, got " +
                                    std::to_string(duration_ms));
  }
  SLUICE_ASSIGN_OR_RETURN(int64_t local, zone.convert_utc_to_local(timestamp_ms));
  // Java's long division truncates toward zero: before 1970 (local) this rounds *up*, so a
  // record at 1969-12-31T23:30 lands in the bucket that starts at 1970-01-01T00:00.
  const int64_t floored = java_div(local, duration_ms) * duration_ms;
  return zone.convert_local_to_utc(floored);
}

namespace {

// Joda's DateTimeZone.adjustOffset(instant, earlierOrLater=false): inside an overlap, moves the
// instant to the earlier of the two instants that share its local time.
int64_t with_earlier_offset_at_overlap(int64_t instant, const JodaZone& zone) {
  const int64_t before = instant - 3 * kMillisPerHour;
  const int64_t after = instant + 3 * kMillisPerHour;
  const int64_t offset_before = zone.offset_ms(before);
  const int64_t offset_after = zone.offset_ms(after);
  if (offset_before <= offset_after) return instant;  // a gap or nothing
  const int64_t diff = offset_before - offset_after;
  const int64_t transition = zone.next_transition(before);
  const int64_t overlap_start = transition - diff;
  const int64_t overlap_end = transition + diff;
  if (instant < overlap_start || instant >= overlap_end) return instant;
  return instant - overlap_start >= diff ? instant - diff : instant;
}

// LocalDate.toDateTimeAtStartOfDay(zone) for the local day that starts at `local_midnight`.
Result<int64_t> start_of_local_day(int64_t local_midnight, const JodaZone& zone) {
  // Joda aims at 06:00 first (clear of any midnight gap), then floors to the day in the zone.
  SLUICE_ASSIGN_OR_RETURN(int64_t six_am,
                          zone.convert_local_to_utc(local_midnight + 6 * kMillisPerHour));
  SLUICE_ASSIGN_OR_RETURN(int64_t local, zone.convert_utc_to_local(six_am));
  const int64_t floored = floor_div(local, kMillisPerDay) * kMillisPerDay;
  SLUICE_ASSIGN_OR_RETURN(int64_t start, zone.convert_local_to_utc(floored, six_am));
  return with_earlier_offset_at_overlap(start, zone);
}

}  // namespace

Result<int64_t> start_of_day(int64_t utc_ms, const JodaZone& zone) {
  SLUICE_ASSIGN_OR_RETURN(int64_t local, zone.convert_utc_to_local(utc_ms));
  return start_of_local_day(floor_div(local, kMillisPerDay) * kMillisPerDay, zone);
}

Result<int64_t> next_scheduled_rotation(int64_t now_ms, int64_t interval_ms, const JodaZone& zone) {
  if (interval_ms <= 0) {
    return Status::invalid_argument("rotate.schedule.interval.ms must be positive, got " +
                                    std::to_string(interval_ms));
  }
  SLUICE_ASSIGN_OR_RETURN(int64_t local, zone.convert_utc_to_local(now_ms));
  const int64_t local_midnight = floor_div(local, kMillisPerDay) * kMillisPerDay;
  SLUICE_ASSIGN_OR_RETURN(int64_t sod, start_of_local_day(local_midnight, zone));
  SLUICE_ASSIGN_OR_RETURN(int64_t next_sod,
                          start_of_local_day(local_midnight + kMillisPerDay, zone));
  const int64_t day_len = next_sod - sod;
  const int64_t k = ((now_ms - sod) / interval_ms + 1) * interval_ms;
  return sod + std::min(k, day_len);
}

Result<int64_t> next_scheduled_rotation(int64_t now_ms, int64_t interval_ms,
                                        std::string_view timezone) {
  Result<JodaZone> zone = JodaZone::for_id(timezone);
  if (!zone.ok()) return zone.status().with_context("timezone");
  return next_scheduled_rotation(now_ms, interval_ms, *zone);
}

}  // namespace sluice::sink
