// Java's hashCode(), equals() and compareTo() for the Java objects Connect values stand for.
//
// Used to replay java.util.HashMap iteration order (JavaHashMapOrder) for Connect maps. The Java
// class of a value follows its schema (INT32 -> Integer, Date logical -> java.util.Date, Decimal
// -> BigDecimal, ...), or for schemaless values what JsonConverter produces (Long, Double, String,
// Boolean, ArrayList, HashMap).
//
// Not reproducible in Java itself, and approximated here: byte[] keys (identity hash; we hash the
// contents like Arrays.hashCode) and Struct keys (ConnectSchema.hashCode includes an enum's
// identity hash; we combine the field hashes). Maps with such keys have no stable order in Java.
#pragma once

#include <cstdint>
#include <string_view>

#include "connect/schema.h"
#include "connect/value.h"
#include "format/java_hash_map_order.h"

namespace sluice::format {

// String.hashCode() of the UTF-16 form of a UTF-8 string.
int32_t java_string_hash_code(std::string_view utf8);
// Sign of String.compareTo() (UTF-16 code unit order) of two UTF-8 strings.
int java_string_compare(std::string_view a, std::string_view b);
int32_t java_long_hash_code(int64_t value);
int32_t java_double_hash_code(double value);
int32_t java_float_hash_code(float value);

// hashCode() of the Java object for `value` (schema may be null).
int32_t java_hash_code(const connect::Schema* schema, const connect::Value& value);
// equals() of two Java objects of the same schema.
bool java_equals(const connect::Schema* schema, const connect::Value& a, const connect::Value& b);
// Sign of compareTo() for Comparable classes (String, numbers, Boolean, Date); 0 otherwise.
int java_compare(const connect::Schema* schema, const connect::Value& a, const connect::Value& b);

// The keys of a Connect map value (kMap), for JavaHashMapOrder.
class ConnectMapKeys final : public JavaHashMapOrder::Keys {
 public:
  ConnectMapKeys(const connect::Schema* key_schema, const connect::Value& map)
      : key_schema_(key_schema), map_(map) {}
  int32_t hash_code(uint32_t i) const override {
    return java_hash_code(key_schema_, map_.map_key(i));
  }
  bool equals(uint32_t a, uint32_t b) const override {
    return java_equals(key_schema_, map_.map_key(a), map_.map_key(b));
  }
  int compare(uint32_t a, uint32_t b) const override {
    return java_compare(key_schema_, map_.map_key(a), map_.map_key(b));
  }

 private:
  const connect::Schema* key_schema_;
  const connect::Value& map_;
};

}  // namespace sluice::format
