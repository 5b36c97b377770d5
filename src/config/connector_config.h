// S3SinkConnectorConfig: the typed, validated configuration of one S3 sink connector.
//
// Users give sluice the connector configuration they gave Kafka Connect or MSK Connect for
// io.confluent.connect.s3.S3SinkConnector. connector_definition() is the table of every key
// (spec confluent-s3-sink.md §2.1-§2.8 without Hive, plus the Connect keys of kafka-connect.md
// §3.1, §4, §5.3 and §7.2); parse() turns a RawConfig into this immutable value, or fails with
// every problem found. Beyond the per-key validators it performs the Java connector's validate()
// cross-checks (§2.9) and rejects up front the settings that the Java connector accepts but then
// fails on at runtime (a zero partition.duration.ms, a malformed tag pair, a 31-byte SSE-C key,
// ...). Each deliberate difference from Java is noted in the key's documentation, which
// docs/config-reference.md is generated from.
//
// The object is built once at start-up and shared read-only by the tasks (no locking needed).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/class_alias.h"
#include "config/config_def.h"
#include "config/config_problem.h"
#include "config/converter_config.h"
#include "config/password.h"
#include "config/raw_config.h"
#include "config/time_zone_id.h"
#include "util/status.h"

namespace sluice::config {

// The connector classes sluice accepts in connector.class.
inline constexpr std::string_view kS3SinkConnectorClass = "io.confluent.connect.s3.S3SinkConnector";
inline constexpr std::string_view kSluiceConnectorClass = "sluice.S3SinkConnector";

enum class FormatClass { kAvro, kJson, kByteArray, kParquet };
enum class PartitionerClass { kDefault, kField, kTimeBased, kHourly, kDaily };
enum class TimestampExtractorKind { kWallclock, kRecord, kRecordField };
enum class CompressionType { kNone, kGzip };
enum class NullValueBehavior { kIgnore, kFail, kWrite };
enum class SchemaCompatibility { kNone, kBackward, kForward, kFull };
enum class SseAlgorithm { kNone, kAes256, kAwsKms, kAwsKmsDsse };
enum class CannedAcl {
  kPrivate,
  kPublicRead,
  kPublicReadWrite,
  kAuthenticatedRead,
  kAwsExecRead,
  kBucketOwnerRead,
  kBucketOwnerFullControl,
};
enum class JsonDecimalFormat { kBase64, kNumeric };
// sluice.json.double.digits: Java 17's Double/Float.toString digits, or JDK 19+'s shortest ones.
enum class JsonDoubleDigits { kJdk17, kShortest };
// The language of the schema file in sluice.value.schema.file.
enum class ValueSchemaType { kAvro, kJson };
enum class AvroCodec { kNull, kDeflate, kSnappy, kBzip2 };
enum class ParquetCodec { kNone, kSnappy, kGzip, kLzo, kBrotli, kLz4, kZstd, kLz4Raw };
enum class SchemaPartitionAffixType { kNone, kPrefix, kSuffix };
enum class TaggingErrorBehavior { kIgnore, kFail };
enum class ErrorTolerance { kNone, kAll };
enum class CredentialsProviderClass {
  kDefaultChain,     // SDK default chain (v2 DefaultCredentialsProvider / v1 ...ProviderChain)
  kAssumeRole,       // io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider
  kEnvironment,      // EnvironmentVariableCredentialsProvider
  kProfile,          // ProfileCredentialsProvider (~/.aws/credentials, ~/.aws/config)
  kContainer,        // ContainerCredentialsProvider (ECS task role, EKS Pod Identity)
  kInstanceProfile,  // InstanceProfileCredentialsProvider (EC2 IMDS)
  kWebIdentity,      // WebIdentityTokenFileCredentialsProvider (EKS IRSA)
};

// The configuration text of each value: the canonical class name for class-valued keys
// ("io.confluent.connect.s3.format.json.JsonFormat"), the upstream spelling otherwise ("gzip",
// "BACKWARD", "bucket-owner-full-control", "lz4_raw", "aws:kms").
std::string_view to_string(FormatClass value);
std::string_view to_string(PartitionerClass value);
std::string_view to_string(TimestampExtractorKind value);
std::string_view to_string(CompressionType value);
std::string_view to_string(NullValueBehavior value);
std::string_view to_string(SchemaCompatibility value);
std::string_view to_string(SseAlgorithm value);
std::string_view to_string(CannedAcl value);
std::string_view to_string(JsonDecimalFormat value);
std::string_view to_string(JsonDoubleDigits value);
std::string_view to_string(ValueSchemaType value);
std::string_view to_string(AvroCodec value);
std::string_view to_string(ParquetCodec value);
std::string_view to_string(SchemaPartitionAffixType value);
std::string_view to_string(TaggingErrorBehavior value);
std::string_view to_string(ErrorTolerance value);
std::string_view to_string(CredentialsProviderClass value);

// The accepted spellings of the class-valued keys.
const ClassAliases<FormatClass>& format_classes();
const ClassAliases<PartitionerClass>& partitioner_classes();
const ClassAliases<TimestampExtractorKind>& timestamp_extractors();
const ClassAliases<CredentialsProviderClass>& credentials_provider_classes();

// transforms.<alias>.* (kafka-connect.md §3.1), kept as given: the transform module interprets
// the class and its parameters.
struct TransformConfig {
  std::string alias;
  std::string type;  // transforms.<alias>.type, trimmed
  std::map<std::string, std::string>
      params;                            // transforms.<alias>.<param>, minus type/predicate/negate
  std::optional<std::string> predicate;  // an alias listed in `predicates`
  bool negate = false;
};

struct PredicateConfig {
  std::string alias;
  std::string type;
  std::map<std::string, std::string> params;
};

// The settings of io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider (spec §2.6),
// read from s3.credentials.provider.sts.*.
struct AssumeRoleConfig {
  std::string role_arn;
  std::string session_name;
  std::string external_id;
  std::string sts_region;  // "" = the SDK's default region chain
};

// One extra tag of s3.object.tagging.key.value.pairs.
struct ObjectTag {
  std::string key;
  std::string value;
};

// The definition table of the connector configuration (built once).
const ConfigDef& connector_definition();

// Applies the connector name given outside the file (the CLI's --name; MSK Connect passes the
// name separately and .properties files usually lack it). A name in the file must agree with it.
Status set_connector_name(RawConfig* raw, std::string_view name);

class S3SinkConnectorConfig {
 public:
  // Every problem at once: the report's errors make the configuration unusable, its warnings
  // (unknown keys, ignored settings) do not.
  static ConfigReport validate(const RawConfig& raw);
  // The typed configuration, or kInvalidArgument listing every error. Warnings (and info notes)
  // are appended to *warnings when it is not null, whether or not parsing succeeds.
  static Result<S3SinkConnectorConfig> parse(const RawConfig& raw,
                                             std::vector<ConfigProblem>* warnings = nullptr);

