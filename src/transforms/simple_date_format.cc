#include "transforms/simple_date_format.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>

#include "transforms/java_calendar.h"

namespace sluice::transforms {
namespace {

namespace cal = java_calendar;

// DateFormatSymbols of the English locale.
constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kShortMonths = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 7> kShortWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 2> kAmPmText = {"AM", "PM"};
constexpr std::array<std::string_view, 2> kEras = {"BC", "AD"};
// The names of the formatter's own zone (UTC), which Java tries first; GMT is parsed apart.
constexpr std::array<std::string_view, 2> kUtcNames = {"Coordinated Universal Time", "UTC"};
constexpr std::string_view kPatternLetters = "GyMdkHmsSEDFwWahKzZYuXL";

// Java's zeroPaddingNumber: at least `min_digits` digits, at most the last `max_digits`.
void append_number(std::string* out, int64_t value, int min_digits, int max_digits = 64) {
  if (value < 0) out->push_back('-');
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (n > max_digits) n = max_digits;
  for (int i = n; i < min_digits; ++i) out->push_back('0');
  while (n > 0) out->push_back(digits[--n]);
}

bool is_numeric_letter(char letter, int count) {
  switch (letter) {
    case 'M':
    case 'L':
      return count <= 2;
    case 'y':
    case 'Y':
    case 'd':
    case 'k':
    case 'H':
    case 'm':
    case 's':
    case 'S':
    case 'D':
    case 'F':
    case 'w':
    case 'W':
    case 'h':
    case 'K':
    case 'u':
      return true;
    default:
      return false;
  }
}

// Calendar fields a parse may set (CalendarBuilder's fields), with set order stamps.
enum Field : int {
  kEra,
  kYear,
  kWeekYear,
  kMonth,  // 0-based, as Calendar.MONTH
  kWeekOfYear,
  kWeekOfMonth,
  kDayOfYear,
  kDayOfMonth,
  kDayOfWeekInMonth,
  kDayOfWeek,  // 1 = Sunday
  kAmPm,
  kHour,
  kHourOfDay,
  kMinute,
  kSecond,
  kMillisecond,
  kZoneOffset,
  kFieldCount
};

struct Builder {
  std::array<int64_t, kFieldCount> value{};
  std::array<int, kFieldCount> stamp{};  // 0 = unset
  int next_stamp = 1;
  void set(Field f, int64_t v) {
    value[f] = v;
    stamp[f] = next_stamp++;
  }
  bool is_set(Field f) const { return stamp[f] != 0; }
  int64_t get(Field f, int64_t fallback) const { return is_set(f) ? value[f] : fallback; }
};

int aggregate(int a, int b) {
  return a == 0 || b == 0 ? 0 : std::max(a, b);
}

// The epoch day the date fields select (Calendar.selectFields and
// GregorianCalendar.getFixedDate, en/US weeks).
int64_t resolve_day(const Builder& b, int64_t year) {
  const int dow_stamp = b.stamp[kDayOfWeek];
  int dom_stamp = b.stamp[kDayOfMonth];
  int wom_stamp = aggregate(b.stamp[kWeekOfMonth], dow_stamp);
  int dowim_stamp = aggregate(b.stamp[kDayOfWeekInMonth], dow_stamp);
  const int doy_stamp = b.stamp[kDayOfYear];
  int woy_stamp = aggregate(b.stamp[kWeekOfYear], dow_stamp);
  int best = std::max({dom_stamp, wom_stamp, dowim_stamp, doy_stamp, woy_stamp});
  if (best == 0) {
    wom_stamp = b.stamp[kWeekOfMonth];
    dowim_stamp = std::max(b.stamp[kDayOfWeekInMonth], dow_stamp);
    woy_stamp = b.stamp[kWeekOfYear];
    best = std::max({wom_stamp, dowim_stamp, woy_stamp});
    if (best == 0) best = dom_stamp = b.stamp[kMonth];
  }
  const bool uses_month =
      best == dom_stamp || (best == wom_stamp && b.stamp[kWeekOfMonth] >= b.stamp[kWeekOfYear]) ||
      (best == dowim_stamp && b.stamp[kDayOfWeekInMonth] >= b.stamp[kWeekOfYear]);
  if (uses_month) {
    const int64_t month0 = b.get(kMonth, 0);
    const int64_t first = cal::epoch_day_of(year, month0 + 1, 1);
    if (best == dom_stamp) return first + b.get(kDayOfMonth, 1) - 1;
    bool by_week_of_month = best == wom_stamp;
    if (wom_stamp == dowim_stamp) {
      by_week_of_month = b.stamp[kWeekOfMonth] >= b.stamp[kDayOfWeekInMonth];
    }
    if (by_week_of_month) {
      int64_t week_start = cal::weekday_on_or_before(first + 6, 1);
      if (week_start - first >= 1) week_start -= 7;
      if (dow_stamp != 0) {
        week_start =
            cal::weekday_on_or_before(week_start + 6, static_cast<int>(b.value[kDayOfWeek]));
      }
      return week_start + 7 * (b.get(kWeekOfMonth, 1) - 1);
    }
    const int dow = static_cast<int>(b.get(kDayOfWeek, 1));
    const int64_t dowim = b.get(kDayOfWeekInMonth, 1);
    if (dowim >= 0) return cal::weekday_on_or_before(first + 7 * dowim - 1, dow);
    const int64_t last = cal::epoch_day_of(year, month0 + 2, 1) - 1;
    return cal::weekday_on_or_before(last + (dowim + 1) * 7, dow);
  }
  const int64_t jan1 = cal::first_day_of_year(year);
  if (best == doy_stamp) return jan1 + b.get(kDayOfYear, 1) - 1;
  int64_t week_start = cal::weekday_on_or_before(jan1 + 6, 1);
  if (week_start - jan1 >= 1) week_start -= 7;
  if (dow_stamp != 0 && b.value[kDayOfWeek] != 1) {
    week_start = cal::weekday_on_or_before(week_start + 6, static_cast<int>(b.value[kDayOfWeek]));
  }
  return week_start + 7 * (b.get(kWeekOfYear, 1) - 1);
}

// Milliseconds of the day the time fields give (GregorianCalendar: the more recently set of
// HOUR_OF_DAY and HOUR+AM_PM wins).
int64_t resolve_time_of_day(const Builder& b) {
  const int hod_stamp = b.stamp[kHourOfDay];
  const int hour_stamp = aggregate(b.stamp[kHour], b.stamp[kAmPm]);
  int best = std::max(hour_stamp, hod_stamp);
  if (best == 0) best = std::max(b.stamp[kHour], b.stamp[kAmPm]);
  int64_t hours = 0;
  if (best != 0 && best == hod_stamp) {
    hours = b.value[kHourOfDay];
  } else if (best != 0) {
    hours = b.get(kHour, 0) + 12 * b.get(kAmPm, 0);
  }
  return ((hours * 60 + b.get(kMinute, 0)) * 60 + b.get(kSecond, 0)) * 1000 +
         b.get(kMillisecond, 0);
}

// Whether every field the text set is what the resulting local date-time has (a non-lenient
// GregorianCalendar's check).
bool fields_reproduced(const Builder& b, int64_t local_millis, bool week_date) {
  const cal::Fields f = cal::fields_of(local_millis);
  const int64_t era = f.year > 0 ? 1 : 0;
  const int64_t year_of_era = f.year > 0 ? f.year : 1 - f.year;
  const std::array<std::pair<Field, int64_t>, 15> expected = {{
      {kEra, era},
      {kYear, year_of_era},
      {kWeekYear, f.week_year},
      {kMonth, f.month - 1},
      {kWeekOfYear, f.week_of_year},
      {kWeekOfMonth, f.week_of_month},
      {kDayOfYear, f.day_of_year},
      {kDayOfMonth, f.day},
      {kDayOfWeekInMonth, f.day_of_week_in_month},
      {kDayOfWeek, f.weekday},
      {kAmPm, f.hour >= 12 ? 1 : 0},
      {kHour, f.hour % 12},
      {kHourOfDay, f.hour},
      {kMinute, f.minute},
      {kSecond, f.second},
  }};
  for (const auto& [field, value] : expected) {
    if (field == kWeekYear && !week_date) continue;
    // Calendar.setWeekDate sets these itself, replacing what the text gave.
    if (week_date && (field == kEra || field == kYear || field == kMonth || field == kDayOfMonth)) {
      continue;
    }
    if (b.is_set(field) && b.value[field] != value) return false;
  }
  return !b.is_set(kMillisecond) || b.value[kMillisecond] == f.millisecond;
}

// The instant the fields give (CalendarBuilder.establish + GregorianCalendar.computeTime), or
// nothing when strict parsing rejects them.
std::optional<int64_t> establish(const Builder& b, bool lenient) {
  const bool week_date = b.is_set(kWeekYear) && b.stamp[kWeekYear] > b.stamp[kYear];
  const bool bc = b.is_set(kEra) && b.value[kEra] == 0;
  int64_t day;
  if (week_date) {
    int64_t week = b.get(kWeekOfYear, 1);
    int64_t dow = b.get(kDayOfWeek, 1);
    if (lenient && (dow < 1 || dow > 7)) {
      if (dow >= 8) {
        --dow;
        week += dow / 7;
        dow = dow % 7 + 1;
      } else {
        while (dow <= 0) {
          dow += 7;
          --week;
        }
      }
      dow = dow == 7 ? 1 : dow + 1;  // the ISO day number 'u' gave, as Calendar's
    }
    const int64_t year = bc ? 1 - b.value[kWeekYear] : b.value[kWeekYear];
    const int64_t jan1 = cal::first_day_of_year(year);
    int64_t week1 = cal::weekday_on_or_before(jan1 + 6, 1);
    if (week1 - jan1 >= 1) week1 -= 7;
    day = week1 + cal::floor_mod(dow - 1, 7) + 7 * (week - 1);
  } else {
    const int64_t year_value = b.get(kYear, 1970);
    day = resolve_day(b, bc ? 1 - year_value : year_value);
  }
  const int64_t local = day * cal::kMillisPerDay + resolve_time_of_day(b);
  // GregorianCalendar's ZONE_OFFSET range, checked only when not lenient.
  const int64_t zone = b.get(kZoneOffset, 0);
  if (!lenient && (zone < -13 * 3'600'000 || zone > 14 * 3'600'000)) return std::nullopt;
  if (!lenient && !fields_reproduced(b, local, week_date)) return std::nullopt;
  return local - b.get(kZoneOffset, 0);
}

bool equals_ignore_case(std::string_view text, size_t pos, std::string_view word) {
  if (text.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char a = text[pos + i];
    char c = word[i];
    if (a >= 'a' && a <= 'z') a = static_cast<char>(a - 'a' + 'A');
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (a != c) return false;
  }
  return true;
}

// DateFormat's matchString: the index of the longest word matching at `pos`, or -1.
template <size_t N>
int match_word(std::string_view text, size_t pos, const std::array<std::string_view, N>& words,
               size_t* length) {
  int best = -1;
  size_t best_length = 0;
  for (size_t i = 0; i < N; ++i) {
    if (words[i].size() > best_length && equals_ignore_case(text, pos, words[i])) {
      best = static_cast<int>(i);
      best_length = words[i].size();
    }
  }
  *length = best_length;
  return best;
}

// DecimalFormat.parse as SimpleDateFormat configures it (integers, no grouping, a leading '-'),
// reading no further than `end`. Java keeps number.intValue(), so larger values wrap.
std::optional<int64_t> parse_number(std::string_view text, size_t end, size_t* pos) {
  size_t i = *pos;
  const bool negative = i < end && text[i] == '-';
  if (negative) ++i;
  const size_t digits_start = i;
  uint64_t magnitude = 0;
  while (i < end && text[i] >= '0' && text[i] <= '9') {
    if (magnitude < (uint64_t{1} << 60)) magnitude = magnitude * 10 + (text[i] - '0');
    ++i;
  }
  if (i == digits_start) return std::nullopt;
  *pos = i;
  const int64_t value =
      negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
  return static_cast<int32_t>(static_cast<uint32_t>(value));
}

// SimpleDateFormat.subParseNumericZone: "hh", "hhmm" or "hh:mm" (`count` 1, 2, 3; 0 for "GMT+"
// where one hour digit is allowed and a colon required, or RFC 822 "+hhmm" without colon).
std::optional<int64_t> parse_numeric_zone(std::string_view text, size_t* pos, int sign, int count,
                                          bool colon) {
  size_t i = *pos;
  auto digit = [&](size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
  if (!digit(i)) return std::nullopt;
  int hours = text[i++] - '0';
  if (digit(i)) {
    hours = hours * 10 + (text[i++] - '0');
  } else if (count > 0 || !colon) {
    return std::nullopt;
  }
  if (hours > 23) return std::nullopt;
  int minutes = 0;
  if (count != 1) {
    if (colon) {
      if (i >= text.size() || text[i] != ':') return std::nullopt;
      ++i;
    }
    if (!digit(i) || !digit(i + 1)) return std::nullopt;
    minutes = (text[i] - '0') * 10 + (text[i + 1] - '0');
    i += 2;
    if (minutes > 59) return std::nullopt;
  }
  *pos = i;
  return sign * int64_t{hours * 60 + minutes} * 60'000;
}

// z and Z: "GMT", "GMT+h:mm", "+hhmm", or a name of UTC. `*pos` is past the spaces before the
// field, `field_start` before them.
std::optional<int64_t> parse_zone(std::string_view text, size_t field_start, size_t* pos) {
  const char c = text[*pos];
  if (c == '+' || c == '-') {
    size_t i = *pos + 1;
    auto offset = parse_numeric_zone(text, &i, c == '+' ? 1 : -1, 0, false);
    if (offset) *pos = i;
    return offset;
  }
  if (equals_ignore_case(text, field_start, "GMT")) {
    size_t i = field_start + 3;
    if (i >= text.size() || (text[i] != '+' && text[i] != '-')) {
      *pos = i;
      return 0;
    }
    const int sign = text[i] == '+' ? 1 : -1;
    ++i;
    auto offset = parse_numeric_zone(text, &i, sign, 0, true);
    if (offset) *pos = i;
    return offset;
  }
  size_t length = 0;
  if (match_word(text, *pos, kUtcNames, &length) >= 0) {
    *pos += length;
    return 0;
  }
  return std::nullopt;
}

// X: "Z", or a sign and the ISO 8601 offset of the run length.
std::optional<int64_t> parse_iso_zone(std::string_view text, size_t* pos, int count) {
  const char c = text[*pos];
  if (c == 'Z') {
    ++*pos;
    return 0;
  }
  if (c != '+' && c != '-') return std::nullopt;
  size_t i = *pos + 1;
  auto offset = parse_numeric_zone(text, &i, c == '+' ? 1 : -1, count, count == 3);
  if (offset) *pos = i;
  return offset;
}

struct ParseState {
  std::string_view text;
  size_t pos = 0;
  Builder builder;
  bool ambiguous_year = false;
  int century_start_year = 0;
};

// SimpleDateFormat.subParse for one field; false when the text does not fit.
//
// Java's quirks kept: spaces and tabs before a field are skipped, but a numeric field that abuts
// another counts them in its width, and text fields (G, MMM, E, a) and "GMT" are matched where
// the field starts, before any space.
bool parse_field(ParseState& s, const SimpleDateFormat::Element& e, bool obey_count, bool lenient) {
  std::string_view text = s.text;
  const size_t field_start = s.pos;
  while (s.pos < text.size() && (text[s.pos] == ' ' || text[s.pos] == '\t')) ++s.pos;
  if (s.pos >= text.size()) return false;
  Builder& b = s.builder;
  size_t length = 0;
  const char letter = e.letter;
  if (is_numeric_letter(letter, e.count)) {
    const size_t start = s.pos;
    size_t end = text.size();
    if (obey_count) {
      if (field_start + e.count > text.size()) return false;
      end = field_start + e.count;
    }
    auto number = parse_number(text, end, &s.pos);
    if (!number) return false;
    int64_t value = *number;
    switch (letter) {
      case 'y':
      case 'Y':
        if (e.count <= 2 && s.pos - start == 2 && text[start] >= '0' && text[start] <= '9' &&
            text[start + 1] >= '0' && text[start + 1] <= '9') {
          const int ambiguous = s.century_start_year % 100;
          s.ambiguous_year = value == ambiguous;
          value += s.century_start_year / 100 * 100 + (value < ambiguous ? 100 : 0);
        }
        b.set(letter == 'y' ? kYear : kWeekYear, value);
        return true;
      case 'M':
      case 'L':
        b.set(kMonth, value - 1);
        return true;
      case 'k':
        if (!lenient && (value < 1 || value > 24)) return false;
        b.set(kHourOfDay, value == 24 ? 0 : value);
        return true;
      case 'h':
        if (!lenient && (value < 1 || value > 12)) return false;
        b.set(kHour, value == 12 ? 0 : value);
        return true;
      case 'u':
        if (!lenient && (value < 1 || value > 7)) return false;
        b.set(kDayOfWeek, value < 1 || value > 7 ? value : value % 7 + 1);
        return true;
      case 'd':
        b.set(kDayOfMonth, value);
        return true;
      case 'H':
        b.set(kHourOfDay, value);
        return true;
      case 'K':
        b.set(kHour, value);
        return true;
      case 'm':
        b.set(kMinute, value);
        return true;
      case 's':
        b.set(kSecond, value);
        return true;
      case 'S':
        b.set(kMillisecond, value);
        return true;
      case 'D':
        b.set(kDayOfYear, value);
        return true;
      case 'F':
        b.set(kDayOfWeekInMonth, value);
        return true;
      case 'w':
        b.set(kWeekOfYear, value);
        return true;
      case 'W':
        b.set(kWeekOfMonth, value);
        return true;
      default:
        return false;
    }
  }
  int index = -1;
  switch (letter) {
    case 'G':
      index = match_word(text, field_start, kEras, &length);
      if (index >= 0) b.set(kEra, index);
      break;
    case 'M':
    case 'L':
      index = match_word(text, field_start, kMonths, &length);
      if (index < 0) index = match_word(text, field_start, kShortMonths, &length);
      if (index >= 0) b.set(kMonth, index);
      break;
    case 'E':
      index = match_word(text, field_start, kWeekdays, &length);
      if (index < 0) index = match_word(text, field_start, kShortWeekdays, &length);
      if (index >= 0) b.set(kDayOfWeek, index + 1);
      break;
    case 'a':
      index = match_word(text, field_start, kAmPmText, &length);
      if (index >= 0) b.set(kAmPm, index);
      break;
    case 'z':
    case 'Z':
    case 'X': {
      auto offset = letter == 'X' ? parse_iso_zone(text, &s.pos, e.count)
                                  : parse_zone(text, field_start, &s.pos);
      if (!offset) return false;
      b.set(kZoneOffset, *offset);
      return true;
    }
    default:
      return false;
  }
  if (index < 0) return false;
  s.pos = field_start + length;
  return true;
}

}  // namespace

Result<SimpleDateFormat> SimpleDateFormat::compile(std::string_view pattern) {
  SimpleDateFormat f;
  f.pattern_ = std::string(pattern);
  bool in_quote = false;
  std::string literal;
  auto flush_literal = [&] {
    if (!literal.empty()) f.elements_.push_back({0, 0, std::move(literal)});
    literal.clear();
  };
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        literal.push_back('\'');
        ++i;
      } else {
        in_quote = !in_quote;
      }
      continue;
    }
    const bool is_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (in_quote || !is_letter) {
      literal.push_back(c);
      continue;
    }
    if (kPatternLetters.find(c) == std::string_view::npos) {
      return Status::invalid_argument(std::string("Illegal pattern character '") + c + "'");
    }
    int count = 1;
    while (i + 1 < pattern.size() && pattern[i + 1] == c) {
      ++count;
      ++i;
    }
    if (c == 'X' && count > 3) {
      return Status::invalid_argument("invalid ISO 8601 format: length=" + std::to_string(count));
    }
    flush_literal();
    f.elements_.push_back({c, count, {}});
  }
  if (in_quote) return Status::invalid_argument("Unterminated quote");
  flush_literal();
  // Java: 80 years before the format was created (Calendar.add(YEAR, -80)).
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t now_millis = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  cal::Fields today = cal::fields_of(now_millis);
  const int64_t day = cal::epoch_day_of(today.year - 80, today.month, today.day);
  f.set_two_digit_year_start(day * cal::kMillisPerDay + now_millis % cal::kMillisPerDay);
  return f;
}

