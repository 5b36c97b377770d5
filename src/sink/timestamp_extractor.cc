#include "sink/timestamp_extractor.h"

#include <cmath>
#include <limits>

#include "sink/time_bucket.h"

namespace sluice::sink {
namespace {

using connect::Schema;
using connect::SchemaType;
using connect::SinkRecord;
using connect::Value;
using connect::ValueKind;

// ---------------------------------------------------------------------------------------------
// ISO-8601, as Joda's ISODateTimeFormat.dateTimeParser() accepts it:
//
//   datetime          = time | date-opt-time
//   time              = 'T' time-element [offset]
//   date-opt-time     = date-element ['T' [time-element] [offset]]
//   date-element      = std-date-element | ord-date-element | week-date-element
//   std-date-element  = yyyy ['-' MM ['-' dd]]
//   ord-date-element  = yyyy ['-' DDD]
//   week-date-element = xxxx '-W' ww ['-' e]
//   time-element      = HH [minute-element] | [fraction]
//   minute-element    = ':' mm [second-element] | [fraction]
//   second-element    = ':' ss [fraction]
//   fraction          = ('.' | ',') digit+
//   offset            = 'Z' | (('+' | '-') HH [':' mm [':' ss [('.' | ',') SSS]]])
//
// Years are signed with up to 9 digits, other numbers take 1 up to their pattern's digits.
// Fractions of an hour, minute or second are truncated to whole milliseconds.
class IsoParser {
 public:
  explicit IsoParser(std::string_view text) : s_(text) {}

  Result<int64_t> parse() {
    int64_t days = 0;
    int64_t ms_of_day = 0;
    int64_t offset_ms = 0;
    if (peek('T')) {
      ++pos_;
      if (!time_element(&ms_of_day)) return fail();
      if (!optional_offset(&offset_ms)) return fail();
    } else {
      if (!date_element(&days)) return fail();
      if (peek('T')) {
        ++pos_;
        if (pos_ < s_.size() && is_digit(s_[pos_]) && !time_element(&ms_of_day)) return fail();
        if (!optional_offset(&offset_ms)) return fail();
      }
    }
    if (pos_ != s_.size()) return fail();
    int64_t local = 0, utc = 0;
    if (__builtin_mul_overflow(days, kMillisPerDay, &local) ||
        __builtin_add_overflow(local, ms_of_day, &local) ||
        __builtin_sub_overflow(local, offset_ms, &utc)) {
      return fail();
    }
    return utc;
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  bool peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  Status fail() const {
    return Status::invalid_argument("Invalid format: \"" + std::string(s_) +
                                    "\" is not an ISO-8601 date-time (Joda dateTimeParser)");
  }

  // 1..max_digits digits.
  bool number(int max_digits, int64_t* value) {
    size_t start = pos_;
    int64_t v = 0;
    while (pos_ < s_.size() && is_digit(s_[pos_]) && static_cast<int>(pos_ - start) < max_digits) {
      v = v * 10 + (s_[pos_] - '0');
      ++pos_;
    }
    *value = v;
    return pos_ > start;
  }

  size_t digit_run(size_t from) const {
    size_t n = 0;
    while (from + n < s_.size() && is_digit(s_[from + n])) ++n;
    return n;
  }

  static int64_t days_in_year(int64_t y) {
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return leap ? 366 : 365;
  }

  static int days_in_month(int64_t y, int64_t m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && days_in_year(y) == 366) return 29;
    return kDays[m - 1];
  }

  static int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2 ? 1 : 0;
    const int64_t era = floor_div(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  }

