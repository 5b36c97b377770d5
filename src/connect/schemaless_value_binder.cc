#include "connect/schemaless_value_binder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "connect/avro_data_names.h"
#include "connect/decimal_bytes.h"
#include "connect/iso8601_text.h"
#include "connect/jackson_base64.h"
#include "connect/json_number.h"
#include "connect/json_to_connect.h"
#include "connect/standard_schemas.h"

namespace sluice::connect {

namespace {

enum class InKind : uint8_t {
  kMissing,
  kNull,
  kBoolean,
  kNumber,
  kString,
  kArray,
  kObject,
  kOther
};

// A JsonNode as binder input; nullptr is a missing member.
struct JsonIn {
  const JsonNode* n = nullptr;

  InKind kind() const {
    if (n == nullptr) return InKind::kMissing;
    switch (n->type) {
      case JsonType::kNull:
        return InKind::kNull;
      case JsonType::kBoolean:
        return InKind::kBoolean;
      case JsonType::kNumber:
        return InKind::kNumber;
      case JsonType::kString:
        return InKind::kString;
      case JsonType::kArray:
        return InKind::kArray;
      case JsonType::kObject:
        return InKind::kObject;
    }
    return InKind::kOther;
  }
  bool boolean() const { return n->boolean; }
  bool integral() const { return n->integral; }
  // The integer's value; nullopt when it does not fit in 64 bits.
  std::optional<int64_t> int64() const {
    if (n->exact_int64) return n->int64_value;
    int64_t v = 0;
    std::string_view t = n->text;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
    return v;
  }
  double real() const { return json_double_value(*n); }
  std::string_view number_text(char* /*buf*/, size_t /*size*/) const { return n->text; }
  std::string_view text() const { return n->text; }
  size_t size() const { return n->items.size(); }
  JsonIn element(size_t i) const { return JsonIn{&n->items[i]}; }
  JsonIn member(std::string_view name, size_t hint) const { return JsonIn{n->get(name, hint)}; }
  std::string_view key(size_t i) const { return n->keys[i]; }
  JsonIn member_value(size_t i) const { return JsonIn{&n->items[i]}; }
};

// A schemaless Connect value (JsonConverter with schemas.enable=false) as binder input.
struct ValueIn {
  const Value* v = nullptr;

