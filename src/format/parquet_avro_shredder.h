// ParquetAvroShredder: writes Avro binary datums as rows of a Parquet file whose schema
// avro_to_parquet_schema made from the same Avro record schema, the way parquet-avro's
// AvroWriteSupport writes a GenericRecord: every leaf column gets its entries with the
// repetition and definition levels of Dremel's record shredding (parquet-format README.md,
// "Nested Encoding").
//
// Confluent's writer goes Connect value -> Avro object (AvroData.fromConnectData) -> Parquet.
// sluice takes the same path through the Avro binary that connect::AvroValueEncoder makes of the
// value (its AvroData rules: struct defaults, union branches, enum symbols, fixed sizes, decimal
// bytes, HashMap order of map entries), so one mapping serves AvroFormat and ParquetFormat.
//
//   record: its fields in order (null-typed ones hold nothing); ["null", T]: T or an absence;
//   other unions: the chosen branch in its memberN group, the other members absent; arrays and
//   maps: one entry per item or key/value pair, repetition level 0 (or the caller's) for the first
//   and the list's own level for the next ones, an absence at the list's level when empty;
//   enum: the symbol's text; fixed: its bytes; everything else as its physical type.
//
// A plan (one node per Avro schema node, with the leaves each covers) is built once per file;
// shredding a row then costs no allocation. Not thread-safe; owned by one ParquetRecordWriter.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "avro/decoder.h"
#include "avro/schema.h"
#include "format/parquet_avro_schema.h"
#include "parquet/file_writer.h"
#include "util/status.h"

namespace sluice::format {

class ParquetAvroShredder {
 public:
  // `record` and `lists` must be those the file's schema was made from
  // (avro_to_parquet_schema succeeded on them). `record` must outlive the shredder.
  ParquetAvroShredder(const avro::Schema& record, ParquetListShape lists);

  // Number of leaf columns the plan writes (equals the schema's leaves().size()).
  size_t leaf_count() const { return root_.leaf_count; }

  // Writes one row from `datum` (one Avro binary datum of the record schema) into `file`'s
  // columns and ends it. Fails with kFatal when the datum does not decode (the encoder made it:
  // a bug) or a column cannot close a page; the file is then unusable.
  Status write_row(std::string_view datum, parquet::FileWriter& file);

 private:
  enum class Kind : uint8_t {
    kLeaf,
    kRecord,
    kSkip,        // a null-typed field: no bytes, no column
    kOptional,    // ["null", T]: children[0] is T
    kUnionGroup,  // memberN groups: children per non-null branch
    kList,        // children[0] is the element
    kMap,         // the key leaf is first_leaf; children[0] is the value
  };
  struct Node {
    Kind kind = Kind::kLeaf;
    const avro::Schema* avro = nullptr;
    uint32_t first_leaf = 0;
    uint32_t leaf_count = 0;
    int16_t repetition_level = 0;  // kList, kMap: the level of their repeated group
    bool optional = false;         // kUnionGroup: the group is OPTIONAL (the union has null)
    bool null_is_error = false;    // kOptional as a 2-level list item: null cannot be stored
    int32_t null_branch = -1;      // kOptional, kUnionGroup: the union's null branch
    std::vector<int32_t> member_of_branch;  // kUnionGroup: member index per branch, -1 for null
    std::vector<Node> children;
  };

  Node plan(const avro::Schema& schema, uint32_t& next_leaf, int16_t repetition_level,
            bool repeated_item);
  Status shred(const Node& node, int16_t r, int16_t d);
  Status shred_leaf(const Node& node, int16_t r);
  Status shred_union(const Node& node, int16_t r, int16_t d);
  Status shred_list(const Node& node, int16_t r, int16_t d);
  Status shred_map(const Node& node, int16_t r, int16_t d);
  // Every leaf under `node` gets an absence at definition level `d`.
  Status absent(const Node& node, int16_t r, int16_t d);

  ParquetListShape lists_;
  Node root_;
  avro::Decoder in_{std::string_view()};
  parquet::FileWriter* file_ = nullptr;
};

}  // namespace sluice::format
