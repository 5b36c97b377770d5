// ByteSink: where a ContainerWriter hands the bytes of the file it builds.
//
// The same contract as format::ByteSink (the avro module may not depend on format, so an adapter
// there is one line): appends arrive in file order, are only valid during the call, and never
// fail; a sink that cannot take more bytes records the problem and reports it when the file is
// committed. The sink is owned by whoever opened the file and outlives the writer.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace sluice::avro {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // Appends `bytes` to the end of the file being built.
  virtual void append(std::string_view bytes) = 0;
};

// A sink that collects the whole file in memory (tests, tools, small files). Not thread-safe.
class StringByteSink final : public ByteSink {
 public:
  void append(std::string_view bytes) override { data_.append(bytes); }
  const std::string& data() const { return data_; }
  std::string take() { return std::move(data_); }

 private:
  std::string data_;
};

}  // namespace sluice::avro
