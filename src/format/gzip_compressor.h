// GzipCompressor: one gzip member per file, byte-identical to Java's GZIPOutputStream.
//
// What the Java connector writes (confluent-s3-sink.md §4.3): a fixed 10-byte header
// `1f 8b 08 00 00000000 00 ff` (no flags, MTIME 0, XFL 0 at every level, OS 0xff as on JDK >= 16),
// a raw deflate stream from zlib at s3.compression.level (-1 = 6, memLevel 8, default strategy,
// 15-bit window, Z_NO_FLUSH throughout: there are no sync flushes), then CRC32 and ISIZE
// little-endian. We therefore run zlib in raw mode (windowBits -15) and write header and trailer
// ourselves; zlib's own gzip wrapper would set XFL and OS differently.
//
// Deflate output at levels 1..9 does not depend on how the input is split into calls (zlib waits
// for a full lookahead before deciding under Z_NO_FLUSH). Level 0 emits stored blocks whose
// boundaries follow the calls, in Java as here; we mirror DeflaterOutputStream's loop (one deflate
// call per 8 KiB output buffer until the input is consumed) so that the same write sequence gives
// the same bytes. Byte identity also assumes the JVM used stock zlib of the same generation
// (Debian's OpenJDK uses the system zlib, as we do).
//
// Owned by a record writer; borrows the sink. The zlib stream is released in the destructor.
#pragma once

#include <zlib.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

#include "format/compressor.h"

namespace sluice::format {

class GzipCompressor final : public Compressor {
 public:
  // Starts the member: emits the 10-byte header into `sink` (as GZIPOutputStream's constructor
  // does).
  static Result<std::unique_ptr<GzipCompressor>> create(int level, ByteSink& sink);

  // Use create(); the tag keeps construction without init() out of reach.
  struct ConstructionTag {};
  GzipCompressor(ConstructionTag, int level, ByteSink& sink) : level_(level), sink_(sink) {}
  ~GzipCompressor() override;
  GzipCompressor(const GzipCompressor&) = delete;
  GzipCompressor& operator=(const GzipCompressor&) = delete;

  Status write(std::string_view bytes) override;
  Status finish() override;
  uint64_t bytes_in() const override { return bytes_in_; }
  uint64_t bytes_out() const override { return bytes_out_; }
  bool output_depends_on_write_boundaries() const override { return level_ == 0; }

  // Java's Deflater buffer size in the connector (GZIPOutputStream(out, 8192)).
  static constexpr size_t kOutputBufferSize = 8192;

 private:
  Status init();
  void emit(const unsigned char* data, size_t size);

  int level_;
  ByteSink& sink_;
  z_stream stream_{};
  bool initialised_ = false;
  bool finished_ = false;
  uint32_t crc_ = 0;
  uint64_t bytes_in_ = 0;
  uint64_t bytes_out_ = 0;
  std::array<unsigned char, kOutputBufferSize> out_{};
};

}  // namespace sluice::format
