// SchemaNode, LeafDescriptor and NestedSchema: the schema tree of a file with groups and
// REQUIRED/OPTIONAL/REPEATED fields (structs, lists, maps), its footer form (SchemaElements in
// depth-first order, parquet-format README.md "Metadata") and one LeafDescriptor per primitive
// leaf with the Dremel maximum levels (parquet-format README.md, "Nested Encoding"):
// max_definition_level = OPTIONAL or REPEATED nodes on the path from the root's child to the
// leaf, max_repetition_level = REPEATED nodes on it.
//
// Builders give the shapes parquet-avro (parquet-java 1.15) writes: the 2-level list
// `<rep> group NAME (LIST) { repeated T array; }` (parquet.avro.write-old-list-structure=true,
// its default), the 3-level list `<rep> group NAME (LIST) { repeated group list { <rep> T
// element; } }` and the map `<rep> group NAME (MAP) { repeated group key_value (MAP_KEY_VALUE)
// { required binary key (STRING); <rep> V value; } }`.
//
// Immutable after make(); safe to share between threads for reading.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parquet/flat_schema.h"
#include "parquet/metadata.h"
#include "util/status.h"

namespace sluice::parquet {

// One node of the tree: a primitive leaf (children empty) or a group (children not empty).
struct SchemaNode {
  std::string name;
  Repetition repetition = Repetition::kRequired;
  // Leaves: the primitive type, as FlatColumn has it.
  PhysicalType type = PhysicalType::kInt32;
  int32_t type_length = 0;
  // Leaves: any primitive annotation; groups: kNone, kList or kMap.
  LogicalType logical_type;
  // Groups: a ConvertedType written without a LogicalType (parquet-avro's MAP_KEY_VALUE).
  std::optional<ConvertedType> legacy_converted_type;
  std::vector<SchemaNode> children;

  bool is_group() const { return !children.empty(); }

  static SchemaNode leaf(std::string name, Repetition repetition, PhysicalType type,
                         LogicalType logical = {}, int32_t type_length = 0);
  static SchemaNode group(std::string name, Repetition repetition,
                          std::vector<SchemaNode> children);
  // parquet-avro's default list: the element is renamed "array" and made REPEATED whatever its
  // repetition was (a null element cannot be stored in this shape).
  static SchemaNode legacy_list(std::string name, Repetition repetition, SchemaNode element);
  // The 3-level list: the element is renamed "element" and keeps its repetition.
  static SchemaNode three_level_list(std::string name, Repetition repetition, SchemaNode element);
  // parquet-avro's map with string keys: `value` is renamed "value" and keeps its repetition.
  static SchemaNode map(std::string name, Repetition repetition, SchemaNode value);
};

// A primitive leaf as its column writer sees it. `column.name` is the leaf's own name and
// `column.optional` whether the leaf itself is OPTIONAL.
struct LeafDescriptor {
  FlatColumn column;
  std::vector<std::string> path;  // path_in_schema: the names from the root's child to the leaf
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;

  // "a.b.c", for messages.
  std::string dotted_path() const;
  // The descriptor of a top-level flat column.
  static LeafDescriptor flat(const FlatColumn& column);
};

class NestedSchema {
 public:
  // Fails with kInvalidArgument when a name is empty or repeated among siblings, a leaf fails
  // FlatSchema's column rules, a group's annotation is not LIST or MAP (nor a leaf's a group
  // annotation), a MAP group is not `repeated group key_value { required key; value }` with
  // nothing else, a LIST group does not hold exactly one REPEATED child, or a level passes 255.
  static Result<NestedSchema> make(std::string root_name, std::vector<SchemaNode> fields);
  // The same columns as `flat`.
  static NestedSchema from_flat(const FlatSchema& flat);

  const std::string& root_name() const { return root_name_; }
  const std::vector<SchemaNode>& fields() const { return fields_; }
  // One per primitive leaf, in depth-first order (the order of the column chunks).
  const std::vector<LeafDescriptor>& leaves() const { return leaves_; }
  // Root first, then every node depth-first (what FileMetaData.schema holds).
  std::vector<SchemaElement> to_schema_elements() const;

 private:
  NestedSchema(std::string root_name, std::vector<SchemaNode> fields);

  std::string root_name_;
  std::vector<SchemaNode> fields_;
  std::vector<LeafDescriptor> leaves_;
};

}  // namespace sluice::parquet