  InKind kind() const {
    if (v == nullptr) return InKind::kMissing;
    switch (v->kind()) {
      case ValueKind::kNull:
        return InKind::kNull;
      case ValueKind::kBoolean:
        return InKind::kBoolean;
      case ValueKind::kInt:
      case ValueKind::kFloat32:
      case ValueKind::kFloat64:
        return InKind::kNumber;
      case ValueKind::kString:
        return InKind::kString;
      case ValueKind::kArray:
        return InKind::kArray;
      case ValueKind::kMap:
        return InKind::kObject;
      default:
        return InKind::kOther;
    }
  }
  bool boolean() const { return v->as_bool(); }
  bool integral() const { return v->kind() == ValueKind::kInt; }
  std::optional<int64_t> int64() const { return v->as_int(); }
  double real() const { return integral() ? static_cast<double>(v->as_int()) : v->as_double(); }
  std::string_view number_text(char* buf, size_t size) const {
    std::to_chars_result r =
        integral() ? std::to_chars(buf, buf + size, v->as_int())
        : v->kind() == ValueKind::kFloat32
            ? std::to_chars(buf, buf + size, static_cast<float>(v->as_double()))
            : std::to_chars(buf, buf + size, v->as_double());
    return std::string_view(buf, static_cast<size_t>(r.ptr - buf));
  }
  std::string_view text() const { return v->as_text(); }
  size_t size() const { return v->kind() == ValueKind::kMap ? v->map_size() : v->items().size(); }
  ValueIn element(size_t i) const { return ValueIn{&v->items()[i]}; }
  ValueIn member(std::string_view name, size_t /*hint*/) const {
    return ValueIn{v->map_lookup(name)};
  }
  std::string_view key(size_t i) const {
    const Value& k = v->map_key(i);
    return k.kind() == ValueKind::kString ? k.as_text() : std::string_view();
  }
  ValueIn member_value(size_t i) const { return ValueIn{&v->map_value(i)}; }
};

// One step of the path to the value being bound, on the stack; printed only for an error.
struct PathStep {
  const PathStep* parent = nullptr;
  std::string_view field;
  size_t index = 0;
  bool is_index = false;
};

void append_path(const PathStep* step, std::string& out) {
  if (step == nullptr) return;
  append_path(step->parent, out);
  if (step->is_index) {
    out += "[" + std::to_string(step->index) + "]";
  } else {
    if (!out.empty()) out += ".";
    out += step->field;
  }
}

std::string_view kind_name(InKind kind) {
  switch (kind) {
    case InKind::kMissing:
      return "nothing (missing)";
    case InKind::kNull:
      return "null";
    case InKind::kBoolean:
      return "a boolean";
    case InKind::kNumber:
      return "a number";
    case InKind::kString:
      return "a string";
    case InKind::kArray:
      return "an array";
    case InKind::kObject:
      return "an object";
    case InKind::kOther:
      return "a value of another type";
  }
  return "?";
}

// An enum schema's symbol parameter prefix, or empty when the schema is no enum.
std::string_view enum_parameter(const Schema& s) {
  for (std::string_view p : {avro_data::kAvroTypeEnum, avro_data::kGeneralizedTypeEnum,
                             std::string_view("io.confluent.connect.json.Enum")}) {
    if (s.parameter(p) != nullptr) return p;
  }
  return {};
}

bool has_enum_symbol(const Schema& s, std::string_view prefix, std::string_view symbol) {
  for (const auto& [key, value] : s.parameters) {
    if (key.size() == prefix.size() + 1 + symbol.size() && key.starts_with(prefix) &&
        key[prefix.size()] == '.' && std::string_view(key).substr(prefix.size() + 1) == symbol) {
      return true;
    }
  }
  return false;
}

// Whether a value of `kind` may bind to `s` at all: a cheap test that spares a union the error
// message (a heap string) of each member that cannot take the value.
bool kind_fits(const Schema& s, InKind kind, bool integral) {
  const bool logical_text = s.is_logical(kDecimalLogicalName) || s.is_logical(kDateLogicalName) ||
                            s.is_logical(kTimeLogicalName) || s.is_logical(kTimestampLogicalName);
  if (logical_text && kind == InKind::kString) return true;
  switch (s.type) {
    case SchemaType::kBoolean:
      return kind == InKind::kBoolean;
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
    case SchemaType::kInt64:
      return kind == InKind::kNumber && integral;
    case SchemaType::kFloat32:
    case SchemaType::kFloat64:
      return kind == InKind::kNumber;
    case SchemaType::kString:
      return kind == InKind::kString;
    case SchemaType::kBytes:
      return kind == InKind::kString || (kind == InKind::kNumber && logical_text);
    case SchemaType::kArray:
      return kind == InKind::kArray;
    case SchemaType::kMap:
      return kind == InKind::kObject;
    case SchemaType::kStruct:
      return kind == InKind::kObject || avro_data::is_union_schema(s) || is_json_schema_union(s);
  }
  return false;
}

template <typename In>
class Binder {
 public:
  explicit Binder(Arena& arena) : arena_(arena) {}

  Status bind(const Schema& s, In in, const PathStep* path, Value* out) {
    const InKind kind = in.kind();
    if (kind == InKind::kMissing || kind == InKind::kNull) return bind_null(s, kind, path, out);
    if (s.name) {
      bool handled = false;
      Status st = bind_logical(s, in, path, &handled, out);
      if (handled || !st.ok()) return st;
    }
    switch (s.type) {
      case SchemaType::kBoolean:
        if (kind != InKind::kBoolean) return mismatch(path, "true or false", in);
        *out = Value::boolean(in.boolean());
        return Status::ok_status();
      case SchemaType::kInt8:
        return bind_int(in, path, -128, 127, "INT8", out);
      case SchemaType::kInt16:
        return bind_int(in, path, -32768, 32767, "INT16", out);
      case SchemaType::kInt32:
        return bind_int(in, path, std::numeric_limits<int32_t>::min(),
                        std::numeric_limits<int32_t>::max(), "INT32", out);
      case SchemaType::kInt64:
        return bind_int(in, path, std::numeric_limits<int64_t>::min(),
                        std::numeric_limits<int64_t>::max(), "INT64", out);
      case SchemaType::kFloat32:
      case SchemaType::kFloat64:
        return bind_float(s, in, path, out);
      case SchemaType::kString:
        return bind_string(s, in, path, out);
      case SchemaType::kBytes:
        return bind_bytes(in, path, out);
      case SchemaType::kArray:
        return bind_array(s, in, path, out);
      case SchemaType::kMap:
        return bind_map(s, in, path, out);
      case SchemaType::kStruct:
        return bind_struct(s, in, path, out);
    }
    return Status::data_error("unknown schema type");
  }

