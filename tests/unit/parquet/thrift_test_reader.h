// A generic Thrift compact-protocol decoder for the tests: reads a struct into a tree of
// field id -> value, so that tests can look at any footer or page-header field without a second
// copy of the Parquet structs. Test-only; aborts the test (via ADD_FAILURE + empty values) on
// malformed input rather than reporting errors.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::parquet::testing {

struct TValue {
  int type = 0;         // compact type id (1/2 = bool)
  int64_t integer = 0;  // bool (1/0), i8, i16, i32, i64 (un-zigzagged)
  std::string binary;
  std::vector<TValue> list;
  std::map<int16_t, TValue> fields;  // structs

  const TValue& at(int16_t id) const {
    static const TValue kMissing;
    auto it = fields.find(id);
    if (it == fields.end()) {
      ADD_FAILURE() << "no field " << id;
      return kMissing;
    }
    return it->second;
  }
  bool has(int16_t id) const { return fields.count(id) != 0; }
};

class TReader {
 public:
  explicit TReader(std::string_view data) : data_(data) {}
  size_t pos() const { return pos_; }

  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; pos_ < data_.size(); shift += 7) {
      uint8_t b = static_cast<uint8_t>(data_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    ADD_FAILURE() << "truncated varint";
    return v;
  }
  int64_t zigzag() {
    uint64_t v = varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  uint8_t byte() {
    if (pos_ >= data_.size()) {
      ADD_FAILURE() << "truncated";
      return 0;
    }
    return static_cast<uint8_t>(data_[pos_++]);
  }

  TValue read_struct() {
    TValue s;
    s.type = 12;
    int16_t last = 0;
    for (;;) {
      uint8_t header = byte();
      if (header == 0) return s;
      int type = header & 0x0f;
      int16_t id = (header >> 4) ? static_cast<int16_t>(last + (header >> 4))
                                 : static_cast<int16_t>(zigzag());
      last = id;
      s.fields[id] =
          type == 1 || type == 2 ? TValue{.type = type, .integer = type == 1} : read_value(type);
      if (pos_ > data_.size()) return s;
    }
  }

  TValue read_value(int type) {
    TValue v;
    v.type = type;
    switch (type) {
      case 3:
        v.integer = static_cast<int8_t>(byte());
        break;
      case 4:
      case 5:
      case 6:
        v.integer = zigzag();
        break;
      case 8: {
        size_t n = varint();
        v.binary = std::string(data_.substr(pos_, n));
        pos_ += n;
        break;
      }
      case 9: {
        uint8_t h = byte();
        size_t n = h >> 4;
        if (n == 15) n = varint();
        for (size_t i = 0; i < n; ++i) {
          int et = h & 0x0f;
          v.list.push_back(et == 1 || et == 2 ? TValue{.type = 1, .integer = byte() == 1}
                                              : read_value(et));
        }
        break;
      }
      case 12:
        return read_struct();
      default:
        ADD_FAILURE() << "unexpected compact type " << type;
        pos_ = data_.size() + 1;
    }
    return v;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace sluice::parquet::testing