  // --- Connector (kafka-connect.md §7.2) ---
  const std::string& name() const { return name_; }
  // The Kafka consumer group of the sink tasks: "connect-<name>".
  std::string consumer_group_id() const { return "connect-" + name_; }
  const std::string& connector_class() const { return connector_class_; }
  int32_t tasks_max() const { return tasks_max_; }
  bool tasks_max_enforce() const { return tasks_max_enforce_; }
  // Empty entries and duplicates removed, order kept (kafka-connect.md §5.3).
  const std::vector<std::string>& topics() const { return topics_; }
  // Set instead of topics(); a Java regular expression matched against whole topic names.
  const std::optional<std::string>& topics_regex() const { return topics_regex_; }
  // The connector-level converter of a slot, with the connector's sub-config for that slot; unset
  // when the connector does not name one (the worker's applies, see converter_resolution.h).
  const std::optional<ConverterSpec>& key_converter() const { return key_converter_; }
  const std::optional<ConverterSpec>& value_converter() const { return value_converter_; }
  const std::optional<ConverterSpec>& header_converter() const { return header_converter_; }
  // Connector-level key.converter.* etc. sub-configs even when the connector names no class (in
  // which case Connect ignores them; kept to warn about it).
  const std::map<std::string, std::string>& converter_subconfig(ConverterSlot slot) const;
  const std::string& config_action_reload() const { return config_action_reload_; }

