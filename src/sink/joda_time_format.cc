#include "sink/joda_time_format.h"

#include <cstdlib>

namespace sluice::sink {
namespace {

using Field = JodaTimeFormat::Field;

bool is_ascii_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year;
  int month;
  int day;
};

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// Every calendar field of one local instant, in Joda's ISOChronology.
struct LocalFields {
  int64_t year = 0;
  int month = 1;
  int day = 1;
  int day_of_year = 1;
  int day_of_week = 1;  // 1 = Monday ... 7 = Sunday
  int64_t weekyear = 0;
  int week = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;

  explicit LocalFields(int64_t local_ms) {
    const int64_t days = floor_div(local_ms, kMillisPerDay);
    int64_t ms_of_day = local_ms - days * kMillisPerDay;
    const Civil c = civil_from_days(days);
    year = c.year;
    month = c.month;
    day = c.day;
    day_of_year = static_cast<int>(days - days_from_civil(year, 1, 1) + 1);
    // 1970-01-01 was a Thursday (4).
    day_of_week = static_cast<int>(days + 3 - floor_div(days + 3, 7) * 7) + 1;
    // ISO weeks: week 1 holds the year's first Thursday, so a week belongs to the year of its
    // Thursday.
    const int64_t thursday = days - (day_of_week - 1) + 3;
    weekyear = civil_from_days(thursday).year;
    week = static_cast<int>((thursday - days_from_civil(weekyear, 1, 1)) / 7 + 1);
    hour = static_cast<int>(ms_of_day / kMillisPerHour);
    ms_of_day %= kMillisPerHour;
    minute = static_cast<int>(ms_of_day / kMillisPerMinute);
    ms_of_day %= kMillisPerMinute;
    second = static_cast<int>(ms_of_day / kMillisPerSecond);
    millis = static_cast<int>(ms_of_day % kMillisPerSecond);
  }
};

// Joda's FormatUtils.appendPaddedInteger: a '-' for negatives, then |value| zero-padded to
// `min_digits` digits, never truncated.
void append_padded(int64_t value, uint32_t min_digits, std::string* out) {
  uint64_t magnitude = static_cast<uint64_t>(value);
  if (value < 0) {
    out->push_back('-');
    magnitude = 0 - magnitude;
  }
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  for (uint32_t i = static_cast<uint32_t>(n); i < min_digits; ++i) out->push_back('0');
  while (n > 0) out->push_back(digits[--n]);
}

// Joda's Fraction printer for fraction-of-second with min = max = `count` digits.
void append_fraction(int millis, uint32_t count, std::string* out) {
  if (millis == 0) {
    out->append(count, '0');
    return;
  }
  // Joda scales the fraction to `count` digits but drops digits until 1000 * 10^digits fits in
  // a long: more than 15 digits print as 15.
  uint32_t max_digits = count;
  while (max_digits > 15) --max_digits;
  uint64_t scalar = 1;
  if (max_digits <= 18) {
    for (uint32_t i = 0; i < max_digits; ++i) scalar *= 10;
  }
  const uint64_t scaled = static_cast<uint64_t>(millis) * scalar / 1000;
  char digits[20];
  int length = 0;
  uint64_t v = scaled;
  do {
    digits[length++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  // digits[] is reversed; `text` below reads it most significant first.
  auto digit_at = [&](int i) { return digits[length - 1 - i]; };
  int64_t min_digits = count;
  int64_t shown = max_digits;
  while (length < shown) {
    out->push_back('0');
    --min_digits;
    --shown;
  }
  int keep = length;
  if (min_digits < shown) {
    // Chops trailing zeros down to the minimum (only reachable with more than 15 digits asked).
    while (min_digits < shown && keep > 1 && digit_at(keep - 1) == '0') {
      --shown;
      --keep;
    }
  }
  for (int i = 0; i < keep; ++i) out->push_back(digit_at(i));
}

void append_offset(int32_t offset_ms, bool colon, std::string* out) {
  int64_t rest = offset_ms;
  if (rest >= 0) {
    out->push_back('+');
  } else {
    out->push_back('-');
    rest = -rest;
  }
  append_padded(rest / kMillisPerHour, 2, out);
  if (colon) out->push_back(':');
  append_padded(rest % kMillisPerHour / kMillisPerMinute, 2, out);
}

// Joda's DateTimeZone.printOffset ("+05:30", seconds only when present): the zone-name fallback.
void append_print_offset(int32_t offset_ms, std::string* out) {
  append_offset(offset_ms, true, out);
  const int64_t rest = std::abs(static_cast<int64_t>(offset_ms)) % kMillisPerMinute;
  if (rest != 0) {
    out->push_back(':');
    append_padded(rest / kMillisPerSecond, 2, out);
    if (rest % kMillisPerSecond != 0) {
      out->push_back('.');
      append_padded(rest % kMillisPerSecond, 3, out);
    }
  }
}

bool is_alphabetic(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_ascii_letter(c)) return false;
  }
  return true;
}

Field field_for(char letter, uint32_t count, bool* known) {
  *known = true;
  switch (letter) {
    case 'G':
      return Field::kEraText;
    case 'C':
      return Field::kCenturyOfEra;
    case 'y':
      return count == 2 ? Field::kTwoDigitYear : Field::kYear;
    case 'Y':
      return count == 2 ? Field::kTwoDigitYear : Field::kYearOfEra;
    case 'x':
      return count == 2 ? Field::kTwoDigitWeekyear : Field::kWeekyear;
    case 'M':
      return count >= 4 ? Field::kMonthText : count == 3 ? Field::kMonthShortText : Field::kMonth;
    case 'd':
      return Field::kDayOfMonth;
    case 'a':
      return Field::kHalfdayText;
    case 'h':
      return Field::kClockhourOfHalfday;
    case 'H':
      return Field::kHourOfDay;
    case 'k':
      return Field::kClockhourOfDay;
    case 'K':
      return Field::kHourOfHalfday;
    case 'm':
      return Field::kMinute;
    case 's':
      return Field::kSecond;
    case 'S':
      return Field::kFraction;
    case 'e':
      return Field::kDayOfWeek;
    case 'E':
      return count >= 4 ? Field::kDayOfWeekText : Field::kDayOfWeekShortText;
    case 'D':
      return Field::kDayOfYear;
    case 'w':
      return Field::kWeekOfWeekyear;
    case 'z':
      return count >= 4 ? Field::kZoneLongName : Field::kZoneShortName;
    case 'Z':
      return count == 1   ? Field::kZoneOffset
             : count == 2 ? Field::kZoneOffsetWithColon
                          : Field::kZoneId;
    default:
      *known = false;
      return Field::kLiteral;
  }
}

bool is_month_weekday_or_marker_text(Field f) {
  return f == Field::kEraText || f == Field::kMonthShortText || f == Field::kMonthText ||
         f == Field::kDayOfWeekShortText || f == Field::kDayOfWeekText || f == Field::kHalfdayText;
}

}  // namespace