 private:
  Status error(const PathStep* path, std::string_view what) const {
    std::string where;
    append_path(path, where);
    return Status::data_error("Value does not fit the schema of sluice.value.schema.* at field '" +
                              (where.empty() ? std::string("(the value)") : where) +
                              "': " + std::string(what));
  }
  Status mismatch(const PathStep* path, std::string_view expected, const In& in) const {
    std::string got(kind_name(in.kind()));
    if (in.kind() == InKind::kNumber) {
      char buf[64];
      got += " (" + std::string(in.number_text(buf, sizeof(buf))) + ")";
    }
    return error(path, "expected " + std::string(expected) + ", got " + got);
  }

  Status bind_null(const Schema& s, InKind kind, const PathStep* path, Value* out) const {
    const bool missing = kind == InKind::kMissing;
    if (s.default_value && (missing || !s.optional)) {
      *out = s.default_value->value();
      return Status::ok_status();
    }
    if (s.optional) {
      *out = Value::null();
      return Status::ok_status();
    }
    return error(path, missing ? "missing, and the field is required (no default)"
                               : "null, and the field is required (no default)");
  }

  Status bind_int(const In& in, const PathStep* path, int64_t min, int64_t max,
                  std::string_view type, Value* out) const {
    if (in.kind() != InKind::kNumber || !in.integral()) {
      return mismatch(path, "an integer (" + std::string(type) + ")", in);
    }
    std::optional<int64_t> v = in.int64();
    if (!v || *v < min || *v > max) {
      return mismatch(path, "an integer that fits " + std::string(type), in);
    }
    *out = Value::integer(*v);
    return Status::ok_status();
  }

  Status bind_float(const Schema& s, const In& in, const PathStep* path, Value* out) const {
    if (in.kind() != InKind::kNumber) return mismatch(path, "a number", in);
    const double d = in.real();
    if (s.type == SchemaType::kFloat64) {
      *out = Value::float64(d);
      return Status::ok_status();
    }
    if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max()) {
      return mismatch(path, "a number that fits FLOAT32", in);
    }
    *out = Value::float32(static_cast<float>(d));
    return Status::ok_status();
  }

  Status bind_string(const Schema& s, const In& in, const PathStep* path, Value* out) const {
    if (in.kind() != InKind::kString) return mismatch(path, "a string", in);
    std::string_view prefix = enum_parameter(s);
    if (!prefix.empty() && !has_enum_symbol(s, prefix, in.text())) {
      return error(path, "'" + std::string(in.text()) + "' is not a symbol of enum " +
                             (s.name ? *s.name : std::string("(unnamed)")));
    }
    *out = Value::string(in.text());
    return Status::ok_status();
  }

  Status bind_bytes(const In& in, const PathStep* path, Value* out) const {
    if (in.kind() != InKind::kString) return mismatch(path, "base64 text", in);
    std::string_view bytes;
    std::string problem;
    if (!jackson_base64_decode(in.text(), arena_, &bytes, &problem)) {
      return error(path, "expected base64 text: " + problem);
    }
    *out = Value::bytes(bytes);
    return Status::ok_status();
  }

  Status bind_logical(const Schema& s, const In& in, const PathStep* path, bool* handled,
                      Value* out) const;
  Status bind_decimal(const Schema& s, const In& in, const PathStep* path, Value* out) const;

  Status bind_array(const Schema& s, const In& in, const PathStep* path, Value* out) {
    if (in.kind() != InKind::kArray) return mismatch(path, "an array", in);
    std::span<Value> items = arena_.allocate_array<Value>(in.size());
    for (size_t i = 0; i < items.size(); ++i) {
      PathStep step{path, {}, i, true};
      Status st = bind(*s.value_schema, in.element(i), &step, &items[i]);
      if (!st.ok()) return st;
    }
    *out = Value::array(items);
    return Status::ok_status();
  }

