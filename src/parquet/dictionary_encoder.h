// DictionaryEncoder: the dictionary of one column chunk for dictionary encoding (parquet-format,
// Encodings.md, "Dictionary Encoding"): maps each distinct value to its index in order of first
// appearance and keeps the entries PLAIN-encoded, which is the dictionary page's body.
//
// Values are compared by their bytes (PLAIN bytes for fixed-width types, so FLOAT/DOUBLE entries
// are distinct per bit pattern, as in parquet-java; the raw bytes for BYTE_ARRAY). An
// open-addressing table of entry numbers over the one entry buffer: no allocation per value, only
// when the buffers grow. Owned by one ColumnWriter; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parquet/metadata.h"

namespace sluice::parquet {

class DictionaryEncoder {
 public:
  // REQUIRES: `type` is INT32, INT64, FLOAT, DOUBLE or BYTE_ARRAY.
  explicit DictionaryEncoder(PhysicalType type) : byte_array_(type == PhysicalType::kByteArray) {}

  // The index of `value` (its PLAIN bytes; for BYTE_ARRAY the bytes without length prefix),
  // added as a new entry when it is not in the dictionary yet.
  uint32_t index_of(std::string_view value);

  size_t size() const { return entries_.size(); }
  // The entries PLAIN-encoded in index order: the dictionary page body.
  const std::string& plain() const { return plain_; }
  // Memory held (for accounting).
  size_t held_bytes() const {
    return plain_.capacity() + entries_.capacity() * sizeof(Entry) +
           slots_.capacity() * sizeof(uint32_t);
  }
  // Empties the dictionary and frees its memory.
  void clear();

 private:
  struct Entry {
    size_t offset;  // of the value's bytes in plain_ (after a BYTE_ARRAY's length prefix)
    size_t size;
    size_t hash;
  };
  std::string_view entry_bytes(const Entry& e) const {
    return std::string_view(plain_).substr(e.offset, e.size);
  }
  void grow();

  bool byte_array_;
  std::string plain_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // entry number + 1; 0 = empty. Size: a power of two
};

}  // namespace sluice::parquet
