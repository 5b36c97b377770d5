#include "sink/partition_metrics.h"

namespace sluice::sink {

std::shared_ptr<const PartitionMetrics> PartitionMetrics::detached() {
  auto m = std::make_shared<PartitionMetrics>();
  for (auto* counter : {&m->records_consumed, &m->bytes_consumed, &m->records_written,
                        &m->records_skipped, &m->records_filtered, &m->records_dead_lettered,
                        &m->parts_uploaded, &m->objects_committed, &m->bytes_written}) {
    *counter = std::make_shared<metrics::Counter>();
  }
  for (auto* gauge : {&m->committed_offset, &m->open_files}) {
    *gauge = std::make_shared<metrics::Gauge>();
  }
  return m;
}

}  // namespace sluice::sink
