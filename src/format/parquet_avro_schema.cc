// Connect/Avro -> Parquet schema derivation (see parquet_avro_schema.h). The rules follow
// parquet-avro's AvroSchemaConverter (apache/parquet-java, parquet-avro module) and the list and
// map shapes of parquet-format's LogicalTypes.md ("Nested Types", backward-compatibility rules).
#include "format/parquet_avro_schema.h"

#include <algorithm>
#include <string>
#include <vector>

namespace sluice::format {
namespace {

using parquet::LogicalType;
using parquet::PhysicalType;
using parquet::Repetition;
using parquet::SchemaNode;

bool has_optional_item_array(const connect::Schema& schema,
                             std::vector<const connect::Schema*>& visited) {
  if (std::find(visited.begin(), visited.end(), &schema) != visited.end()) return false;
  visited.push_back(&schema);
  switch (schema.type) {
    case connect::SchemaType::kStruct:
      for (const connect::Field& field : schema.fields) {
        if (field.schema && has_optional_item_array(*field.schema, visited)) return true;
      }
      return false;
    case connect::SchemaType::kMap:
      return schema.value_schema && has_optional_item_array(*schema.value_schema, visited);
    case connect::SchemaType::kArray:
      return schema.value_schema && (schema.value_schema->optional ||
                                     has_optional_item_array(*schema.value_schema, visited));
    default:
      return false;
  }
}

// The annotation parquet-avro gives a primitive for its Avro logical type (only those Avro 1.11,
// which Confluent's connector runs, knows; Avro's uuid leaves a string a STRING).
std::optional<LogicalType> annotation_of(const avro::Schema& schema) {
  using A = avro::LogicalType;
  switch (schema.logical_type()) {
    case A::kDecimal:
      return LogicalType::decimal(schema.decimal_scale(), schema.decimal_precision());
    case A::kDate:
      return LogicalType::of(LogicalType::Kind::kDate);
    case A::kTimeMillis:
      return LogicalType::time(true, parquet::TimeUnit::kMillis);
    case A::kTimeMicros:
      return LogicalType::time(true, parquet::TimeUnit::kMicros);
    case A::kTimestampMillis:
      return LogicalType::timestamp(true, parquet::TimeUnit::kMillis);
    case A::kTimestampMicros:
      return LogicalType::timestamp(true, parquet::TimeUnit::kMicros);
    case A::kLocalTimestampMillis:
      return LogicalType::timestamp(false, parquet::TimeUnit::kMillis);
    case A::kLocalTimestampMicros:
      return LogicalType::timestamp(false, parquet::TimeUnit::kMicros);
    default:
      return std::nullopt;
  }
}

class Converter {
 public:
  explicit Converter(ParquetListShape lists) : lists_(lists) {}

  Result<std::vector<SchemaNode>> fields(const avro::Schema& record) {
    if (std::find(in_progress_.begin(), in_progress_.end(), &record) != in_progress_.end()) {
      return Status::data_error("Avro record " + record.full_name() +
                                " is recursive and cannot be written as Parquet");
    }
    in_progress_.push_back(&record);
    std::vector<SchemaNode> out;
    for (const avro::Field& field : record.fields()) {
      // Avro nulls take no bytes and have no column.
      if (field.schema().type() == avro::Type::kNull) continue;
      SLUICE_ASSIGN_OR_RETURN(SchemaNode node,
                              convert(field.name(), field.schema(), Repetition::kRequired));
      out.push_back(std::move(node));
    }
    in_progress_.pop_back();
    if (out.empty()) {
      return Status::data_error("Cannot write a schema with an empty group: record " +
                                record.full_name() + " has no field Parquet can store");
    }
    return out;
  }

  Result<SchemaNode> convert(const std::string& name, const avro::Schema& schema,
                             Repetition repetition) {
    switch (schema.type()) {
      case avro::Type::kRecord: {
        SLUICE_ASSIGN_OR_RETURN(std::vector<SchemaNode> children, fields(schema));
        return SchemaNode::group(name, repetition, std::move(children));
      }
      case avro::Type::kArray:
        return convert_array(name, schema, repetition);
      case avro::Type::kMap: {
        SLUICE_ASSIGN_OR_RETURN(SchemaNode value,
                                convert("value", schema.values(), Repetition::kRequired));
        return SchemaNode::map(name, repetition, std::move(value));
      }
      case avro::Type::kUnion:
        return convert_union(name, schema, repetition);
      default:
        return primitive(name, schema, repetition);
    }
  }

