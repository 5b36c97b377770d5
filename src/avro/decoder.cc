#include "avro/decoder.h"

#include <cstring>
#include <string>

namespace sluice::avro {

Status Decoder::truncated(const char* what, size_t needed) const {
  return Status::data_error("avro: truncated " + std::string(what) + " at offset " +
                            std::to_string(position_) + " (needs " + std::to_string(needed) +
                            " bytes, " + std::to_string(remaining()) + " left)");
}

Status Decoder::malformed(const std::string& what) const {
  return Status::data_error("avro: " + what + " at offset " + std::to_string(position_));
}

Result<bool> Decoder::read_boolean() {
  if (remaining() < 1) return truncated("boolean", 1);
  auto byte = static_cast<unsigned char>(data_[position_]);
  if (byte > 1) return malformed("invalid boolean byte " + std::to_string(byte));
  ++position_;
  return byte == 1;
}

Result<int32_t> Decoder::read_int() {
  uint32_t n = 0;
  for (int shift = 0, i = 0; i < 5; ++i, shift += 7) {
    if (position_ + i >= data_.size()) return truncated("int", static_cast<size_t>(i) + 1);
    auto byte = static_cast<unsigned char>(data_[position_ + i]);
    n |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      position_ += static_cast<size_t>(i) + 1;
      return static_cast<int32_t>((n >> 1) ^ (0u - (n & 1)));
    }
  }
  return malformed("invalid int encoding (more than 5 bytes)");
}

Result<int64_t> Decoder::read_long() {
  uint64_t n = 0;
  for (int shift = 0, i = 0; i < 10; ++i, shift += 7) {
    if (position_ + i >= data_.size()) return truncated("long", static_cast<size_t>(i) + 1);
    auto byte = static_cast<unsigned char>(data_[position_ + i]);
    n |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      position_ += static_cast<size_t>(i) + 1;
      return static_cast<int64_t>((n >> 1) ^ (0 - (n & 1)));
    }
  }
  return malformed("invalid long encoding (more than 10 bytes)");
}

Result<float> Decoder::read_float() {
  if (remaining() < 4) return truncated("float", 4);
  uint32_t bits = 0;
  for (int i = 0; i < 4; ++i) {
    bits |= static_cast<uint32_t>(static_cast<unsigned char>(data_[position_ + i])) << (8 * i);
  }
  position_ += 4;
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

Result<double> Decoder::read_double() {
  if (remaining() < 8) return truncated("double", 8);
  uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) {
    bits |= static_cast<uint64_t>(static_cast<unsigned char>(data_[position_ + i])) << (8 * i);
  }
  position_ += 8;
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

Result<std::string_view> Decoder::read_bytes() {
  size_t start = position_;
  SLUICE_ASSIGN_OR_RETURN(int64_t length, read_long());
  if (length < 0) {
    position_ = start;
    return malformed("negative length " + std::to_string(length));
  }
  if (static_cast<uint64_t>(length) > remaining()) {
    auto needed = static_cast<size_t>(length);
    position_ = start;
    return Status::data_error("avro: truncated bytes at offset " + std::to_string(start) +
                              " (length " + std::to_string(needed) + ", " +
                              std::to_string(data_.size() - start) + " bytes left)");
  }
  std::string_view bytes = data_.substr(position_, static_cast<size_t>(length));
  position_ += static_cast<size_t>(length);
  return bytes;
}

Result<std::string_view> Decoder::read_fixed(size_t size) {
  if (remaining() < size) return truncated("fixed", size);
  std::string_view bytes = data_.substr(position_, size);
  position_ += size;
  return bytes;
}

Result<int32_t> Decoder::read_enum(size_t symbol_count) {
  size_t start = position_;
  SLUICE_ASSIGN_OR_RETURN(int32_t index, read_int());
  if (index < 0 || static_cast<size_t>(index) >= symbol_count) {
    position_ = start;
    return malformed("enum index " + std::to_string(index) + " out of range (" +
                     std::to_string(symbol_count) + " symbols)");
  }
  return index;
}

Result<int32_t> Decoder::read_union_index(size_t branch_count) {
  size_t start = position_;
  SLUICE_ASSIGN_OR_RETURN(int32_t index, read_int());
  if (index < 0 || static_cast<size_t>(index) >= branch_count) {
    position_ = start;
    return malformed("union branch " + std::to_string(index) + " out of range (" +
                     std::to_string(branch_count) + " branches)");
  }
  return index;
}

Result<int64_t> Decoder::read_block_count(int64_t* block_bytes) {
  size_t start = position_;
  SLUICE_ASSIGN_OR_RETURN(int64_t count, read_long());
  int64_t size = -1;
  if (count < 0) {
    if (count == INT64_MIN) {
      position_ = start;
      return malformed("invalid block count");
    }
    count = -count;
    SLUICE_ASSIGN_OR_RETURN(size, read_long());
    if (size < 0 || static_cast<uint64_t>(size) > remaining()) {
      position_ = start;
      return malformed("invalid block byte size " + std::to_string(size));
    }
  }
  if (count > kMaxCollectionItems) {
    position_ = start;
    return malformed("block count " + std::to_string(count) + " exceeds the limit");
  }
  if (block_bytes != nullptr) *block_bytes = size;
  return count;
}

Status Decoder::skip(size_t size) {
  if (remaining() < size) return truncated("data", size);
  position_ += size;
  return Status::ok_status();
}

}  // namespace sluice::avro
