// ByteSink: where a record writer's encoded (and possibly compressed) bytes go.
//
// The sink core implements it over the pooled chunk buffer that streams multipart parts to S3;
// tests use StringByteSink. A sink is owned by whoever opened the file and outlives every writer
// and compressor that appends to it. Appends are in file order and never fail: a sink that cannot
// take more bytes (upload failed, memory budget) records the problem and reports it when the file
// is committed, so the per-record path stays free of error plumbing for I/O.
#pragma once

#include <string_view>

namespace sluice::format {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // Appends `bytes` to the end of the file being built. `bytes` is only valid during the call.
  virtual void append(std::string_view bytes) = 0;
};

}  // namespace sluice::format
