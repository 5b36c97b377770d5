// The "Partitioner" group of the connector configuration: storage-common's partitioner keys
// (partitioner.class, field names, time buckets, path.format, locale, timezone, timestamp
// extractor), how the builder reads them and the checks of what each partitioner needs.
#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <string>

#include "config/connector_config_internal.h"

namespace sluice::config {
namespace connector_internal {
namespace {

// The Joda-Time pattern letters (DateTimeFormat); any other letter outside quotes is an error.
std::optional<std::string> joda_pattern_problem(std::string_view pattern) {
  static constexpr std::string_view kLetters = "GCYxwweEyDMdaKhHkmsSzZ";
  bool quoted = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\'') {
      quoted = !quoted;  // '' inside or outside quotes toggles twice: a literal quote
      continue;
    }
    if (quoted) continue;
    if (std::isalpha(static_cast<unsigned char>(c)) != 0 &&
        kLetters.find(c) == std::string_view::npos) {
      return fmt::format("'{}' is not a Joda-Time pattern letter (quote literal text: 'text')", c);
    }
  }
  return std::nullopt;
}

}  // namespace

void define_partitioner_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Partitioner", "storage-common PartitionerConfig (confluent-s3-sink.md §2.5).");
  def.define("partitioner.class", T::kClass)
      .layout("Partitioner", 1, Width::kLong, "Partitioner Class")
      .dependents(
          {"partition.field.name", "partition.duration.ms", "path.format", "locale", "timezone"})
      .default_value("io.confluent.connect.storage.partitioner.DefaultPartitioner")
      .validator(class_validator(partitioner_classes(), "the partitioners"))
      .importance(Importance::kHigh)
      .doc("How records map to directories. Custom partitioner classes are rejected.");
  def.define("partition.field.name", T::kList)
      .layout("Partitioner", 2, Width::kNone, "Partition Field Name")
      .default_value("")
      .validator(Validator::custom("field names (dotted paths allowed)",
                                   [](const ConfigValue& v) -> std::optional<std::string> {
                                     const auto* s = std::get_if<std::string>(&v);
                                     if (s == nullptr) return std::nullopt;
                                     if (java_trim(*s).empty()) return "must not be blank";
                                     size_t start = 0;
                                     while (true) {
                                       size_t dot = s->find('.', start);
                                       std::string_view segment = std::string_view(*s).substr(
                                           start, dot == std::string::npos ? std::string::npos
                                                                           : dot - start);
                                       if (java_trim(segment).empty())
                                         return "must not have a blank segment between dots";
                                       if (dot == std::string::npos) break;
                                       start = dot + 1;
                                     }
                                     return std::nullopt;
                                   }))
      .importance(Importance::kMedium)
      .doc("FieldPartitioner fields, in order; required for FieldPartitioner.");
  def.define("partition.duration.ms", T::kLong)
      .layout("Partitioner", 3, Width::kLong, "Partition Duration (ms)")
      .default_value("-1")
      .importance(Importance::kMedium)
      .doc(
          "TimeBasedPartitioner bucket width; must be > 0 for it (the Java connector divides by "
          "zero on 0). Ignored by Hourly and Daily.");
  def.define("path.format", T::kString)
      .layout("Partitioner", 4, Width::kLong, "Path Format")
      .default_value("")
      .importance(Importance::kMedium)
      .doc(
          "Joda-Time pattern of TimeBasedPartitioner directories, e.g. "
          "`'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH`. Ignored by Hourly and Daily.");
  def.define("locale", T::kString)
      .layout("Partitioner", 5, Width::kLong, "Locale")
      .default_value("")
      .importance(Importance::kMedium)
      .doc("Locale of month and weekday names; required for time-based partitioners.");
  def.define("timezone", T::kString)
      .layout("Partitioner", 6, Width::kLong, "Timezone")
      .default_value("")
      .validator(Validator::custom("UTC, an IANA zone id, or an offset like +05:30",
                                   [](const ConfigValue& v) -> std::optional<std::string> {
                                     const auto* s = std::get_if<std::string>(&v);
                                     if (s == nullptr || s->empty()) return std::nullopt;
                                     Result<TimeZoneId> zone = parse_time_zone_id(*s);
                                     if (!zone.ok()) return zone.status().message();
                                     return std::nullopt;
                                   }))
      .importance(Importance::kMedium)
      .doc(
          "Time zone of time-based partitioning and scheduled rotation; required for both. "
          "Checked whenever set (Joda would only fail when the zone is used).");
  def.define("timestamp.extractor", T::kString)
      .layout("Partitioner", 7, Width::kLong, "Timestamp Extractor")
      .default_value("Wallclock")
      .validator(class_validator(timestamp_extractors(), "the timestamp extractors"))
      .importance(Importance::kMedium)
      .doc(
          "Where time-based partitioners take a record's time from. Custom extractor classes "
          "are rejected.");
  def.define("timestamp.field", T::kString)
      .layout("Partitioner", 8, Width::kLong, "Record Field for Timestamp Extractor")
      .default_value("timestamp")
      .importance(Importance::kMedium)
      .doc("Field (dotted path allowed) holding the time for `RecordField`.");
}

}  // namespace connector_internal

