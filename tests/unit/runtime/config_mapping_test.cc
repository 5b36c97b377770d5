// The mapping that ships from connector properties to runtime objects (runtime/config_mapping.h):
// each test parses a connector configuration as `sluice run` does and checks what
// ConnectorRuntime::build() would hand to the partitioner, formats, writers and S3 store.
#include "runtime/config_mapping.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "sink/memory_budget.h"

namespace sluice::runtime {
namespace {

// base64 of 32 bytes 0x00..0x1f.
constexpr const char* kCustomerKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

using Properties = std::initializer_list<std::pair<std::string, std::string>>;

// A minimal JSON-format connector with `extra` set on top, parsed as `sluice run` parses it.
Result<config::S3SinkConnectorConfig> parse(Properties extra) {
  config::RawConfig raw{{"name", "orders"},
                        {"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
                        {"format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
                        {"storage.class", "io.confluent.connect.s3.storage.S3Storage"},
                        {"s3.bucket.name", "bucket"},
                        {"topics", "orders"},
                        {"flush.size", "10"}};
  for (const auto& [k, v] : extra) raw.set(k, v);
  return config::S3SinkConnectorConfig::parse(raw);
}

config::S3SinkConnectorConfig connector(Properties extra) {
  Result<config::S3SinkConnectorConfig> c = parse(extra);
  EXPECT_TRUE(c.ok()) << c.status().message();
  return std::move(c).value();
}

Status parse_error(Properties extra) {
  return parse(extra).status();
}

TEST(ConfigMappingTest, PartitionerClassByShortAndFullName) {
  EXPECT_EQ(partitioner_options(connector({})).kind, sink::PartitionerKind::kDefault);
  EXPECT_EQ(partitioner_options(connector({{"partitioner.class", "FieldPartitioner"},
                                           {"partition.field.name", "a,b.c"}}))
                .kind,
            sink::PartitionerKind::kField);
  sink::PartitionerOptions hourly = partitioner_options(connector(
      {{"partitioner.class", "io.confluent.connect.storage.partitioner.HourlyPartitioner"},
       {"locale", "en-US"},
       {"timezone", "Europe/Paris"}}));
  EXPECT_EQ(hourly.kind, sink::PartitionerKind::kHourly);
  EXPECT_EQ(hourly.timezone, "Europe/Paris");
  EXPECT_EQ(hourly.locale, "en-US");
  EXPECT_EQ(partitioner_options(connector({{"partitioner.class", "DailyPartitioner"},
                                           {"locale", "en-US"},
                                           {"timezone", "UTC"}}))
                .kind,
            sink::PartitionerKind::kDaily);
  sink::PartitionerOptions time =
      partitioner_options(connector({{"partitioner.class", "TimeBasedPartitioner"},
                                     {"partition.duration.ms", "600000"},
                                     {"path.format", "'dt'=YYYY-MM-dd"},
                                     {"locale", "en-US"},
                                     {"timezone", "UTC"},
                                     {"directory.delim", "#"}}));
  EXPECT_EQ(time.kind, sink::PartitionerKind::kTimeBased);
  EXPECT_EQ(time.partition_duration_ms, 600000);
  EXPECT_EQ(time.path_format, "'dt'=YYYY-MM-dd");
  EXPECT_EQ(time.directory_delim, "#");
  // A class sluice cannot load is refused when the configuration is parsed, naming the key.
  Status custom = parse_error({{"partitioner.class", "com.acme.MyPartitioner"}});
  EXPECT_EQ(custom.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(custom.message().find("partitioner.class"), std::string::npos) << custom.message();
}

TEST(ConfigMappingTest, FieldNamesSchemaAffixAndTombstones) {
  sink::PartitionerOptions p =
      partitioner_options(connector({{"partitioner.class", "FieldPartitioner"},
                                     {"partition.field.name", "region, id"},
                                     {"s3.schema.partition.affix.type", "PREFIX"},
                                     {"behavior.on.null.values", "write"},
                                     {"store.kafka.keys", "true"},
                                     {"tombstone.encoded.partition", "deleted"}}));
  EXPECT_EQ(p.field_names, (std::vector<std::string>{"region", "id"}));
  EXPECT_EQ(p.schema_affix, sink::SchemaAffix::kPrefix);
  EXPECT_TRUE(p.write_tombstones);
  EXPECT_EQ(p.tombstone_encoded_partition, "deleted");
  EXPECT_EQ(
      partitioner_options(connector({{"s3.schema.partition.affix.type", "SUFFIX"}})).schema_affix,
      sink::SchemaAffix::kSuffix);
  sink::PartitionerOptions plain = partitioner_options(connector({}));
  EXPECT_EQ(plain.schema_affix, sink::SchemaAffix::kNone);
  EXPECT_FALSE(plain.write_tombstones);
}

TEST(ConfigMappingTest, TimestampExtractor) {
  EXPECT_EQ(timestamp_extractor_options(connector({})).kind,
            sink::TimestampExtractorKind::kWallclock);
  EXPECT_EQ(timestamp_extractor_options(connector({{"timestamp.extractor", "Record"}})).kind,
            sink::TimestampExtractorKind::kRecord);
  sink::TimestampExtractorOptions field = timestamp_extractor_options(
      connector({{"timestamp.extractor",
                  "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$"
                  "RecordFieldTimestampExtractor"},
                 {"timestamp.field", "meta.ts"}}));
  EXPECT_EQ(field.kind, sink::TimestampExtractorKind::kRecordField);
  EXPECT_EQ(field.timestamp_field, "meta.ts");
}

TEST(ConfigMappingTest, FormatClasses) {
  EXPECT_EQ(*format_class(connector({}).format_class()), format::FormatClass::kJson);
  EXPECT_EQ(*format_class(connector({{"format.class", "AvroFormat"}}).format_class()),
            format::FormatClass::kAvro);
  EXPECT_EQ(*format_class(connector({{"format.class",
                                      "io.confluent.connect.s3.format.parquet.ParquetFormat"}})
                              .format_class()),
            format::FormatClass::kParquet);
  config::S3SinkConnectorConfig views =
      connector({{"format.class", "ByteArrayFormat"},
                 {"store.kafka.keys", "true"},
                 {"keys.format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
                 {"store.kafka.headers", "true"},
                 {"headers.format.class", "io.confluent.connect.s3.format.avro.AvroFormat"}});
  EXPECT_EQ(*format_class(views.format_class()), format::FormatClass::kByteArray);
  EXPECT_EQ(*format_class(views.keys_format_class()), format::FormatClass::kJson);
  EXPECT_EQ(*format_class(views.headers_format_class()), format::FormatClass::kAvro);
  Status csv = parse_error({{"format.class", "CsvFormat"}});
  EXPECT_NE(csv.message().find("format.class"), std::string::npos) << csv.message();
}

TEST(ConfigMappingTest, FormatOptions) {
  sink::MemoryBudget budget(1024);
  format::FormatOptions defaults = format_options(connector({}), &budget);
  EXPECT_EQ(defaults.memory, &budget);
  EXPECT_EQ(defaults.compression, format::CompressionType::kNone);
  EXPECT_EQ(defaults.json_decimal_format, format::JsonDecimalFormat::kBase64);
  EXPECT_TRUE(defaults.json_java_map_order);
  EXPECT_EQ(defaults.avro_codec, avro::CodecId::kNull);
  EXPECT_EQ(defaults.bytearray_extension, ".bin");

  format::FormatOptions o = format_options(connector({{"s3.compression.type", "gzip"},
                                                      {"s3.compression.level", "9"},
                                                      {"json.decimal.format", "NUMERIC"},
                                                      {"avro.codec", "deflate"},
                                                      {"format.bytearray.extension", ".raw"},
                                                      {"format.bytearray.separator", "|"}}),
                                           nullptr);
  EXPECT_EQ(o.compression, format::CompressionType::kGzip);
  EXPECT_EQ(o.compression_level, 9);
  EXPECT_EQ(o.json_decimal_format, format::JsonDecimalFormat::kNumeric);
  EXPECT_EQ(o.avro_codec, avro::CodecId::kDeflate);
  EXPECT_EQ(o.bytearray_extension, ".raw");
  EXPECT_EQ(o.bytearray_separator, "|");
  EXPECT_EQ(format_options(
                connector({{"format.class", "ParquetFormat"}, {"parquet.codec", "zstd"}}), nullptr)
                .parquet_codec,
            parquet::CompressionCodec::kZstd);
  EXPECT_EQ(format_options(
                connector({{"format.class", "ParquetFormat"}, {"parquet.codec", "none"}}), nullptr)
                .parquet_codec,
            parquet::CompressionCodec::kUncompressed);
  // A gzip level outside -1..9 is refused when parsing.
  EXPECT_FALSE(parse_error({{"s3.compression.type", "gzip"}, {"s3.compression.level", "10"}}).ok());
}

TEST(ConfigMappingTest, ObjectKeyLayout) {
  sink::ObjectKeyLayout defaults = object_key_layout(connector({}));
  EXPECT_EQ(defaults.topics_dir, "topics");
  EXPECT_EQ(defaults.file_delim, "+");
  EXPECT_EQ(defaults.zero_pad_width, 10);
  sink::ObjectKeyLayout l = object_key_layout(connector({{"topics.dir", "out"},
                                                         {"directory.delim", "#"},
                                                         {"file.delim", "_"},
                                                         {"filename.offset.zero.pad.width", "4"}}));
  EXPECT_EQ(l.topics_dir, "out");
  EXPECT_EQ(l.directory_delim, "#");
  EXPECT_EQ(l.file_delim, "_");
  EXPECT_EQ(l.zero_pad_width, 4);
}

TEST(ConfigMappingTest, EncryptionLikeTheJavaConnector) {
  // Confluent's S3 sink documentation (s3.ssea.name, s3.sse.customer.key, s3.sse.kms.key.id) and
  // the Java connector's behaviour, row by row.
  EXPECT_EQ(put_options(connector({})).encryption, storage::ServerSideEncryption::kNone);
  EXPECT_EQ(put_options(connector({{"s3.ssea.name", "AES256"}})).encryption,
            storage::ServerSideEncryption::kS3);
  storage::PutOptions sse_c =
      put_options(connector({{"s3.ssea.name", "AES256"}, {"s3.sse.customer.key", kCustomerKey}}));
  EXPECT_EQ(sse_c.encryption, storage::ServerSideEncryption::kCustomerKey);
  EXPECT_EQ(sse_c.customer_key_base64, kCustomerKey);
  storage::PutOptions kms =
      put_options(connector({{"s3.ssea.name", "aws:kms"}, {"s3.sse.kms.key.id", "arn:aws:kms:k"}}));
  EXPECT_EQ(kms.encryption, storage::ServerSideEncryption::kKms);
  EXPECT_EQ(kms.kms_key_id, "arn:aws:kms:k");
  // aws:kms with an empty key id and aws:kms:dsse send nothing.
  EXPECT_EQ(put_options(connector({{"s3.ssea.name", "aws:kms"}})).encryption,
            storage::ServerSideEncryption::kNone);
  EXPECT_EQ(put_options(connector({{"s3.ssea.name", "aws:kms:dsse"}, {"s3.sse.kms.key.id", "k"}}))
                .encryption,
            storage::ServerSideEncryption::kNone);
  // A customer key without AES256 is ignored.
  EXPECT_EQ(put_options(connector({{"s3.sse.customer.key", kCustomerKey}})).encryption,
            storage::ServerSideEncryption::kNone);
  Status unknown = parse_error({{"s3.ssea.name", "aes256"}});
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.message().find("s3.ssea.name"), std::string::npos) << unknown.message();
}

TEST(ConfigMappingTest, AclDigestAndConditionalWrites) {
  storage::PutOptions o = put_options(
      connector({{"s3.acl.canned", "bucket-owner-full-control"}, {"s3.send.digest", "true"}}));
  EXPECT_EQ(o.canned_acl, "bucket-owner-full-control");
  EXPECT_TRUE(o.send_content_md5);
  EXPECT_FALSE(o.if_none_match_star);
  EXPECT_TRUE(put_options(connector({})).canned_acl.empty());
  // enable.conditional.writes counts only with scheduled rotation and no keys/headers files.
  EXPECT_FALSE(put_options(connector({{"enable.conditional.writes", "true"}})).if_none_match_star);
  EXPECT_TRUE(put_options(connector({{"enable.conditional.writes", "true"},
                                     {"rotate.schedule.interval.ms", "60000"},
                                     {"timezone", "UTC"}}))
                  .if_none_match_star);
  EXPECT_FALSE(put_options(connector({{"enable.conditional.writes", "true"},
                                      {"rotate.schedule.interval.ms", "60000"},
                                      {"timezone", "UTC"},
                                      {"store.kafka.keys", "true"}}))
                   .if_none_match_star);
}

TEST(ConfigMappingTest, Tagging) {
  EXPECT_EQ(tagging_options(connector({})), std::nullopt);
  std::optional<sink::TaggingOptions> t =
      tagging_options(connector({{"s3.object.tagging", "true"},
                                 {"s3.object.tagging.key.value.pairs", "team:data,env:prod"},
                                 {"s3.part.retries", "5"},
                                 {"s3.retry.backoff.ms", "50"},
                                 {"s3.object.behavior.on.tagging.error", "fail"}}));
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->extra_tags, (storage::ObjectTags{{"team", "data"}, {"env", "prod"}}));
  EXPECT_EQ(t->attempts, 5);
  EXPECT_EQ(t->backoff, std::chrono::milliseconds(50));
  EXPECT_TRUE(t->fail_on_error);
  EXPECT_FALSE(tagging_options(connector({{"s3.object.tagging", "true"}}))->fail_on_error);
}

TEST(ConfigMappingTest, RotationPolicy) {
  sink::RotationPolicy defaults = rotation_policy(connector({}), /*wallclock_extractor=*/false);
  EXPECT_EQ(defaults.flush_size, 10);
  EXPECT_EQ(defaults.rotate_interval_ms, -1);
  EXPECT_EQ(defaults.rotate_schedule_interval_ms, -1);
  EXPECT_EQ(defaults.timezone, "UTC");
  EXPECT_FALSE(defaults.plan_rotations);
  EXPECT_EQ(defaults.schema_compatibility, sink::SchemaCompatibility::kNone);

  sink::RotationPolicy p = rotation_policy(connector({{"rotate.interval.ms", "1000"},
                                                      {"rotate.schedule.interval.ms", "60000"},
                                                      {"timezone", "Asia/Tokyo"},
                                                      {"schema.compatibility", "BACKWARD"},
                                                      {"partitioner.max.open.files", "7"}}),
                                           false);
  EXPECT_EQ(p.rotate_interval_ms, 1000);
  EXPECT_EQ(p.rotate_schedule_interval_ms, 60000);
  EXPECT_EQ(p.timezone, "Asia/Tokyo");
  EXPECT_EQ(p.schema_compatibility, sink::SchemaCompatibility::kBackward);
  EXPECT_EQ(p.max_open_files, 7);
  // File boundaries that depend on the wall clock are planned: scheduled rotation, or a
  // wall-clock extractor.
  EXPECT_TRUE(p.plan_rotations);
  EXPECT_TRUE(rotation_policy(connector({}), /*wallclock_extractor=*/true).plan_rotations);
  EXPECT_EQ(
      rotation_policy(connector({{"schema.compatibility", "FULL"}}), false).schema_compatibility,
      sink::SchemaCompatibility::kFull);
}

}  // namespace
}  // namespace sluice::runtime
