// PageCompressor: compresses page bodies as Parquet's codecs store them (parquet-format,
// Compression.md): SNAPPY one raw snappy block; GZIP one gzip member (RFC 1952); ZSTD one
// Zstandard frame with its content size; LZ4_RAW one raw LZ4 block; LZ4 (deprecated) the Hadoop
// framing parquet-java writes (length-prefixed LZ4 blocks); UNCOMPRESSED the body itself. These
// framings differ from Avro's (snappy there appends a CRC, deflate is raw), so avro::Codec is not
// reused; the libraries are the same (libsnappy, zlib, libzstd, liblz4).
//
// Keeps its library state (zlib stream, zstd context) between pages, reset per page, until
// release_state(). Owned by one FileWriter; not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "parquet/metadata.h"
#include "util/status.h"

namespace sluice::parquet {

// Asks for the codec's default level (GZIP 6 as java.util.zip, ZSTD 3 as parquet-java).
inline constexpr int kDefaultCodecLevel = -1;

class PageCompressor {
 public:
  virtual ~PageCompressor() = default;
  virtual CompressionCodec codec() const = 0;
  // Returns the stored bytes of `body`: a view of `scratch` (replaced), or `body` itself when
  // uncompressed. Valid until the next call or until `scratch` changes.
  virtual Result<std::string_view> compress(std::string_view body, std::string& scratch) = 0;
  // Frees the library state kept between pages (a file left open idle holds none).
  virtual void release_state() {}
};

// Fails with kInvalidArgument for LZO and BROTLI (not offered), or a level the
// codec does not take (GZIP: -1..9; ZSTD is clamped to libzstd's range).
Result<std::unique_ptr<PageCompressor>> make_page_compressor(CompressionCodec codec,
                                                             int level = kDefaultCodecLevel);

}  // namespace sluice::parquet
