// ByteSink: where a Parquet FileWriter hands the bytes of the file it builds, in file order.
//
// The same contract as format::ByteSink and avro::ByteSink (parquet may not depend on either
// module; an adapter is one line): appends are only valid during the call and never fail; a sink
// that cannot take more bytes records the problem and reports it when the file is committed.
// Owned by whoever opened the file; outlives the writer.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace sluice::parquet {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void append(std::string_view bytes) = 0;
};

// Collects the whole file in memory (tests, tools). Not thread-safe.
class StringByteSink final : public ByteSink {
 public:
  void append(std::string_view bytes) override { data_.append(bytes); }
  const std::string& data() const { return data_; }
  std::string take() { return std::move(data_); }

 private:
  std::string data_;
};

}  // namespace sluice::parquet
