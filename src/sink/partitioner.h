// Partitioner: the directory part of an object key for one record (spec §3.2).
//
// A partitioner maps a record to its *encoded partition* ("partition=3",
// "year=2024/month=05/day=07/hour=13", "region=eu/country=de"); the writer keeps one open file per
// encoded partition and builds the key from partitioned_path() (spec §3.1). The built-ins mirror
// storage-common's DefaultPartitioner, FieldPartitioner, TimeBasedPartitioner, HourlyPartitioner
// and DailyPartitioner, plus the S3 connector's two wrappers (schema affix, tombstones).
//
// Partitioners are immutable once built: make_partitioner() validates everything up front, and
// encode_partition() is const, allocation-free beyond appending to the caller's buffer, and safe
// to call from several threads. They are owned by the task (or process) and outlive its writers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connect/sink_record.h"
#include "util/status.h"

namespace sluice::sink {

class Partitioner {
 public:
  virtual ~Partitioner() = default;

  // Appends the encoded partition of `record` (e.g. "partition=3", "year=2024/month=05/...") to
  // *out. `timestamp_ms` is the record's time as the configured extractor gives it (only
  // time-based partitioners read it). A record that cannot be partitioned is a DataError whose
  // message names the field and the reason.
  virtual Status encode_partition(const connect::SinkRecord& record, int64_t timestamp_ms,
                                  std::string* out) const = 0;

  // topic + directory.delim + encoded (all built-ins); the hook a custom partitioner may change.
  virtual void partitioned_path(std::string_view topic, std::string_view encoded,
                                std::string* out) const;

  virtual bool is_time_based() const { return false; }

  const std::string& directory_delim() const { return directory_delim_; }

 protected:
  explicit Partitioner(std::string directory_delim)
      : directory_delim_(std::move(directory_delim)) {}

  std::string directory_delim_;
};

enum class PartitionerKind { kDefault, kField, kTimeBased, kHourly, kDaily };

// `s3.schema.partition.affix.type`.
enum class SchemaAffix { kNone, kPrefix, kSuffix };

// Everything the built-in partitioners read from the configuration; the config module fills it.
struct PartitionerOptions {
  PartitionerKind kind = PartitionerKind::kDefault;
  std::string directory_delim = "/";  // directory.delim

  // FieldPartitioner: partition.field.name, in order; dotted paths address nested fields.
  std::vector<std::string> field_names;
  // sluice extension: a schemaless Map value is partitioned by its keys (same rules as Struct
  // fields; a missing key prints "null"). Java rejects Map values (a DataError here when false).
  bool field_partitioner_accepts_maps = true;

  // TimeBasedPartitioner (Hourly and Daily fix duration and path format themselves).
  int64_t partition_duration_ms = -1;  // partition.duration.ms
  std::string path_format;             // path.format, Joda-Time pattern
  std::string locale;                  // locale, passed to Java's one-argument Locale(String)
  std::string timezone;                // timezone, a Joda zone id

  SchemaAffix schema_affix = SchemaAffix::kNone;

  // behavior.on.null.values=write: records with a null value go to this encoded partition.
  bool write_tombstones = false;
  std::string tombstone_encoded_partition = "tombstone";  // tombstone.encoded.partition
};

// Builds the configured partitioner with its wrappers (tombstone outermost, then schema affix).
// Every configuration problem is an InvalidArgument whose message starts with the key.
Result<std::unique_ptr<Partitioner>> make_partitioner(const PartitionerOptions& options);

// The Joda pattern HourlyPartitioner / DailyPartitioner use, built with `directory_delim`
// exactly as the Java classes concatenate it.
std::string hourly_path_format(std::string_view directory_delim);
std::string daily_path_format(std::string_view directory_delim);

}  // namespace sluice::sink
