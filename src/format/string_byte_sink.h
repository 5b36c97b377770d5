// StringByteSink: a ByteSink that keeps everything in memory, for tests, benchmarks and tools.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "format/byte_sink.h"

namespace sluice::format {

class StringByteSink final : public ByteSink {
 public:
  void append(std::string_view bytes) override {
    data_.append(bytes);
    ++append_calls_;
  }

  const std::string& data() const { return data_; }
  // How many append() calls were made; tests use it to check batching.
  size_t append_calls() const { return append_calls_; }
  void clear() {
    data_.clear();
    append_calls_ = 0;
  }

 private:
  std::string data_;
  size_t append_calls_ = 0;
};

}  // namespace sluice::format
