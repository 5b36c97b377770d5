// AvroValueEncoder: a Connect value -> Avro binary, as Confluent's AvroFormat writes a record
// (AvroData.fromConnectData, then GenericDatumWriter) for the Avro schema ConnectToAvroSchema made
// of the value's Connect schema.
//
//   a null: the union's null branch, or "Found null value for non-optional schema";
//   a struct field that is null reads as the field's default (Struct.get), unless
//   ignore.default.for.nullables; INT8..INT64, FLOAT32/64, BOOLEAN as int/long/float/double/
//   boolean; STRING as string, or as an enum index ("enum value 'x' is not in the enum symbol
//   set: [...]"); BYTES as bytes or fixed (a shorter value than the fixed size fails, a longer one
//   is cut, as Java's writer does); Decimal as its unscaled two's complement (the value's scale
//   must equal the schema's); Date, Time, Timestamp as their int/long (a Time outside one day
//   fails); ARRAY; MAP as a map or a MapEntry array; STRUCT as a record; a Connect union struct as
//   its first non-null field, in that field's branch.
//
// Map entries: Java writes them in the iteration order of the java.util.HashMap AvroData copies a
// Connect map into. The encoder does not know that order: the caller (the format layer, which
// has the HashMap replay) passes a MapEntryOrder; without one, entries keep the Value's order.
//
// The bytes are appended to a caller-owned string; on failure the string is cut back to its
// length at the call, so a caller can keep encoding into the same block. Scratch space is reused,
// so encoding allocates nothing on the heap in the steady state. Not thread-safe: one encoder per
// writer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "avro/encoder.h"
#include "avro/schema.h"
#include "connect/avro_data_config.h"
#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

// Supplies the order in which a map's entries are written. Implementations must be usable for
// the whole life of the encoder that holds them (which does not own them).
class MapEntryOrder {
 public:
  virtual ~MapEntryOrder() = default;
  // Fills `order` (cleared by the caller) with a permutation of [0, map.map_size()).
  virtual void order(const Schema& map_schema, const Value& map, std::vector<uint32_t>& order) = 0;
};

class AvroValueEncoder {
 public:
  explicit AvroValueEncoder(AvroDataConfig config = {}, MapEntryOrder* map_order = nullptr)
      : config_(config), map_order_(map_order) {}

  // Appends the datum of `value`. REQUIRES: `avro` is ConnectToAvroSchema (same config) of
  // `schema`.
  Status encode(const Schema& schema, const avro::Schema& avro, const Value& value,
                std::string& out);

 private:
  Status write(const Schema& c, const avro::Schema& a, const Value& v);
  Status write_union(const Schema& c, const avro::Schema& a, const Value& v);
  Status write_bytes(const Schema& c, const avro::Schema& a, const Value& v);
  Status write_map(const Schema& c, const avro::Schema& a, const Value& v);
  Status write_struct(const Schema& c, const avro::Schema& a, const Value& v);
  const Value& field_value(const Value& s, const Field& field) const;
  std::vector<uint32_t>& order_for(const Schema& c, const Value& v);

  AvroDataConfig config_;
  MapEntryOrder* map_order_;
  std::string unbound_;  // what encoder_ points at between calls
  avro::Encoder encoder_{unbound_};
  std::vector<std::vector<uint32_t>> orders_;  // one per map nesting depth
  size_t map_depth_ = 0;
};

}  // namespace sluice::connect