using connector_internal::joda_pattern_problem;

void ConnectorConfigBuilder::read_partitioner_keys() {
  S3SinkConnectorConfig& c = config_;
  c.partitioner_class_ = partitioner_classes()
                             .resolve(parsed_.string_value("partitioner.class"))
                             .value_or(PartitionerClass::kDefault);
  c.partition_field_name_ = parsed_.list_value("partition.field.name");
  c.partition_duration_ms_ = parsed_.long_value("partition.duration.ms");
  c.path_format_ = parsed_.string_value("path.format");
  c.locale_ = parsed_.string_value("locale");
  c.timezone_ = parsed_.string_value("timezone");
  if (!c.timezone_.empty() && valid("timezone")) {
    Result<TimeZoneId> zone = parse_time_zone_id(c.timezone_);
    if (zone.ok()) c.time_zone_ = std::move(zone).value();
  }
  c.timestamp_extractor_ = timestamp_extractors()
                               .resolve(parsed_.string_value("timestamp.extractor"))
                               .value_or(TimestampExtractorKind::kWallclock);
  c.timestamp_field_ = parsed_.string_value("timestamp.field");
}

// §2.5 and §2.9: what each partitioner needs, checked up front.
void ConnectorConfigBuilder::check_partitioner() {
  const S3SinkConnectorConfig& c = config_;
  if (!valid("partitioner.class")) return;
  std::string partitioner = std::string(to_string(c.partitioner_class_));
  if (c.partitioner_class_ == PartitionerClass::kField && c.partition_field_name_.empty() &&
      valid("partition.field.name")) {
    error("partition.field.name",
          "FieldPartitioner needs partition.field.name (a comma-separated list of fields)");
  }
  bool time_based = c.is_time_based_partitioner();
  if (time_based) {
    if (c.partitioner_class_ == PartitionerClass::kTimeBased) {
      if (valid("partition.duration.ms") && c.partition_duration_ms_ <= 0) {
        error("partition.duration.ms",
              "Invalid value '" + std::to_string(c.partition_duration_ms_) +
                  "' for configuration partition.duration.ms: TimeBasedPartitioner needs a "
                  "bucket width greater than 0 (milliseconds)");
      }
      std::string_view path = java_trim(c.path_format_);
      if (path.empty()) {
        error("path.format",
              "TimeBasedPartitioner needs path.format (a Joda-Time pattern such as "
              "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH)");
      } else if (c.path_format_ == c.directory_delim_) {
        error("path.format", "Invalid value '" + c.path_format_ +
                                 "' for configuration path.format: it must not be just the "
                                 "directory delimiter");
      } else if (auto problem = joda_pattern_problem(c.path_format_)) {
        error("path.format", "Invalid value '" + printable(c.path_format_) +
                                 "' for configuration path.format: " + *problem);
      }
    } else {
      for (const char* key : {"path.format", "partition.duration.ms"}) {
        if (parsed_.is_set(key)) {
          warn(key,
               std::string(key) + " is ignored by " + partitioner +
                   ", which uses its own fixed layout",
               Severity::kInfo);
        }
      }
    }
    if (java_trim(c.locale_).empty()) {
      error("locale", partitioner + " needs locale (for example en-US)");
    }
    if (valid("timezone") && java_trim(c.timezone_).empty()) {
      error("timezone", partitioner + " needs timezone (for example UTC or Europe/Berlin)");
    }
    if (c.timestamp_extractor_ == TimestampExtractorKind::kRecordField &&
        valid("timestamp.extractor") && java_trim(c.timestamp_field_).empty()) {
      error("timestamp.field",
            "timestamp.extractor=RecordField needs timestamp.field (the field holding the "
            "record's time)");
    }
  } else if (c.rotate_interval_ms_ > 0 && valid("rotate.interval.ms")) {
    warn("rotate.interval.ms",
         "rotate.interval.ms is ignored: it only works with a time-based partitioner "
         "(TimeBasedPartitioner, HourlyPartitioner, DailyPartitioner), and partitioner.class is " +
             partitioner);
  }
  if (c.rotate_schedule_interval_ms_ > 0 && valid("timezone") && java_trim(c.timezone_).empty() &&
      !time_based) {
    error("timezone",
          "rotate.schedule.interval.ms=" + std::to_string(c.rotate_schedule_interval_ms_) +
              " needs timezone (scheduled rotation is aligned to midnight in that zone)");
  }
}

}  // namespace sluice::config
