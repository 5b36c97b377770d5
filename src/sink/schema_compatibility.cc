#include "sink/schema_compatibility.h"

#include "connect/schema_projector.h"

namespace sluice::sink {
namespace {

using connect::Schema;
using connect::SchemaType;

// Whether a value of `record` could be projected onto `file`, recursively.
SchemaChange structural_change(const Schema& record, const Schema& file);

SchemaChange struct_fields_change(const Schema& record, const Schema& file) {
  for (const connect::Field& field : record.fields) {
    const connect::Field* in_file = file.field(field.name);
    if (in_file == nullptr) continue;
    SchemaChange change = structural_change(*field.schema, *in_file->schema);
    if (change != SchemaChange::kCompatible) return change;
  }
  for (const connect::Field& field : file.fields) {
    if (record.field(field.name) == nullptr && !field.schema->optional &&
        field.schema->default_value == nullptr) {
      return SchemaChange::kMissingRequiredField;
    }
  }
  return SchemaChange::kCompatible;
}

SchemaChange structural_change(const Schema& record, const Schema& file) {
  if (record.type != file.type && !connect::is_promotable(record.type, file.type)) {
    return SchemaChange::kDifferentType;
  }
  if (record.name != file.name) return SchemaChange::kDifferentName;
  if (!connect::parameters_projectable(record, file)) return SchemaChange::kDifferentParameters;
  if (record.optional && !file.optional && file.default_value == nullptr) {
    return SchemaChange::kIncompatibleOptionality;
  }
  switch (record.type) {
    case SchemaType::kStruct:
      return struct_fields_change(record, file);
    case SchemaType::kArray:
      return structural_change(*record.value_schema, *file.value_schema);
    case SchemaType::kMap: {
      SchemaChange keys = structural_change(*record.key_schema, *file.key_schema);
      if (keys != SchemaChange::kCompatible) return keys;
      return structural_change(*record.value_schema, *file.value_schema);
    }
    default:
      return SchemaChange::kCompatible;
  }
}

}  // namespace

const char* schema_compatibility_name(SchemaCompatibility mode) {
  switch (mode) {
    case SchemaCompatibility::kNone:
      return "NONE";
    case SchemaCompatibility::kBackward:
      return "BACKWARD";
    case SchemaCompatibility::kForward:
      return "FORWARD";
    case SchemaCompatibility::kFull:
      return "FULL";
  }
  return "NONE";
}

Result<SchemaChange> check_schema_change(SchemaCompatibility mode, const Schema* record,
                                         const Schema* file) {
  if (record == file) return SchemaChange::kCompatible;
  if (mode == SchemaCompatibility::kNone) {
    return connect::schemas_equal(record, file) ? SchemaChange::kCompatible
                                                : SchemaChange::kDifferentSchema;
  }
  if (!record->version || !file->version) {
    return Status::data_error(std::string("Schema version required for ") +
                              schema_compatibility_name(mode) + " compatibility");
  }
  SchemaChange change = structural_change(*record, *file);
  if (change != SchemaChange::kCompatible) return change;
  const bool version_moved = mode == SchemaCompatibility::kForward
                                 ? *record->version < *file->version
                                 : *record->version > *file->version;
  return version_moved ? SchemaChange::kDifferentVersion : SchemaChange::kCompatible;
}

}  // namespace sluice::sink
