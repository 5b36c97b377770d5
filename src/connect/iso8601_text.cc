#include "connect/iso8601_text.h"

namespace sluice::connect {

namespace {

// Reads exactly `n` digits at `*pos`.
bool digits(std::string_view s, size_t* pos, size_t n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool read_date(std::string_view s, size_t* pos, int64_t* days) {
  int y = 0, m = 0, d = 0;
  if (!digits(s, pos, 4, &y) || !expect(s, pos, '-') || !digits(s, pos, 2, &m) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, &d)) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  if (d > kDays[m - 1] + (m == 2 && is_leap(y) ? 1 : 0)) return false;
  *days = days_from_civil(y, m, d);
  return true;
}

bool read_time(std::string_view s, size_t* pos, int64_t* millis) {
  int h = 0, mi = 0, sec = 0, ms = 0;
  if (!digits(s, pos, 2, &h) || !expect(s, pos, ':') || !digits(s, pos, 2, &mi)) return false;
  if (*pos < s.size() && s[*pos] == ':') {
    ++*pos;
    if (!digits(s, pos, 2, &sec)) return false;
    if (*pos < s.size() && s[*pos] == '.') {
      ++*pos;
      size_t start = *pos;
      int scale = 100;
      while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9') {
        ms += (s[*pos] - '0') * scale;
        scale /= 10;
        ++*pos;
      }
      if (*pos == start) return false;
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  *millis = ((h * 60 + mi) * 60 + sec) * int64_t{1000} + ms;
  return true;
}

bool read_zone(std::string_view s, size_t* pos, int64_t* offset_millis) {
  *offset_millis = 0;
  if (*pos == s.size()) return true;
  if (s[*pos] == 'Z' || s[*pos] == 'z') return ++*pos == s.size();
  if (s[*pos] != '+' && s[*pos] != '-') return false;
  const int sign = s[*pos] == '-' ? -1 : 1;
  ++*pos;
  int h = 0, m = 0;
  if (!digits(s, pos, 2, &h)) return false;
  if (*pos < s.size() && s[*pos] == ':') ++*pos;
  if (*pos < s.size() && !digits(s, pos, 2, &m)) return false;
  if (*pos != s.size() || h > 18 || m > 59) return false;
  *offset_millis = sign * (h * 60 + m) * int64_t{60000};
  return true;
}

}  // namespace

std::optional<int32_t> parse_iso_date(std::string_view text) {
  size_t pos = 0;
  int64_t days = 0;
  if (!read_date(text, &pos, &days) || pos != text.size()) return std::nullopt;
  return static_cast<int32_t>(days);
}

std::optional<int32_t> parse_iso_time_millis(std::string_view text) {
  size_t pos = 0;
  int64_t millis = 0;
  if (!read_time(text, &pos, &millis) || pos != text.size()) return std::nullopt;
  return static_cast<int32_t>(millis);
}

std::optional<int64_t> parse_iso_timestamp_millis(std::string_view text) {
  size_t pos = 0;
  int64_t days = 0, millis = 0, offset = 0;
  if (!read_date(text, &pos, &days)) return std::nullopt;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return std::nullopt;
  }
  ++pos;
  if (!read_time(text, &pos, &millis) || !read_zone(text, &pos, &offset)) return std::nullopt;
  return days * 86'400'000 + millis - offset;
}

}  // namespace sluice::connect
