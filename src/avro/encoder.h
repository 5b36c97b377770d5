// Encoder: Avro's binary encoding (specification, "Binary Encoding"), appended to a std::string
// the caller owns and reuses, so encoding a value allocates nothing once the string has grown.
//
//   null     nothing                      int, long  zig-zag, then base-128 varint (<= 5 / 10
//   bytes) boolean  one byte 0 or 1              float      4 bytes IEEE 754, little-endian bytes
//   long length, the bytes       double     8 bytes IEEE 754, little-endian string   long byte
//   length, UTF-8      fixed      the bytes, no length enum     int symbol index             union
//   int branch index, then the value array    blocks of (long count, items), then 0; map: the same
//   with (string key, value) items
//
// Arrays and maps are written as Java's GenericDatumWriter writes them: one block with the whole
// count (none when empty) and the 0 terminator:
//   encoder.write_array_start(items.size());
//   for (auto& item : items) encoder.write_long(item);
//   encoder.write_array_end();
//
// An Encoder is a view: it borrows the string, which must outlive it. Not thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sluice::avro {

// Writes the zig-zag varint of `value` to `buf` (at least 10 bytes) and returns its length.
inline size_t encode_long(int64_t value, char* buf) {
  uint64_t n = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  size_t length = 0;
  while (n >= 0x80) {
    buf[length++] = static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  buf[length++] = static_cast<char>(n);
  return length;
}

inline void append_long(std::string& out, int64_t value) {
  char buf[10];
  out.append(buf, encode_long(value, buf));
}

class Encoder {
 public:
  explicit Encoder(std::string& out) : out_(&out) {}

  std::string& buffer() const { return *out_; }

  void write_null() {}
  void write_boolean(bool value) { out_->push_back(value ? '\x01' : '\x00'); }
  // The zig-zag varint of an int equals that of the same value as a long.
  void write_int(int32_t value) { append_long(*out_, value); }
  void write_long(int64_t value) { append_long(*out_, value); }
  void write_float(float value) {
    uint32_t bits;
    std::memcpy(&bits, &value, sizeof(bits));
    write_little_endian(bits, 4);
  }
  void write_double(double value) {
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof(bits));
    write_little_endian(bits, 8);
  }
  void write_bytes(std::string_view bytes) {
    append_long(*out_, static_cast<int64_t>(bytes.size()));
    out_->append(bytes);
  }
  // REQUIRES: `utf8` is valid UTF-8 (not checked; readers may reject or replace bad bytes).
  void write_string(std::string_view utf8) { write_bytes(utf8); }
  // REQUIRES: bytes.size() is the fixed type's size.
  void write_fixed(std::string_view bytes) { out_->append(bytes); }
  void write_enum(int32_t symbol_index) { write_int(symbol_index); }
  void write_union_index(int32_t branch_index) { write_int(branch_index); }

  // Starts an array or map of `count` items (writes the block count unless it is 0).
  void write_array_start(uint64_t count) { write_block_start(count); }
  void write_array_end() { out_->push_back('\x00'); }
  void write_map_start(uint64_t count) { write_block_start(count); }
  void write_map_end() { out_->push_back('\x00'); }

 private:
  void write_block_start(uint64_t count) {
    if (count > 0) append_long(*out_, static_cast<int64_t>(count));
  }
  void write_little_endian(uint64_t bits, int size) {
    char buf[8];
    for (int i = 0; i < size; ++i) buf[i] = static_cast<char>(bits >> (8 * i));
    out_->append(buf, static_cast<size_t>(size));
  }

  std::string* out_;
};

}  // namespace sluice::avro
