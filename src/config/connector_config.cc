// The core of S3SinkConnectorConfig: connector_definition() assembled from its groups (each
// defined in a connector_*_keys.cc file), the ConnectorConfigBuilder's driver and problem
// reporting, parse() and validate(), the class alias tables, to_string() of the enums, and the
// accessors that derive values from several keys.
#include "config/connector_config.h"

#include <optional>
#include <string>
#include <utility>

#include "config/connector_config_internal.h"

namespace sluice::config {
namespace {

// The groups in the order docs/config-reference.md lists them.
ConfigDef build_connector_definition() {
  ConfigDef def("S3 sink connector configuration");
  connector_internal::define_connector_keys(def);
  connector_internal::define_transform_keys(def);
  connector_internal::define_error_keys(def);
  connector_internal::define_storage_connector_keys(def);
  connector_internal::define_s3_keys(def);
  connector_internal::define_key_header_keys(def);
  connector_internal::define_storage_keys(def);
  connector_internal::define_partitioner_keys(def);
  connector_internal::define_value_schema_keys(def);
  connector_internal::define_internal_keys(def);
  // The groups of Kafka Connect's validate answer for this connector, in its order: Connect's
  // ConnectorConfig and SinkConnectorConfig, then Confluent's S3SinkConnectorConfig ("" holds the
  // keys it defines without a group).
  def.layout_groups({"Common", "Transforms", "Predicates", "Error Handling", "Connector", "Schema",
                     "S3", "", "Keys and Headers", "Storage", "Partitioner"});
  return def;
}

}  // namespace

ConnectorConfigBuilder::ConnectorConfigBuilder(const RawConfig& raw, ConfigReport* report)
    : raw_(raw), report_(report), parsed_(connector_definition().parse(raw, report)) {}

S3SinkConnectorConfig ConnectorConfigBuilder::build() {
  read_connector_keys();
  read_transforms();
  read_error_keys();
  read_storage_keys();
  read_s3_keys();
  read_value_schema_keys();
  read_partitioner_keys();
  check_topics();
  check_formats();
  check_partitioner();
  check_s3();
  check_value_schema();
  return std::move(config_);
}

std::string ConnectorConfigBuilder::given(std::string_view key) const {
  auto v = raw_.get(key);
  return v ? std::string(*v) : std::string();
}

void ConnectorConfigBuilder::error(std::string key, std::string message) {
  const ConfigKey* def = connector_definition().find(key);
  bool secret = (def != nullptr && def->type() == ConfigType::kPassword) || is_sensitive_key(key);
  std::string value = secret ? std::string(Password::kHidden) : given(key);
  std::string location = where(key);
  report_->add(ConfigProblem{std::move(key), std::move(value), std::move(message), Severity::kError,
                             std::move(location)});
}

void ConnectorConfigBuilder::warn(std::string key, std::string message, Severity severity) {
  std::string value = is_sensitive_key(key) ? std::string(Password::kHidden) : given(key);
  std::string location = where(key);
  report_->add(ConfigProblem{std::move(key), std::move(value), std::move(message), severity,
                             std::move(location)});
}

using connector_internal::enum_text;
using connector_internal::kAffixTypes;
using connector_internal::kAvroCodecs;
using connector_internal::kCannedAcls;
using connector_internal::kCompressionTypes;
using connector_internal::kErrorTolerances;
using connector_internal::kJsonDecimalFormats;
using connector_internal::kJsonDoubleDigits;
using connector_internal::kNullValueBehaviors;
using connector_internal::kParquetCodecs;
using connector_internal::kSchemaCompatibilities;
using connector_internal::kSseAlgorithms;
using connector_internal::kTaggingErrorBehaviors;
using connector_internal::kValueSchemaTypes;

std::string_view to_string(FormatClass value) {
  return format_classes().full_name(value);
}
std::string_view to_string(PartitionerClass value) {
  return partitioner_classes().full_name(value);
}
std::string_view to_string(TimestampExtractorKind value) {
  switch (value) {
    case TimestampExtractorKind::kWallclock:
      return "Wallclock";
    case TimestampExtractorKind::kRecord:
      return "Record";
    case TimestampExtractorKind::kRecordField:
      return "RecordField";
  }
  return "Wallclock";
}
std::string_view to_string(CompressionType value) {
  return enum_text(kCompressionTypes, value);
}
std::string_view to_string(NullValueBehavior value) {
  return enum_text(kNullValueBehaviors, value);
}
std::string_view to_string(SchemaCompatibility value) {
  return enum_text(kSchemaCompatibilities, value);
}
std::string_view to_string(SseAlgorithm value) {
  return enum_text(kSseAlgorithms, value);
}
std::string_view to_string(CannedAcl value) {
  return enum_text(kCannedAcls, value);
}
std::string_view to_string(JsonDecimalFormat value) {
  return enum_text(kJsonDecimalFormats, value);
}
std::string_view to_string(ValueSchemaType value) {
  return enum_text(kValueSchemaTypes, value);
}
std::string_view to_string(JsonDoubleDigits value) {
  return enum_text(kJsonDoubleDigits, value);
}
std::string_view to_string(AvroCodec value) {
  return enum_text(kAvroCodecs, value);
}
std::string_view to_string(ParquetCodec value) {
  return enum_text(kParquetCodecs, value);
}
std::string_view to_string(SchemaPartitionAffixType value) {
  return enum_text(kAffixTypes, value);
}
std::string_view to_string(TaggingErrorBehavior value) {
  return enum_text(kTaggingErrorBehaviors, value);
}
std::string_view to_string(ErrorTolerance value) {
  return enum_text(kErrorTolerances, value);
}
std::string_view to_string(CredentialsProviderClass value) {
  return credentials_provider_classes().full_name(value);
}

const ClassAliases<FormatClass>& format_classes() {
  static const ClassAliases<FormatClass> kClasses(
      {{"io.confluent.connect.s3.format.avro.AvroFormat", FormatClass::kAvro},
       {"io.confluent.connect.s3.format.json.JsonFormat", FormatClass::kJson},
       {"io.confluent.connect.s3.format.bytearray.ByteArrayFormat", FormatClass::kByteArray},
       {"io.confluent.connect.s3.format.parquet.ParquetFormat", FormatClass::kParquet}},
      {"Format"});
  return kClasses;
}

const ClassAliases<PartitionerClass>& partitioner_classes() {
  static const ClassAliases<PartitionerClass> kClasses(
      {{"io.confluent.connect.storage.partitioner.DefaultPartitioner", PartitionerClass::kDefault},
       {"io.confluent.connect.storage.partitioner.FieldPartitioner", PartitionerClass::kField},
       {"io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        PartitionerClass::kTimeBased},
       {"io.confluent.connect.storage.partitioner.HourlyPartitioner", PartitionerClass::kHourly},
       {"io.confluent.connect.storage.partitioner.DailyPartitioner", PartitionerClass::kDaily}},
      {"Partitioner"});
  return kClasses;
}

const ClassAliases<TimestampExtractorKind>& timestamp_extractors() {
  // The short names are what TimeBasedPartitioner itself expands (case-sensitive); the full names
  // are the nested classes they expand to.
  static const ClassAliases<TimestampExtractorKind> kExtractors(
      {{"io.confluent.connect.storage.partitioner.TimeBasedPartitioner$"
        "WallclockTimestampExtractor",
        TimestampExtractorKind::kWallclock},
       {"io.confluent.connect.storage.partitioner.TimeBasedPartitioner$RecordTimestampExtractor",
        TimestampExtractorKind::kRecord},
       {"io.confluent.connect.storage.partitioner.TimeBasedPartitioner$"
        "RecordFieldTimestampExtractor",
        TimestampExtractorKind::kRecordField}},
      {"TimestampExtractor"});
  return kExtractors;
}
const ClassAliases<CredentialsProviderClass>& credentials_provider_classes() {
  using connector_internal::kAssumeRoleClass;
  using C = CredentialsProviderClass;
  static const ClassAliases<CredentialsProviderClass> kClasses(
      {{"software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider", C::kDefaultChain},
       {"com.amazonaws.auth.DefaultAWSCredentialsProviderChain", C::kDefaultChain},
       {std::string(kAssumeRoleClass), C::kAssumeRole},
       {"software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
        C::kEnvironment},
       {"com.amazonaws.auth.EnvironmentVariableCredentialsProvider", C::kEnvironment},
       {"software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider", C::kProfile},
       {"com.amazonaws.auth.profile.ProfileCredentialsProvider", C::kProfile},
       {"software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider", C::kContainer},
       {"com.amazonaws.auth.ContainerCredentialsProvider", C::kContainer},
       {"software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider",
        C::kInstanceProfile},
       {"com.amazonaws.auth.InstanceProfileCredentialsProvider", C::kInstanceProfile},
       {"software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider",
        C::kWebIdentity},
       {"com.amazonaws.auth.WebIdentityTokenCredentialsProvider", C::kWebIdentity}},
      {"CredentialsProvider"});
  return kClasses;
}

const ConfigDef& connector_definition() {
  static const ConfigDef kDefinition = build_connector_definition();
  return kDefinition;
}

Status set_connector_name(RawConfig* raw, std::string_view name) {
  std::string_view given = java_trim(name);
  if (given.empty())
    return Status::invalid_argument("the connector name (--name) must not be empty");
  if (const RawEntry* entry = raw->find("name")) {
    if (java_trim(entry->value) != given) {
      std::string where = raw->location("name");
      return Status::invalid_argument(
          (where.empty() ? std::string() : where + ": ") + "connector name configuration (" +
          entry->value + ") doesn't match the connector name given on the command line (" +
          std::string(given) + ")");
    }
    return Status::ok_status();
  }
  raw->set("name", std::string(given));
  return Status::ok_status();
}

ConfigReport S3SinkConnectorConfig::validate(const RawConfig& raw) {
  ConfigReport report;
  ConnectorConfigBuilder(raw, &report).build();
  return report;
}

Result<S3SinkConnectorConfig> S3SinkConnectorConfig::parse(const RawConfig& raw,
                                                           std::vector<ConfigProblem>* warnings) {
  ConfigReport report;
  S3SinkConnectorConfig config = ConnectorConfigBuilder(raw, &report).build();
  if (warnings != nullptr) {
    for (ConfigProblem& p : report.warnings) warnings->push_back(std::move(p));
  }
  std::string what = "invalid connector configuration";
  if (!raw.source_name().empty()) what += " in " + raw.source_name();
  if (!report.ok()) return problems_to_status(what, report.errors);
  return config;
}

const std::map<std::string, std::string>& S3SinkConnectorConfig::converter_subconfig(
    ConverterSlot slot) const {
  switch (slot) {
    case ConverterSlot::kKey:
      return key_converter_subconfig_;
    case ConverterSlot::kValue:
      return value_converter_subconfig_;
    case ConverterSlot::kHeader:
      return header_converter_subconfig_;
  }
  return value_converter_subconfig_;
}

std::optional<std::string> S3SinkConnectorConfig::store_endpoint() const {
  if (!store_url_) return std::nullopt;
  if (store_url_->find("://") == std::string::npos) return "https://" + *store_url_;
  return store_url_;
}

bool S3SinkConnectorConfig::is_time_based_partitioner() const {
  return partitioner_class_ == PartitionerClass::kTimeBased ||
         partitioner_class_ == PartitionerClass::kHourly ||
         partitioner_class_ == PartitionerClass::kDaily;
}

int64_t S3SinkConnectorConfig::effective_partition_duration_ms() const {
  switch (partitioner_class_) {
    case PartitionerClass::kHourly:
      return 3600000;
    case PartitionerClass::kDaily:
      return 86400000;
    case PartitionerClass::kTimeBased:
      return partition_duration_ms_;
    default:
      return 0;
  }
}

std::string S3SinkConnectorConfig::effective_path_format() const {
  const std::string& d = directory_delim_;
  switch (partitioner_class_) {
    case PartitionerClass::kHourly:
      return "'year'=YYYY" + d + "'month'=MM" + d + "'day'=dd" + d + "'hour'=HH";
    case PartitionerClass::kDaily:
      return "'year'=YYYY" + d + "'month'=MM" + d + "'day'=dd";
    case PartitionerClass::kTimeBased: {
      std::string format = path_format_;
      if (!d.empty() && format.size() > d.size() &&
          format.compare(format.size() - d.size(), d.size(), d) == 0) {
        format.resize(format.size() - d.size());
      }
      return format;
    }
    default:
      return "";
  }
}

bool S3SinkConnectorConfig::conditional_writes_active() const {
  return enable_conditional_writes_ && rotate_schedule_interval_ms_ != -1 && !store_kafka_keys_ &&
         !store_kafka_headers_;
}

}  // namespace sluice::config