  // --- Transforms and predicates (kafka-connect.md §3.1) ---
  const std::vector<TransformConfig>& transforms() const { return transforms_; }
  const std::vector<PredicateConfig>& predicates() const { return predicates_; }

  // --- Error handling (kafka-connect.md §4) ---
  ErrorTolerance errors_tolerance() const { return errors_tolerance_; }
  int64_t errors_retry_timeout_ms() const { return errors_retry_timeout_ms_; }
  int64_t errors_retry_delay_max_ms() const { return errors_retry_delay_max_ms_; }
  bool errors_log_enable() const { return errors_log_enable_; }
  bool errors_log_include_messages() const { return errors_log_include_messages_; }
  const std::string& errors_deadletterqueue_topic_name() const { return dlq_topic_name_; }
  int32_t errors_deadletterqueue_topic_replication_factor() const {
    return dlq_replication_factor_;
  }
  bool errors_deadletterqueue_context_headers_enable() const { return dlq_context_headers_; }

  // --- Client overrides (prefix stripped; may hold secrets: log through redacted()) ---
  const std::map<std::string, std::string>& consumer_overrides() const {
    return consumer_overrides_;
  }
  const std::map<std::string, std::string>& producer_overrides() const {
    return producer_overrides_;
  }
  const std::map<std::string, std::string>& admin_overrides() const { return admin_overrides_; }

  // --- Connector group (§2.1) ---
  FormatClass format_class() const { return format_class_; }
  int32_t flush_size() const { return flush_size_; }
  int64_t rotate_interval_ms() const { return rotate_interval_ms_; }
  int64_t rotate_schedule_interval_ms() const { return rotate_schedule_interval_ms_; }
  int32_t schemas_cache_config() const { return schemas_cache_config_; }
  bool enhanced_avro_schema_support() const { return enhanced_avro_schema_support_; }
  bool connect_meta_data() const { return connect_meta_data_; }
  int64_t retry_backoff_ms() const { return retry_backoff_ms_; }
  int64_t shutdown_timeout_ms() const { return shutdown_timeout_ms_; }
  int32_t filename_offset_zero_pad_width() const { return filename_offset_zero_pad_width_; }
  AvroCodec avro_codec() const { return avro_codec_; }
  bool allow_optional_map_keys() const { return allow_optional_map_keys_; }
  ParquetCodec parquet_codec() const { return parquet_codec_; }
  SchemaCompatibility schema_compatibility() const { return schema_compatibility_; }