  bool date_element(int64_t* days) {
    bool negative = false;
    if (peek('-') || peek('+')) {
      negative = s_[pos_] == '-';
      ++pos_;
    }
    int64_t year = 0;
    if (!number(9, &year)) return false;
    if (negative) year = -year;
    if (year > 292278993 || year < -292275054) return false;  // Joda's ISOChronology range
    if (!peek('-')) {
      *days = days_from_civil(year, 1, 1);
      return true;
    }
    ++pos_;
    if (peek('W')) {  // week date: the year is a week-year
      ++pos_;
      int64_t week = 0, weekday = 1;
      if (!number(2, &week)) return false;
      if (peek('-')) {
        ++pos_;
        if (!number(1, &weekday)) return false;
      }
      const int64_t jan4 = days_from_civil(year, 1, 4);
      const int64_t jan4_dow = jan4 + 3 - floor_div(jan4 + 3, 7) * 7 + 1;  // 1 = Monday
      const int64_t week1_monday = jan4 - (jan4_dow - 1);
      const int64_t next_week1_monday = [&] {
        const int64_t n4 = days_from_civil(year + 1, 1, 4);
        return n4 - (n4 + 3 - floor_div(n4 + 3, 7) * 7);
      }();
      const int64_t weeks = (next_week1_monday - week1_monday) / 7;
      if (week < 1 || week > weeks || weekday < 1 || weekday > 7) return false;
      *days = week1_monday + (week - 1) * 7 + (weekday - 1);
      return true;
    }
    // Joda tries the calendar and the ordinal form and keeps the one that reads further: three
    // digits make a day of the year, one or two a month.
    if (digit_run(pos_) >= 3) {
      int64_t day_of_year = 0;
      if (!number(3, &day_of_year)) return false;
      if (day_of_year < 1 || day_of_year > days_in_year(year)) return false;
      *days = days_from_civil(year, 1, 1) + day_of_year - 1;
      return true;
    }
    int64_t month = 0, day = 1;
    if (!number(2, &month) || month < 1 || month > 12) return false;
    if (peek('-')) {
      ++pos_;
      if (!number(2, &day)) return false;
    }
    if (day < 1 || day > days_in_month(year, month)) return false;
    *days = days_from_civil(year, month, day);
    return true;
  }

  // ('.' | ',') digit+ as a fraction of `unit_ms`, truncated to whole milliseconds.
  bool optional_fraction(int64_t unit_ms, int64_t* ms) {
    if (!peek('.') && !peek(',')) return true;
    ++pos_;
    const size_t start = pos_;
    int64_t numerator = 0, denominator = 1;
    while (pos_ < s_.size() && is_digit(s_[pos_])) {
      if (pos_ - start < 9) {  // Joda reads at most 9 fraction digits, ignoring the rest
        numerator = numerator * 10 + (s_[pos_] - '0');
        denominator *= 10;
      }
      ++pos_;
    }
    if (pos_ == start) return false;
    *ms += numerator * unit_ms / denominator;
    return true;
  }

  bool time_element(int64_t* ms_of_day) {
    int64_t hour = 0, minute = 0, second = 0, ms = 0;
    if (!number(2, &hour) || hour > 23) return false;
    if (peek(':')) {
      ++pos_;
      if (!number(2, &minute) || minute > 59) return false;
      if (peek(':')) {
        ++pos_;
        if (!number(2, &second) || second > 59) return false;
        if (!optional_fraction(kMillisPerSecond, &ms)) return false;
      } else if (!optional_fraction(kMillisPerMinute, &ms)) {
        return false;
      }
    } else if (!optional_fraction(kMillisPerHour, &ms)) {
      return false;
    }
    *ms_of_day = hour * kMillisPerHour + minute * kMillisPerMinute + second * kMillisPerSecond + ms;
    return true;
  }

