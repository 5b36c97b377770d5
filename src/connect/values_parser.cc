#include "connect/values_parser.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connect/converter_options.h"
#include "connect/decimal_bytes.h"
#include "connect/standard_schemas.h"

namespace sluice::connect {
namespace {

constexpr int64_t kMillisPerDay = 86400000;
// Deeper nesting is treated like the StackOverflowError Java would hit.
constexpr int kMaxDepth = 1000;

bool is_blank(std::string_view s) {
  return java_trim(s).empty();
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Values.Parser: splits on the delimiters : , { } [ ] " unless escaped with a backslash, with a
// one-token lookahead and rewinding.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view original) : original_(original) {}

  std::string_view original() const { return original_; }
  size_t position() const { return index_; }
  size_t mark() const { return index_ - (next_ ? next_->size() : 0); }
  void rewind_to(size_t position) {
    index_ = position;
    next_.reset();
    previous_.reset();
  }
  bool has_next() const { return next_.has_value() || index_ < original_.size(); }
  std::string_view next() {
    if (next_) {
      previous_ = next_;
      next_.reset();
    } else {
      previous_ = consume_next_token();
    }
    return *previous_;
  }
  // The text spanned by the next n tokens, or nullopt (and nothing consumed) if there are fewer.
  std::optional<std::string_view> next(int n) {
    const size_t start = mark();
    for (int i = 0; i < n; ++i) {
      if (!has_next()) {
        rewind_to(start);
        return std::nullopt;
      }
      next();
    }
    return original_.substr(start, position() - start);
  }
  // Consumes the next non-blank token if, trimmed, it is `expected`.
  bool can_consume(std::string_view expected) {
    if (!next_) {
      if (!has_next()) return false;
      next_ = consume_next_token();
    }
    while (is_blank(*next_) && index_ < original_.size()) next_ = consume_next_token();
    if (java_trim(*next_) == expected) {
      next_.reset();
      return true;
    }
    return false;
  }
  std::optional<std::string_view> previous() const { return previous_; }

 private:
  std::string_view consume_next_token() {
    bool escaped = false;
    const size_t start = index_;
    for (; index_ < original_.size(); ++index_) {
      switch (original_[index_]) {
        case '\\':
          escaped = !escaped;
          break;
        case ':':
        case ',':
        case '{':
        case '}':
        case '[':
        case ']':
        case '"':
          if (!escaped) {
            if (start < index_) return original_.substr(start, index_ - start);
            ++index_;
            return original_.substr(start, 1);
          }
          escaped = false;
          break;
        default:
          escaped = false;
          break;
      }
    }
    return original_.substr(start, index_ - start);
  }

  std::string_view original_;
  size_t index_ = 0;
  std::optional<std::string_view> next_;
  std::optional<std::string_view> previous_;
};

// A parsed value with the Java type its schema implies. `schema == nullptr` is Java's null.
// Temporal values are encoded as Connect stores them: Date in days, Time and Timestamp in ms.
struct Parsed {
  SchemaPtr schema;
  Value value;
  bool is_null() const { return schema == nullptr; }
};

enum class Temporal { kNone, kDate, kTime, kTimestamp };

Temporal temporal_of(const Schema& s) {
  if (!s.name) return Temporal::kNone;
  if (*s.name == kDateLogicalName) return Temporal::kDate;
  if (*s.name == kTimeLogicalName) return Temporal::kTime;
  if (*s.name == kTimestampLogicalName) return Temporal::kTimestamp;
  return Temporal::kNone;
}

bool is_integer_type(SchemaType t) {
  return t == SchemaType::kInt8 || t == SchemaType::kInt16 || t == SchemaType::kInt32 ||
         t == SchemaType::kInt64;
}

// java.util.Date#getTime() of a temporal value.
int64_t epoch_millis(Temporal t, int64_t encoded) {
  return t == Temporal::kDate ? encoded * kMillisPerDay : encoded;
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Days since 1970-01-01 of (year, month 1-12, day 1) in the Gregorian or the Julian calendar.
int64_t days_from_civil(int64_t year, int64_t month, bool gregorian) {
  const int64_t a = (14 - month) / 12;
  const int64_t y = year + 4800 - a;
  const int64_t m = month + 12 * a - 3;
  int64_t jdn = (153 * m + 2) / 5 + 365 * y + floor_div(y, 4) + 1;
  jdn += gregorian ? -floor_div(y, 100) + floor_div(y, 400) - 32045 : -32083;
  return jdn - 2440588;
}

// GregorianCalendar (lenient, UTC): fields may overflow ("2024-13-01" is 2025-01-01), and dates
// before the 1582-10-15 cutover are Julian.
int64_t lenient_days(int64_t year, int64_t month_zero_based, int64_t day) {
  const int64_t y = year + floor_div(month_zero_based, 12);
  const int64_t m = month_zero_based - floor_div(month_zero_based, 12) * 12 + 1;
  constexpr int64_t kCutover = -141427;  // 1582-10-15 (Gregorian)
  const int64_t gregorian = days_from_civil(y, m, true) + day - 1;
  if (year > 1582) return gregorian;
  const int64_t julian = days_from_civil(y, m, false) + day - 1;
  if (year < 1582) return julian;
  return gregorian >= kCutover ? gregorian : julian;
}

// SimpleDateFormat's lenient parse of one of Connect's three ISO patterns. `fields` holds the
// pattern as a sequence: 'N' a number field, anything else a literal character.
bool parse_fields(std::string_view text, std::string_view pattern, int64_t* values) {
  size_t i = 0;
  int field = 0;
  for (char p : pattern) {
    if (p == 'N') {
      // SimpleDateFormat.subParse skips spaces and tabs, then DecimalFormat reads digits.
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      const size_t start = i;
      int64_t v = 0;
      while (i < text.size() && is_digit(text[i]) && i - start < 12) v = v * 10 + (text[i++] - '0');
      if (i == start) return false;
      values[field++] = static_cast<int32_t>(v);  // Number.intValue()
    } else {
      if (i >= text.size() || text[i] != p) return false;
      ++i;
    }
  }
  return true;  // trailing text is ignored, as by SimpleDateFormat.parse(String, ParsePosition)
}

std::optional<Parsed> parse_as_temporal(std::string_view token) {
  // Escaped colons ("12\:00\:00.000Z") are unescaped first; only three lengths can match.
  char buffer[64];
  size_t length = 0;
  for (size_t i = 0; i < token.size(); ++i) {
    if (length == sizeof(buffer)) return std::nullopt;
    if (token[i] == '\\' && i + 1 < token.size() && token[i + 1] == ':') continue;
    buffer[length++] = token[i];
  }
  const std::string_view text(buffer, length);
  int64_t f[7] = {};
  if (length == 13) {  // HH:mm:ss.SSS'Z'
    if (!parse_fields(text, "N:N:N.NZ", f)) return std::nullopt;
    return Parsed{time_schema(),
                  Value::integer(f[0] * 3600000 + f[1] * 60000 + f[2] * 1000 + f[3])};
  }
  if (length == 24) {  // yyyy-MM-dd'T'HH:mm:ss.SSS'Z'
    if (!parse_fields(text, "N-N-NTN:N:N.NZ", f)) return std::nullopt;
    const int64_t days = lenient_days(f[0], f[1] - 1, f[2]);
    return Parsed{timestamp_schema(), Value::integer(days * kMillisPerDay + f[3] * 3600000 +
                                                     f[4] * 60000 + f[5] * 1000 + f[6])};
  }
  if (length == 10) {  // yyyy-MM-dd
    if (!parse_fields(text, "N-N-N", f)) return std::nullopt;
    return Parsed{date_schema(), Value::integer(lenient_days(f[0], f[1] - 1, f[2]))};
  }
  return std::nullopt;
}

// new BigDecimal(token), then the narrowest exact integer, else float, double or Decimal.
std::optional<Parsed> parse_as_number(std::string_view token, Arena& arena) {
  size_t i = 0;
  bool negative = false;
  if (i < token.size() && (token[i] == '+' || token[i] == '-')) {
    negative = token[i] == '-';
    ++i;
  }
  size_t start = i;
  while (i < token.size() && is_digit(token[i])) ++i;
  const std::string_view int_digits = token.substr(start, i - start);
  std::string_view frac_digits;
  if (i < token.size() && token[i] == '.') {
    start = ++i;
    while (i < token.size() && is_digit(token[i])) ++i;
    frac_digits = token.substr(start, i - start);
  }
  if (int_digits.empty() && frac_digits.empty()) return std::nullopt;
  int64_t exponent = 0;
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) {
      exponent_negative = token[i] == '-';
      ++i;
    }
    start = i;
    while (i < token.size() && is_digit(token[i])) {
      if (exponent < (int64_t{1} << 40)) exponent = exponent * 10 + (token[i] - '0');
      ++i;
    }
    if (i == start) return std::nullopt;
    if (exponent_negative) exponent = -exponent;
  }
  if (i != token.size()) return std::nullopt;
  const int64_t scale64 = static_cast<int64_t>(frac_digits.size()) - exponent;
  if (scale64 > std::numeric_limits<int32_t>::max() ||
      scale64 < std::numeric_limits<int32_t>::min()) {
    return std::nullopt;  // NumberFormatException: scale out of range
  }
  const int32_t scale = static_cast<int32_t>(scale64);

