#include "sink/partitioner_field.h"

#include <charconv>

#include "sink/timestamp_extractor.h"

namespace sluice::sink {
namespace {

using connect::Schema;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

void append_int(int64_t v, std::string* out) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, res.ptr);
}

std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBoolean:
      return "boolean";
    case ValueKind::kInt:
      return "integer";
    case ValueKind::kFloat32:
      return "float";
    case ValueKind::kFloat64:
      return "double";
    case ValueKind::kString:
      return "string";
    case ValueKind::kBytes:
      return "bytes";
    case ValueKind::kArray:
      return "array";
    case ValueKind::kMap:
      return "map";
    case ValueKind::kStruct:
      return "struct";
  }
  return "unknown";
}

}  // namespace

FieldPartitioner::FieldPartitioner(std::vector<std::string> field_names,
                                   std::string directory_delim, bool accepts_maps)
    : Partitioner(std::move(directory_delim)), accepts_maps_(accepts_maps) {
  fields_.reserve(field_names.size());
  for (std::string& name : field_names) {
    FieldPath path;
    path.segments = split_field_path(name);
    path.name = std::move(name);
    fields_.push_back(std::move(path));
  }
}

Status FieldPartitioner::encode_partition(const connect::SinkRecord& record, int64_t,
                                          std::string* out) const {
  const Value& value = record.value;
  const bool is_struct = value.kind() == ValueKind::kStruct;
  const bool is_map = value.kind() == ValueKind::kMap && accepts_maps_;
  if (!is_struct && !is_map) {
    return Status::data_error("FieldPartitioner cannot partition a " +
                              std::string(kind_name(value.kind())) + " value (fields " +
                              (fields_.empty() ? std::string() : fields_.front().name) +
                              (fields_.size() > 1 ? ",..." : "") + "): the value must be a Struct" +
                              (accepts_maps_ ? " or a Map" : ""));
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out->append(directory_delim_);
    SLUICE_RETURN_IF_ERROR(is_struct ? append_struct_field(value, fields_[i], out)
                                     : append_map_field(value, fields_[i], out));
  }
  return Status::ok_status();
}

Status FieldPartitioner::append_struct_field(const Value& root, const FieldPath& field,
                                             std::string* out) const {
  const Value* current = &root;
  const Schema* schema = root.struct_schema();
  const Schema* leaf_schema = nullptr;
  bool is_null = false;
  for (size_t i = 0; i < field.segments.size(); ++i) {
    const connect::Field* f = schema == nullptr ? nullptr : schema->field(field.segments[i]);
    if (f == nullptr || f->schema == nullptr) {
      return Status::data_error("partition field '" + field.name + "': Field '" +
                                field.segments[i] + "' is not present in the schema");
    }
    leaf_schema = f->schema.get();
    schema = leaf_schema->type == SchemaType::kStruct ? leaf_schema : nullptr;
    if (!is_null) {
      // A null (or unreadable) struct on the way makes the field null, as storage-common 12.0.x
      // logs and treats a failure to read the value.
      current = current->struct_field(field.segments[i]);
      if (current == nullptr || current->is_null() ||
          (i + 1 < field.segments.size() && current->kind() != ValueKind::kStruct)) {
        is_null = true;
      }
    }
  }
  out->append(field.name);
  out->push_back('=');
  if (is_null) {
    out->append("null");
    return Status::ok_status();
  }
  const Schema& s = *leaf_schema;
  if (s.is_logical(connect::kDateLogicalName) || s.is_logical(connect::kTimeLogicalName) ||
      s.is_logical(connect::kTimestampLogicalName)) {
    return Status::data_error("partition field '" + field.name + "': logical type " + *s.name +
                              " is not supported as a partition key");
  }
  switch (s.type) {
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
    case SchemaType::kInt64:
      if (current->kind() != ValueKind::kInt) break;
      append_int(current->as_int(), out);
      return Status::ok_status();
    case SchemaType::kBoolean:
      if (current->kind() != ValueKind::kBoolean) break;
      out->append(current->as_bool() ? "true" : "false");
      return Status::ok_status();
    case SchemaType::kString:
      if (current->kind() != ValueKind::kString) break;
      out->append(current->as_text());
      return Status::ok_status();
    default:
      break;
  }
  return Status::data_error("partition field '" + field.name + "': Type " +
                            std::string(connect::schema_type_name(s.type)) +
                            " is not supported as a partition key");
}

Status FieldPartitioner::append_map_field(const Value& root, const FieldPath& field,
                                          std::string* out) const {
  const Value* current = &root;
  for (const std::string& segment : field.segments) {
    current = current->kind() == ValueKind::kMap ? current->map_lookup(segment) : nullptr;
    if (current == nullptr) break;
  }
  out->append(field.name);
  out->push_back('=');
  if (current == nullptr || current->is_null()) {
    out->append("null");
    return Status::ok_status();
  }
  switch (current->kind()) {
    case ValueKind::kInt:
      append_int(current->as_int(), out);
      return Status::ok_status();
    case ValueKind::kBoolean:
      out->append(current->as_bool() ? "true" : "false");
      return Status::ok_status();
    case ValueKind::kString:
      out->append(current->as_text());
      return Status::ok_status();
    default:
      break;
  }
  return Status::data_error("partition field '" + field.name + "': a " +
                            std::string(kind_name(current->kind())) +
                            " value is not supported as a partition key");
}

}  // namespace sluice::sink
