// Shared plumbing of the field transforms (InsertField, ReplaceField, MaskField, Cast, ...): which
// side of a SinkRecord a "$Key" or "$Value" variant works on, Kafka's requireStruct/requireMap
// checks with their messages, the per-transform cache of derived schemas, and helpers that build
// structs and maps in the batch Arena.
//
// Apache Kafka's transforms share the same pieces (org.apache.kafka.connect.transforms.util:
// Requirements, SchemaUtil, and an LRUCache<Schema, Schema>(16) per transform instance); keeping
// them here means each transform file holds only its own behaviour.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "connect/schema.h"
#include "connect/sink_record.h"
#include "connect/value.h"
#include "transforms/java_map_order.h"
#include "transforms/transformation.h"
#include "util/lru_cache.h"
#include "util/status.h"

namespace sluice::transforms {

// The side of the record a transform variant operates on ("$Key" or "$Value").
enum class Operand : uint8_t { kKey, kValue };

inline const connect::SchemaPtr& operand_schema(const connect::SinkRecord& record, Operand side) {
  return side == Operand::kKey ? record.key_schema : record.value_schema;
}
inline const connect::Value& operand_value(const connect::SinkRecord& record, Operand side) {
  return side == Operand::kKey ? record.key : record.value;
}
inline void set_operand(connect::SinkRecord& record, Operand side, connect::SchemaPtr schema,
                        connect::Value value) {
  if (side == Operand::kKey) {
    record.key_schema = std::move(schema);
    record.key = value;
  } else {
    record.value_schema = std::move(schema);
    record.value = value;
  }
}

// The Java class of `value` as Class.getName() prints it ("java.lang.String",
// "org.apache.kafka.connect.data.Struct"), or "null": the "found: ..." part of Kafka's messages.
// `schema` (may be null) tells integer widths and logical types apart.
std::string_view java_class_of(const connect::Schema* schema, const connect::Value& value);

// Requirements.requireStruct: OK for a struct, else kDataError "Only Struct objects supported for
// [<purpose>], found: <class>".
Status require_struct(const connect::Schema* schema, const connect::Value& value,
                      std::string_view purpose);
// Requirements.requireMap: OK for a map, else kDataError "Only Map objects supported in absence of
// schema for [<purpose>], found: <class>".
Status require_map(const connect::Value& value, std::string_view purpose);

// Struct.get(field) when `replace_null_with_default` (a null field reads as the field schema's
// default), Struct.getWithoutDefault otherwise (KIP-1040's replace.null.with.default).
// REQUIRES: struct_value is a struct and `index` one of its fields.
connect::Value struct_get(const connect::Value& struct_value, size_t index,
                          bool replace_null_with_default);

// A copy of `value` whose strings, bytes and items all live in `arena` (for values that must
// outlive the memory they were read from, such as a default taken into a derived schema).
connect::Value deep_copy(const connect::Value& value, connect::Arena& arena);

// Struct.put's check (ConnectSchema.validateValue) for a null value: kDataError "Invalid value:
// null used for required field: "<name>", schema type: <TYPE>" when `schema` is required.
Status check_put(std::string_view field_name, const connect::Schema& schema,
                 const connect::Value& value);

// A new required struct schema carrying `from`'s name, version, doc and parameters
// (SchemaUtil.copySchemaBasics onto SchemaBuilder.struct()); fields are added with add_field.
std::shared_ptr<connect::Schema> struct_schema_like(const connect::Schema& from);
// A copy of `from` with every attribute (type, optional, default, name, version, doc, parameters
// and children), for transforms that change one attribute.
std::shared_ptr<connect::Schema> schema_copy(const connect::Schema& from);
// Appends a field to a struct schema being built.
void add_field(connect::Schema& schema, std::string name, connect::SchemaPtr field_schema);
// add_field, failing as SchemaBuilder.field does when the name is taken: kDataError "Cannot create
// field because of field name duplication <name>".
Status add_unique_field(connect::Schema& schema, std::string name, connect::SchemaPtr field_schema);

// Schemas derived from an input schema, kept per transform instance so the per-record path builds
// none: an LRU of 16 entries keyed by the input schema's address, as Kafka keeps an
// LRUCache<Schema, Schema>(16). Each entry holds the input SchemaPtr too, so the address used as
// the key cannot be reused by another schema while the entry exists. Owned by one transform; used
// by one task thread.
class DerivedSchemaCache {
 public:
  // The schema derived from `input`, computed by `derive(const Schema&)` on a miss. `derive`
  // returns a Result<SchemaPtr> (a failure is not cached).
  template <typename Derive>
  Result<connect::SchemaPtr> get(const connect::SchemaPtr& input, Derive&& derive) {
    if (const Entry* hit = entries_.get(input.get())) return hit->derived;
    Result<connect::SchemaPtr> derived = derive(*input);
    if (derived.ok()) entries_.put(input.get(), Entry{input, *derived});
    return derived;
  }