  // The significant digits without leading and trailing zeros, and their scale.
  std::string digits;
  digits.reserve(int_digits.size() + frac_digits.size());
  for (std::string_view part : {int_digits, frac_digits}) {
    for (char c : part) {
      if (digits.empty() && c == '0') continue;
      digits.push_back(c);
    }
  }
  int64_t stripped_scale = scale64;
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    --stripped_scale;
  }
  const bool zero = digits.empty();
  // Exact integers between 1 and 1e19 in magnitude, and zero (parseAsExactDecimal).
  const int64_t integer_digits = static_cast<int64_t>(digits.size()) - stripped_scale;
  const bool at_least_one = zero || integer_digits >= 1;
  const bool above_1e19 =
      !zero && (integer_digits > 20 || (integer_digits == 20 && !(digits == "1")));
  if (zero || (at_least_one && !above_1e19 && stripped_scale <= 0)) {
    unsigned __int128 magnitude = 0;
    for (char c : digits) magnitude = magnitude * 10 + static_cast<unsigned>(c - '0');
    for (int64_t k = 0; k < -stripped_scale; ++k) magnitude *= 10;
    const __int128 v =
        negative ? -static_cast<__int128>(magnitude) : static_cast<__int128>(magnitude);
    if (v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max()) {
      const int64_t n = static_cast<int64_t>(v);
      SchemaType type = SchemaType::kInt64;
      if (n == static_cast<int8_t>(n)) {
        type = SchemaType::kInt8;
      } else if (n == static_cast<int16_t>(n)) {
        type = SchemaType::kInt16;
      } else if (n == static_cast<int32_t>(n)) {
        type = SchemaType::kInt32;
      }
      return Parsed{required_schema(type), Value::integer(n)};
    }
  }
  // BigDecimal.floatValue()/doubleValue(): correctly rounded; from_chars wants no '+'.
  std::string_view text = token[0] == '+' ? token.substr(1) : token;
  if (scale != 0) {
    float f = 0;
    auto [fend, fec] = std::from_chars(text.data(), text.data() + text.size(), f);
    (void)fend;
    const bool f_overflow = fec == std::errc::result_out_of_range && integer_digits > 0;
    if (!f_overflow && (fec == std::errc() || fec == std::errc::result_out_of_range) &&
        std::isfinite(f)) {
      if (fec == std::errc::result_out_of_range) f = negative ? -0.0f : 0.0f;
      return Parsed{required_schema(SchemaType::kFloat32), Value::float32(f)};
    }
    double d = 0;
    auto [dend, dec] = std::from_chars(text.data(), text.data() + text.size(), d);
    (void)dend;
    const bool d_overflow = dec == std::errc::result_out_of_range && integer_digits > 0;
    if (!d_overflow && (dec == std::errc() || dec == std::errc::result_out_of_range) &&
        std::isfinite(d)) {
      if (dec == std::errc::result_out_of_range) d = negative ? -0.0 : 0.0;
      return Parsed{required_schema(SchemaType::kFloat64), Value::float64(d)};
    }
  }
  return Parsed{
      decimal_schema(scale),
      Value::decimal(digits_to_twos_complement(negative, int_digits, frac_digits, arena), scale)};
}

