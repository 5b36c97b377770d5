// CompactWriter: the encoder side of the Thrift compact protocol, the subset Parquet's metadata
// uses (Apache Thrift, doc/specs/thrift-compact-protocol.md): structs with delta-coded field
// headers, bool fields in the type nibble, zigzag varints for i16/i32/i64, raw i8, length-prefixed
// binary, lists. No message envelope, maps, sets or doubles (Parquet's metadata has none).
//
// Callers write fields in ascending id order (the IDL order), so every header is the one-byte
// short form unless two ids are more than 15 apart. Each struct keeps its own "last field id",
// saved on entering a nested struct and restored on leaving it.
//
// Appends to a string the caller owns and keeps alive; not thread-safe. Used for footers and page
// headers only, never per value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::parquet::thrift {

// The element-type / field-type nibble of the compact protocol.
enum class CompactType : uint8_t {
  kStop = 0,
  kBooleanTrue = 1,
  kBooleanFalse = 2,
  kI8 = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

// Free encoders, also used by the page code (RLE run headers are the same ULEB128 varints).
void append_varint(std::string& out, uint64_t value);
inline uint32_t zigzag32(int32_t n) {
  return (static_cast<uint32_t>(n) << 1) ^ static_cast<uint32_t>(n >> 31);
}
inline uint64_t zigzag64(int64_t n) {
  return (static_cast<uint64_t>(n) << 1) ^ static_cast<uint64_t>(n >> 63);
}

class CompactWriter {
 public:
  // Starts outside any struct: call begin_struct() for the top-level struct.
  explicit CompactWriter(std::string& out) : out_(out) {}

  // Enters a struct (the top-level one, a list element, or after field_struct()).
  void begin_struct();
  // Writes the stop byte and returns to the enclosing struct's field numbering.
  // REQUIRES: a matching begin_struct().
  void end_struct();

  // Fields of the current struct. REQUIRES: inside a struct; `id` > 0.
  void field_bool(int16_t id, bool value);
  void field_i8(int16_t id, int8_t value);
  void field_i16(int16_t id, int16_t value);
  void field_i32(int16_t id, int32_t value);
  void field_i64(int16_t id, int64_t value);
  void field_binary(int16_t id, std::string_view value);
  // A struct (or union) field: writes the header and enters the struct; end it with end_struct().
  void field_struct(int16_t id);
  // A list field: writes the header and the list header; then write `size` elements with the
  // element writers below (or begin_struct()/end_struct() per struct element).
  void field_list(int16_t id, CompactType element_type, size_t size);

  // List elements (no per-element header).
  void element_i32(int32_t value) { append_varint(out_, zigzag32(value)); }
  void element_binary(std::string_view value);

 private:
  void field_header(int16_t id, CompactType type);

  std::string& out_;
  std::vector<int16_t> last_ids_;  // one entry per open struct
};

}  // namespace sluice::parquet::thrift
