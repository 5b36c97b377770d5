// Validation, levels and footer form of a nested schema (see nested_schema.h). Shapes from
// parquet-format's LogicalTypes.md ("Nested Types") and parquet-avro's AvroSchemaConverter.
#include "parquet/nested_schema.h"

#include <set>

namespace sluice::parquet {
namespace {

using Kind = LogicalType::Kind;

constexpr int kMaxLevel = 255;  // levels are buffered as one byte each

FlatColumn column_of(const SchemaNode& leaf) {
  return FlatColumn{.name = leaf.name,
                    .type = leaf.type,
                    .optional = leaf.repetition == Repetition::kOptional,
                    .type_length = leaf.type_length,
                    .logical_type = leaf.logical_type};
}

// The shape rules of a LIST or MAP group; empty when `g` follows them.
std::string group_shape_problem(const SchemaNode& g) {
  switch (g.logical_type.kind) {
    case Kind::kNone:
      return {};
    case Kind::kList:
      if (g.children.size() != 1 || g.children[0].repetition != Repetition::kRepeated) {
        return "a LIST group needs exactly one REPEATED child";
      }
      return {};
    case Kind::kMap: {
      if (g.children.size() != 1 || g.children[0].repetition != Repetition::kRepeated ||
          !g.children[0].is_group()) {
        return "a MAP group needs exactly one REPEATED group child";
      }
      const std::vector<SchemaNode>& kv = g.children[0].children;
      if (kv.size() > 2 || kv[0].is_group() || kv[0].repetition != Repetition::kRequired) {
        return "a MAP's key_value group needs a REQUIRED primitive key first and at most a value";
      }
      return {};
    }
    default:
      return "a group can only be annotated LIST or MAP";
  }
}

// Checks `node` and its subtree; `where` names its parent path.
Status validate(const SchemaNode& node, const std::string& parent, int def, int rep) {
  std::string where = "parquet schema: field '" + parent + node.name + "'";
  if (node.name.empty()) return Status::invalid_argument(where + ": empty name");
  if (node.repetition != Repetition::kRequired) ++def;
  if (node.repetition == Repetition::kRepeated) ++rep;
  if (def > kMaxLevel || rep > kMaxLevel) {
    return Status::invalid_argument(where + ": nested deeper than 255 levels");
  }
  if (!node.is_group()) {
    if (node.legacy_converted_type) {
      return Status::invalid_argument(where + ": a leaf takes no group annotation");
    }
    return validate_column_type(column_of(node), where);
  }
  if (std::string problem = group_shape_problem(node); !problem.empty()) {
    return Status::invalid_argument(where + ": " + problem);
  }
  std::set<std::string_view> names;
  for (const SchemaNode& child : node.children) {
    if (!names.insert(child.name).second) {
      return Status::invalid_argument(where + ": child '" + child.name + "' appears twice");
    }
    if (Status s = validate(child, parent + node.name + ".", def, rep); !s.ok()) return s;
  }
  return Status();
}

void collect_leaves(const SchemaNode& node, std::vector<std::string>& path, int def, int rep,
                    std::vector<LeafDescriptor>& out) {
  if (node.repetition != Repetition::kRequired) ++def;
  if (node.repetition == Repetition::kRepeated) ++rep;
  path.push_back(node.name);
  if (node.is_group()) {
    for (const SchemaNode& child : node.children) collect_leaves(child, path, def, rep, out);
  } else {
    out.push_back(LeafDescriptor{.column = column_of(node),
                                 .path = path,
                                 .max_definition_level = static_cast<int16_t>(def),
                                 .max_repetition_level = static_cast<int16_t>(rep)});
  }
  path.pop_back();
}

void append_elements(const SchemaNode& node, std::vector<SchemaElement>& out) {
  SchemaElement e{.repetition_type = node.repetition,
                  .name = node.name,
                  .converted_type = converted_type_for(node.logical_type),
                  .logical_type = node.logical_type};
  if (node.is_group()) {
    e.num_children = static_cast<int32_t>(node.children.size());
    if (node.legacy_converted_type) e.converted_type = node.legacy_converted_type;
  } else {
    e.type = node.type;
    if (node.type == PhysicalType::kFixedLenByteArray) e.type_length = node.type_length;
    if (node.logical_type.kind == Kind::kDecimal) {
      e.scale = node.logical_type.scale;
      e.precision = node.logical_type.precision;
    }
  }
  out.push_back(std::move(e));
  for (const SchemaNode& child : node.children) append_elements(child, out);
}

}  // namespace

SchemaNode SchemaNode::leaf(std::string name, Repetition repetition, PhysicalType type,
                            LogicalType logical, int32_t type_length) {
  return SchemaNode{.name = std::move(name),
                    .repetition = repetition,
                    .type = type,
                    .type_length = type_length,
                    .logical_type = logical};
}

SchemaNode SchemaNode::group(std::string name, Repetition repetition,
                             std::vector<SchemaNode> children) {
  return SchemaNode{
      .name = std::move(name), .repetition = repetition, .children = std::move(children)};
}

SchemaNode SchemaNode::legacy_list(std::string name, Repetition repetition, SchemaNode element) {
  element.name = "array";
  element.repetition = Repetition::kRepeated;
  SchemaNode list = group(std::move(name), repetition, {std::move(element)});
  list.logical_type = LogicalType::of(Kind::kList);
  return list;
}

SchemaNode SchemaNode::three_level_list(std::string name, Repetition repetition,
                                        SchemaNode element) {
  element.name = "element";
  SchemaNode list = group(std::move(name), repetition,
                          {group("list", Repetition::kRepeated, {std::move(element)})});
  list.logical_type = LogicalType::of(Kind::kList);
  return list;
}

SchemaNode SchemaNode::map(std::string name, Repetition repetition, SchemaNode value) {
  value.name = "value";
  SchemaNode key_value = group(
      "key_value", Repetition::kRepeated,
      {leaf("key", Repetition::kRequired, PhysicalType::kByteArray, LogicalType::of(Kind::kString)),
       std::move(value)});
  key_value.legacy_converted_type = ConvertedType::kMapKeyValue;
  SchemaNode outer = group(std::move(name), repetition, {std::move(key_value)});
  outer.logical_type = LogicalType::of(Kind::kMap);
  return outer;
}

std::string LeafDescriptor::dotted_path() const {
  std::string out;
  for (const std::string& part : path) out += (out.empty() ? "" : ".") + part;
  return out;
}

LeafDescriptor LeafDescriptor::flat(const FlatColumn& column) {
  return LeafDescriptor{.column = column,
                        .path = {column.name},
                        .max_definition_level = static_cast<int16_t>(column.optional ? 1 : 0),
                        .max_repetition_level = 0};
}

NestedSchema::NestedSchema(std::string root_name, std::vector<SchemaNode> fields)
    : root_name_(std::move(root_name)), fields_(std::move(fields)) {
  std::vector<std::string> path;
  for (const SchemaNode& field : fields_) collect_leaves(field, path, 0, 0, leaves_);
}

Result<NestedSchema> NestedSchema::make(std::string root_name, std::vector<SchemaNode> fields) {
  if (root_name.empty()) return Status::invalid_argument("parquet schema: empty root name");
  std::set<std::string_view> names;
  for (const SchemaNode& field : fields) {
    if (!names.insert(field.name).second) {
      return Status::invalid_argument("parquet schema: field '" + field.name + "' appears twice");
    }
    if (Status s = validate(field, "", 0, 0); !s.ok()) return s;
  }
  return NestedSchema(std::move(root_name), std::move(fields));
}

NestedSchema NestedSchema::from_flat(const FlatSchema& flat) {
  std::vector<SchemaNode> fields;
  fields.reserve(flat.columns().size());
  for (const FlatColumn& c : flat.columns()) {
    fields.push_back(SchemaNode::leaf(c.name,
                                      c.optional ? Repetition::kOptional : Repetition::kRequired,
                                      c.type, c.logical_type, c.type_length));
  }
  return NestedSchema(flat.root_name(), std::move(fields));
}

std::vector<SchemaElement> NestedSchema::to_schema_elements() const {
  std::vector<SchemaElement> elements;
  elements.push_back(
      SchemaElement{.name = root_name_, .num_children = static_cast<int32_t>(fields_.size())});
  for (const SchemaNode& field : fields_) append_elements(field, elements);
  return elements;
}

}  // namespace sluice::parquet
