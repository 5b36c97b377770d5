#include "sink/partitioner.h"

#include <charconv>

#include "sink/partitioner_field.h"
#include "sink/partitioner_time_based.h"

namespace sluice::sink {
namespace {

bool is_blank(std::string_view s) {
  for (char c : s) {
    // Java's StringUtils.isBlank: whitespace only.
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

// partition=<kafka partition>.
class DefaultPartitioner final : public Partitioner {
 public:
  explicit DefaultPartitioner(std::string directory_delim)
      : Partitioner(std::move(directory_delim)) {}

  Status encode_partition(const connect::SinkRecord& record, int64_t,
                          std::string* out) const override {
    char buf[16];
    const auto res = std::to_chars(buf, buf + sizeof(buf), record.partition);
    out->append("partition=");
    out->append(buf, res.ptr);
    return Status::ok_status();
  }
};

// s3.schema.partition.affix.type: "schema_name=<value schema name>" before or after the inner
// partition ("null" when the value has no schema or the schema no name).
class SchemaAffixPartitioner final : public Partitioner {
 public:
  SchemaAffixPartitioner(std::unique_ptr<Partitioner> inner, SchemaAffix affix)
      : Partitioner(inner->directory_delim()), inner_(std::move(inner)), affix_(affix) {}

  Status encode_partition(const connect::SinkRecord& record, int64_t timestamp_ms,
                          std::string* out) const override {
    if (affix_ == SchemaAffix::kPrefix) {
      append_schema_name(record, out);
      out->append(directory_delim_);
      return inner_->encode_partition(record, timestamp_ms, out);
    }
    SLUICE_RETURN_IF_ERROR(inner_->encode_partition(record, timestamp_ms, out));
    out->append(directory_delim_);
    append_schema_name(record, out);
    return Status::ok_status();
  }
  void partitioned_path(std::string_view topic, std::string_view encoded,
                        std::string* out) const override {
    inner_->partitioned_path(topic, encoded, out);
  }
  bool is_time_based() const override { return inner_->is_time_based(); }

 private:
  static void append_schema_name(const connect::SinkRecord& record, std::string* out) {
    out->append("schema_name=");
    if (record.value_schema != nullptr && record.value_schema->name) {
      out->append(*record.value_schema->name);
    } else {
      out->append("null");
    }
  }

  std::unique_ptr<Partitioner> inner_;
  SchemaAffix affix_;
};

// behavior.on.null.values=write: a null value goes to exactly tombstone.encoded.partition (no
// field, time or affix part); everything else to the wrapped partitioner. Outermost wrapper.
class TombstonePartitioner final : public Partitioner {
 public:
  TombstonePartitioner(std::unique_ptr<Partitioner> inner, std::string tombstone_partition)
      : Partitioner(inner->directory_delim()),
        inner_(std::move(inner)),
        tombstone_partition_(std::move(tombstone_partition)) {}

  Status encode_partition(const connect::SinkRecord& record, int64_t timestamp_ms,
                          std::string* out) const override {
    if (record.value.is_null()) {
      out->append(tombstone_partition_);
      return Status::ok_status();
    }
    return inner_->encode_partition(record, timestamp_ms, out);
  }
  void partitioned_path(std::string_view topic, std::string_view encoded,
                        std::string* out) const override {
    inner_->partitioned_path(topic, encoded, out);
  }
  bool is_time_based() const override { return inner_->is_time_based(); }

 private:
  std::unique_ptr<Partitioner> inner_;
  std::string tombstone_partition_;
};

Result<std::unique_ptr<Partitioner>> make_time_based(const PartitionerOptions& o,
                                                     int64_t duration_ms, std::string path_format) {
  if (is_blank(o.locale)) {
    return Status::invalid_argument("locale: Locale cannot be empty (required by " +
                                    std::string("time-based partitioners)"));
  }
  if (is_blank(o.timezone)) {
    return Status::invalid_argument(
        "timezone: Timezone cannot be empty (required by "
        "time-based partitioners)");
  }
  Result<JodaZone> zone = JodaZone::for_id(o.timezone);
  if (!zone.ok()) return Status::invalid_argument("timezone: " + zone.status().message());
  Result<JodaTimeFormat> format = JodaTimeFormat::compile(path_format, o.locale, *zone);
  if (!format.ok()) {
    return Status::invalid_argument("path.format: Invalid value " + path_format + ": " +
                                    format.status().message());
  }
  return std::unique_ptr<Partitioner>(std::make_unique<TimeBasedPartitioner>(
      duration_ms, std::move(format).value(), o.directory_delim));
}

Result<std::unique_ptr<Partitioner>> make_inner(const PartitionerOptions& o) {
  switch (o.kind) {
    case PartitionerKind::kDefault:
      return std::unique_ptr<Partitioner>(std::make_unique<DefaultPartitioner>(o.directory_delim));
    case PartitionerKind::kField:
      for (const std::string& name : o.field_names) {
        bool bad = is_blank(name);
        size_t start = 0;
        while (!bad) {
          const size_t dot = name.find('.', start);
          if (is_blank(std::string_view(name).substr(
                  start, dot == std::string::npos ? dot : dot - start))) {
            bad = true;
          }
          if (dot == std::string::npos) break;
          start = dot + 1;
        }
        if (bad) {
          return Status::invalid_argument("partition.field.name: '" + name +
                                          "' is blank or has a blank segment between dots");
        }
      }
      return std::unique_ptr<Partitioner>(std::make_unique<FieldPartitioner>(
          o.field_names, o.directory_delim, o.field_partitioner_accepts_maps));
    case PartitionerKind::kTimeBased: {
      if (o.partition_duration_ms < 0) {
        return Status::invalid_argument(
            "partition.duration.ms: Partition duration needs to be a "
            "positive (got " +
            std::to_string(o.partition_duration_ms) + ")");
      }
      if (o.partition_duration_ms == 0) {
        // Java accepts 0 and then divides by zero on the first record.
        return Status::invalid_argument("partition.duration.ms: must be positive, got 0");
      }
      std::string path_format = o.path_format;
      if (is_blank(path_format) || path_format == o.directory_delim) {
        return Status::invalid_argument("path.format: Path format cannot be empty.");
      }
      if (!is_blank(o.directory_delim) && path_format.ends_with(o.directory_delim)) {
        path_format.resize(path_format.size() - o.directory_delim.size());
      }
      return make_time_based(o, o.partition_duration_ms, std::move(path_format));
    }
    case PartitionerKind::kHourly:
      return make_time_based(o, kMillisPerHour, hourly_path_format(o.directory_delim));
    case PartitionerKind::kDaily:
      return make_time_based(o, kMillisPerDay, daily_path_format(o.directory_delim));
  }
  return Status::invalid_argument("partitioner.class: unknown partitioner");
}

}  // namespace

void Partitioner::partitioned_path(std::string_view topic, std::string_view encoded,
                                   std::string* out) const {
  out->append(topic);
  out->append(directory_delim_);
  out->append(encoded);
}

Status TimeBasedPartitioner::encode_partition(const connect::SinkRecord& record,
                                              int64_t timestamp_ms, std::string* out) const {
  Result<int64_t> bucket = bucket_start(timestamp_ms, duration_ms_, format_.zone());
  if (!bucket.ok()) {
    return Status::data_error("time-based partition of offset " + std::to_string(record.offset) +
                              " (timestamp " + std::to_string(timestamp_ms) +
                              "): " + bucket.status().message());
  }
  Status st = format_.format(*bucket, out);
  if (!st.ok()) {
    return Status::data_error("time-based partition of offset " + std::to_string(record.offset) +
                              ": " + st.message());
  }
  return st;
}

std::string hourly_path_format(std::string_view d) {
  std::string p = "'year'=YYYY";
  p.append(d).append("'month'=MM").append(d).append("'day'=dd").append(d).append("'hour'=HH");
  return p;
}

std::string daily_path_format(std::string_view d) {
  std::string p = "'year'=YYYY";
  p.append(d).append("'month'=MM").append(d).append("'day'=dd");
  return p;
}

Result<std::unique_ptr<Partitioner>> make_partitioner(const PartitionerOptions& options) {
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<Partitioner> partitioner, make_inner(options));
  if (options.schema_affix != SchemaAffix::kNone) {
    partitioner =
        std::make_unique<SchemaAffixPartitioner>(std::move(partitioner), options.schema_affix);
  }
  if (options.write_tombstones) {
    partitioner = std::make_unique<TombstonePartitioner>(std::move(partitioner),
                                                         options.tombstone_encoded_partition);
  }
  return partitioner;
}

}  // namespace sluice::sink
