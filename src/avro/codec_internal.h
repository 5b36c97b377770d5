// Factories of the codec implementations (one file each), for make_codec. Internal to avro/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "avro/codec.h"

namespace sluice::avro::internal {

// REQUIRES: 0 <= level <= 9 (callers map -1 to the default).
Result<std::unique_ptr<Codec>> make_deflate_codec(int level);
std::unique_ptr<Codec> make_snappy_codec();
std::unique_ptr<Codec> make_bzip2_codec();
// REQUIRES: 0 <= preset <= 9.
Result<std::unique_ptr<Codec>> make_xz_codec(int preset);
// `level` is clamped to zstd's range, as Java's ZstandardLoader does.
Result<std::unique_ptr<Codec>> make_zstandard_codec(int level);

// One byte more than `max_size` (without overflowing): decompressing stops once output reaches it.
inline size_t output_cap(size_t max_size) {
  return max_size < SIZE_MAX ? max_size + 1 : max_size;
}

// "<codec>: output exceeds <max_size> bytes" as a kDataError.
Status decompressed_too_large(std::string_view codec, size_t max_size);

}  // namespace sluice::avro::internal
