// PartBuffer: the in-memory bytes of one S3 object under construction, cut into multipart parts.
//
// Encoded (and compressed) bytes are appended as they are produced. The buffer starts small and
// doubles up to s3.part.size, charging the shared MemoryBudget for what it really holds, so ten
// thousand open files with a few records each cost kilobytes each, not 25 MiB each. Whenever
// exactly part_size bytes are buffered they become a full Part, which the owner hands to the
// uploader; every part but the last is exactly part_size bytes, as in the Java connector (§6.3).
// Owned and used by one task thread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "sink/memory_budget.h"

namespace sluice::sink {

// Bytes on their way to S3, with the memory charge that is released once they are uploaded.
struct Part {
  std::string bytes;
  BudgetCharge charge;
};

class PartBuffer {
 public:
  PartBuffer(MemoryBudget* budget, size_t part_size);

  void append(std::string_view data);

  bool has_full_part() const { return !full_parts_.empty(); }
  Part pop_full_part();
  // Everything not yet handed out as a full part (possibly empty): the last part of the object.
  Part take_rest();

  uint64_t total_bytes() const { return total_bytes_; }
  size_t part_size() const { return part_size_; }

 private:
  static constexpr size_t kInitialCapacity = 1024;

  MemoryBudget* budget_;
  size_t part_size_;
  std::string current_;
  BudgetCharge current_charge_;
  std::deque<Part> full_parts_;
  uint64_t total_bytes_ = 0;
};

}  // namespace sluice::sink