  Status bind_map(const Schema& s, const In& in, const PathStep* path, Value* out) {
    if (in.kind() != InKind::kObject) return mismatch(path, "an object", in);
    if (s.key_schema->type != SchemaType::kString) {
      return error(path,
                   "maps are bound from JSON objects, whose keys are strings; this map's "
                   "keys are " +
                       std::string(java_type_name(s.key_schema->type)));
    }
    std::span<Value> entries = arena_.allocate_array<Value>(2 * in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      entries[2 * i] = Value::string(in.key(i));
      PathStep step{path, in.key(i), 0, false};
      Status st = bind(*s.value_schema, in.member_value(i), &step, &entries[2 * i + 1]);
      if (!st.ok()) return st;
    }
    *out = Value::map(entries);
    return Status::ok_status();
  }

  Status bind_struct(const Schema& s, const In& in, const PathStep* path, Value* out) {
    if (avro_data::is_union_schema(s) || is_json_schema_union(s))
      return bind_union(s, in, path, out);
    if (in.kind() != InKind::kObject) return mismatch(path, "an object", in);
    std::span<Value> fields = arena_.allocate_array<Value>(s.fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
      const Field& f = s.fields[i];
      PathStep step{path, f.name, 0, false};
      Status st = bind(*f.schema, in.member(f.name, i), &step, &fields[i]);
      if (!st.ok()) return st;
    }
    *out = Value::structure(&s, fields);
    return Status::ok_status();
  }

  // The first member whose schema takes the value (a rejected attempt leaves its values in the
  // Arena, released with the batch).
  Status bind_union(const Schema& s, const In& in, const PathStep* path, Value* out) {
    const InKind kind = in.kind();
    const bool integral = kind == InKind::kNumber && in.integral();
    for (size_t i = 0; i < s.fields.size(); ++i) {
      if (!kind_fits(*s.fields[i].schema, kind, integral)) continue;
      Value member;
      PathStep step{path, s.fields[i].name, 0, false};
      if (!bind(*s.fields[i].schema, in, &step, &member).ok() || member.is_null()) continue;
      std::span<Value> fields = arena_.allocate_array<Value>(s.fields.size());
      fields[i] = member;
      *out = Value::structure(&s, fields);
      return Status::ok_status();
    }
    return mismatch(path, "a value of one of the union's member types", in);
  }