// Values.SchemaMerger / mergeSchemas.
SchemaPtr merge_schemas(const SchemaPtr& previous, const SchemaPtr& latest) {
  const SchemaType p = previous->type, n = latest->type;
  if (p != n) {
    // Numeric types widen along INT8 -> INT16 -> INT32 -> INT64 -> FLOAT32 -> FLOAT64; a Date or
    // Time counts as its INT32 base, as in Java, which switches on the type alone.
    const int rp = numeric_widening_rank(p), rn = numeric_widening_rank(n);
    if (rp < 0 || rn < 0) return nullptr;
    return rn > rp ? latest : previous;
  }
  // Same type: Java keeps the optional one, and between two required ones the newer.
  if (previous->optional == latest->optional) return previous->optional ? previous : latest;
  return schemas_equal(previous.get(), latest.get()) ? previous : nullptr;
}

class SchemaMerger {
 public:
  void merge(const Parsed& latest) {
    if (latest.is_null() || !compatible_) return;
    if (common_ == nullptr) {
      common_ = latest.schema;
    } else {
      common_ = merge_schemas(common_, latest.schema);
      compatible_ = common_ != nullptr;
    }
  }
  const SchemaPtr& common() const { return common_; }

 private:
  SchemaPtr common_;
  bool compatible_ = true;
};

