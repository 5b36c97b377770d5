#include "runtime/config_mapping.h"

namespace sluice::runtime {

namespace {

sink::PartitionerKind partitioner_kind(config::PartitionerClass c) {
  switch (c) {
    case config::PartitionerClass::kDefault:
      return sink::PartitionerKind::kDefault;
    case config::PartitionerClass::kField:
      return sink::PartitionerKind::kField;
    case config::PartitionerClass::kTimeBased:
      return sink::PartitionerKind::kTimeBased;
    case config::PartitionerClass::kHourly:
      return sink::PartitionerKind::kHourly;
    case config::PartitionerClass::kDaily:
      return sink::PartitionerKind::kDaily;
  }
  return sink::PartitionerKind::kDefault;
}

sink::SchemaAffix schema_affix(config::SchemaPartitionAffixType t) {
  switch (t) {
    case config::SchemaPartitionAffixType::kPrefix:
      return sink::SchemaAffix::kPrefix;
    case config::SchemaPartitionAffixType::kSuffix:
      return sink::SchemaAffix::kSuffix;
    case config::SchemaPartitionAffixType::kNone:
      break;
  }
  return sink::SchemaAffix::kNone;
}

sink::TimestampExtractorKind extractor_kind(config::TimestampExtractorKind k) {
  switch (k) {
    case config::TimestampExtractorKind::kRecord:
      return sink::TimestampExtractorKind::kRecord;
    case config::TimestampExtractorKind::kRecordField:
      return sink::TimestampExtractorKind::kRecordField;
    case config::TimestampExtractorKind::kWallclock:
      break;
  }
  return sink::TimestampExtractorKind::kWallclock;
}

// lzo and brotli are refused by the connector config whenever a Parquet format is used.
parquet::CompressionCodec parquet_codec(config::ParquetCodec c) {
  switch (c) {
    case config::ParquetCodec::kSnappy:
      return parquet::CompressionCodec::kSnappy;
    case config::ParquetCodec::kGzip:
      return parquet::CompressionCodec::kGzip;
    case config::ParquetCodec::kZstd:
      return parquet::CompressionCodec::kZstd;
    case config::ParquetCodec::kLz4:
      return parquet::CompressionCodec::kLz4;
    case config::ParquetCodec::kLz4Raw:
      return parquet::CompressionCodec::kLz4Raw;
    case config::ParquetCodec::kLzo:
      return parquet::CompressionCodec::kLzo;
    case config::ParquetCodec::kBrotli:
      return parquet::CompressionCodec::kBrotli;
    case config::ParquetCodec::kNone:
      break;
  }
  return parquet::CompressionCodec::kUncompressed;
}

avro::CodecId avro_codec(config::AvroCodec c) {
  switch (c) {
    case config::AvroCodec::kDeflate:
      return avro::CodecId::kDeflate;
    case config::AvroCodec::kSnappy:
      return avro::CodecId::kSnappy;
    case config::AvroCodec::kBzip2:
      return avro::CodecId::kBzip2;
    case config::AvroCodec::kNull:
      break;
  }
  return avro::CodecId::kNull;
}

sink::SchemaCompatibility compatibility(config::SchemaCompatibility c) {
  switch (c) {
    case config::SchemaCompatibility::kBackward:
      return sink::SchemaCompatibility::kBackward;
    case config::SchemaCompatibility::kForward:
      return sink::SchemaCompatibility::kForward;
    case config::SchemaCompatibility::kFull:
      return sink::SchemaCompatibility::kFull;
    case config::SchemaCompatibility::kNone:
      break;
  }
  return sink::SchemaCompatibility::kNone;
}

}  // namespace

Result<format::FormatClass> format_class(config::FormatClass f) {
  switch (f) {
    case config::FormatClass::kJson:
      return format::FormatClass::kJson;
    case config::FormatClass::kByteArray:
      return format::FormatClass::kByteArray;
    case config::FormatClass::kAvro:
      return format::FormatClass::kAvro;
    case config::FormatClass::kParquet:
      return format::FormatClass::kParquet;
  }
  return Status::invalid_argument("unknown format.class " + std::string(config::to_string(f)));
}

sink::PartitionerOptions partitioner_options(const config::S3SinkConnectorConfig& c) {
  sink::PartitionerOptions p;
  p.kind = partitioner_kind(c.partitioner_class());
  p.directory_delim = c.directory_delim();
  p.field_names = c.partition_field_name();
  p.partition_duration_ms = c.partition_duration_ms();
  p.path_format = c.path_format();
  p.locale = c.locale();
  p.timezone = c.timezone();
  p.schema_affix = schema_affix(c.s3_schema_partition_affix_type());
  p.write_tombstones = c.behavior_on_null_values() == config::NullValueBehavior::kWrite;
  p.tombstone_encoded_partition = c.tombstone_encoded_partition();
  return p;
}

sink::TimestampExtractorOptions timestamp_extractor_options(
    const config::S3SinkConnectorConfig& c) {
  sink::TimestampExtractorOptions e;
  e.kind = extractor_kind(c.timestamp_extractor());
  e.timestamp_field = c.timestamp_field();
  return e;
}

format::FormatOptions format_options(const config::S3SinkConnectorConfig& c,
                                     util::MemoryAccount* memory) {
  format::FormatOptions f;
  f.memory = memory;
  f.compression = c.s3_compression_type() == config::CompressionType::kGzip
                      ? format::CompressionType::kGzip
                      : format::CompressionType::kNone;
  f.compression_level = c.s3_compression_level();
  f.json_decimal_format = c.json_decimal_format() == config::JsonDecimalFormat::kNumeric
                              ? format::JsonDecimalFormat::kNumeric
                              : format::JsonDecimalFormat::kBase64;
  f.json_java_map_order = !c.json_preserve_key_order();
  f.json_double_digits = c.json_double_digits() == config::JsonDoubleDigits::kShortest
                             ? util::JavaDoubleDigits::kShortest
                             : util::JavaDoubleDigits::kJdk17;
  f.avro_codec = avro_codec(c.avro_codec());
  f.parquet_codec = parquet_codec(c.parquet_codec());
  f.avro_data.schemas_cache_size = c.schemas_cache_config();
  f.avro_data.enhanced_avro_schema_support = c.enhanced_avro_schema_support();
  f.avro_data.connect_meta_data = c.connect_meta_data();
  f.avro_data.allow_optional_map_keys = c.allow_optional_map_keys();
  f.bytearray_extension = c.format_bytearray_extension();
  f.bytearray_separator = c.format_bytearray_separator();
  return f;
}

sink::ObjectKeyLayout object_key_layout(const config::S3SinkConnectorConfig& c) {
  sink::ObjectKeyLayout layout;
  layout.topics_dir = c.topics_dir();
  layout.directory_delim = c.directory_delim();
  layout.file_delim = c.file_delim();
  layout.zero_pad_width = c.filename_offset_zero_pad_width();
  return layout;
}

storage::PutOptions put_options(const config::S3SinkConnectorConfig& c) {
  storage::PutOptions o;
  if (c.s3_acl_canned()) o.canned_acl = std::string(config::to_string(*c.s3_acl_canned()));
  switch (c.s3_ssea_name()) {
    case config::SseAlgorithm::kAes256:
      if (c.s3_sse_customer_key()) {
        o.encryption = storage::ServerSideEncryption::kCustomerKey;
        o.customer_key_base64 = c.s3_sse_customer_key()->reveal();
      } else {
        o.encryption = storage::ServerSideEncryption::kS3;
      }
      break;
    case config::SseAlgorithm::kAwsKms:
      // As in the Java connector: aws:kms without a key id sends no encryption header (spec §6.4).
      if (!c.s3_sse_kms_key_id().empty()) {
        o.encryption = storage::ServerSideEncryption::kKms;
        o.kms_key_id = c.s3_sse_kms_key_id();
      }
      break;
    case config::SseAlgorithm::kAwsKmsDsse:
    case config::SseAlgorithm::kNone:
      break;
  }
  o.send_content_md5 = c.s3_send_digest();
  // enable.conditional.writes counts only with scheduled rotation and no keys/headers files.
  o.if_none_match_star = c.conditional_writes_active();
  return o;
}

std::optional<sink::TaggingOptions> tagging_options(const config::S3SinkConnectorConfig& c) {
  if (!c.s3_object_tagging()) return std::nullopt;
  sink::TaggingOptions tagging;
  for (const config::ObjectTag& tag : c.s3_object_tagging_key_value_pairs()) {
    tagging.extra_tags.emplace_back(tag.key, tag.value);
  }
  tagging.attempts = c.s3_part_retries();
  tagging.backoff = std::chrono::milliseconds(c.s3_retry_backoff_ms());
  tagging.fail_on_error =
      c.s3_object_behavior_on_tagging_error() == config::TaggingErrorBehavior::kFail;
  return tagging;
}

sink::RotationPolicy rotation_policy(const config::S3SinkConnectorConfig& c,
                                     bool wallclock_extractor) {
  sink::RotationPolicy policy;
  policy.flush_size = c.flush_size();
  policy.rotate_interval_ms = c.rotate_interval_ms();
  policy.rotate_schedule_interval_ms = c.rotate_schedule_interval_ms();
  policy.timezone = c.timezone().empty() ? "UTC" : c.timezone();
  policy.rotate_file_on_partition_change = c.rotate_file_on_partition_change();
  policy.max_open_files = c.partitioner_max_open_files();
  policy.schema_compatibility = compatibility(c.schema_compatibility());
  // Where file boundaries depend on the wall clock, record each rotation's cuts before its objects
  // become visible, so a restart can replay them (exactly-once beyond the Java connector).
  policy.plan_rotations = policy.rotate_schedule_interval_ms > 0 || wallclock_extractor;
  return policy;
}

}  // namespace sluice::runtime
