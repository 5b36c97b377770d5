// The RLE / bit-packing hybrid encoding (parquet-format, Encodings.md, "Run Length Encoding /
// Bit-Packing Hybrid"), used for definition and repetition levels (and, later, dictionary
// indices). Encodes a whole buffered sequence at once: a value repeated 8 times or more becomes
// an RLE run, everything else goes into bit-packed runs of at most 63 groups of 8 (one-byte
// headers), the last group padded with zeros. The output carries no length prefix.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace sluice::parquet {

// Bits needed for values up to `max_value` (0 -> 0, 1 -> 1, 2..3 -> 2, ...).
int bit_width_of(uint32_t max_value);

// Appends the hybrid encoding of `values` at `bit_width` bits each.
// REQUIRES: 0 <= bit_width <= 32 and every value fits in bit_width bits.
void encode_rle_hybrid(std::span<const uint8_t> values, int bit_width, std::string& out);
void encode_rle_hybrid(std::span<const uint32_t> values, int bit_width, std::string& out);

}  // namespace sluice::parquet