Result<JodaTimeFormat> JodaTimeFormat::compile(std::string_view pattern, std::string_view locale,
                                               const JodaZone& zone) {
  if (pattern.empty()) {
    return Status::invalid_argument("Invalid pattern specification: Pattern is null or empty");
  }
  JodaTimeFormat f(zone);
  f.pattern_.assign(pattern);
  f.locale_ = resolve_locale(locale);

  auto add_literal = [&f](std::string_view text) {
    if (text.empty()) return;
    // Adjacent literals merge into one token.
    if (!f.tokens_.empty() && f.tokens_.back().field == Field::kLiteral &&
        f.tokens_.back().literal_offset + f.tokens_.back().literal_size == f.literals_.size()) {
      f.tokens_.back().literal_size += static_cast<uint32_t>(text.size());
    } else {
      f.tokens_.push_back({Field::kLiteral, 0, static_cast<uint32_t>(f.literals_.size()),
                           static_cast<uint32_t>(text.size())});
    }
    f.literals_.append(text);
  };

  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (is_ascii_letter(c)) {
      size_t end = i + 1;
      while (end < pattern.size() && pattern[end] == c) ++end;
      const uint32_t count = static_cast<uint32_t>(end - i);
      bool known = false;
      const Field field = field_for(c, count, &known);
      if (!known) {
        return Status::invalid_argument(
            "Illegal pattern component: " + std::string(pattern.substr(i, count)) + " (letter '" +
            std::string(1, c) + "' is not a Joda-Time pattern letter, in pattern '" +
            std::string(pattern) + "'; quote literal text like 'T')");
      }
      f.tokens_.push_back({field, count, 0, 0});
      i = end;
      continue;
    }
    // A literal run: up to the next letter outside quotes; '' is a quote, in or out of quotes.
    std::string text;
    bool quoted = false;
    for (; i < pattern.size(); ++i) {
      const char ch = pattern[i];
      if (ch == '\'') {
        if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
          text.push_back('\'');
          ++i;
        } else {
          quoted = !quoted;
        }
      } else if (!quoted && is_ascii_letter(ch)) {
        break;
      } else {
        text.push_back(ch);
      }
    }
    add_literal(text);
  }
  if (f.tokens_.empty()) {
    // Joda builds a formatter with no printer and refuses it.
    return Status::invalid_argument("Pattern '" + std::string(pattern) +
                                    "' prints nothing (Both printing and parsing not supported)");
  }

  for (const Token& t : f.tokens_) {
    const bool zone_text = t.field == Field::kZoneShortName || t.field == Field::kZoneLongName;
    if (is_month_weekday_or_marker_text(t.field) || zone_text) f.uses_locale_text_ = true;
    if (is_month_weekday_or_marker_text(t.field) && f.locale_.names == nullptr) {
      return Status::invalid_argument(
          "locale '" + std::string(locale) + "' (Java language '" + f.locale_.language +
          "') has month/weekday text in the JDK that sluice does not carry; pattern '" +
          std::string(pattern) + "' needs it. Languages with text: " + supported_languages() +
          " (any unknown language, such as 'en-US', prints the JDK's root text)");
    }
    if (zone_text && !has_zone_names(f.locale_)) {
      return Status::invalid_argument(
          "zone names (pattern letter z in '" + std::string(pattern) +
          "') are only available in English and the JDK root locale in sluice, not for locale '" +
          std::string(locale) + "'");
    }
  }
  f.zone_names_ = find_zone_names(f.locale_, f.zone_.id());
  return f;
}

