// Compressor: the streaming compression stage between a record writer and its ByteSink.
//
// `s3.compression.type` selects it: `none` passes bytes straight through, `gzip` produces one gzip
// member per file that is byte-identical to what Java's GZIPOutputStream writes on JDK >= 16 with
// stock zlib (see GzipCompressor). A compressor is owned by the record writer that feeds it and
// borrows the ByteSink, which must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "format/byte_sink.h"
#include "util/status.h"

namespace sluice::format {

enum class CompressionType : uint8_t { kNone, kGzip };

// The extension the compression adds to a file name: "" or ".gz".
std::string_view compression_extension(CompressionType type);

class Compressor {
 public:
  virtual ~Compressor() = default;

  // Compresses `bytes` and appends whatever output is ready to the sink.
  virtual Status write(std::string_view bytes) = 0;
  // Writes the rest of the stream (for gzip: the final deflate block and the trailer). Nothing may
  // be written afterwards. Calling it twice is a no-op.
  virtual Status finish() = 0;

  // Uncompressed bytes accepted so far.
  virtual uint64_t bytes_in() const = 0;
  // Bytes handed to the sink so far (including any header).
  virtual uint64_t bytes_out() const = 0;

  // True when the output depends on how the input is split into write() calls. Only gzip at level
  // 0 (stored blocks, whose boundaries follow the writes) is; writers then reproduce the Java
  // connector's sequence of writes instead of batching a record into one call.
  virtual bool output_depends_on_write_boundaries() const { return false; }
};

// `level` is s3.compression.level (-1 = zlib default 6, else 0..9); ignored for kNone.
Result<std::unique_ptr<Compressor>> make_compressor(CompressionType type, int level,
                                                    ByteSink& sink);

}  // namespace sluice::format