// Values.convertTo(target, null, value) for what alignment can meet; false where Java throws.
bool convert_to(const Schema& target, const Parsed& parsed, Value* out) {
  if (parsed.is_null()) return false;  // every inferred schema is required
  const Schema& source = *parsed.schema;
  const Value& v = parsed.value;
  const Temporal target_temporal = temporal_of(target);
  const Temporal source_temporal = temporal_of(source);
  if (target_temporal != Temporal::kNone) {
    int64_t millis = 0;
    if (source_temporal != Temporal::kNone) {
      millis = epoch_millis(source_temporal, v.as_int());  // a java.util.Date passes unchanged
    } else if (is_integer_type(source.type)) {
      const int64_t n = v.as_int();
      switch (target_temporal) {
        case Temporal::kDate:
          millis = static_cast<int64_t>(static_cast<int32_t>(n)) * kMillisPerDay;
          break;
        case Temporal::kTime:
          if (static_cast<int32_t>(n) < 0 || static_cast<int32_t>(n) > kMillisPerDay) return false;
          millis = static_cast<int32_t>(n);
          break;
        default:
          millis = n;
          break;
      }
    } else {
      return false;
    }
    *out = Value::integer(target_temporal == Temporal::kDate ? floor_div(millis, kMillisPerDay)
                                                             : millis);
    return true;
  }
  switch (target.type) {
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
    case SchemaType::kInt64: {
      if (!is_integer_type(source.type) || source_temporal != Temporal::kNone) return false;
      const int64_t n = v.as_int();
      const int64_t narrowed = target.type == SchemaType::kInt8    ? static_cast<int8_t>(n)
                               : target.type == SchemaType::kInt16 ? static_cast<int16_t>(n)
                               : target.type == SchemaType::kInt32 ? static_cast<int32_t>(n)
                                                                   : n;
      *out = Value::integer(narrowed);
      return true;
    }
    case SchemaType::kFloat32:
    case SchemaType::kFloat64: {
      double d = 0;
      if (is_integer_type(source.type) && source_temporal == Temporal::kNone) {
        d = static_cast<double>(v.as_int());
      } else if (source.type == SchemaType::kFloat32 || source.type == SchemaType::kFloat64) {
        d = v.as_double();
      } else {
        return false;
      }
      *out = target.type == SchemaType::kFloat32 ? Value::float32(static_cast<float>(d))
                                                 : Value::float64(d);
      return true;
    }
    default:
      // Same-type values (strings, booleans, decimals, lists, maps) are returned as they are.
      if (source.type != target.type) return false;
      *out = v;
      return true;
  }
}

// Java equality of two keys of a LinkedHashMap (same Java class and equal value).
bool same_key(const Parsed& a, const Parsed& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return a.schema->type == b.schema->type && temporal_of(*a.schema) == temporal_of(*b.schema) &&
         values_equal(a.value, b.value);
}