  // --- S3 group (§2.2) ---
  const std::string& s3_bucket_name() const { return s3_bucket_name_; }
  const std::string& s3_region() const { return s3_region_; }  // trimmed, lower-cased
  int32_t s3_part_size() const { return s3_part_size_; }
  CredentialsProviderClass s3_credentials_provider_class() const { return credentials_provider_; }
  // s3.credentials.provider.* minus "class", prefix stripped (what Configurable providers get).
  const std::map<std::string, std::string>& s3_credentials_provider_config() const {
    return credentials_provider_config_;
  }
  // Set when the provider is AwsAssumeRoleCredentialsProvider.
  const std::optional<AssumeRoleConfig>& assume_role() const { return assume_role_; }
  const std::string& aws_access_key_id() const { return aws_access_key_id_; }
  const std::optional<Password>& aws_secret_access_key() const { return aws_secret_access_key_; }
  SseAlgorithm s3_ssea_name() const { return s3_ssea_name_; }
  const std::optional<Password>& s3_sse_customer_key() const { return s3_sse_customer_key_; }
  const std::string& s3_sse_kms_key_id() const { return s3_sse_kms_key_id_; }
  const std::optional<CannedAcl>& s3_acl_canned() const { return s3_acl_canned_; }
  bool s3_wan_mode() const { return s3_wan_mode_; }
  CompressionType s3_compression_type() const { return s3_compression_type_; }
  int32_t s3_compression_level() const { return s3_compression_level_; }
  JsonDecimalFormat json_decimal_format() const { return json_decimal_format_; }
  bool json_preserve_key_order() const { return json_preserve_key_order_; }
  JsonDoubleDigits json_double_digits() const { return json_double_digits_; }
  // sluice.value.schema.*: the schema schemaless values are bound to (at most one source set).
  const std::optional<std::string>& value_schema_file() const { return value_schema_file_; }
  ValueSchemaType value_schema_type() const { return value_schema_type_; }
  const std::optional<std::string>& value_schema_subject() const { return value_schema_subject_; }
  // The sluice.value.schema.registry.* keys, prefix stripped ("url", "basic.auth.user.info").
  const std::map<std::string, std::string>& value_schema_registry_config() const {
    return value_schema_registry_config_;
  }
  bool binds_value_schema() const { return value_schema_file_ || value_schema_subject_; }
  // Attempts per S3 request including the first (SDK v2 meaning); 0 behaves as 1.
  int32_t s3_part_retries() const { return s3_part_retries_; }
  int64_t s3_retry_backoff_ms() const { return s3_retry_backoff_ms_; }
  const std::string& format_bytearray_extension() const { return format_bytearray_extension_; }
  // Untrimmed, as Java reads it from the originals.
  const std::string& format_bytearray_separator() const { return format_bytearray_separator_; }
  const std::string& s3_proxy_url() const { return s3_proxy_url_; }
  const std::optional<std::string>& s3_proxy_user() const { return s3_proxy_user_; }
  const std::optional<Password>& s3_proxy_password() const { return s3_proxy_password_; }
  bool s3_http_send_expect_continue() const { return s3_http_send_expect_continue_; }
  // sluice.s3.stall.timeout.ms: how long an S3 connection may move no byte.
  int64_t s3_stall_timeout_ms() const { return s3_stall_timeout_ms_; }
  NullValueBehavior behavior_on_null_values() const { return behavior_on_null_values_; }
  bool report_null_values_to_dlq() const { return report_null_values_to_dlq_; }
  int64_t max_write_duration_ms() const { return max_write_duration_ms_; }
  bool rotate_file_on_partition_change() const { return rotate_file_on_partition_change_; }
  const std::string& tombstone_encoded_partition() const { return tombstone_encoded_partition_; }
  SchemaPartitionAffixType s3_schema_partition_affix_type() const { return affix_type_; }
  bool s3_send_digest() const { return s3_send_digest_; }
  bool enable_conditional_writes() const { return enable_conditional_writes_; }
  bool s3_object_tagging() const { return s3_object_tagging_; }
  const std::vector<ObjectTag>& s3_object_tagging_key_value_pairs() const { return extra_tags_; }
  TaggingErrorBehavior s3_object_behavior_on_tagging_error() const { return tagging_error_; }
  bool s3_path_style_access_enabled() const { return s3_path_style_access_enabled_; }
  bool s3_elastic_buffer_enable() const { return s3_elastic_buffer_enable_; }
  int32_t s3_elastic_buffer_init_capacity() const { return s3_elastic_buffer_init_capacity_; }

  // --- Keys and headers (§2.3) ---
  bool store_kafka_keys() const { return store_kafka_keys_; }
  bool store_kafka_headers() const { return store_kafka_headers_; }
  FormatClass keys_format_class() const { return keys_format_class_; }
  FormatClass headers_format_class() const { return headers_format_class_; }

