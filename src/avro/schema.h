// Schema: an Avro schema as Avro's Java library models it (org.apache.avro.Schema, 1.11.x).
//
// A schema is a graph of immutable nodes: primitive types, record (with fields), enum, array,
// map, union and fixed. Named types (record, enum, fixed) are defined once; later uses of the
// name point at the same node, so recursive types ("Node" with a ["null","Node"] field) are
// cycles in the graph. Besides what the Avro specification defines, every node and field keeps
// its extra JSON properties in insertion order with their JSON values (Confluent's
// connect.name, connect.version, connect.parameters, connect.default, connect.doc, connect.type;
// logicalType, precision and scale are properties too, exactly as in Java), because Java's
// Schema.toString() writes them back in that order into every container file's avro.schema.
//
// Logical types are annotations derived from those properties the way Java's
// LogicalTypes.fromSchemaIgnoreInvalid does: an unknown or invalid one (timestamp-millis on an
// int, decimal whose scale exceeds its precision) leaves logical_type() at kNone and the
// properties untouched.
//
// Ownership: all nodes of a schema live in one shared store; a SchemaPtr (shared_ptr<const
// Schema>) to any node keeps every node reachable from it alive. References between nodes
// (`items()`, `fields()[i].schema()`, union branches) are plain references valid as long as some
// SchemaPtr to the graph lives. Schemas are built by SchemaBuilder or SchemaParser and are never
// modified afterwards, so they may be shared and read by any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "avro/json_value.h"

namespace sluice::avro {

enum class Type : uint8_t {
  kNull,
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kBytes,
  kString,
  kRecord,
  kEnum,
  kArray,
  kMap,
  kUnion,
  kFixed,
};

// "null", "boolean", ..., "record", "enum", "array", "map", "union", "fixed".
std::string_view type_name(Type type);
// The primitive type called `name` ("int", ...), or nullopt.
std::optional<Type> primitive_type_from_name(std::string_view name);
inline bool is_primitive(Type type) {
  return type <= Type::kString;
}
inline bool is_named(Type type) {
  return type == Type::kRecord || type == Type::kEnum || type == Type::kFixed;
}

// The logical types of the Avro specification (1.12). Java 1.11 does not know timestamp-nanos,
// local-timestamp-nanos and duration; we annotate them anyway (annotations never change output).
enum class LogicalType : uint8_t {
  kNone,
  kDecimal,     // bytes or fixed, with precision and scale
  kBigDecimal,  // bytes
  kUuid,        // string or fixed(16)
  kDate,        // int
  kTimeMillis,  // int
  kTimeMicros,  // long
  kTimestampMillis,
  kTimestampMicros,
  kTimestampNanos,
  kLocalTimestampMillis,
  kLocalTimestampMicros,
  kLocalTimestampNanos,
  kDuration,  // fixed(12)
};

// The logicalType property value for `type` ("decimal", ...); "" for kNone.
std::string_view logical_type_name(LogicalType type);

enum class FieldOrder : uint8_t { kAscending, kDescending, kIgnore };
// "ascending", "descending", "ignore".
std::string_view field_order_name(FieldOrder order);

// One extra JSON property of a schema or field.
struct Property {
  std::string name;
  JsonValue value;
};
using Properties = std::vector<Property>;
// The value of the property called `name`, or nullptr.
const JsonValue* find_property(const Properties& props, std::string_view name);

class Schema;
class SchemaBuilder;
using SchemaPtr = std::shared_ptr<const Schema>;

namespace detail {
class SchemaStore;
}

// A field of a record schema. Owned by its record; see Schema for lifetime and threads.
class Field {
 public:
  const std::string& name() const { return name_; }
  const Schema& schema() const { return *schema_; }
  // Zero-based position in the record.
  size_t position() const { return position_; }
  const std::optional<std::string>& doc() const { return doc_; }
  const std::optional<JsonValue>& default_value() const { return default_value_; }
  FieldOrder order() const { return order_; }
  // In order, without repeats, as written.
  const std::vector<std::string>& aliases() const { return aliases_; }
  const Properties& props() const { return props_; }
  const JsonValue* prop(std::string_view name) const { return find_property(props_, name); }

