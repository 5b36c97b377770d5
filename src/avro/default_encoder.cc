#include "avro/default_encoder.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "avro/encoder.h"

namespace sluice::avro {

namespace {

constexpr int kMaxDefaultDepth = 1000;

std::string show(const JsonValue& value) {
  std::string out;
  append_jackson_json(out, value);
  return out;
}

// Java's (long) cast of a double: NaN is 0, out-of-range values saturate.
int64_t java_double_to_long(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (d <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

// Java's (int) cast of a double.
int32_t java_double_to_int(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 2147483647.0) return std::numeric_limits<int32_t>::max();
  if (d <= -2147483648.0) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(d);
}

// BigInteger.longValue(): the low 64 bits of the two's complement value.
int64_t big_integer_low_bits(const std::string& digits) {
  uint64_t magnitude = 0;
  bool negative = false;
  for (char c : digits) {
    if (c == '-') {
      negative = true;
    } else if (c >= '0' && c <= '9') {
      magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');  // wraps modulo 2^64
    }
  }
  return static_cast<int64_t>(negative ? ~magnitude + 1 : magnitude);
}

// JsonNode.longValue(), intValue() and doubleValue() of a number node.
int64_t long_value(const JsonValue& n) {
  switch (n.kind()) {
    case JsonValue::Kind::kInt:
      return n.as_int();
    case JsonValue::Kind::kBigInt:
      return big_integer_low_bits(n.as_string());
    default:
      return java_double_to_long(n.as_double());
  }
}

int32_t int_value(const JsonValue& n) {
  if (n.kind() == JsonValue::Kind::kDouble) return java_double_to_int(n.as_double());
  return static_cast<int32_t>(long_value(n));  // IntNode/LongNode/BigInteger: the low 32 bits
}

double double_value(const JsonValue& n) {
  switch (n.kind()) {
    case JsonValue::Kind::kInt:
      return static_cast<double>(n.as_int());
    case JsonValue::Kind::kBigInt:
      return std::strtod(n.as_string().c_str(), nullptr);
    default:
      return n.as_double();
  }
}

// String.getBytes(ISO_8859_1) of UTF-8 text: one byte per code point, '?' above U+00FF.
std::string latin1_bytes(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (i + length > utf8.size()) length = utf8.size() - i;
    uint32_t code = lead;
    if (length == 2)
      code = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F);
    // Characters outside the BMP are two UTF-16 units in Java, each replaced.
    if (length == 4) out.push_back('?');
    out.push_back(length <= 2 && code <= 0xFF ? static_cast<char>(code) : '?');
    i += length;
  }
  return out;
}

Status non_kind(std::string_view what, std::string_view type, const JsonValue& value) {
  return Status::data_error("Non-" + std::string(what) + " default value for " + std::string(type) +
                            ": " + show(value));
}

Status encode(const JsonValue& n, const Schema& s, Encoder& e, int depth);

Status encode_record(const JsonValue& n, const Schema& s, Encoder& e, int depth) {
  for (const Field& f : s.fields()) {
    const JsonValue* v = n.find(f.name());
    if (v == nullptr && f.default_value()) v = &*f.default_value();
    if (v == nullptr) return Status::data_error("No default value for: " + f.name());
    SLUICE_RETURN_IF_ERROR(encode(*v, f.schema(), e, depth + 1));
  }
  return Status::ok_status();
}

Status encode_collection(const JsonValue& n, const Schema& s, Encoder& e, int depth) {
  if (s.type() == Type::kArray) {
    static const JsonArray kNone;
    const JsonArray& items = n.is_array() ? n.as_array() : kNone;
    e.write_array_start(items.size());
    for (const JsonValue& item : items)
      SLUICE_RETURN_IF_ERROR(encode(item, s.items(), e, depth + 1));
    e.write_array_end();
    return Status::ok_status();
  }
  static const JsonObject kNone;
  const JsonObject& members = n.is_object() ? n.as_object() : kNone;
  e.write_map_start(members.size());
  for (const auto& [key, value] : members) {
    e.write_string(key);
    SLUICE_RETURN_IF_ERROR(encode(value, s.values(), e, depth + 1));
  }
  e.write_map_end();
  return Status::ok_status();
}

Status encode_scalar(const JsonValue& n, const Schema& s, Encoder& e) {
  switch (s.type()) {
    case Type::kNull:
      if (!n.is_null()) return non_kind("null", "null type", n);
      return Status::ok_status();
    case Type::kBoolean:
      if (!n.is_bool()) return Status::data_error("Non-boolean default for boolean: " + show(n));
      e.write_boolean(n.as_bool());
      return Status::ok_status();
    case Type::kInt:
      if (!n.is_number()) return non_kind("numeric", "int", n);
      e.write_int(int_value(n));
      return Status::ok_status();
    case Type::kLong:
      if (!n.is_number()) return non_kind("numeric", "long", n);
      e.write_long(long_value(n));
      return Status::ok_status();
    case Type::kFloat:
      if (!n.is_number()) return non_kind("numeric", "float", n);
      e.write_float(static_cast<float>(double_value(n)));
      return Status::ok_status();
    case Type::kDouble:
      if (!n.is_number()) return non_kind("numeric", "double", n);
      e.write_double(double_value(n));
      return Status::ok_status();
    case Type::kString:
      if (!n.is_string()) return non_kind("string", "string", n);
      e.write_string(n.as_string());
      return Status::ok_status();
    case Type::kBytes:
      if (!n.is_string()) return non_kind("string", "bytes", n);
      e.write_bytes(latin1_bytes(n.as_string()));
      return Status::ok_status();
    case Type::kFixed: {
      if (!n.is_string()) return non_kind("string", "fixed", n);
      std::string bytes = latin1_bytes(n.as_string());
      bytes.resize(static_cast<size_t>(s.fixed_size()), '\0');  // Arrays.copyOf
      e.write_fixed(bytes);
      return Status::ok_status();
    }
    default:
      return Status::data_error("cannot encode a default for " + std::string(type_name(s.type())));
  }
}

Status encode(const JsonValue& n, const Schema& s, Encoder& e, int depth) {
  if (depth > kMaxDefaultDepth) return Status::data_error("default value nests too deeply");
  switch (s.type()) {
    case Type::kRecord:
      return encode_record(n, s, e, depth);
    case Type::kEnum: {
      const int index = n.is_string() ? s.symbol_index(n.as_string()) : -1;
      if (index < 0) {
        return Status::data_error("Default value " + show(n) + " is not a symbol of enum " +
                                  s.full_name());
      }
      e.write_enum(index);
      return Status::ok_status();
    }
    case Type::kArray:
    case Type::kMap:
      return encode_collection(n, s, e, depth);
    case Type::kUnion:
      e.write_union_index(0);
      return encode(n, *s.branches().front(), e, depth + 1);
    default:
      return encode_scalar(n, s, e);
  }
}

}  // namespace

Status encode_default(const JsonValue& value, const Schema& schema, std::string& out) {
  Encoder e(out);
  return encode(value, schema, e, 0);
}

}  // namespace sluice::avro