  // --- Storage (§2.4) ---
  const std::string& storage_class() const { return storage_class_; }
  const std::string& topics_dir() const { return topics_dir_; }
  // store.url as given; unset when blank.
  const std::optional<std::string>& store_url() const { return store_url_; }
  // store.url with "https://" added when it has no scheme; unset when blank.
  std::optional<std::string> store_endpoint() const;
  const std::string& directory_delim() const { return directory_delim_; }
  const std::string& file_delim() const { return file_delim_; }

  // --- Partitioner (§2.5) ---
  PartitionerClass partitioner_class() const { return partitioner_class_; }
  const std::vector<std::string>& partition_field_name() const { return partition_field_name_; }
  int64_t partition_duration_ms() const { return partition_duration_ms_; }
  const std::string& path_format() const { return path_format_; }
  const std::string& locale() const { return locale_; }
  const std::string& timezone() const { return timezone_; }
  // The parsed `timezone`; unset when it is blank.
  const std::optional<TimeZoneId>& time_zone() const { return time_zone_; }
  TimestampExtractorKind timestamp_extractor() const { return timestamp_extractor_; }
  const std::string& timestamp_field() const { return timestamp_field_; }

  // --- Internal (§2.7) ---
  int32_t max_files_scan_limit() const { return max_files_scan_limit_; }
  int32_t partitioner_max_open_files() const { return partitioner_max_open_files_; }

  // --- Derived ---
  // TimeBased, Hourly or Daily.
  bool is_time_based_partitioner() const;
  // The bucket width: 3600000 for Hourly, 86400000 for Daily, partition.duration.ms for
  // TimeBased; 0 for the other partitioners.
  int64_t effective_partition_duration_ms() const;
  // The Joda pattern the time-based partitioner formats with: Hourly's and Daily's fixed patterns
  // joined with directory.delim, or path.format with one trailing directory.delim removed; "" for
  // the other partitioners.
  std::string effective_path_format() const;
  // Java's condition for sending If-None-Match on CompleteMultipartUpload (spec §2.2): the flag,
  // rotate.schedule.interval.ms != -1 (so 0 and other negatives count too, as in Java) and
  // neither keys nor headers stored.
  bool conditional_writes_active() const;

 private:
  S3SinkConnectorConfig() = default;

  std::string name_;
  std::string connector_class_;
  int32_t tasks_max_ = 1;
  bool tasks_max_enforce_ = true;
  std::vector<std::string> topics_;
  std::optional<std::string> topics_regex_;
  std::optional<ConverterSpec> key_converter_, value_converter_, header_converter_;
  std::map<std::string, std::string> key_converter_subconfig_, value_converter_subconfig_,
      header_converter_subconfig_;
  std::string config_action_reload_ = "restart";
  std::vector<TransformConfig> transforms_;
  std::vector<PredicateConfig> predicates_;

  ErrorTolerance errors_tolerance_ = ErrorTolerance::kNone;
  int64_t errors_retry_timeout_ms_ = 0;
  int64_t errors_retry_delay_max_ms_ = 60000;
  bool errors_log_enable_ = false;
  bool errors_log_include_messages_ = false;
  std::string dlq_topic_name_;
  int32_t dlq_replication_factor_ = 3;
  bool dlq_context_headers_ = false;

  std::map<std::string, std::string> consumer_overrides_, producer_overrides_, admin_overrides_;

  FormatClass format_class_ = FormatClass::kJson;
  int32_t flush_size_ = 0;
  int64_t rotate_interval_ms_ = -1;
  int64_t rotate_schedule_interval_ms_ = -1;
  int32_t schemas_cache_config_ = 1000;
  bool enhanced_avro_schema_support_ = true;
  bool connect_meta_data_ = true;
  int64_t retry_backoff_ms_ = 5000;
  int64_t shutdown_timeout_ms_ = 3000;
  int32_t filename_offset_zero_pad_width_ = 10;
  AvroCodec avro_codec_ = AvroCodec::kNull;
  bool allow_optional_map_keys_ = false;
  ParquetCodec parquet_codec_ = ParquetCodec::kSnappy;
  SchemaCompatibility schema_compatibility_ = SchemaCompatibility::kNone;