 private:
  friend class SchemaBuilder;
  Field() = default;

  std::string name_;
  const Schema* schema_ = nullptr;
  size_t position_ = 0;
  std::optional<std::string> doc_;
  std::optional<JsonValue> default_value_;
  FieldOrder order_ = FieldOrder::kAscending;
  std::vector<std::string> aliases_;
  Properties props_;
};

// One node of a schema graph (see the file comment). Accessors for another type's parts
// REQUIRE the matching type() and assert it.
class Schema {
 public:
  // Only SchemaBuilder and the store create nodes.
  class ConstructionTag {
    ConstructionTag() = default;
    friend class SchemaBuilder;
    friend class detail::SchemaStore;
  };
  Schema(ConstructionTag, Type type, const detail::SchemaStore* store);
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  Type type() const { return type_; }
  bool is_named() const { return avro::is_named(type_); }

  // A handle that keeps this node and everything reachable from it alive.
  SchemaPtr share() const;

  // Extra properties in insertion order (unions have none).
  const Properties& props() const { return props_; }
  const JsonValue* prop(std::string_view name) const { return find_property(props_, name); }

  LogicalType logical_type() const { return logical_type_; }
  // REQUIRES: logical_type() == kDecimal.
  int32_t decimal_precision() const;
  int32_t decimal_scale() const;

  // Named types: the unqualified name, the namespace ("" when none) and "namespace.name".
  // Other types: name() and full_name() are type_name() (Java's getName/getFullName), space() "".
  const std::string& name() const { return name_; }
  const std::string& space() const { return space_; }
  const std::string& full_name() const { return full_name_; }
  // Named types only (others have none).
  const std::optional<std::string>& doc() const { return doc_; }
  // Named types: alias full names, in order, without repeats.
  const std::vector<std::string>& aliases() const { return aliases_; }

  // Records (type "record" or "error").
  bool is_error() const;
  // False only while a SchemaBuilder has declared the record and not yet set its fields.
  bool has_fields() const { return fields_set_; }
  const std::vector<Field>& fields() const;
  // The field called `name`, or nullptr.
  const Field* field(std::string_view name) const;

  // Enums.
  const std::vector<std::string>& symbols() const;
  const std::optional<std::string>& enum_default() const;
  // Zero-based index of `symbol`, or -1.
  int symbol_index(std::string_view symbol) const;

  // Arrays and maps.
  const Schema& items() const;
  const Schema& values() const;

  // Unions.
  const std::vector<const Schema*>& branches() const;
  // Index of the branch whose full_name() is `full_name` (Java's getIndexNamed), or -1.
  int branch_index(std::string_view full_name) const;

  // Fixed.
  int32_t fixed_size() const;

  // The schema as Java's Schema.toString() writes it (see schema_writer.h).
  std::string to_json() const;

 private:
  friend class SchemaBuilder;

  Type type_;
  LogicalType logical_type_ = LogicalType::kNone;
  bool is_error_ = false;
  bool fields_set_ = false;
  int32_t decimal_precision_ = 0;
  int32_t decimal_scale_ = 0;
  int32_t fixed_size_ = 0;
  const detail::SchemaStore* store_;  // nullptr for the static plain primitives
  const Schema* child_ = nullptr;     // array items or map values
  std::string name_;
  std::string space_;
  std::string full_name_;
  std::optional<std::string> doc_;
  std::vector<std::string> aliases_;
  Properties props_;
  std::vector<Field> fields_;
  std::unordered_map<std::string_view, uint32_t> field_index_;  // views into fields_[i].name_
  std::vector<std::string> symbols_;
  std::optional<std::string> enum_default_;
  std::vector<const Schema*> branches_;
};

}  // namespace sluice::avro
