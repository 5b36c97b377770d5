// AvroValueDecoder: one Avro binary datum -> a Connect value, as Confluent's AvroConverter reads a
// record (KafkaAvroDeserializer's GenericDatumReader, then AvroData.toConnectData), without the
// intermediate generic record: the datum is walked once, together with its writer schema and the
// Connect schema AvroToConnectSchema made of it.
//
//   int -> INT32 (INT8/INT16 narrowed, Date days, Time millis checked to lie in [0, 86400000]);
//   long -> INT64 / Timestamp; float, double, boolean; string -> UTF-8 text (malformed bytes
//   replaced by U+FFFD as Java's String does); enum -> its symbol; bytes, fixed -> bytes, or a
//   Decimal (unscaled two's complement + the schema scale); array -> array, or a map for MapEntry
//   arrays; map -> map (a repeated key keeps its first place and takes the last value, as a
//   HashMap); record -> struct; union -> the branch value, wrapped in the
//   io.confluent.connect.avro.Union struct for general unions, the member chosen as Java chooses
//   it (by the value's Avro type, first matching field; no match: "Did not find matching union
//   field for data").
//
// Memory: strings and bytes are views into `datum` when they need no rewriting; arrays, maps,
// structs and rewritten text live in the caller's Arena. The decoder keeps one reusable scratch
// table (map key de-duplication), so decoding allocates nothing on the heap in the steady state.
// `datum` and the Arena must outlive the value; the Connect schema too (struct values point at
// it).
//
// Failures are kDataError: truncated or malformed input (with the byte offset), a null for a
// required schema ("Found null value for non-optional schema"), a Time out of range. Bytes after
// the datum are ignored, as Java's deserializer ignores them. Not thread-safe (the scratch
// table): one decoder per converter.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "avro/decoder.h"
#include "avro/schema.h"
#include "connect/avro_data_config.h"
#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

class AvroValueDecoder {
 public:
  explicit AvroValueDecoder(AvroDataConfig config = {}) : config_(config) {}

  // REQUIRES: `schema` is AvroToConnectSchema (same config) of `writer`.
  Status decode(std::string_view datum, const avro::Schema& writer, const Schema& schema,
                Arena& arena, Value* out);

 private:
  Status read(const avro::Schema& w, const Schema& c, Value* out);
  Status read_int(const Schema& c, Value* out);
  Status bytes_value(const Schema& c, std::string_view bytes, Value* out);
  Status read_array(const avro::Schema& w, const Schema& c, Value* out);
  Status read_map(const avro::Schema& w, const Schema& c, Value* out);
  Status read_map_entries(const avro::Schema& w, const Schema& c, Value* out);
  Status read_record(const avro::Schema& w, const Schema& c, Value* out);
  Status read_union(const avro::Schema& w, const Schema& c, Value* out);
  Status read_union_struct(const avro::Schema& branch, const Schema& c, Value* out);
  // Item count of the next block; checks it against the bytes left when items need bytes.
  Result<int64_t> block_count(const avro::Schema& item);
  // Grows `items` (first `used` valid) by `more` in the Arena.
  std::span<Value> grow(std::span<Value> items, size_t used, size_t more);
  // Removes later duplicates of string keys (keeping the last value at the first place).
  size_t dedupe_string_keys(std::span<Value> entries, size_t count);
  const Field* match_union_field(const avro::Schema& branch, const Schema& c,
                                 size_t bytes_size) const;

  AvroDataConfig config_;
  avro::Decoder decoder_{std::string_view()};
  Arena* arena_ = nullptr;
  std::vector<uint32_t> table_;  // open-addressing scratch for dedupe_string_keys
};

}  // namespace sluice::connect
