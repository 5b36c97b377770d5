// Codec: the block compression of an Avro container file (specification, "Object Container
// Files", Required and Optional Codecs), as Avro's Java codecs apply it.
//
//   avro.codec   block data                                               level (Java default)
//   null         the bytes as they are                                    -
//   deflate      raw deflate (RFC 1951, no zlib header or checksum)       -1 = 6, or 0..9
//   snappy       a raw snappy block, then the big-endian CRC-32 of the    -
//                uncompressed bytes
//   bzip2        one bzip2 stream, 900 kB blocks ("BZh9")                 -
//   xz           one .xz stream with a CRC-64 check                       0..9 (6)
//   zstandard    one Zstandard frame, no checksum, streamed (no content   zstd's range (3)
//                size in the frame header)
//
// Byte identity with Java: deflate uses the same zlib parameters as java.util.zip.Deflater
// (level, window 15, memLevel 8, default strategy) and so produces the same bytes with the same
// zlib. On the test vectors, snappy (libsnappy 1.1.9 vs snappy-java 1.1.10.5) and zstandard
// (libzstd 1.5.4 vs zstd-jni 1.5.6) gave Java's bytes too; bzip2 (libbz2 vs Commons Compress) and
// xz (liblzma vs XZ for Java) give valid streams whose bytes differ a little. All of this holds
// for given library versions (deflate's for a given zlib, as with gzip).
//
// A Codec keeps its library state between blocks (one zlib/zstd/lzma context, reset per block)
// unless told to release it; while compressing one block it also needs that state: deflate about
// 256 KiB (window 15, memLevel 8), bzip2 about 7.6 MB (900 kB blocks), zstandard a few hundred
// KiB at level 3 for a 64 kB block, xz about 94 MiB at preset 6 (liblzma's figures).
// Owned by one writer or reader; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace sluice::avro {

enum class CodecId : uint8_t { kNull, kDeflate, kSnappy, kBzip2, kXz, kZstandard };

// The avro.codec value: "null", "deflate", "snappy", "bzip2", "xz", "zstandard".
std::string_view codec_name(CodecId id);
// The codec an avro.codec value names (exact match, as Java's CodecFactory.fromString), or none.
std::optional<CodecId> codec_from_name(std::string_view name);

// Asks for the codec's default level (deflate 6, xz 6, zstandard 3). (So zstd's own level -1,
// which Java's CodecFactory.zstandardCodec(-1) would accept, cannot be asked for.)
inline constexpr int kDefaultCompressionLevel = -1;

class Codec {
 public:
  virtual ~Codec() = default;

  virtual CodecId id() const = 0;

  // Compresses one block of encoded objects. Returns the block's data as the file stores it: a
  // view of `scratch` (replaced), or of `block` itself for the null codec.
  virtual Result<std::string_view> compress(std::string_view block, std::string& scratch) = 0;

  // Frees the library state compress() keeps for the next block; the next compress() builds it
  // again (same bytes). A writer with many files open calls it after each block, so that an
  // open file holds no codec state between blocks. Decompression state is not affected.
  virtual void release_compression_state() {}

  // Decompresses one block's data. Returns a view of `scratch` (replaced), or of `data` for the
  // null codec. Fails with kDataError on corrupt data or when the result would exceed `max_size`.
  virtual Result<std::string_view> decompress(std::string_view data, std::string& scratch,
                                              size_t max_size) = 0;
};

// `level` is ignored by null, snappy and bzip2. Fails with kInvalidArgument for a level the codec
// does not accept (deflate: -1..9; xz: -1..9).
Result<std::unique_ptr<Codec>> make_codec(CodecId id, int level = kDefaultCompressionLevel);

}  // namespace sluice::avro