 private:
  struct Entry {
    connect::SchemaPtr input;
    connect::SchemaPtr derived;
  };
  LruCache<const connect::Schema*, Entry> entries_{16};
};

// Builds a struct value of a known schema in the Arena. Fields not set stay null.
class StructBuilder {
 public:
  // REQUIRES: `schema` outlives the records built (it is a cached or record-held schema).
  StructBuilder(const connect::Schema& schema, connect::Arena& arena)
      : schema_(&schema), items_(arena.allocate_array<connect::Value>(schema.fields.size())) {}
  void set(size_t index, connect::Value v) { items_[index] = v; }
  connect::Value build() const { return connect::Value::structure(schema_, items_); }

 private:
  const connect::Schema* schema_;
  std::span<connect::Value> items_;
};

// Builds a schemaless map (Java Map<String, Object>) in the Arena with HashMap.put semantics: a key
// already present keeps its place and takes the new value. Keys are compared as strings.
class MapBuilder {
 public:
  // REQUIRES: at most `capacity` distinct keys are put. `first_table_size` is the table size the
  // Java HashMap being mirrored allocates first: 16 for new HashMap<>(), else what its constructor
  // chose (format::hash_map_capacity_for_size / _for_copy).
  MapBuilder(size_t capacity, connect::Arena& arena, uint32_t first_table_size = 16)
      : entries_(arena.allocate_array<connect::Value>(2 * capacity)),
        first_table_size_(first_table_size) {}
  // new HashMap<>(source) with room for `extra` more keys: `source`'s entries put in the
  // iteration order of the Java map it stands for.
  static MapBuilder hash_map_copy(const connect::Value& source, size_t extra, JavaMapOrder& order,
                                  connect::Arena& arena);

  void put(connect::Value key, connect::Value value);
  void put(std::string_view key, connect::Value value) { put(connect::Value::string(key), value); }
  // Removes `key` if present (HashMap.remove), keeping the order of the other entries.
  void remove(std::string_view key);
  size_t size() const { return size_; }
  // The entries in put order, as a LinkedHashMap iterates them.
  connect::Value build_linked() const {
    return connect::Value::ordered_map(entries_.first(2 * size_));
  }
  // The entries in the order the mirrored HashMap iterates them.
  connect::Value build_hash_map(JavaMapOrder& order, connect::Arena& arena) const {
    return order.hash_map(entries_.first(2 * size_), first_table_size_, arena);
  }

 private:
  std::span<connect::Value> entries_;
  size_t size_ = 0;
  uint32_t first_table_size_;
};

// Whether two map keys are the same Java key (equal strings, or otherwise deeply equal values).
bool map_keys_equal(const connect::Value& a, const connect::Value& b);

// A kDataError status whose failure class is Kafka's DataException (the default).
inline Status data_error(std::string message) {
  return Status::data_error(std::move(message));
}

// The base of every "$Key"/"$Value" transform: the Java class name and the side it works on.
class OperandTransformation : public Transformation {
 public:
  // The names are static strings ("org.apache.kafka.connect.transforms.Cast$Key", "...$Value").
  OperandTransformation(std::string_view key_class_name, std::string_view value_class_name,
                        Operand side)
      : class_name_(side == Operand::kKey ? key_class_name : value_class_name), side_(side) {}
  std::string_view class_name() const override { return class_name_; }

 protected:
  Operand side() const { return side_; }

 private:
  std::string_view class_name_;
  Operand side_;
};

}  // namespace sluice::transforms
