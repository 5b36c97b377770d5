// ContainerWriter: writes an Avro object container file (specification, "Object Container
// Files") the way Java's DataFileWriter does for Confluent's AvroFormat.
//
// Layout: "Obj" 0x01; the metadata map (one block of avro.schema = the schema as Java's
// Schema.toString() writes it, avro.codec = the codec name, and any extra entries, in the order
// Java's HashMap iterates them: for the two standard keys avro.schema then avro.codec); the
// 16-byte sync marker; then blocks of (long object count, long byte size, data through the codec,
// sync marker). A block is cut as soon as the uncompressed data reaches `sync_interval` bytes
// (checked after each datum, like DataFileWriter.writeIfBlockFull) and on flush()/close(); empty
// blocks are never written. With the same sync marker, schema and datums, the bytes are the same
// as Java's for the null and deflate codecs (see codec.h for the others).
//
// Memory: only the block being built is held between calls (never more than sync_interval
// bytes of room: a block that reaches it is emitted); the header and every finished block go to
// the ByteSink at once, so the caller decides how much of the file stays in memory (the S3 sink
// hands them to multipart parts). Emitting a block needs a compressed copy and the codec's
// library state (codec.h) for the time of the call; both are freed with the block once it is in
// the sink, so a file that sits idle after a block holds nothing. What the writer holds (the
// block's and the compressed copy's capacity) is charged to options.memory, when given, as it
// changes.
//
// Usage:
//   SLUICE_ASSIGN_OR_RETURN(auto writer, ContainerWriter::create(*schema, sink, options));
//   Encoder e = writer->encoder();          // appends to the block being built
//   e.write_long(27); e.write_string("foo"); // exactly one datum of the schema
//   SLUICE_RETURN_IF_ERROR(writer->datum_appended());
//   SLUICE_RETURN_IF_ERROR(writer->close());
// or, with an encoding step that may fail, append_datum([&](std::string& block) { ... }), which
// drops what a failed step appended. The writer does not check datums against the schema. To
// abandon a partly encoded datum by hand, call truncate_block(size) with the buffered_bytes()
// seen before encoding it.
//
// The sink and the memory account must outlive the writer. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "avro/byte_sink.h"
#include "avro/codec.h"
#include "avro/encoder.h"
#include "avro/schema.h"
#include "avro/sync_marker.h"
#include "util/memory_account.h"
#include "util/status.h"

namespace sluice::avro {

// Java's DataFileConstants.DEFAULT_SYNC_INTERVAL (4000 x 16 bytes).
inline constexpr size_t kDefaultSyncInterval = 64000;

struct ContainerWriterOptions {
  CodecId codec = CodecId::kNull;
  int compression_level = kDefaultCompressionLevel;  // see make_codec
  // Uncompressed bytes after which a block is cut; 32 to 2^30 as Java's setSyncInterval allows.
  size_t sync_interval = kDefaultSyncInterval;
  // Random per file when unset (as Java); set it for reproducible output.
  std::optional<SyncMarker> sync_marker;
  // Extra header entries (key, value bytes) in the order Java's setMeta would have been called.
  // Keys may not start with "avro."; a repeated key keeps its first place and its last value.
  std::vector<std::pair<std::string, std::string>> metadata;
  // Charged with the bytes the writer holds (see "Memory" above); none: not counted.
  util::MemoryAccount* memory = nullptr;
};

class ContainerWriter {
 public:
  // Writes the header to `sink`. Fails with kInvalidArgument for bad options.
  static Result<std::unique_ptr<ContainerWriter>> create(const Schema& schema, ByteSink& sink,
                                                         ContainerWriterOptions options = {});
  // The same with the avro.schema text given as is (e.g. a schema string kept from elsewhere).
  static Result<std::unique_ptr<ContainerWriter>> create_with_schema_json(
      std::string schema_json, ByteSink& sink, ContainerWriterOptions options = {});

  // An encoder appending to the block being built. REQUIRES: not closed.
  Encoder encoder() { return Encoder(block_); }
  // Counts the datum just encoded; emits the block when it has reached the sync interval.
  Status datum_appended();
  // Appends one already encoded datum (Java's appendEncoded).
  Status append_encoded(std::string_view datum);
  // Appends the datum that `encode(std::string& block)` appends to the end of the block being
  // built; when it returns an error, whatever it appended is dropped and the error returned.
  template <typename EncodeFn>
  Status append_datum(EncodeFn&& encode);
  // Uncompressed bytes in the block being built.
  size_t buffered_bytes() const { return block_.size(); }
  // Drops the bytes of a datum whose encoding failed. REQUIRES: size <= buffered_bytes().
  void truncate_block(size_t size);

  // Emits the datums buffered so far as a block (nothing when there are none), like
  // DataFileWriter.flush(); the file stays open.
  Status flush();
  // Flushes; nothing may be appended afterwards. Calling it twice is a no-op.
  Status close();

  const SyncMarker& sync_marker() const { return sync_; }
  CodecId codec() const { return codec_->id(); }
  uint64_t datums_written() const { return datums_written_; }
  uint64_t blocks_written() const { return blocks_written_; }
  // Bytes handed to the sink so far (header and finished blocks).
  uint64_t bytes_written() const { return bytes_written_; }
  // Heap bytes the writer holds now (what options.memory is charged with): the capacity of the
  // block being built and of the compressed copy, beyond what a string keeps inline.
  size_t held_bytes() const { return heap_bytes(block_) + heap_bytes(compressed_); }

  class ConstructionTag {
    ConstructionTag() = default;
    friend class ContainerWriter;
  };
  ContainerWriter(ConstructionTag, ByteSink& sink, std::unique_ptr<Codec> codec, SyncMarker sync,
                  size_t sync_interval, util::MemoryAccount* memory);

 private:
  static size_t heap_bytes(const std::string& s) {
    static const size_t kInline = std::string().capacity();
    return s.capacity() > kInline ? s.capacity() : 0;
  }
  // Keeps the memory charge equal to held_bytes().
  void account() { held_.resize(held_bytes()); }
  // After an append or a truncation that leaves the block open: caps its room at the sync
  // interval (between calls a block never holds more), then accounts.
  void settle_block();
  void emit(std::string_view bytes);
  void write_header(const std::vector<std::pair<std::string, std::string>>& entries);
  Status emit_block();

  ByteSink& sink_;
  std::unique_ptr<Codec> codec_;
  SyncMarker sync_;
  size_t sync_interval_;
  std::string block_;
  std::string compressed_;
  util::MemoryCharge held_;
  int64_t block_count_ = 0;
  bool closed_ = false;
  uint64_t datums_written_ = 0;
  uint64_t blocks_written_ = 0;
  uint64_t bytes_written_ = 0;
};

template <typename EncodeFn>
Status ContainerWriter::append_datum(EncodeFn&& encode) {
  if (closed_) return Status::fatal("avro: append to a closed container file");
  const size_t before = block_.size();
  Status encoded = encode(block_);
  if (!encoded.ok()) {
    truncate_block(before);
    return encoded;
  }
  return datum_appended();
}

// The order in which java.util.HashMap iterates string keys put in the given order (repeated keys
// listed once, at their first put). Exact while no bucket of a table of 64 or more holds more than
// 8 keys (Java then uses a tree bin, which we do not model).
std::vector<size_t> java_hash_map_order(const std::vector<std::string_view>& keys);

}  // namespace sluice::avro
