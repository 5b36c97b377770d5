// Connect schemas: the type information a converter attaches to a key, value or header.
//
// Mirrors Kafka Connect's Schema (type, optional flag, default, name, version, doc, parameters and
// children). Schemas are immutable once built and shared (std::shared_ptr<const Schema>) between
// the converter cache that creates them and every record that refers to them, so a record costs no
// allocation for its schema.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::connect {

enum class SchemaType : uint8_t {
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kFloat32,
  kFloat64,
  kBoolean,
  kString,
  kBytes,
  kArray,
  kMap,
  kStruct,
};

// The lower-case name Connect's JSON schema grammar uses ("int32", "float", "struct", ...).
std::string_view schema_type_name(SchemaType type);
bool is_primitive(SchemaType type);
// The place of a numeric type on Connect's widening chain INT8 -> INT16 -> INT32 -> INT64 ->
// FLOAT32 -> FLOAT64 (0 to 5), or -1 for any other type.
int numeric_widening_rank(SchemaType type);

class Schema;
using SchemaPtr = std::shared_ptr<const Schema>;

struct Field {
  std::string name;
  int index = 0;
  SchemaPtr schema;
};

// Logical type names (Connect's org.apache.kafka.connect.data.*).
inline constexpr std::string_view kDecimalLogicalName = "org.apache.kafka.connect.data.Decimal";
inline constexpr std::string_view kDateLogicalName = "org.apache.kafka.connect.data.Date";
inline constexpr std::string_view kTimeLogicalName = "org.apache.kafka.connect.data.Time";
inline constexpr std::string_view kTimestampLogicalName = "org.apache.kafka.connect.data.Timestamp";

class OwnedValue;  // value.h

class Schema {
 public:
  SchemaType type = SchemaType::kString;
  bool optional = false;
  std::optional<std::string> name;
  std::optional<int32_t> version;
  std::optional<std::string> doc;
  // Ordered, as Connect keeps parameters in insertion order.
  std::vector<std::pair<std::string, std::string>> parameters;
  std::shared_ptr<const OwnedValue> default_value;
  std::vector<Field> fields;  // kStruct
  SchemaPtr key_schema;       // kMap
  SchemaPtr value_schema;     // kArray (elements) and kMap (values)

  const Field* field(std::string_view field_name) const;
  const std::string* parameter(std::string_view key) const;
  bool is_logical(std::string_view logical_name) const { return name && *name == logical_name; }

  // The optional primitive schemas the built-in converters return (shared singletons).
  static const SchemaPtr& optional_string();
  static const SchemaPtr& optional_bytes();
};

// Connect schema equality: type, optional, default, name, version, doc, parameters and children.
bool schemas_equal(const Schema* a, const Schema* b);

}  // namespace sluice::connect
