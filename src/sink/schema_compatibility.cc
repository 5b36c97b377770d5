#include "sink/schema_compatibility.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "connect/schema_projector.h"

namespace sluice::sink {
namespace {

using connect::Schema;
using connect::SchemaType;

// Pairs of (record, file) reference targets being checked further up: a recursive schema met
// again is compatible so far, so the walk ends on cyclic schemas.
using TargetPairs = std::vector<std::pair<const Schema*, const Schema*>>;

// Whether a value of `record` could be projected onto `file`, recursively.
SchemaChange structural_change(const Schema& record, const Schema& file, TargetPairs& in_progress);

SchemaChange struct_fields_change(const Schema& record, const Schema& file,
                                  TargetPairs& in_progress) {
  for (const connect::Field& field : record.fields) {
    const connect::Field* in_file = file.field(field.name);
    if (in_file == nullptr) continue;
    SchemaChange change = structural_change(*field.schema, *in_file->schema, in_progress);
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

SchemaChange children_change(const Schema& record, const Schema& file, TargetPairs& in_progress) {
  switch (record.type) {
    case SchemaType::kStruct:
      return struct_fields_change(record, file, in_progress);
    case SchemaType::kArray:
      return structural_change(*record.value_schema, *file.value_schema, in_progress);
    case SchemaType::kMap: {
      SchemaChange keys = structural_change(*record.key_schema, *file.key_schema, in_progress);
      if (keys != SchemaChange::kCompatible) return keys;
      return structural_change(*record.value_schema, *file.value_schema, in_progress);
    }
    default:
      return SchemaChange::kCompatible;
  }
}

SchemaChange structural_change(const Schema& record, const Schema& file, TargetPairs& in_progress) {
  if (record.type != file.type && !connect::is_promotable(record.type, file.type)) {
    return SchemaChange::kDifferentType;
  }
  if (record.name != file.name) return SchemaChange::kDifferentName;
  if (!connect::parameters_projectable(record, file)) return SchemaChange::kDifferentParameters;
  if (record.optional && !file.optional && file.default_value == nullptr) {
    return SchemaChange::kIncompatibleOptionality;
  }
  if (!record.is_reference() && !file.is_reference()) {
    return children_change(record, file, in_progress);
  }
  const std::pair<const Schema*, const Schema*> pair{&record.resolved(), &file.resolved()};
  if (std::find(in_progress.begin(), in_progress.end(), pair) != in_progress.end()) {
    return SchemaChange::kCompatible;
  }
  in_progress.push_back(pair);
  const SchemaChange change = children_change(*pair.first, *pair.second, in_progress);
  in_progress.pop_back();
  return change;
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
  TargetPairs in_progress;  // stays unallocated unless a reference node is met
  SchemaChange change = structural_change(*record, *file, in_progress);
  if (change != SchemaChange::kCompatible) return change;
  const bool version_moved = mode == SchemaCompatibility::kForward
                                 ? *record->version < *file->version
                                 : *record->version > *file->version;
  return version_moved ? SchemaChange::kDifferentVersion : SchemaChange::kCompatible;
}

}  // namespace sluice::sink
