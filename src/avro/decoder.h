// Decoder: reads Avro's binary encoding (see encoder.h for the layout) from a byte range, with
// every length and count checked against the bytes that are left.
//
// Malformed or truncated input never reads out of bounds: the read fails with a kDataError that
// names the problem and the byte offset ("avro: truncated long at offset 17"). Varints follow
// Java's BinaryDecoder: an int may take at most 5 bytes and a long 10, bits beyond 32 or 64 are
// dropped. Strings and bytes are returned as views into the input (no copy, UTF-8 not checked).
//
// Arrays and maps accept any blocking a writer may choose, as the specification requires:
//   int64_t n;
//   while ((n = SLUICE_ASSIGN...(decoder.read_block_count())) != 0) { read n items }
// A negative block count -n announces n items preceded by the block's byte size, which
// read_block_count reads (and returns through `block_bytes` for callers that skip blocks).
//
// A Decoder is a view: it borrows the bytes, which must outlive it and every view it returned.
// Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/status.h"

namespace sluice::avro {

// Java's default limit on the item count of one array or map block (and on bytes lengths).
inline constexpr int64_t kMaxCollectionItems = INT32_MAX - 8;

class Decoder {
 public:
  explicit Decoder(std::string_view data) : data_(data) {}

  size_t position() const { return position_; }
  size_t remaining() const { return data_.size() - position_; }
  bool at_end() const { return position_ == data_.size(); }
  // The whole input, for callers that copy what they read past.
  std::string_view data() const { return data_; }

  Result<bool> read_boolean();
  Result<int32_t> read_int();
  Result<int64_t> read_long();
  Result<float> read_float();
  Result<double> read_double();
  Result<std::string_view> read_bytes();
  Result<std::string_view> read_string() { return read_bytes(); }
  Result<std::string_view> read_fixed(size_t size);
  // The index must be in [0, symbol_count).
  Result<int32_t> read_enum(size_t symbol_count);
  // The index must be in [0, branch_count).
  Result<int32_t> read_union_index(size_t branch_count);
  // Item count of the next array or map block, 0 after the last block. For a negative count
  // (a sized block) `block_bytes`, if given, receives the byte size, else -1.
  Result<int64_t> read_block_count(int64_t* block_bytes = nullptr);
  Status skip(size_t size);

 private:
  Status truncated(const char* what, size_t needed) const;
  Status malformed(const std::string& what) const;

  std::string_view data_;
  size_t position_ = 0;
};

}  // namespace sluice::avro
