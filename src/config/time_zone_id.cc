#include "config/time_zone_id.h"

#include <date/tz.h>

#include <exception>

namespace sluice::config {
namespace {

bool two_digits(std::string_view s, size_t pos, int max, int* out) {
  if (pos + 2 > s.size()) return false;
  char a = s[pos], b = s[pos + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  *out = (a - '0') * 10 + (b - '0');
  return *out <= max;
}

// "+HH", "+HH:MM", "+HHMM", "+HH:MM:SS", "+HHMMSS" (and "-"), as Joda's offset parser takes them.
std::optional<std::chrono::seconds> parse_offset(std::string_view s) {
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int sign = s[0] == '-' ? -1 : 1;
  int hours = 0, minutes = 0, seconds = 0;
  if (!two_digits(s, 1, 23, &hours)) return std::nullopt;
  size_t pos = 3;
  bool colons = pos < s.size() && s[pos] == ':';
  for (int* field : {&minutes, &seconds}) {
    if (pos == s.size()) break;
    if (colons) {
      if (s[pos] != ':') return std::nullopt;
      ++pos;
    }
    if (!two_digits(s, pos, 59, field)) return std::nullopt;
    pos += 2;
  }
  if (pos != s.size()) return std::nullopt;
  return std::chrono::seconds(sign * (hours * 3600 + minutes * 60 + seconds));
}

}  // namespace

Result<TimeZoneId> parse_time_zone_id(std::string_view id) {
  TimeZoneId out;
  out.id = std::string(id);
  if (id == "UTC") {
    out.fixed_offset = std::chrono::seconds(0);
    return out;
  }
  if (!id.empty() && (id[0] == '+' || id[0] == '-')) {
    out.fixed_offset = parse_offset(id);
    if (!out.fixed_offset) {
      return Status::invalid_argument("'" + out.id +
                                      "' is not a valid UTC offset (use +HH:MM, e.g. +05:30)");
    }
    return out;
  }
  if (id.empty() || id.find("..") != std::string_view::npos || id.front() == '/') {
    return Status::invalid_argument("'" + out.id + "' is not a time zone id");
  }
  try {
    out.zone = date::locate_zone(id);
  } catch (const std::exception&) {
    return Status::invalid_argument(
        "unknown time zone id '" + out.id +
        "' (use an IANA zone such as Europe/Berlin, UTC, or an offset such as +05:30)");
  }
  return out;
}

}  // namespace sluice::config
