#include "format/java_hash_code.h"

#include <bit>
#include <cmath>
#include <cstring>

#include "format/java_big_decimal.h"
#include "format/java_type_names.h"
#include "format/logical_types.h"
#include "util/utf8.h"

namespace sluice::format {
namespace {

using connect::Schema;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

int32_t date_hash_code(int64_t millis) {
  // java.util.Date.hashCode: (int) ht ^ (int) (ht >> 32)
  return static_cast<int32_t>(static_cast<uint32_t>(millis) ^
                              static_cast<uint32_t>(static_cast<uint64_t>(millis >> 32)));
}

int64_t canonical_double_bits(double v) {
  return std::isnan(v) ? 0x7ff8000000000000LL : std::bit_cast<int64_t>(v);
}

int32_t canonical_float_bits(float v) {
  return std::isnan(v) ? 0x7fc00000 : std::bit_cast<int32_t>(v);
}

template <typename T>
int sign_of_compare(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

const Schema* child(const connect::SchemaPtr& p) {
  return p.get();
}

}  // namespace

int32_t java_string_hash_code(std::string_view utf8) {
  uint32_t h = 0;
  auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  auto* end = p + utf8.size();
  while (p < end) {
    if (*p < 0x80) {
      h = 31 * h + *p++;
      continue;
    }
    char32_t cp;
    p += util::decode_utf8(p, end, cp);
    if (cp >= 0x10000) {
      h = 31 * h + util::high_surrogate(cp);
      h = 31 * h + util::low_surrogate(cp);
    } else {
      h = 31 * h + static_cast<uint32_t>(cp);
    }
  }
  return static_cast<int32_t>(h);
}

int java_string_compare(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return sign_of_compare(a.size(), b.size());
  // Back up to the start of the code points that differ, then compare their first UTF-16 units:
  // that order differs from byte order only between U+E000..U+FFFF and supplementary characters.
  while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
  auto* pa = reinterpret_cast<const unsigned char*>(a.data()) + i;
  auto* pb = reinterpret_cast<const unsigned char*>(b.data()) + i;
  char32_t ca, cb;
  util::decode_utf8(pa, reinterpret_cast<const unsigned char*>(a.data()) + a.size(), ca);
  util::decode_utf8(pb, reinterpret_cast<const unsigned char*>(b.data()) + b.size(), cb);
  char16_t ua = ca >= 0x10000 ? util::high_surrogate(ca) : static_cast<char16_t>(ca);
  char16_t ub = cb >= 0x10000 ? util::high_surrogate(cb) : static_cast<char16_t>(cb);
  if (ua != ub) return sign_of_compare(ua, ub);
  char16_t la = ca >= 0x10000 ? util::low_surrogate(ca) : 0;
  char16_t lb = cb >= 0x10000 ? util::low_surrogate(cb) : 0;
  return sign_of_compare(la, lb);
}

int32_t java_long_hash_code(int64_t value) {
  auto u = static_cast<uint64_t>(value);
  return static_cast<int32_t>(static_cast<uint32_t>(u ^ (u >> 32)));
}

int32_t java_double_hash_code(double value) {
  return java_long_hash_code(canonical_double_bits(value));
}

int32_t java_float_hash_code(float value) {
  return canonical_float_bits(value);
}

int32_t java_hash_code(const Schema* schema, const Value& v) {
  if (v.is_null()) return 0;
  LogicalType logical = logical_type(schema);
  if (is_decimal_value(schema, v)) {
    auto scale = decimal_value_scale(schema, v);
    return java_big_decimal_hash_code(v.as_text(), scale.ok() ? *scale : 0);
  }
  if (logical != LogicalType::kNone && logical != LogicalType::kDecimal &&
      v.kind() == ValueKind::kInt) {
    return date_hash_code(logical_epoch_millis(logical, v.as_int()));
  }
  switch (connect_schema_type(schema, v)) {
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
      return static_cast<int32_t>(v.as_int());
    case SchemaType::kInt64:
      return java_long_hash_code(v.as_int());
    case SchemaType::kFloat32:
      return java_float_hash_code(static_cast<float>(v.as_double()));
    case SchemaType::kFloat64:
      return java_double_hash_code(v.as_double());
    case SchemaType::kBoolean:
      return v.as_bool() ? 1231 : 1237;
    case SchemaType::kString:
      return java_string_hash_code(v.as_text());
    case SchemaType::kBytes: {
      // Arrays.hashCode(byte[]) as a stand-in for the identity hash Java would use.
      uint32_t h = 1;
      for (char c : v.as_text()) h = 31 * h + static_cast<uint32_t>(static_cast<signed char>(c));
      return static_cast<int32_t>(h);
    }
    case SchemaType::kArray: {
      const Schema* element = schema ? child(schema->value_schema) : nullptr;
      uint32_t h = 1;
      for (const Value& item : v.items()) {
        h = 31 * h + static_cast<uint32_t>(java_hash_code(element, item));
      }
      return static_cast<int32_t>(h);
    }
    case SchemaType::kMap: {
      const Schema* key_schema = schema ? child(schema->key_schema) : nullptr;
      const Schema* value_schema = schema ? child(schema->value_schema) : nullptr;
      uint32_t h = 0;
      for (size_t i = 0; i < v.map_size(); ++i) {
        h += static_cast<uint32_t>(java_hash_code(key_schema, v.map_key(i)) ^
                                   java_hash_code(value_schema, v.map_value(i)));
      }
      return static_cast<int32_t>(h);
    }
    case SchemaType::kStruct: {
      const Schema* s = v.struct_schema() ? v.struct_schema() : schema;
      uint32_t h = 1;
      auto items = v.items();
      for (size_t i = 0; i < items.size(); ++i) {
        const Schema* field = s && i < s->fields.size() ? child(s->fields[i].schema) : nullptr;
        h = 31 * h + static_cast<uint32_t>(java_hash_code(field, items[i]));
      }
      return static_cast<int32_t>(h);
    }
  }
  return 0;
}

bool java_equals(const Schema* schema, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case ValueKind::kFloat64:
      return canonical_double_bits(a.as_double()) == canonical_double_bits(b.as_double());
    case ValueKind::kFloat32:
      return canonical_float_bits(static_cast<float>(a.as_double())) ==
             canonical_float_bits(static_cast<float>(b.as_double()));
    case ValueKind::kInt:
      return a.as_int() == b.as_int();
    case ValueKind::kBoolean:
      return a.as_bool() == b.as_bool();
    case ValueKind::kString:
    case ValueKind::kBytes:
      return a.as_text() == b.as_text();
    default:
      (void)schema;
      return connect::values_equal(a, b);
  }
}

int java_compare(const Schema* schema, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null() || a.kind() != b.kind()) return 0;
  if (logical_type(schema) == LogicalType::kDecimal) return 0;  // BigDecimal: not emulated
  switch (a.kind()) {
    case ValueKind::kString:
      return java_string_compare(a.as_text(), b.as_text());
    case ValueKind::kInt:
      return sign_of_compare(a.as_int(), b.as_int());
    case ValueKind::kBoolean:
      return sign_of_compare(a.as_bool(), b.as_bool());
    case ValueKind::kFloat32:
    case ValueKind::kFloat64: {
      // Double.compare: -0.0 < 0.0 and NaN above everything, i.e. the order of the canonical bits
      // mapped to a monotonic integer.
      auto key = [](double d) {
        int64_t bits = canonical_double_bits(d);
        return bits < 0 ? bits ^ 0x7fffffffffffffffLL : bits;
      };
      return sign_of_compare(key(a.as_double()), key(b.as_double()));
    }
    default:
      return 0;
  }
}

}  // namespace sluice::format