  Arena& arena_;
};

template <typename In>
Status Binder<In>::bind_logical(const Schema& s, const In& in, const PathStep* path, bool* handled,
                                Value* out) const {
  *handled = true;
  const InKind kind = in.kind();
  if (s.is_logical(kDecimalLogicalName)) return bind_decimal(s, in, path, out);
  if (s.is_logical(kDateLogicalName)) {
    if (kind == InKind::kString) {
      std::optional<int32_t> days = parse_iso_date(in.text());
      if (!days)
        return error(path, "expected a date (YYYY-MM-DD), got '" + std::string(in.text()) + "'");
      *out = Value::integer(*days);
      return Status::ok_status();
    }
    return bind_int(in, path, std::numeric_limits<int32_t>::min(),
                    std::numeric_limits<int32_t>::max(), "a Date (days since 1970-01-01)", out);
  }
  if (s.is_logical(kTimeLogicalName)) {
    if (kind == InKind::kString) {
      std::optional<int32_t> millis = parse_iso_time_millis(in.text());
      if (!millis)
        return error(path,
                     "expected a time (HH:MM[:SS[.fff]]), got '" + std::string(in.text()) + "'");
      *out = Value::integer(*millis);
      return Status::ok_status();
    }
    return bind_int(in, path, 0, 86'399'999, "a Time (milliseconds of the day)", out);
  }
  if (s.is_logical(kTimestampLogicalName)) {
    if (kind == InKind::kString) {
      std::optional<int64_t> millis = parse_iso_timestamp_millis(in.text());
      if (!millis)
        return error(path, "expected an ISO-8601 timestamp, got '" + std::string(in.text()) + "'");
      *out = Value::integer(*millis);
      return Status::ok_status();
    }
    return bind_int(in, path, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max(),
                    "a Timestamp (milliseconds since 1970-01-01T00:00:00Z)", out);
  }
  *handled = false;
  return Status::ok_status();
}

template <typename In>
Status Binder<In>::bind_decimal(const Schema& s, const In& in, const PathStep* path,
                                Value* out) const {
  const std::string* scale_text = s.parameter(avro_data::kDecimalScaleParam);
  std::optional<int32_t> scale =
      scale_text ? parse_java_int(*scale_text) : std::optional<int32_t>(0);
  if (!scale || *scale < 0) return error(path, "the Decimal schema has no usable scale");
  char buf[64];
  std::string_view token;
  if (in.kind() == InKind::kNumber) {
    token = in.number_text(buf, sizeof(buf));
  } else if (in.kind() == InKind::kString) {
    token = in.text();
  } else {
    return mismatch(path, "a decimal number (a JSON number or a string)", in);
  }
  JsonNumber number;
  std::string problem;
  if (!JsonNumber::parse(token, &number, &problem)) {
    return error(path, "expected a decimal number, got '" + std::string(token) + "'");
  }
  // The digits as high (before the point) and low (after it), moved by the exponent.
  std::string_view int_digits = number.int_digits;
  std::string_view frac_digits = number.frac_digits;
  int64_t frac_count = static_cast<int64_t>(frac_digits.size()) - number.exponent;
  if (number.exponent != 0) {
    // Rare: the digits again in the Arena with the point moved, zero-padded on either side.
    const int64_t all = static_cast<int64_t>(int_digits.size() + frac_digits.size());
    const int64_t lead = frac_count > all ? frac_count - all : 0;
    const int64_t trail = frac_count < 0 ? -frac_count : 0;
    if (lead + trail > 100000) return error(path, "'" + std::string(token) + "' is out of range");
    const size_t size = static_cast<size_t>(lead + all + trail);
    char* p = static_cast<char*>(arena_.allocate(size, 1));
    std::fill(p, p + lead, '0');
    std::copy(int_digits.begin(), int_digits.end(), p + lead);
    std::copy(frac_digits.begin(), frac_digits.end(), p + lead + int_digits.size());
    std::fill(p + lead + all, p + size, '0');
    if (frac_count < 0) frac_count = 0;
    std::string_view digits(p, size);
    int_digits = digits.substr(0, size - static_cast<size_t>(frac_count));
    frac_digits = digits.substr(size - static_cast<size_t>(frac_count));
  }
  // Extra fraction digits are allowed only when they are zeros (no rounding).
  while (static_cast<int64_t>(frac_digits.size()) > *scale && frac_digits.back() == '0') {
    frac_digits.remove_suffix(1);
  }
  if (static_cast<int64_t>(frac_digits.size()) > *scale) {
    return error(path, "'" + std::string(token) + "' has more than " + std::to_string(*scale) +
                           " fraction digits (the Decimal's scale); sluice does not round");
  }
  std::string_view low = frac_digits;
  if (static_cast<int64_t>(frac_digits.size()) < *scale) {
    char* p = static_cast<char*>(arena_.allocate(static_cast<size_t>(*scale), 1));
    std::copy(frac_digits.begin(), frac_digits.end(), p);
    std::fill(p + frac_digits.size(), p + *scale, '0');
    low = std::string_view(p, static_cast<size_t>(*scale));
  }
  *out =
      Value::decimal(digits_to_twos_complement(number.negative, int_digits, low, arena_), *scale);
  return Status::ok_status();
}

}  // namespace

SchemalessValueBinder::SchemalessValueBinder(SchemaPtr schema) : schema_(std::move(schema)) {}

Status SchemalessValueBinder::bind(const Schema* value_schema, const Value& value, Arena& arena,
                                   Value* out) {
  if (value.is_null()) {
    *out = value;
    return Status::ok_status();
  }
  const bool text = value.kind() == ValueKind::kString || value.kind() == ValueKind::kBytes;
  if (value_schema != nullptr &&
      (value_schema->name || !text ||
       (value_schema->type != SchemaType::kString && value_schema->type != SchemaType::kBytes))) {
    return Status::data_error(
        "sluice.value.schema.* binds schemaless values only, but the value converter gave "
        "this value the schema " +
        java_schema_string(*value_schema));
  }
  if (!text) return Binder<ValueIn>(arena).bind(*schema_, ValueIn{&value}, nullptr, out);
  reader_.start_document();
  const JsonNode* root = nullptr;
  Status st = reader_.read(value.as_text(), arena, &root);
  if (!st.ok()) {
    return Status::data_error("sluice.value.schema.* needs JSON text values: " + st.message());
  }
  if (root == nullptr) {
    return Status::data_error("sluice.value.schema.* needs JSON text values, got an empty value");
  }
  return Binder<JsonIn>(arena).bind(*schema_, JsonIn{root}, nullptr, out);
}

}  // namespace sluice::connect