class ValuesParser {
 public:
  ValuesParser(std::string_view text, Arena& arena) : parser_(text), arena_(arena) {}

  // parse(embedded); false when Java throws a DataException, *too_deep_ when it would overflow.
  bool parse(bool embedded, Parsed* out) {
    if (++depth_ > kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    const bool ok = parse_inner(embedded, out);
    --depth_;
    return ok;
  }
  bool too_deep() const { return too_deep_; }

 private:
  bool parse_inner(bool embedded, Parsed* out) {
    *out = Parsed{};
    if (!parser_.has_next()) return true;
    if (embedded && parser_.can_consume("\"")) return parse_quoted_string(out);
    if (can_parse_single_token_literal(embedded, "null")) return true;
    if (can_parse_single_token_literal(embedded, "true")) {
      *out = Parsed{required_schema(SchemaType::kBoolean), Value::boolean(true)};
      return true;
    }
    if (can_parse_single_token_literal(embedded, "false")) {
      *out = Parsed{required_schema(SchemaType::kBoolean), Value::boolean(false)};
      return true;
    }
    const size_t start = parser_.mark();
    if (parser_.can_consume("[")) {
      if (parse_array(out)) return true;
      if (too_deep_) return false;
      parser_.rewind_to(start);
    } else if (parser_.can_consume("{")) {
      if (parse_map(out)) return true;
      if (too_deep_) return false;
      parser_.rewind_to(start);
    }
    const std::string_view token = parser_.next();
    if (is_blank(token)) {
      *out = Parsed{required_schema(SchemaType::kString), Value::string(token)};
      return true;
    }
    return parse_next_token(embedded, java_trim(token), out);
  }

  bool can_parse_single_token_literal(bool embedded, std::string_view literal) {
    const size_t start = parser_.mark();
    if (parser_.can_consume(literal) && (embedded || !parser_.has_next())) return true;
    parser_.rewind_to(start);
    return false;
  }

  bool parse_next_token(bool embedded, std::string_view token, Parsed* out) {
    const char first = token[0];
    if (is_digit(first)) {
      if (auto temporal = parse_multiple_tokens_as_temporal(token)) {
        *out = *temporal;
        return true;
      }
    }
    if (is_digit(first) || first == '+' || first == '-') {
      if (auto number = parse_as_number(token, arena_)) {
        *out = *number;
        return true;
      }
    }
    if (embedded) return false;  // "Failed to parse embedded value"
    *out = Parsed{required_schema(SchemaType::kString), Value::string(parser_.original())};
    return true;
  }

  // A time or timestamp is split into five tokens by its unescaped colons.
  std::optional<Parsed> parse_multiple_tokens_as_temporal(std::string_view token) {
    const size_t position = parser_.mark();
    if (std::optional<std::string_view> remainder = parser_.next(4)) {
      if (token.size() + remainder->size() <= 64) {
        char buffer[64];
        std::copy(token.begin(), token.end(), buffer);
        std::copy(remainder->begin(), remainder->end(), buffer + token.size());
        if (auto temporal = parse_as_temporal({buffer, token.size() + remainder->size()})) {
          return temporal;
        }
      }
    }
    parser_.rewind_to(position);
    return parse_as_temporal(token);
  }

  bool parse_quoted_string(Parsed* out) {
    const size_t start = parser_.position();
    std::string content;
    bool contiguous = true;
    size_t expected = start;
    while (parser_.has_next()) {
      if (parser_.can_consume("\"")) break;
      const size_t at = parser_.mark();
      const std::string_view piece = parser_.next();
      // Blank tokens skipped by can_consume() make the content differ from the raw text.
      if (at != expected) contiguous = false;
      expected = at + piece.size();
      content.append(piece);
    }
    if (auto temporal = parse_as_temporal(content)) {
      *out = *temporal;
      return true;
    }
    const std::string_view text =
        contiguous ? parser_.original().substr(start, content.size()) : arena_.copy(content);
    *out = Parsed{required_schema(SchemaType::kString), Value::string(text)};
    return true;
  }

  bool parse_array(Parsed* out) {
    std::vector<Parsed> elements;
    SchemaMerger merger;
    while (parser_.has_next()) {
      if (parser_.can_consume("]")) {
        std::span<Value> items = arena_.allocate_array<Value>(elements.size());
        auto schema = std::make_shared<Schema>();
        schema->type = SchemaType::kArray;
        if (merger.common() != nullptr) {
          schema->value_schema = merger.common();
          for (size_t i = 0; i < elements.size(); ++i) {
            if (!convert_to(*merger.common(), elements[i], &items[i])) return false;
          }
        } else {
          for (size_t i = 0; i < elements.size(); ++i) items[i] = elements[i].value;
        }
        *out = Parsed{std::move(schema), Value::array(items)};
        return true;
      }
      if (parser_.can_consume(",")) return false;  // an empty element
      Parsed element;
      if (!parse(true, &element)) return false;
      merger.merge(element);
      elements.push_back(std::move(element));
      const size_t current = parser_.mark();
      if (parser_.can_consume("]")) {
        parser_.rewind_to(current);
      } else if (!parser_.can_consume(",")) {
        return false;
      }
    }
    return false;  // missing ']' (or an element after the last ',')
  }

  bool parse_map(Parsed* out) {
    std::vector<std::pair<Parsed, Parsed>> entries;  // a LinkedHashMap
    SchemaMerger key_merger, value_merger;
    auto put = [](std::vector<std::pair<Parsed, Parsed>>& map, Parsed key, Parsed value) {
      for (auto& entry : map) {
        if (same_key(entry.first, key)) {
          entry.second = std::move(value);
          return;
        }
      }
      map.emplace_back(std::move(key), std::move(value));
    };
    while (parser_.has_next()) {
      if (parser_.can_consume("}")) {
        auto schema = std::make_shared<Schema>();
        schema->type = SchemaType::kMap;
        const SchemaPtr& key_schema = key_merger.common();
        const SchemaPtr& value_schema = key_schema ? value_merger.common() : nullptr;
        schema->key_schema = key_schema;
        schema->value_schema = value_schema;
        if (key_schema != nullptr) {
          std::vector<std::pair<Parsed, Parsed>> aligned;
          for (const auto& [key, value] : entries) {
            Parsed new_key{key_schema, Value()};
            if (!convert_to(*key_schema, key, &new_key.value)) return false;
            Parsed new_value = value;
            if (value_schema != nullptr) {
              new_value.schema = value_schema;
              if (!convert_to(*value_schema, value, &new_value.value)) return false;
            }
            put(aligned, std::move(new_key), std::move(new_value));
          }
          entries = std::move(aligned);
        }
        std::span<Value> items = arena_.allocate_array<Value>(entries.size() * 2);
        for (size_t i = 0; i < entries.size(); ++i) {
          items[2 * i] = entries[i].first.value;
          items[2 * i + 1] = entries[i].second.value;
        }
        *out = Parsed{std::move(schema), Value::map(items)};
        return true;
      }
      if (parser_.can_consume(",")) return false;  // an entry with no key or value
      Parsed key;
      if (!parse(true, &key)) return false;
      if (key.is_null() || key.value.is_null()) return false;  // a null key
      if (!parser_.can_consume(":")) return false;
      Parsed value;
      if (!parse(true, &value)) return false;
      key_merger.merge(key);
      value_merger.merge(value);
      put(entries, std::move(key), std::move(value));
      parser_.can_consume(",");
    }
    return false;  // missing '}'
  }

  Tokenizer parser_;
  Arena& arena_;
  int depth_ = 0;
  bool too_deep_ = false;
};

}  // namespace

bool parse_values_string(std::string_view text, Arena& arena, SchemaAndValue* out) {
  out->schema = nullptr;
  out->value = Value::null();
  if (text.empty()) {
    out->schema = required_schema(SchemaType::kString);
    out->value = Value::string(text);
    return true;
  }
  ValuesParser parser(text, arena);
  Parsed parsed;
  if (!parser.parse(false, &parsed)) return false;  // only an overflow gets here at top level
  out->schema = parsed.schema;
  out->value = parsed.is_null() ? Value::null() : parsed.value;
  return true;
}

}  // namespace sluice::connect
