// TimeBasedPartitioner: encodes a record by the time bucket its timestamp falls in (spec §3.3).
//
// encoded = format(bucket_start(timestamp, partition.duration.ms, timezone)) with the Joda
// pattern path.format in `timezone` and `locale`. HourlyPartitioner and DailyPartitioner are this
// class with a fixed duration and pattern (see make_partitioner).
#pragma once

#include "sink/joda_time_format.h"
#include "sink/partitioner.h"
#include "sink/time_bucket.h"

namespace sluice::sink {

class TimeBasedPartitioner final : public Partitioner {
 public:
  TimeBasedPartitioner(int64_t duration_ms, JodaTimeFormat format, std::string directory_delim)
      : Partitioner(std::move(directory_delim)),
        duration_ms_(duration_ms),
        format_(std::move(format)) {}

  Status encode_partition(const connect::SinkRecord& record, int64_t timestamp_ms,
                          std::string* out) const override;
  bool is_time_based() const override { return true; }

  int64_t duration_ms() const { return duration_ms_; }
  const JodaTimeFormat& format() const { return format_; }

 private:
  int64_t duration_ms_;
  JodaTimeFormat format_;
};

}  // namespace sluice::sink