void SimpleDateFormat::set_two_digit_year_start(int64_t epoch_millis) {
  century_start_millis_ = epoch_millis;
  century_start_year_ = static_cast<int>(cal::fields_of(epoch_millis).year);
}

void SimpleDateFormat::format(int64_t epoch_millis, std::string* out) const {
  const cal::Fields f = cal::fields_of(epoch_millis);
  const int64_t year_of_era = f.year > 0 ? f.year : 1 - f.year;
  for (const Element& e : elements_) {
    const int n = e.count;
    switch (e.letter) {
      case 0:
        out->append(e.literal);
        break;
      case 'G':
        out->append(kEras[f.year > 0 ? 1 : 0]);
        break;
      case 'y':
        append_number(out, year_of_era, n == 2 ? 2 : n, n == 2 ? 2 : 64);
        break;
      case 'Y':
        append_number(out, f.week_year, n == 2 ? 2 : n, n == 2 ? 2 : 64);
        break;
      case 'M':
      case 'L':
        if (n >= 4) {
          out->append(kMonths[f.month - 1]);
        } else if (n == 3) {
          out->append(kShortMonths[f.month - 1]);
        } else {
          append_number(out, f.month, n);
        }
        break;
      case 'E':
        out->append(n >= 4 ? kWeekdays[f.weekday - 1] : kShortWeekdays[f.weekday - 1]);
        break;
      case 'a':
        out->append(kAmPmText[f.hour >= 12 ? 1 : 0]);
        break;
      case 'z':
        out->append(n >= 4 ? kUtcNames[0] : kUtcNames[1]);
        break;
      case 'Z':
        out->append("+0000");
        break;
      case 'X':
        out->push_back('Z');
        break;
      case 'd':
        append_number(out, f.day, n);
        break;
      case 'D':
        append_number(out, f.day_of_year, n);
        break;
      case 'F':
        append_number(out, f.day_of_week_in_month, n);
        break;
      case 'w':
        append_number(out, f.week_of_year, n);
        break;
      case 'W':
        append_number(out, f.week_of_month, n);
        break;
      case 'u':
        append_number(out, f.weekday == 1 ? 7 : f.weekday - 1, n);
        break;
      case 'H':
        append_number(out, f.hour, n);
        break;
      case 'k':
        append_number(out, f.hour == 0 ? 24 : f.hour, n);
        break;
      case 'K':
        append_number(out, f.hour % 12, n);
        break;
      case 'h':
        append_number(out, f.hour % 12 == 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        append_number(out, f.minute, n);
        break;
      case 's':
        append_number(out, f.second, n);
        break;
      case 'S':
        append_number(out, f.millisecond, n);
        break;
      default:
        break;
    }
  }
}

Result<int64_t> SimpleDateFormat::parse(std::string_view text, bool lenient) const {
  auto unparseable = [&] {
    return Status::data_error("Unparseable date: \"" + std::string(text) + "\"");
  };
  ParseState state;
  state.text = text;
  state.century_start_year = century_start_year_;
  for (size_t i = 0; i < elements_.size(); ++i) {
    const Element& e = elements_[i];
    if (e.letter == 0) {
      if (text.substr(state.pos, e.literal.size()) != e.literal) return unparseable();
      state.pos += e.literal.size();
      continue;
    }
    const bool obey_count = i + 1 < elements_.size() && elements_[i + 1].letter != 0 &&
                            is_numeric_letter(elements_[i + 1].letter, elements_[i + 1].count);
    if (!parse_field(state, e, obey_count, lenient)) return unparseable();
  }
  std::optional<int64_t> millis = establish(state.builder, lenient);
  if (millis && state.ambiguous_year && *millis < century_start_millis_) {
    // CalendarBuilder.addYear: both years move, set or not.
    Builder later = state.builder;
    later.value[kYear] += 100;
    later.value[kWeekYear] += 100;
    millis = establish(later, lenient);
  }
  if (!millis) return unparseable();
  return *millis;
}

}  // namespace sluice::transforms
