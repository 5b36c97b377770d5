#include "parquet/footer_row_count.h"

#include <string>

namespace sluice::parquet {

namespace {

// Reads the compact protocol from a byte range; the first failure sticks.
class CompactReader {
 public:
  explicit CompactReader(std::string_view bytes) : bytes_(bytes) {}
  bool failed() const { return failed_; }

  uint64_t varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) break;
      uint8_t b = static_cast<uint8_t>(bytes_[pos_++]);
      value |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return value;
    }
    failed_ = true;
    return 0;
  }
  int64_t zigzag() {
    uint64_t v = varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  uint8_t byte() {
    if (pos_ >= bytes_.size()) {
      failed_ = true;
      return 0;
    }
    return static_cast<uint8_t>(bytes_[pos_++]);
  }
  void skip_bytes(uint64_t n) {
    if (n > bytes_.size() - pos_) {
      failed_ = true;
      pos_ = bytes_.size();
      return;
    }
    pos_ += n;
  }

  // Skips one value of compact type `type`; `depth` bounds nesting.
  void skip(uint8_t type, int depth) {
    if (depth > 64) failed_ = true;
    if (failed_) return;
    switch (type) {
      case 1:
      case 2:  // a bool field's value is in its type nibble
        return;
      case 3:
        skip_bytes(1);
        return;
      case 4:
      case 5:
      case 6:
        varint();
        return;
      case 7:
        skip_bytes(8);
        return;
      case 8:
        skip_bytes(varint());
        return;
      case 9:
      case 10:
        skip_list(depth);
        return;
      case 11:
        skip_map(depth);
        return;
      case 12:
        skip_struct(depth);
        return;
      default:
        failed_ = true;
    }
  }

  // Reads a field header; returns false at the struct's stop byte.
  bool field(int16_t* last_id, int16_t* id, uint8_t* type) {
    uint8_t header = byte();
    if (failed_ || header == 0) return false;
    *type = header & 0x0f;
    int delta = header >> 4;
    *id = delta != 0 ? static_cast<int16_t>(*last_id + delta) : static_cast<int16_t>(zigzag());
    *last_id = *id;
    return !failed_;
  }

 private:
  void skip_struct(int depth) {
    int16_t last = 0, id = 0;
    uint8_t type = 0;
    while (field(&last, &id, &type)) skip(type, depth + 1);
  }
  void skip_list(int depth) {
    uint8_t header = byte();
    uint64_t size = header >> 4;
    if (size == 15) size = varint();
    uint8_t element = header & 0x0f;
    for (uint64_t i = 0; i < size && !failed_; ++i) {
      if (element == 1 || element == 2) {
        skip_bytes(1);  // a bool element is one byte
      } else {
        skip(element, depth + 1);
      }
    }
  }
  void skip_map(int depth) {
    uint64_t size = varint();
    if (size == 0) return;
    uint8_t types = byte();
    for (uint64_t i = 0; i < size && !failed_; ++i) {
      skip(types >> 4, depth + 1);
      skip(types & 0x0f, depth + 1);
    }
  }

  std::string_view bytes_;
  size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace

Result<int64_t> footer_row_count(std::string_view file) {
  constexpr std::string_view kMagic = "PAR1";
  if (file.size() < 12 || !file.starts_with(kMagic) || !file.ends_with(kMagic)) {
    return Status::data_error("not a Parquet file (no PAR1 magic at both ends)");
  }
  const auto* tail = reinterpret_cast<const unsigned char*>(file.data() + file.size() - 8);
  uint64_t footer_size = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (uint64_t{tail[3]} << 24);
  if (footer_size > file.size() - 12) {
    return Status::data_error("Parquet footer length " + std::to_string(footer_size) +
                              " exceeds the file");
  }
  CompactReader reader(file.substr(file.size() - 8 - footer_size, footer_size));
  int16_t last = 0, id = 0;
  uint8_t type = 0;
  while (reader.field(&last, &id, &type)) {
    if (id == 3 && type == 6) {
      int64_t rows = reader.zigzag();
      if (reader.failed() || rows < 0) break;
      return rows;
    }
    reader.skip(type, 0);
  }
  return Status::data_error("Parquet footer has no readable num_rows (FileMetaData field 3)");
}

}  // namespace sluice::parquet
