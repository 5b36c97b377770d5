// Connect schemas: the type information a converter attaches to a key, value or header.
//
// Mirrors Kafka Connect's Schema (type, optional flag, default, name, version, doc, parameters and
// children). Schemas are immutable once built and shared (std::shared_ptr<const Schema>) between
// the converter cache that creates them and every record that refers to them, so a record costs no
// allocation for its schema.
//
// Recursive schemas. Confluent's converters accept schemas that contain themselves (an Avro record
// reachable from its own fields, a recursive Protobuf message such as google.protobuf.Struct, a
// JSON Schema $ref cycle) and give them a cyclic Connect schema, where the inner occurrence is a
// wrapper standing for the enclosing schema (AvroData's CyclicSchemaWrapper, ProtobufData's and
// JsonSchemaData's SchemaWrapper). Here the inner occurrence is a *reference node*: a Schema whose
// reference_target points, without owning it, at the complete schema it stands for. The node has its own `optional` flag and copies
// every other attribute of its target (type, name, version, doc, parameters, default), and its
// fields / key_schema / value_schema are non-owning views (shared_ptr without a control block) of
// the target's children, so code that walks a schema *together with a finite value* follows it
// like any other node. Code that walks a schema alone must stop at reference nodes (see
// is_reference()): schemas_equal, the Connect -> Avro schema writer and the sink's compatibility
// check do.
//
// Ownership rule: a reference node only ever points at a node of the same schema tree (its target
// is an ancestor, or, where Java re-uses a completed recursive type, an earlier node of the tree),
// and owning shared_ptrs only point downwards, so there is no ownership cycle and the whole
// tree, reference nodes included, is alive exactly as long as some holder of its root is. Hence:
// keep the root SchemaPtr (a record's key_schema / value_schema, a converter cache entry), never
// an inner SchemaPtr of a recursive schema on its own beyond the root's lifetime: inner pointers
// reached through a reference node do not own their schema. A struct Value's struct_schema() is a
// raw pointer into the tree and follows the same rule. Schemas without reference nodes are plain
// trees and are unaffected.
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
  // Non-null on a reference node (see the ownership rule above): the schema this node stands for,
  // never itself a reference node.
  const Schema* reference_target = nullptr;

  bool is_reference() const { return reference_target != nullptr; }
  // The schema a walker descends into: the target of a reference node, else this schema.
  const Schema& resolved() const { return reference_target != nullptr ? *reference_target : *this; }

  const Field* field(std::string_view field_name) const;
  const std::string* parameter(std::string_view key) const;
  bool is_logical(std::string_view logical_name) const { return name && *name == logical_name; }

  // The optional primitive schemas the built-in converters return (shared singletons).
  static const SchemaPtr& optional_string();
  static const SchemaPtr& optional_bytes();
};

// Connect schema equality: type, optional, default, name, version, doc, parameters and children.
// A reference node equals only a reference node (as Java's wrappers equal no ConnectSchema), with
// the same optional flag and an equal target; targets already being compared count as equal, so the
// comparison terminates on cyclic schemas.
bool schemas_equal(const Schema* a, const Schema* b);

// A reference node standing for `target` (or for target's own target when `target` is a reference
// node), with its own optional flag. Its other attributes and its children are set by
// complete_reference() once the target is complete.
std::shared_ptr<Schema> make_reference(const Schema& target, bool optional);
// Copies the attributes of ref.reference_target into `ref` (with the parameters `own` set over the
// target's) and gives it non-owning views of the target's children. May be called again when the
// target changed. REQUIRES: ref.is_reference().
void complete_reference(Schema& ref, std::vector<std::pair<std::string, std::string>> own = {});

}  // namespace sluice::connect
