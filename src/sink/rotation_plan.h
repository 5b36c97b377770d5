// RotationPlan: where a rotation cut its files, recorded so that a restart can cut them again.
//
// With wall-clock inputs (Wallclock timestamps, rotate.schedule.interval.ms, an early cut under
// memory pressure) the files a rotation produces depend on when records happened to be processed,
// so a restart that re-reads the records would cut them differently and duplicate data (the Java
// connector's known gap, spec §5.12). sluice closes it: before any object of such a rotation
// becomes visible, the rotation's plan — the offset range it covers and which encoded partition
// each run of offsets went to — is committed to Kafka as the metadata of the (unchanged) committed
// offset. After a crash, the next owner of the partition reads the metadata and replays exactly
// those cuts, so the objects it writes have the same keys and the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace sluice::sink {

struct RotationPlan {
  int64_t begin_offset = 0;                  // the first offset the rotation's range holds
  int64_t end_offset = 0;                    // one past the last record the rotation wrote
  std::vector<std::string> partitions;       // encoded partitions, in the order files were opened
  // Runs in increasing offset order: from `first` on (until the next run), records went to
  // partitions[second].
  std::vector<std::pair<int64_t, int>> runs;

  // The encoded partition index for `offset`, or -1 when the offset lies before the first run.
  int partition_for(int64_t offset) const;
  bool operator==(const RotationPlan&) const = default;
};

// Offset commit metadata for plans still in flight ("" for none). Versioned and self-delimiting:
// encoded partitions are length-prefixed, so any bytes may appear in them.
std::string encode_rotation_plans(const std::vector<RotationPlan>& plans);
// Plans from commit metadata. Metadata that sluice did not write (empty, or the Java connector's)
// yields no plans; metadata that starts like ours but is damaged is an error.
Result<std::vector<RotationPlan>> decode_rotation_plans(std::string_view metadata);

// Kafka brokers accept offset metadata up to offset.metadata.max.bytes (4096 by default).
inline constexpr size_t kMaxPlanMetadataBytes = 4000;

}  // namespace sluice::sink
