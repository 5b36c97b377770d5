// TimestampExtractor: the instant a time-based partitioner buckets a record by
// (`timestamp.extractor`, spec §3.3).
//
// * Wallclock: the `now` the writer captured for the whole batch (every record of one write()
//   call gets the same instant, as in Java).
// * Record: the Kafka record timestamp; a record without one is a DataError.
// * RecordField: field `timestamp.field` (dotted path a.b.c) of a Struct value (logical
//   Timestamp, INT32, INT64 or STRING) or of a schemaless Map value (integer, float, string).
//   A string of 1 to 19 digits (optional '-') is epoch milliseconds; any other string is parsed
//   as an ISO-8601 date-time like Joda's ISODateTimeFormat.dateTimeParser().
//
// Difference from Java: an ISO string without an offset ("2024-05-07T13:00:00") is read as UTC;
// Java reads it in the JVM's default time zone, which sluice does not have. Also, Java fails the
// task on every extractor error (they escape the errant-record reporter); sluice returns a
// DataError that names the field and lets the caller decide.
//
// Extractors are immutable after construction and shared by the writers of a task.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connect/sink_record.h"
#include "util/status.h"

namespace sluice::sink {

class TimestampExtractor {
 public:
  virtual ~TimestampExtractor() = default;
  // The record's instant in epoch milliseconds; `now_ms` is the batch's wall clock.
  virtual Result<int64_t> extract(const connect::SinkRecord& record, int64_t now_ms) const = 0;
  // Whether the result is the wall clock (rotate.interval.ms then also uses the wall clock).
  virtual bool is_wallclock() const { return false; }
};

enum class TimestampExtractorKind { kWallclock, kRecord, kRecordField };

struct TimestampExtractorOptions {
  TimestampExtractorKind kind = TimestampExtractorKind::kWallclock;
  std::string timestamp_field = "timestamp";  // RecordField only; dotted path
};

Result<std::unique_ptr<TimestampExtractor>> make_timestamp_extractor(
    const TimestampExtractorOptions& options);

// Joda's ISODateTimeFormat.dateTimeParser() (see the .cc for the accepted forms), with UTC for
// strings without an offset. Returns epoch milliseconds or InvalidArgument naming the text.
Result<int64_t> parse_iso_date_time(std::string_view text);

// Splits "a.b.c" into its segments (a trailing or doubled '.' gives an empty segment).
std::vector<std::string> split_field_path(std::string_view path);

}  // namespace sluice::sink