  std::string s3_bucket_name_;
  std::string s3_region_;
  int32_t s3_part_size_ = 26214400;
  CredentialsProviderClass credentials_provider_ = CredentialsProviderClass::kDefaultChain;
  std::map<std::string, std::string> credentials_provider_config_;
  std::optional<AssumeRoleConfig> assume_role_;
  std::string aws_access_key_id_;
  std::optional<Password> aws_secret_access_key_;
  SseAlgorithm s3_ssea_name_ = SseAlgorithm::kNone;
  std::optional<Password> s3_sse_customer_key_;
  std::string s3_sse_kms_key_id_;
  std::optional<CannedAcl> s3_acl_canned_;
  bool s3_wan_mode_ = false;
  CompressionType s3_compression_type_ = CompressionType::kNone;
  int32_t s3_compression_level_ = -1;
  JsonDecimalFormat json_decimal_format_ = JsonDecimalFormat::kBase64;
  bool json_preserve_key_order_ = false;
  JsonDoubleDigits json_double_digits_ = JsonDoubleDigits::kJdk17;
  std::optional<std::string> value_schema_file_;
  ValueSchemaType value_schema_type_ = ValueSchemaType::kAvro;
  std::optional<std::string> value_schema_subject_;
  std::map<std::string, std::string> value_schema_registry_config_;
  int32_t s3_part_retries_ = 3;
  int64_t s3_retry_backoff_ms_ = 200;
  std::string format_bytearray_extension_;
  std::string format_bytearray_separator_;
  std::string s3_proxy_url_;
  std::optional<std::string> s3_proxy_user_;
  std::optional<Password> s3_proxy_password_;
  bool s3_http_send_expect_continue_ = true;
  int64_t s3_stall_timeout_ms_ = 60000;
  NullValueBehavior behavior_on_null_values_ = NullValueBehavior::kFail;
  bool report_null_values_to_dlq_ = true;
  int64_t max_write_duration_ms_ = 0;
  bool rotate_file_on_partition_change_ = true;
  std::string tombstone_encoded_partition_;
  SchemaPartitionAffixType affix_type_ = SchemaPartitionAffixType::kNone;
  bool s3_send_digest_ = false;
  bool enable_conditional_writes_ = true;
  bool s3_object_tagging_ = false;
  std::vector<ObjectTag> extra_tags_;
  TaggingErrorBehavior tagging_error_ = TaggingErrorBehavior::kIgnore;
  bool s3_path_style_access_enabled_ = true;
  bool s3_elastic_buffer_enable_ = false;
  int32_t s3_elastic_buffer_init_capacity_ = 131072;

  bool store_kafka_keys_ = false;
  bool store_kafka_headers_ = false;
  FormatClass keys_format_class_ = FormatClass::kAvro;
  FormatClass headers_format_class_ = FormatClass::kAvro;

  std::string storage_class_;
  std::string topics_dir_;
  std::optional<std::string> store_url_;
  std::string directory_delim_;
  std::string file_delim_;

  PartitionerClass partitioner_class_ = PartitionerClass::kDefault;
  std::vector<std::string> partition_field_name_;
  int64_t partition_duration_ms_ = -1;
  std::string path_format_;
  std::string locale_;
  std::string timezone_;
  std::optional<TimeZoneId> time_zone_;
  TimestampExtractorKind timestamp_extractor_ = TimestampExtractorKind::kWallclock;
  std::string timestamp_field_;

  int32_t max_files_scan_limit_ = 100;
  int32_t partitioner_max_open_files_ = -1;

  friend class ConnectorConfigBuilder;
};

}  // namespace sluice::config