 private:
  Result<SchemaNode> convert_array(const std::string& name, const avro::Schema& schema,
                                   Repetition repetition) {
    if (lists_ == ParquetListShape::kTwoLevel) {
      SLUICE_ASSIGN_OR_RETURN(SchemaNode element,
                              convert("array", schema.items(), Repetition::kRepeated));
      return SchemaNode::legacy_list(name, repetition, std::move(element));
    }
    SLUICE_ASSIGN_OR_RETURN(SchemaNode element,
                            convert("element", schema.items(), Repetition::kRequired));
    return SchemaNode::three_level_list(name, repetition, std::move(element));
  }

  Result<SchemaNode> convert_union(const std::string& name, const avro::Schema& schema,
                                   Repetition repetition) {
    std::vector<const avro::Schema*> non_null;
    bool has_null = false;
    for (const avro::Schema* branch : schema.branches()) {
      if (branch->type() == avro::Type::kNull) {
        has_null = true;
        if (repetition == Repetition::kRequired) repetition = Repetition::kOptional;
      } else {
        non_null.push_back(branch);
      }
    }
    if (non_null.empty()) {
      return Status::data_error("Cannot convert Avro union of only nulls (field " + name + ")");
    }
    if (non_null.size() == 1 && has_null) return convert(name, *non_null[0], repetition);
    std::vector<SchemaNode> members;
    for (size_t i = 0; i < non_null.size(); ++i) {
      SLUICE_ASSIGN_OR_RETURN(SchemaNode member, convert("member" + std::to_string(i), *non_null[i],
                                                         Repetition::kOptional));
      members.push_back(std::move(member));
    }
    return SchemaNode::group(name, repetition, std::move(members));
  }

  Result<SchemaNode> primitive(const std::string& name, const avro::Schema& schema,
                               Repetition repetition) {
    PhysicalType type = PhysicalType::kByteArray;
    LogicalType logical;
    int32_t length = 0;
    switch (schema.type()) {
      case avro::Type::kBoolean:
        type = PhysicalType::kBoolean;
        break;
      case avro::Type::kInt:
        type = PhysicalType::kInt32;
        break;
      case avro::Type::kLong:
        type = PhysicalType::kInt64;
        break;
      case avro::Type::kFloat:
        type = PhysicalType::kFloat;
        break;
      case avro::Type::kDouble:
        type = PhysicalType::kDouble;
        break;
      case avro::Type::kBytes:
        break;
      case avro::Type::kString:
        logical = LogicalType::of(LogicalType::Kind::kString);
        break;
      case avro::Type::kEnum:
        logical = LogicalType::of(LogicalType::Kind::kEnum);
        break;
      case avro::Type::kFixed:
        type = PhysicalType::kFixedLenByteArray;
        length = schema.fixed_size();
        break;
      default:
        return Status::data_error("Cannot convert Avro type " +
                                  std::string(avro::type_name(schema.type())) + " (field " + name +
                                  ") to Parquet");
    }
    if (std::optional<LogicalType> annotation = annotation_of(schema)) logical = *annotation;
    return SchemaNode::leaf(name, repetition, type, logical, length);
  }

  ParquetListShape lists_;
  std::vector<const avro::Schema*> in_progress_;
};

}  // namespace

bool has_array_of_optional_items(const connect::Schema& schema) {
  std::vector<const connect::Schema*> visited;
  return has_optional_item_array(schema, visited);
}

Result<parquet::NestedSchema> avro_to_parquet_schema(const avro::Schema& record,
                                                     ParquetListShape lists) {
  if (record.type() != avro::Type::kRecord) {
    return Status::data_error("Avro schema must be a record.");
  }
  Converter converter(lists);
  SLUICE_ASSIGN_OR_RETURN(std::vector<SchemaNode> fields, converter.fields(record));
  Result<parquet::NestedSchema> schema =
      parquet::NestedSchema::make(record.full_name(), std::move(fields));
  if (!schema.ok()) return Status::data_error(schema.status().message());
  return schema;
}

}  // namespace sluice::format
