// RLE / bit-packing hybrid encoder (see rle_hybrid.h).
#include "parquet/rle_hybrid.h"

#include <algorithm>
#include <bit>
#include <cassert>

#include "parquet/thrift_compact.h"

namespace sluice::parquet {
namespace {

constexpr size_t kMinRepeat = 8;         // shorter repeats stay in bit-packed runs
constexpr size_t kMaxGroupsPerRun = 63;  // keeps each bit-packed header to one byte

template <typename T>
void append_rle_run(T value, size_t count, int bit_width, std::string& out) {
  thrift::append_varint(out, static_cast<uint64_t>(count) << 1);
  for (int byte = 0; byte < (bit_width + 7) / 8; ++byte) {
    out.push_back(static_cast<char>((static_cast<uint32_t>(value) >> (8 * byte)) & 0xff));
  }
}

// Bit-packs `values` (padded with zeros to a multiple of 8), LSB first.
template <typename T>
void append_bit_packed(std::span<const T> values, int bit_width, std::string& out) {
  while (!values.empty()) {
    size_t take = std::min(values.size(), kMaxGroupsPerRun * 8);
    size_t groups = (take + 7) / 8;
    thrift::append_varint(out, (groups << 1) | 1);
    size_t start = out.size();
    out.append(groups * bit_width, '\0');
    size_t bit = 0;
    for (size_t i = 0; i < take; ++i) {
      uint64_t v = static_cast<uint32_t>(values[i]);
      for (int b = 0; b < bit_width; ++b, ++bit) {
        if ((v >> b) & 1)
          out[start + bit / 8] = static_cast<char>(out[start + bit / 8] | (1 << (bit % 8)));
      }
    }
    values = values.subspan(take);
  }
}

template <typename T>
void encode(std::span<const T> values, int bit_width, std::string& out) {
  assert(bit_width >= 0 && bit_width <= 32);
  size_t n = values.size();
  size_t literal_start = 0;  // values [literal_start, pos) wait for a bit-packed run
  size_t pos = 0;
  while (pos < n) {
    size_t run = 1;
    while (pos + run < n && values[pos + run] == values[pos]) ++run;
    if (run < kMinRepeat) {
      pos += run;
      continue;
    }
    // Bit-packed runs other than the last must hold whole groups: lend them the run's head.
    size_t pad = (8 - (pos - literal_start) % 8) % 8;
    pos += pad;
    run -= pad;
    if (run < kMinRepeat) {
      pos += run;
      continue;
    }
    append_bit_packed(values.subspan(literal_start, pos - literal_start), bit_width, out);
    append_rle_run(values[pos], run, bit_width, out);
    pos += run;
    literal_start = pos;
  }
  append_bit_packed(values.subspan(literal_start, n - literal_start), bit_width, out);
}

}  // namespace

int bit_width_of(uint32_t max_value) {
  return std::bit_width(max_value);
}

void encode_rle_hybrid(std::span<const uint8_t> values, int bit_width, std::string& out) {
  encode(values, bit_width, out);
}

void encode_rle_hybrid(std::span<const uint32_t> values, int bit_width, std::string& out) {
  encode(values, bit_width, out);
}

}  // namespace sluice::parquet