  bool optional_offset(int64_t* offset_ms) {
    if (pos_ == s_.size()) return true;
    if (peek('Z') || peek('z')) {  // Joda matches the zero-offset text case-insensitively
      ++pos_;
      return true;
    }
    if (!peek('+') && !peek('-')) return false;
    const bool negative = s_[pos_] == '-';
    ++pos_;
    int64_t hours = 0, minutes = 0, seconds = 0, millis = 0;
    if (digit_run(pos_) < 2 || !number(2, &hours) || hours > 23) return false;
    // Separators are optional as a whole: "+05:30" or "+0530".
    const bool colon = peek(':');
    auto field = [&](int64_t* value) {
      if (colon) {
        if (!peek(':')) return false;
        ++pos_;
      }
      return digit_run(pos_) >= 2 && number(2, value) && *value <= 59;
    };
    if (colon || digit_run(pos_) >= 2) {
      if (!field(&minutes)) return false;
      if (colon ? peek(':') : digit_run(pos_) >= 2) {
        if (!field(&seconds)) return false;
        if (peek('.') || peek(',')) {
          ++pos_;
          const size_t digits = digit_run(pos_);
          if (digits < 1 || !number(3, &millis)) return false;
          for (size_t i = digits; i < 3; ++i) millis *= 10;  // ".5" is 500 ms
        }
      }
    }
    const int64_t total =
        hours * kMillisPerHour + minutes * kMillisPerMinute + seconds * kMillisPerSecond + millis;
    *offset_ms = negative ? -total : total;
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// ^-?[0-9]{1,19}$
bool is_epoch_millis_text(std::string_view s) {
  size_t start = !s.empty() && s[0] == '-' ? 1 : 0;
  const size_t digits = s.size() - start;
  if (digits < 1 || digits > 19) return false;
  for (size_t i = start; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

Result<int64_t> timestamp_from_string(std::string_view text, const std::string& field) {
  if (is_epoch_millis_text(text)) {
    // Java's Long.parseLong: 19 digits may not fit.
    int64_t v = 0;
    const bool negative = text[0] == '-';
    for (size_t i = negative ? 1 : 0; i < text.size(); ++i) {
      const int digit = text[i] - '0';
      if (__builtin_mul_overflow(v, 10, &v) ||
          __builtin_add_overflow(v, negative ? -digit : digit, &v)) {
        return Status::data_error("timestamp field '" + field + "': \"" + std::string(text) +
                                  "\" does not fit a long");
      }
    }
    return v;
  }
  Result<int64_t> parsed = parse_iso_date_time(text);
  if (!parsed.ok()) {
    return Status::data_error("timestamp field '" + field + "': " + parsed.status().message());
  }
  return parsed;
}

// Java's Number.longValue() of a double: truncation toward zero, NaN is 0, saturating.
int64_t double_to_long(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (d <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

class WallclockExtractor final : public TimestampExtractor {
 public:
  Result<int64_t> extract(const SinkRecord&, int64_t now_ms) const override { return now_ms; }
  bool is_wallclock() const override { return true; }
};

class RecordTimestampExtractor final : public TimestampExtractor {
 public:
  Result<int64_t> extract(const SinkRecord& record, int64_t) const override {
    if (!record.timestamp) {
      return Status::data_error(
          "Unable to determine timestamp using timestamp.extractor Record: the record has no "
          "timestamp");
    }
    return *record.timestamp;
  }
};

class RecordFieldExtractor final : public TimestampExtractor {
 public:
  explicit RecordFieldExtractor(std::string field)
      : field_(std::move(field)), path_(split_field_path(field_)) {}

  Result<int64_t> extract(const SinkRecord& record, int64_t) const override {
    const Value& value = record.value;
    if (value.kind() == ValueKind::kStruct) return from_struct(value);
    if (value.kind() == ValueKind::kMap) return from_map(value);
    return Status::data_error("timestamp field '" + field_ +
                              "': the record value is not a Struct or a Map");
  }

 private:
  Result<int64_t> from_struct(const Value& root) const {
    const Value* current = &root;
    const connect::Field* schema_field = nullptr;
    for (size_t i = 0; i < path_.size(); ++i) {
      const Schema* schema = current->struct_schema();
      schema_field = schema == nullptr ? nullptr : schema->field(path_[i]);
      if (schema_field == nullptr) {
        return Status::data_error("timestamp field '" + field_ + "': field '" + path_[i] +
                                  "' is not present in the schema");
      }
      current = current->struct_field(path_[i]);
      if (current == nullptr || current->is_null()) {
        return Status::data_error("timestamp field '" + field_ + "' is null");
      }
      if (i + 1 < path_.size() && current->kind() != ValueKind::kStruct) {
        return Status::data_error("timestamp field '" + field_ + "': '" + path_[i] +
                                  "' is not a struct");
      }
    }
    const Schema& schema = *schema_field->schema;
    if (schema.is_logical(connect::kTimestampLogicalName) && current->kind() == ValueKind::kInt) {
      return current->as_int();
    }
    if (schema.is_logical(connect::kDateLogicalName) ||
        schema.is_logical(connect::kTimeLogicalName)) {
      // Java casts the java.util.Date to Number and fails.
      return Status::data_error("timestamp field '" + field_ + "' has logical type " +
                                *schema.name + ", which is not a supported timestamp type");
    }
    switch (schema.type) {
      case SchemaType::kInt32:
      case SchemaType::kInt64:
        if (current->kind() == ValueKind::kInt) return current->as_int();
        break;
      case SchemaType::kString:
        if (current->kind() == ValueKind::kString) {
          return timestamp_from_string(current->as_text(), field_);
        }
        break;
      default:
        break;
    }
    return Status::data_error("Unsupported type '" +
                              std::string(connect::schema_type_name(schema.type)) +
                              "' for user-defined timestamp field '" + field_ + "'");
  }

  Result<int64_t> from_map(const Value& root) const {
    const Value* current = &root;
    for (size_t i = 0; i < path_.size(); ++i) {
      if (current->kind() != ValueKind::kMap) {
        return Status::data_error("timestamp field '" + field_ + "': '" + path_[i - 1] +
                                  "' is not a map");
      }
      current = current->map_lookup(path_[i]);
      if (current == nullptr) {
        return Status::data_error("timestamp field '" + field_ + "' is missing from the value");
      }
    }
    switch (current->kind()) {
      case ValueKind::kInt:
        return current->as_int();
      case ValueKind::kFloat32:
      case ValueKind::kFloat64:
        return double_to_long(current->as_double());
      case ValueKind::kString:
        return timestamp_from_string(current->as_text(), field_);
      case ValueKind::kNull:
        return Status::data_error("timestamp field '" + field_ + "' is null");
      default:
        return Status::data_error("Unsupported value for user-defined timestamp field '" + field_ +
                                  "' (not a number or a string)");
    }
  }

  std::string field_;
  std::vector<std::string> path_;
};

}  // namespace

std::vector<std::string> split_field_path(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

Result<int64_t> parse_iso_date_time(std::string_view text) {
  return IsoParser(text).parse();
}

Result<std::unique_ptr<TimestampExtractor>> make_timestamp_extractor(
    const TimestampExtractorOptions& options) {
  switch (options.kind) {
    case TimestampExtractorKind::kWallclock:
      return std::unique_ptr<TimestampExtractor>(std::make_unique<WallclockExtractor>());
    case TimestampExtractorKind::kRecord:
      return std::unique_ptr<TimestampExtractor>(std::make_unique<RecordTimestampExtractor>());
    case TimestampExtractorKind::kRecordField: {
      for (const std::string& segment : split_field_path(options.timestamp_field)) {
        if (segment.empty()) {
          return Status::invalid_argument("timestamp.field '" + options.timestamp_field +
                                          "' has an empty path segment");
        }
      }
      return std::unique_ptr<TimestampExtractor>(
          std::make_unique<RecordFieldExtractor>(options.timestamp_field));
    }
  }
  return Status::invalid_argument("unknown timestamp extractor");
}

}  // namespace sluice::sink
