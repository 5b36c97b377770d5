// AvroToConnectSchema: an Avro schema -> the Connect schema Confluent's AvroConverter gives a
// record (AvroData.toConnectSchema, schema-registry 7.7).
//
//   Avro                                  Connect
//   boolean, float, double, string        BOOLEAN, FLOAT32, FLOAT64, STRING (any logicalType on a
//                                         string, e.g. uuid, is ignored)
//   int                                   INT32; connect.type int8/int16 -> INT8/INT16; logicalType
//                                         date -> Date, time-millis -> Time (logicalType compared
//                                         ignoring case; it wins over connect.type)
//   long                                  INT64; timestamp-millis -> Timestamp
//   bytes, fixed                          BYTES; logicalType decimal -> Decimal (scale from
//   "scale",
//                                         0 when absent; connect.decimal.precision when precision
//                                         is not 64); fixed adds connect.fixed.size
//   enum                                  STRING named by the enum, with io.confluent.connect.avro.
//                                         Enum = full name and Enum.<symbol> = symbol (generalized:
//                                         org.apache.kafka.connect.data.Enum, symbol -> index)
//   array                                 ARRAY; an array of MapEntry records -> MAP(key, value)
//   map                                   MAP(STRING, values)
//   record                                STRUCT named by the full name, fields in order
//   [null, T], [T, null]                  T, optional (a field default is dropped, as in Java)
//   [T] (flatten.singleton.union)         T
//   other unions                          STRUCT io.confluent.connect.avro.Union with one optional
//                                         field per non-null branch (int, string, record name...),
//                                         optional when a branch is null
//   null                                  error "Standalone null schemas are not supported ..."
// and the metadata: connect.name (names io.confluent.connect.avro.ConnectDefault* dropped),
// connect.version (else the registry `version` for the top-level schema), connect.doc,
// connect.parameters, avro* properties as parameters, Avro docs and the field-default flag as
// parameters (connect.meta.data), record field defaults and connect.default as the default value
// (see avro_default_to_connect.h).
//
// Recursive Avro types (a record reachable from itself) become cyclic Connect schemas, as Java's
// toConnectSchemaWithCycles makes them: where an array item, map value or union branch is a record
// still being converted, it becomes a reference node standing for that record (schema.h), optional
// when reached through a union with null. A record found recursive stays known for the rest of the
// conversion, so a later use of it is a reference node too (Java keeps its CyclicSchemaWrapper). A
// record field whose type is directly its own record (no union, array or map in between) has no
// finite value; Java overflows its stack on it, sluice returns a kDataError.
//
// Results are cached per (schema node, version) in a least-recently-used cache of
// schemas.cache.config entries (Java's toConnectSchemaCache), so a converter asks once per
// registered schema. The cache keeps the Avro schema alive.
//
// Errors are kDataError with Java's messages. Not thread-safe (the cache and Java's union
// counter); one instance per converter.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "avro/schema.h"
#include "connect/avro_data_config.h"
#include "connect/schema.h"
#include "util/status.h"

namespace sluice::connect {

class AvroToConnectSchema {
 public:
  explicit AvroToConnectSchema(AvroDataConfig config = {});

  // AvroData.toConnectSchema(schema, version): `version` is the registry version of the schema
  // (nullopt when unknown); a connect.version property wins over it.
  Result<SchemaPtr> convert(const avro::SchemaPtr& schema,
                            std::optional<int32_t> version = std::nullopt);

  const AvroDataConfig& config() const { return config_; }
  size_t cached_count() const { return cache_.size(); }

 private:
  struct CacheEntry {
    avro::SchemaPtr avro;  // keeps the key alive
    std::optional<int32_t> version;
    SchemaPtr connect;
  };
  // What a record field hands to its schema's conversion (Java's fieldDefaultVal, docDefaultVal).
  struct FieldInfo {
    const avro::JsonValue* default_json = nullptr;
    const std::optional<std::string>* doc = nullptr;
  };

  Result<SchemaPtr> convert_cached(const avro::Schema& schema, std::optional<int32_t> version);
  Result<std::shared_ptr<Schema>> to_connect(const avro::Schema& schema, bool force_optional,
                                             const FieldInfo& field,
                                             std::optional<int32_t> version);
  // Java's toConnectSchemaWithCycles: a reference node for a record being converted (or found
  // recursive earlier), else to_connect().
  Result<std::shared_ptr<Schema>> with_cycles(const avro::Schema& schema, bool force_optional,
                                              const FieldInfo& field);
  // After a record's schema is complete: completes its reference nodes, or forgets the record
  // when none was made (Java removes it from cycleReferences).
  void finish_record(const avro::Schema& schema);
  // Completes the reference nodes of a record being converted with what it has so far.
  void complete_references(const avro::Schema& schema);
  Result<std::shared_ptr<Schema>> build_base(const avro::Schema& schema);
  Result<std::shared_ptr<Schema>> build_record(const avro::Schema& schema);
  Result<std::shared_ptr<Schema>> build_array(const avro::Schema& schema);
  Result<std::shared_ptr<Schema>> build_union(const avro::Schema& schema);
  std::shared_ptr<Schema> build_enum(const avro::Schema& schema) const;
  Result<std::shared_ptr<Schema>> build_bytes(const avro::Schema& schema) const;
  Result<std::shared_ptr<Schema>> build_int(const avro::Schema& schema) const;
  Status add_metadata(const avro::Schema& schema, const FieldInfo& field,
                      std::optional<int32_t> version, Schema& b) const;
  void add_default(const avro::Schema& schema, const FieldInfo& field, Schema& b) const;
  Status add_name(const avro::Schema& schema, Schema& b) const;

  AvroDataConfig config_;
  int union_index_ = 0;          // generalized.sum.type.support's union counter (per instance)
  std::list<CacheEntry> cache_;  // most recently used first
  // Java's cycleReferences / detectedCycles for one top-level conversion: records being converted,
  // and records found recursive, with the reference nodes that stand for them.
  struct CycleEntry {
    const avro::Schema* avro;
    const Schema* connect;
    bool complete = false;
    std::vector<std::shared_ptr<Schema>> references;  // empty: no cycle detected (yet)
  };
  std::vector<CycleEntry> cycles_;
};

}  // namespace sluice::connect
