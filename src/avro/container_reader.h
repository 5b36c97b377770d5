// ContainerReader: reads an Avro object container file held in memory, for tests and tooling.
//
// Checks the magic, reads the metadata map (any blocking), requires avro.schema, takes the codec
// from avro.codec ("null" when absent; an unknown codec is an error), and parses the schema
// without name or default validation, as Java's DataFileStream does. next_block() then returns
// each block's object count and decompressed data, after checking the block's sync marker.
// Decoding the objects is left to the caller (Decoder, skip_datum, append_datum_json).
//
// Every failure is a kDataError naming the problem and the file offset.
//
// Usage:
//   SLUICE_ASSIGN_OR_RETURN(auto reader, ContainerReader::open(bytes));
//   for (;;) {
//     SLUICE_ASSIGN_OR_RETURN(auto block, reader->next_block());
//     if (!block) break;
//     Decoder decoder(block->data);
//     for (int64_t i = 0; i < block->count; ++i) SLUICE_RETURN_IF_ERROR(skip_datum(decoder,
//     *reader->schema()));
//   }
//
// The file bytes must outlive the reader and the views it returns. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "avro/codec.h"
#include "avro/schema.h"
#include "avro/sync_marker.h"
#include "util/status.h"

namespace sluice::avro {

struct ContainerReaderOptions {
  // Largest decompressed block accepted (guards against decompression bombs).
  size_t max_block_bytes = size_t{1} << 30;
};

class ContainerReader {
 public:
  struct Block {
    int64_t count = 0;
    // The decompressed objects; valid until the next call to next_block().
    std::string_view data;
    // File offset where the block starts, and its size there (count, size, data, sync).
    size_t offset = 0;
    size_t stored_size = 0;
  };

  static Result<std::unique_ptr<ContainerReader>> open(std::string_view file,
                                                       ContainerReaderOptions options = {});

  const SchemaPtr& schema() const { return schema_; }
  std::string_view schema_json() const;
  CodecId codec() const { return codec_->id(); }
  const SyncMarker& sync_marker() const { return sync_; }
  // Every metadata entry, in file order.
  const std::vector<std::pair<std::string, std::string>>& metadata() const { return metadata_; }
  // Size of the header (magic, metadata, sync marker).
  size_t header_size() const { return header_size_; }

  // The next block, or nullopt after the last one.
  Result<std::optional<Block>> next_block();

  class ConstructionTag {
    ConstructionTag() = default;
    friend class ContainerReader;
  };
  ContainerReader(ConstructionTag, std::string_view file, ContainerReaderOptions options);

 private:
  Status read_header();

  std::string_view file_;
  ContainerReaderOptions options_;
  size_t position_ = 0;
  size_t header_size_ = 0;
  std::vector<std::pair<std::string, std::string>> metadata_;
  SchemaPtr schema_;
  std::unique_ptr<Codec> codec_;
  SyncMarker sync_;
  std::string scratch_;
};

}  // namespace sluice::avro
