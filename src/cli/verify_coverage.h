// The offsets a Kafka partition's objects cover, and where that differs from the topic: the
// arithmetic of `sluice verify`, apart from S3 and Kafka so that it is unit-tested as it ships.
//
// An object is taken to hold the consecutive offsets [start, start + records): its key gives the
// start offset, its records the count. That is exact when the connector wrote every offset it
// read into the partition's files in order (the default and the time-based partitioners with
// records in time order). Two cases it cannot see through, and says so:
// - Records dropped by the connector (errors.tolerance=all, a transform that filters,
//   behavior.on.null.values=ignore), offsets holding transaction markers and offsets compacted
//   away leave an object with fewer records than offsets: the gap is then found, with its size,
//   after the object that held them (not necessarily at the offsets that are missing).
// - With a partitioner that spreads one Kafka partition over several encoded partitions (field
//   partitioner, late records in time-based ones), objects interleave and a count does not say
//   which offsets an object holds. Such a partition is "interleaved": only identical start offsets
//   are told as duplicates, and the record count is compared with the offset count.
// A count that is only an upper bound (ByteArray) is capped at the next object's start offset (the
// high watermark for the last object), so
// such a count never makes a duplicate by itself; a copy is then seen where it overlaps the object
// after it, or by an identical start offset.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sluice::cli {

// The offsets [first, end).
struct OffsetRange {
  int64_t first = 0;
  int64_t end = 0;
  int64_t size() const { return end - first; }
  bool operator==(const OffsetRange&) const = default;
};

// One values object of a Kafka partition.
struct CoveredObject {
  std::string key;
  std::string encoded_partition;
  int64_t start_offset = 0;
  // Records counted in the object; nullopt when they could not be counted (the object is then
  // taken to reach the next object's start offset).
  std::optional<int64_t> records;
  // The count may exceed the records (a ByteArray value holding its separator): the object is
  // then taken to end at the next object's start offset at the latest.
  bool records_upper_bound = false;
};

// What Kafka says about the partition.
struct PartitionOffsets {
  int64_t log_start = 0;             // earliest offset still in the log
  int64_t high_watermark = 0;        // the next offset to be written
  std::optional<int64_t> committed;  // the connector group's committed offset, if any
};

enum class GapKind {
  kMissing,        // below the committed offset and in the log: in no object
  kBelowLogStart,  // deleted from the log (retention): not checked
  kNotCommitted,   // at or after the committed offset: the sink may still be writing them
};

struct Gap {
  OffsetRange range;
  GapKind kind = GapKind::kMissing;
  std::string key_before;  // the object before the gap; "" at the start
  std::string key_after;   // the object after it; "" at the end
};

struct Duplicate {
  OffsetRange range;
  std::string first_key;
  std::string second_key;
};

struct PartitionCoverage {
  std::vector<OffsetRange> covered;  // merged, ascending; empty when interleaved
  std::vector<Gap> gaps;             // ascending
  std::vector<Duplicate> duplicates;
  int64_t objects = 0;
  int64_t records = 0;  // counted
  int64_t uncounted_objects = 0;
  int64_t upper_bound_objects = 0;  // objects whose count is an upper bound (ByteArray)
  bool interleaved = false;
  // Interleaved partitions only: offsets from the first object's start (or the log start, when
  // lower) to the checked end; compared with `records`, a difference is missing offsets or
  // duplicates of unknown position.
  int64_t interleaved_offsets = 0;
  // Where checking ends: the committed offset, else the high watermark.
  int64_t checked_end = 0;

  int64_t missing_offsets() const;    // in kMissing gaps, or the interleaved shortfall
  int64_t duplicate_offsets() const;  // in duplicates, or the interleaved excess
};

// REQUIRES: every object belongs to the same Kafka partition.
PartitionCoverage compute_coverage(std::vector<CoveredObject> objects,
                                   const PartitionOffsets& offsets);

const char* gap_kind_name(GapKind kind);

}  // namespace sluice::cli
