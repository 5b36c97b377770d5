// Thrift compact protocol encoding (see thrift_compact.h).
#include "parquet/thrift_compact.h"

#include <cassert>

namespace sluice::parquet::thrift {

void append_varint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void CompactWriter::begin_struct() {
  last_ids_.push_back(0);
}

void CompactWriter::end_struct() {
  assert(!last_ids_.empty());
  out_.push_back(static_cast<char>(CompactType::kStop));
  last_ids_.pop_back();
}

void CompactWriter::field_header(int16_t id, CompactType type) {
  assert(!last_ids_.empty() && id > 0);
  int delta = id - last_ids_.back();
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<char>((delta << 4) | static_cast<int>(type)));
  } else {
    // Long form: the type alone, then the id as a zigzag i16.
    out_.push_back(static_cast<char>(type));
    append_varint(out_, zigzag32(id));
  }
  last_ids_.back() = id;
}

void CompactWriter::field_bool(int16_t id, bool value) {
  field_header(id, value ? CompactType::kBooleanTrue : CompactType::kBooleanFalse);
}

void CompactWriter::field_i8(int16_t id, int8_t value) {
  field_header(id, CompactType::kI8);
  out_.push_back(static_cast<char>(value));
}

void CompactWriter::field_i16(int16_t id, int16_t value) {
  field_header(id, CompactType::kI16);
  append_varint(out_, zigzag32(value));
}

void CompactWriter::field_i32(int16_t id, int32_t value) {
  field_header(id, CompactType::kI32);
  append_varint(out_, zigzag32(value));
}

void CompactWriter::field_i64(int16_t id, int64_t value) {
  field_header(id, CompactType::kI64);
  append_varint(out_, zigzag64(value));
}

void CompactWriter::field_binary(int16_t id, std::string_view value) {
  field_header(id, CompactType::kBinary);
  element_binary(value);
}

void CompactWriter::field_struct(int16_t id) {
  field_header(id, CompactType::kStruct);
  begin_struct();
}

void CompactWriter::field_list(int16_t id, CompactType element_type, size_t size) {
  field_header(id, CompactType::kList);
  if (size < 15) {
    out_.push_back(static_cast<char>((size << 4) | static_cast<size_t>(element_type)));
  } else {
    out_.push_back(static_cast<char>(0xf0 | static_cast<int>(element_type)));
    append_varint(out_, size);
  }
}

void CompactWriter::element_binary(std::string_view value) {
  append_varint(out_, value.size());
  out_.append(value);
}

}  // namespace sluice::parquet::thrift
