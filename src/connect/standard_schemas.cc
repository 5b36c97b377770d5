#include "connect/standard_schemas.h"

#include <array>
#include <memory>

namespace sluice::connect {
namespace {

constexpr size_t kTypeCount = static_cast<size_t>(SchemaType::kStruct) + 1;

SchemaPtr make(SchemaType type, bool optional) {
  auto schema = std::make_shared<Schema>();
  schema->type = type;
  schema->optional = optional;
  return schema;
}

std::array<SchemaPtr, kTypeCount> make_all(bool optional) {
  std::array<SchemaPtr, kTypeCount> all;
  for (size_t i = 0; i < kTypeCount; ++i) all[i] = make(static_cast<SchemaType>(i), optional);
  return all;
}

SchemaPtr make_logical(SchemaType type, std::string_view name) {
  auto schema = std::make_shared<Schema>();
  schema->type = type;
  schema->name = std::string(name);
  schema->version = 1;
  return schema;
}

SchemaPtr make_decimal(int32_t scale) {
  auto schema = std::make_shared<Schema>();
  schema->type = SchemaType::kBytes;
  schema->name = std::string(kDecimalLogicalName);
  schema->version = 1;
  schema->parameters.emplace_back("scale", std::to_string(scale));
  return schema;
}

}  // namespace

const SchemaPtr& required_schema(SchemaType type) {
  static const std::array<SchemaPtr, kTypeCount> kSchemas = make_all(false);
  return kSchemas[static_cast<size_t>(type)];
}

const SchemaPtr& optional_schema(SchemaType type) {
  // The optional string and bytes schemas are the ones schema.h already shares.
  if (type == SchemaType::kString) return Schema::optional_string();
  if (type == SchemaType::kBytes) return Schema::optional_bytes();
  static const std::array<SchemaPtr, kTypeCount> kSchemas = make_all(true);
  return kSchemas[static_cast<size_t>(type)];
}

const SchemaPtr& date_schema() {
  static const SchemaPtr kSchema = make_logical(SchemaType::kInt32, kDateLogicalName);
  return kSchema;
}

const SchemaPtr& time_schema() {
  static const SchemaPtr kSchema = make_logical(SchemaType::kInt32, kTimeLogicalName);
  return kSchema;
}

const SchemaPtr& timestamp_schema() {
  static const SchemaPtr kSchema = make_logical(SchemaType::kInt64, kTimestampLogicalName);
  return kSchema;
}

SchemaPtr decimal_schema(int32_t scale) {
  // Header values with decimals mostly use a handful of scales; sharing those avoids an
  // allocation per header.
  static constexpr int32_t kShared = 20;
  static const std::array<SchemaPtr, kShared> kSchemas = [] {
    std::array<SchemaPtr, kShared> all;
    for (int32_t i = 0; i < kShared; ++i) all[i] = make_decimal(i);
    return all;
  }();
  if (scale >= 0 && scale < kShared) return kSchemas[scale];
  return make_decimal(scale);
}

std::string_view java_type_name(SchemaType type) {
  switch (type) {
    case SchemaType::kInt8:
      return "INT8";
    case SchemaType::kInt16:
      return "INT16";
    case SchemaType::kInt32:
      return "INT32";
    case SchemaType::kInt64:
      return "INT64";
    case SchemaType::kFloat32:
      return "FLOAT32";
    case SchemaType::kFloat64:
      return "FLOAT64";
    case SchemaType::kBoolean:
      return "BOOLEAN";
    case SchemaType::kString:
      return "STRING";
    case SchemaType::kBytes:
      return "BYTES";
    case SchemaType::kArray:
      return "ARRAY";
    case SchemaType::kMap:
      return "MAP";
    case SchemaType::kStruct:
      return "STRUCT";
  }
  return "UNKNOWN";
}

std::string java_schema_string(const Schema& schema) {
  std::string out = "Schema{";
  if (schema.name) out.append(*schema.name).append(":");
  out.append(java_type_name(schema.type)).append("}");
  return out;
}

}  // namespace sluice::connect
