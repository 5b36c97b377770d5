// PartitionMetrics: the metric cells of one consumed topic-partition in one task, resolved once
// when the partition is assigned (runtime/task_metrics.h makes them with their labels), so that
// recording a record, a part or an object is one relaxed atomic add (metrics/cells.h).
//
// Shared: the task thread records consumption and commits, its writer the open files, and the
// upload threads the parts and objects of the partition's uploads, which may finish after the
// partition was revoked (they hold the cells by shared_ptr; the revoked series is no longer
// rendered by then).
#pragma once

#include <memory>

#include "metrics/cells.h"

namespace sluice::sink {

struct PartitionMetrics {
  // Recorded by the task (runtime/sink_task.cc).
  std::shared_ptr<metrics::Counter> records_consumed;
  std::shared_ptr<metrics::Counter> bytes_consumed;  // Kafka key + value bytes
  std::shared_ptr<metrics::Counter> records_written;
  std::shared_ptr<metrics::Counter> records_skipped;  // failed and tolerated (errors.tolerance)
  // Not written by design: dropped by a transform or predicate, or a null value ignored
  // (behavior.on.null.values=ignore).
  std::shared_ptr<metrics::Counter> records_filtered;
  std::shared_ptr<metrics::Counter> records_dead_lettered;
  std::shared_ptr<metrics::Gauge> committed_offset;
  // Recorded by the writer and its uploads.
  std::shared_ptr<metrics::Gauge> open_files;
  std::shared_ptr<metrics::Counter> parts_uploaded;     // UploadPart requests that succeeded
  std::shared_ptr<metrics::Counter> objects_committed;  // objects made visible in the bucket
  std::shared_ptr<metrics::Counter> bytes_written;      // bytes of those objects

  // Cells registered nowhere, for a writer or task that reports to no registry (tests).
  static std::shared_ptr<const PartitionMetrics> detached();
};

}  // namespace sluice::sink
