// FieldPartitioner: encodes a record by the values of `partition.field.name` (spec §3.2).
//
// Each field contributes "name=value" and fields are joined by directory.delim. Integer fields
// print in decimal, booleans as true/false, strings raw (no escaping: a '/' in a value makes
// extra directory levels), and a null value prints "name=null". Other types (float, bytes,
// struct, array, map, logical Date/Time/Timestamp) are a DataError. Dotted names walk nested
// structs ("a.b.c=value", as storage-common 12.0.x).
//
// Differences from Java, each a deliberate fix: a field missing from the schema is a DataError
// (Java fails the task); a schemaless Map value is partitioned by its keys when
// PartitionerOptions::field_partitioner_accepts_maps (Java rejects every Map value).
#pragma once

#include <string>
#include <vector>

#include "sink/partitioner.h"

namespace sluice::sink {

class FieldPartitioner final : public Partitioner {
 public:
  FieldPartitioner(std::vector<std::string> field_names, std::string directory_delim,
                   bool accepts_maps);

  Status encode_partition(const connect::SinkRecord& record, int64_t timestamp_ms,
                          std::string* out) const override;

 private:
  struct FieldPath {
    std::string name;                   // as configured, printed before '='
    std::vector<std::string> segments;  // name split on '.'
  };

  Status append_struct_field(const connect::Value& root, const FieldPath& field,
                             std::string* out) const;
  Status append_map_field(const connect::Value& root, const FieldPath& field,
                          std::string* out) const;

  std::vector<FieldPath> fields_;
  bool accepts_maps_;
};

}  // namespace sluice::sink