Status JodaTimeFormat::format(int64_t utc_ms, std::string* out) const {
  const int32_t offset = zone_.offset_ms(utc_ms);
  int64_t local_ms = 0;
  if (__builtin_add_overflow(utc_ms, static_cast<int64_t>(offset), &local_ms)) {
    return Status::data_error("Adding time zone offset caused overflow (instant " +
                              std::to_string(utc_ms) + ")");
  }
  const LocalFields t(local_ms);
  const LocaleNames* names = locale_.names;
  for (const Token& tok : tokens_) {
    switch (tok.field) {
      case Field::kLiteral:
        out->append(literals_, tok.literal_offset, tok.literal_size);
        break;
      case Field::kEraText:
        out->append(names->eras[t.year <= 0 ? 0 : 1]);
        break;
      case Field::kCenturyOfEra:
        // ISOChronology's century drops the year's sign (year -150 is century 1).
        append_padded((t.year < 0 ? -t.year : t.year) / 100, tok.count, out);
        break;
      case Field::kYear:
        append_padded(t.year, tok.count, out);
        break;
      case Field::kYearOfEra:
        append_padded(t.year <= 0 ? 1 - t.year : t.year, tok.count, out);
        break;
      case Field::kWeekyear:
        append_padded(t.weekyear, tok.count, out);
        break;
      case Field::kTwoDigitYear:
        append_padded((t.year < 0 ? -t.year : t.year) % 100, 2, out);
        break;
      case Field::kTwoDigitWeekyear:
        append_padded((t.weekyear < 0 ? -t.weekyear : t.weekyear) % 100, 2, out);
        break;
      case Field::kMonth:
        append_padded(t.month, tok.count, out);
        break;
      case Field::kMonthShortText:
        out->append(names->short_months[t.month - 1]);
        break;
      case Field::kMonthText:
        out->append(names->months[t.month - 1]);
        break;
      case Field::kDayOfMonth:
        append_padded(t.day, tok.count, out);
        break;
      case Field::kDayOfYear:
        append_padded(t.day_of_year, tok.count, out);
        break;
      case Field::kDayOfWeek:
        append_padded(t.day_of_week, tok.count, out);
        break;
      case Field::kDayOfWeekShortText:
        out->append(names->short_weekdays[t.day_of_week - 1]);
        break;
      case Field::kDayOfWeekText:
        out->append(names->weekdays[t.day_of_week - 1]);
        break;
      case Field::kWeekOfWeekyear:
        append_padded(t.week, tok.count, out);
        break;
      case Field::kHalfdayText:
        out->append(names->halfdays[t.hour < 12 ? 0 : 1]);
        break;
      case Field::kHourOfDay:
        append_padded(t.hour, tok.count, out);
        break;
      case Field::kClockhourOfDay:
        append_padded(t.hour == 0 ? 24 : t.hour, tok.count, out);
        break;
      case Field::kHourOfHalfday:
        append_padded(t.hour % 12, tok.count, out);
        break;
      case Field::kClockhourOfHalfday:
        append_padded(t.hour % 12 == 0 ? 12 : t.hour % 12, tok.count, out);
        break;
      case Field::kMinute:
        append_padded(t.minute, tok.count, out);
        break;
      case Field::kSecond:
        append_padded(t.second, tok.count, out);
        break;
      case Field::kFraction:
        append_fraction(t.millis, tok.count, out);
        break;
      case Field::kZoneOffset:
        append_offset(offset, false, out);
        break;
      case Field::kZoneOffsetWithColon:
        append_offset(offset, true, out);
        break;
      case Field::kZoneId:
        out->append(zone_.id());
        break;
      case Field::kZoneShortName:
      case Field::kZoneLongName: {
        // Joda: a fixed-offset zone prints its id; a zone the JDK names prints the name for
        // standard or daylight time; otherwise the offset.
        const bool is_long = tok.field == Field::kZoneLongName;
        if (zone_.is_fixed() && zone_.id() != "UTC") {
          out->append(zone_.id());
          break;
        }
        if (zone_names_ != nullptr) {
          const bool standard = zone_.is_standard_offset(utc_ms);
          std::string_view name;
          if (standard || zone_names_->daylight_short.empty()) {
            name = is_long ? zone_names_->standard_long : zone_names_->standard_short;
          } else {
            name = is_long ? zone_names_->daylight_long : zone_names_->daylight_short;
          }
          out->append(name);
          break;
        }
        const std::string abbrev =
            zone_.is_fixed() ? std::string("UTC") : zone_.abbreviation(utc_ms);
        if (is_alphabetic(abbrev)) {
          out->append(abbrev);
        } else {
          append_print_offset(offset, out);
        }
        break;
      }
    }
  }
  return Status::ok_status();
}

}  // namespace sluice::sink
