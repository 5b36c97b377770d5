// S3SinkConnectorConfig: every key of confluent-s3-sink.md §2, the validate() cross-checks of
// §2.9, the runtime failures sluice rejects up front, and the Connect keys of kafka-connect.md.
#include "config/connector_config.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/properties_parser.h"

namespace sluice::config {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// The configuration of the sink-core issue (an MSK Connect deployment), worker part first.
constexpr std::string_view kMskWorker = R"(# worker
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=org.apache.kafka.connect.storage.StringConverter
)";
constexpr std::string_view kMskConnector = R"(# connector
connector.class=io.confluent.connect.s3.S3SinkConnector
s3.region=us-east-1
partition.duration.ms=60000
flush.size=1000
schema.compatibility=NONE
timezone=UTC
tasks.max=1
topics=orders
locale=ko-KR
format.class=io.confluent.connect.s3.format.json.JsonFormat
partitioner.class=io.confluent.connect.storage.partitioner.TimeBasedPartitioner
storage.class=io.confluent.connect.s3.storage.S3Storage
rotate.schedule.interval.ms=60000
s3.bucket.name=my-bucket
path.format=YYYY/MM/dd/HH
timestamp.extractor=Wallclock
)";

RawConfig properties(std::string_view text) {
  Result<RawConfig> raw = parse_properties(text, "connector.properties");
  EXPECT_TRUE(raw.ok()) << raw.status().to_string();
  return raw.ok() ? *raw : RawConfig();
}

// A minimal valid configuration, with `overrides` applied (an empty value erases the key when
// `erase` lists it).
RawConfig base(std::initializer_list<std::pair<std::string, std::string>> overrides = {},
               std::initializer_list<std::string> erase = {}) {
  RawConfig raw({{"name", "s3-sink"},
                 {"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
                 {"topics", "orders"},
                 {"format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
                 {"flush.size", "3"},
                 {"storage.class", "io.confluent.connect.s3.storage.S3Storage"},
                 {"s3.bucket.name", "bucket"},
                 {"s3.region", "eu-west-1"}});
  for (const auto& [key, value] : overrides) raw.set(key, value);
  for (const std::string& key : erase) raw.erase(key);
  return raw;
}

S3SinkConnectorConfig parse_ok(const RawConfig& raw,
                               std::vector<ConfigProblem>* warnings = nullptr) {
  Result<S3SinkConnectorConfig> config = S3SinkConnectorConfig::parse(raw, warnings);
  EXPECT_TRUE(config.ok()) << config.status().message();
  if (!config.ok()) std::abort();
  return std::move(config).value();
}

std::vector<std::string> error_messages(const RawConfig& raw) {
  std::vector<std::string> out;
  for (const ConfigProblem& p : S3SinkConnectorConfig::validate(raw).errors)
    out.push_back(p.message);
  return out;
}

std::vector<std::string> warning_messages(const RawConfig& raw) {
  std::vector<std::string> out;
  for (const ConfigProblem& p : S3SinkConnectorConfig::validate(raw).warnings) {
    out.push_back(p.message);
  }
  return out;
}

TEST(ConnectorConfigTest, MskConfigurationFromTheSinkCoreIssueParsesCleanly) {
  RawConfig raw = properties(kMskConnector);
  ASSERT_TRUE(set_connector_name(&raw, "s3-sink").ok());
  std::vector<ConfigProblem> warnings;
  S3SinkConnectorConfig c = parse_ok(raw, &warnings);
  EXPECT_THAT(warnings, IsEmpty());

  EXPECT_EQ(c.name(), "s3-sink");
  EXPECT_EQ(c.consumer_group_id(), "connect-s3-sink");
  EXPECT_EQ(c.connector_class(), "io.confluent.connect.s3.S3SinkConnector");
  EXPECT_EQ(c.s3_region(), "us-east-1");
  EXPECT_EQ(c.partition_duration_ms(), 60000);
  EXPECT_EQ(c.flush_size(), 1000);
  EXPECT_EQ(c.schema_compatibility(), SchemaCompatibility::kNone);
  EXPECT_EQ(c.timezone(), "UTC");
  ASSERT_TRUE(c.time_zone().has_value());
  EXPECT_EQ(c.time_zone()->fixed_offset, std::chrono::seconds(0));
  EXPECT_EQ(c.tasks_max(), 1);
  EXPECT_THAT(c.topics(), ElementsAre("orders"));
  EXPECT_FALSE(c.topics_regex().has_value());
  EXPECT_EQ(c.locale(), "ko-KR");
  EXPECT_EQ(c.format_class(), FormatClass::kJson);
  EXPECT_EQ(c.partitioner_class(), PartitionerClass::kTimeBased);
  EXPECT_EQ(c.storage_class(), "io.confluent.connect.s3.storage.S3Storage");
  EXPECT_EQ(c.rotate_schedule_interval_ms(), 60000);
  EXPECT_EQ(c.s3_bucket_name(), "my-bucket");
  EXPECT_EQ(c.path_format(), "YYYY/MM/dd/HH");
  EXPECT_EQ(c.effective_path_format(), "YYYY/MM/dd/HH");
  EXPECT_EQ(c.effective_partition_duration_ms(), 60000);
  EXPECT_EQ(c.timestamp_extractor(), TimestampExtractorKind::kWallclock);
  EXPECT_TRUE(c.conditional_writes_active());  // scheduled rotation, no keys/headers files
  // No connector-level converters: the worker's apply.
  EXPECT_FALSE(c.key_converter().has_value());
  EXPECT_FALSE(c.value_converter().has_value());
}

TEST(ConnectorConfigTest, MskConfigurationAsOneFileAlsoParsesCleanly) {
  // The issue lists worker and connector keys together; converters are connector keys too.
  RawConfig raw = properties(std::string(kMskWorker) + std::string(kMskConnector));
  ASSERT_TRUE(set_connector_name(&raw, "s3-sink").ok());
  std::vector<ConfigProblem> warnings;
  S3SinkConnectorConfig c = parse_ok(raw, &warnings);
  EXPECT_THAT(warnings, IsEmpty());
  ASSERT_TRUE(c.value_converter().has_value());
  EXPECT_EQ(c.value_converter()->converter, ConverterClass::kString);
  EXPECT_EQ(c.value_converter()->layer, ConfigLayer::kConnector);
  EXPECT_EQ(c.key_converter()->class_name, "org.apache.kafka.connect.storage.StringConverter");
}

TEST(ConnectorConfigTest, DefaultsMatchTheJavaConnector) {
  S3SinkConnectorConfig c = parse_ok(base());
  EXPECT_EQ(c.tasks_max(), 1);
  EXPECT_EQ(c.rotate_interval_ms(), -1);
  EXPECT_EQ(c.rotate_schedule_interval_ms(), -1);
  EXPECT_EQ(c.schemas_cache_config(), 1000);
  EXPECT_TRUE(c.enhanced_avro_schema_support());
  EXPECT_TRUE(c.connect_meta_data());
  EXPECT_EQ(c.retry_backoff_ms(), 5000);
  EXPECT_EQ(c.shutdown_timeout_ms(), 3000);
  EXPECT_EQ(c.filename_offset_zero_pad_width(), 10);
  EXPECT_EQ(c.avro_codec(), AvroCodec::kNull);
  EXPECT_FALSE(c.allow_optional_map_keys());
  EXPECT_EQ(c.parquet_codec(), ParquetCodec::kSnappy);
  EXPECT_EQ(c.schema_compatibility(), SchemaCompatibility::kNone);
  EXPECT_EQ(c.s3_part_size(), 26214400);
  EXPECT_EQ(c.s3_credentials_provider_class(), CredentialsProviderClass::kDefaultChain);
  EXPECT_EQ(c.aws_access_key_id(), "");
  EXPECT_FALSE(c.aws_secret_access_key().has_value());
  EXPECT_EQ(c.s3_ssea_name(), SseAlgorithm::kNone);
  EXPECT_FALSE(c.s3_sse_customer_key().has_value());
  EXPECT_FALSE(c.s3_acl_canned().has_value());
  EXPECT_FALSE(c.s3_wan_mode());
  EXPECT_EQ(c.s3_compression_type(), CompressionType::kNone);
  EXPECT_EQ(c.s3_compression_level(), -1);
  EXPECT_EQ(c.json_decimal_format(), JsonDecimalFormat::kBase64);
  EXPECT_EQ(c.json_double_digits(), JsonDoubleDigits::kJdk17);
  EXPECT_EQ(c.s3_part_retries(), 3);
  EXPECT_EQ(c.s3_retry_backoff_ms(), 200);
  EXPECT_EQ(c.format_bytearray_extension(), ".bin");
  EXPECT_EQ(c.format_bytearray_separator(), "\n");
  EXPECT_EQ(c.s3_proxy_url(), "");
  EXPECT_TRUE(c.s3_http_send_expect_continue());
  EXPECT_EQ(c.behavior_on_null_values(), NullValueBehavior::kFail);
  EXPECT_TRUE(c.report_null_values_to_dlq());
  EXPECT_EQ(c.max_write_duration_ms(), INT64_MAX);
  EXPECT_TRUE(c.rotate_file_on_partition_change());
  EXPECT_EQ(c.tombstone_encoded_partition(), "tombstone");
  EXPECT_EQ(c.s3_schema_partition_affix_type(), SchemaPartitionAffixType::kNone);
  EXPECT_FALSE(c.s3_send_digest());
  EXPECT_TRUE(c.enable_conditional_writes());
  EXPECT_FALSE(c.s3_object_tagging());
  EXPECT_THAT(c.s3_object_tagging_key_value_pairs(), IsEmpty());
  EXPECT_EQ(c.s3_object_behavior_on_tagging_error(), TaggingErrorBehavior::kIgnore);
  EXPECT_TRUE(c.s3_path_style_access_enabled());
  EXPECT_FALSE(c.s3_elastic_buffer_enable());
  EXPECT_EQ(c.s3_elastic_buffer_init_capacity(), 131072);
  EXPECT_FALSE(c.store_kafka_keys());
  EXPECT_FALSE(c.store_kafka_headers());
  EXPECT_EQ(c.keys_format_class(), FormatClass::kAvro);
  EXPECT_EQ(c.headers_format_class(), FormatClass::kAvro);
  EXPECT_EQ(c.topics_dir(), "topics");
  EXPECT_FALSE(c.store_url().has_value());
  EXPECT_EQ(c.directory_delim(), "/");
  EXPECT_EQ(c.file_delim(), "+");
  EXPECT_EQ(c.partitioner_class(), PartitionerClass::kDefault);
  EXPECT_THAT(c.partition_field_name(), IsEmpty());
  EXPECT_EQ(c.partition_duration_ms(), -1);
  EXPECT_EQ(c.timestamp_extractor(), TimestampExtractorKind::kWallclock);
  EXPECT_EQ(c.timestamp_field(), "timestamp");
  EXPECT_EQ(c.max_files_scan_limit(), 100);
  EXPECT_EQ(c.partitioner_max_open_files(), -1);
  EXPECT_EQ(c.errors_tolerance(), ErrorTolerance::kNone);
  EXPECT_EQ(c.errors_retry_timeout_ms(), 0);
  EXPECT_EQ(c.errors_retry_delay_max_ms(), 60000);
  EXPECT_FALSE(c.errors_log_enable());
  EXPECT_FALSE(c.errors_log_include_messages());
  EXPECT_EQ(c.errors_deadletterqueue_topic_name(), "");
  EXPECT_EQ(c.errors_deadletterqueue_topic_replication_factor(), 3);
  EXPECT_FALSE(c.errors_deadletterqueue_context_headers_enable());
  EXPECT_FALSE(c.conditional_writes_active());  // rotate.schedule.interval.ms = -1
  EXPECT_EQ(c.effective_partition_duration_ms(), 0);
  EXPECT_EQ(c.effective_path_format(), "");
}

TEST(ConnectorConfigTest, ReportsEveryProblemAtOnce) {
  RawConfig raw = base({{"flush.size", "many"},
                        {"s3.compression.type", "gzipp"},
                        {"s3.part.size", "1024"},
                        {"schema.compatibility", "backward"},
                        {"store.kafka.keys", "maybe"}},
                       {"s3.bucket.name"});
  EXPECT_THAT(
      error_messages(raw),
      ElementsAre(
          "Invalid value 'many' for configuration flush.size: must be a whole number between "
          "-2147483648 and 2147483647 (type int)",
          "Invalid value 'backward' for configuration schema.compatibility: must be one of NONE, "
          "BACKWARD, FORWARD, FULL",
          "Missing required configuration 's3.bucket.name' which has no default value",
          "Invalid value '1024' for configuration s3.part.size: must be between 5242880 and "
          "2147483647",
          "Invalid value 'gzipp' for configuration s3.compression.type: must be one of none, gzip",
          "Invalid value 'maybe' for configuration store.kafka.keys: must be true or false"));
  Result<S3SinkConnectorConfig> result = S3SinkConnectorConfig::parse(raw);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(),
              AllOf(HasSubstr("invalid connector configuration: 6 problems"),
                    HasSubstr("s3.bucket.name"), HasSubstr("gzipp")));
}

TEST(ConnectorConfigTest, MissingNameAsksForNameOrCommandLineFlag) {
  EXPECT_THAT(error_messages(base({}, {"name"})),
              ElementsAre(AllOf(HasSubstr("Missing required configuration 'name'"),
                                HasSubstr("pass --name"), HasSubstr("connect-<name>"))));
}

TEST(ConnectorConfigTest, CommandLineNameFillsInOrMustAgree) {
  RawConfig without = base({}, {"name"});
  ASSERT_TRUE(set_connector_name(&without, " from-cli ").ok());
  EXPECT_EQ(parse_ok(without).name(), "from-cli");

  RawConfig same = base();
  EXPECT_TRUE(set_connector_name(&same, "s3-sink").ok());

  RawConfig differ = base();
  Status st = set_connector_name(&differ, "other");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("connector name configuration (s3-sink) doesn't match the "
                                      "connector name given on the command line (other)"));
  RawConfig empty = base();
  EXPECT_FALSE(set_connector_name(&empty, "  ").ok());
}

TEST(ConnectorConfigTest, NameMustBeNonEmptyWithoutControlCharacters) {
  EXPECT_THAT(error_messages(base({{"name", "a\tb"}})),
              ElementsAre("Invalid value 'a\\tb' for configuration name: the connector name must "
                          "not contain control characters"));
  EXPECT_THAT(error_messages(base({{"name", "  "}})),
              ElementsAre("Invalid value '  ' for configuration name: the connector name must not "
                          "be empty"));
  EXPECT_THAT(error_messages(base({{"name", "a\xC2\x85z"}})), ElementsAre(HasSubstr("control")));
}

TEST(ConnectorConfigTest, ConnectorClassAcceptsAliasesAndSluicesOwnName) {
  for (const char* name :
       {"io.confluent.connect.s3.S3SinkConnector", "S3SinkConnector", "S3Sink"}) {
    EXPECT_EQ(parse_ok(base({{"connector.class", name}})).connector_class(),
              "io.confluent.connect.s3.S3SinkConnector")
        << name;
  }
  EXPECT_EQ(parse_ok(base({{"connector.class", "sluice.S3SinkConnector"}})).connector_class(),
            "sluice.S3SinkConnector");
  EXPECT_THAT(
      error_messages(base({{"connector.class", "io.confluent.connect.s3.S3SourceConnector"}})),
      ElementsAre(HasSubstr("Invalid value 'io.confluent.connect.s3.S3SourceConnector' "
                            "for configuration connector.class: sluice supports the "
                            "connector class io.confluent.connect.s3.S3SinkConnector")));
}

TEST(ConnectorConfigTest, FormatAndPartitionerClassesAcceptAliases) {
  EXPECT_EQ(parse_ok(base({{"format.class", "Json"}})).format_class(), FormatClass::kJson);
  EXPECT_EQ(parse_ok(base({{"format.class", "ByteArrayFormat"}})).format_class(),
            FormatClass::kByteArray);
  EXPECT_EQ(parse_ok(base({{"format.class", "io.confluent.connect.s3.format.avro.AvroFormat"}}))
                .format_class(),
            FormatClass::kAvro);
  EXPECT_EQ(parse_ok(base({{"format.class", "Parquet"}})).format_class(), FormatClass::kParquet);
  EXPECT_EQ(parse_ok(base({{"storage.class", "S3Storage"}})).storage_class(),
            "io.confluent.connect.s3.storage.S3Storage");
  RawConfig hourly =
      base({{"partitioner.class", "Hourly"}, {"locale", "en-US"}, {"timezone", "UTC"}});
  EXPECT_EQ(parse_ok(hourly).partitioner_class(), PartitionerClass::kHourly);
  EXPECT_EQ(parse_ok(base({{"partitioner.class", "DefaultPartitioner"}})).partitioner_class(),
            PartitionerClass::kDefault);
}

TEST(ConnectorConfigTest, UnknownClassSuggestsTheClosestSpelling) {
  EXPECT_THAT(error_messages(base({{"format.class", "JsonFromat"}})),
              ElementsAre(AllOf(HasSubstr("Invalid value 'JsonFromat' for configuration "
                                          "format.class: sluice supports the formats "),
                                HasSubstr("did you mean 'JsonFormat'?"))));
  EXPECT_THAT(error_messages(base({{"partitioner.class", "com.acme.MyPartitioner"}})),
              ElementsAre(HasSubstr("sluice supports the partitioners")));
  EXPECT_THAT(
      error_messages(base({{"storage.class", "io.confluent.connect.hdfs.storage.HdfsStorage"}})),
      ElementsAre(HasSubstr("for configuration storage.class")));
}

TEST(ConnectorConfigTest, UnknownKeysAreWarningsWithSuggestions) {
  EXPECT_THAT(
      warning_messages(base({{"flush_size", "3"}, {"s3.bucket", "x"}})),
      ElementsAre("Unknown configuration 'flush_size' is ignored; did you mean 'flush.size'?",
                  "Unknown configuration 's3.bucket' is ignored"));
}

TEST(ConnectorConfigTest, PrefixedKeysAreAcceptedAndKept) {
  RawConfig raw = base({{"value.converter", "JsonConverter"},
                        {"value.converter.schemas.enable", "false"},
                        {"consumer.override.max.poll.records", "1000"},
                        {"producer.override.acks", "all"},
                        {"admin.override.request.timeout.ms", "5000"},
                        {"s3.credentials.provider.some.setting", "x"}});
  std::vector<ConfigProblem> warnings;
  S3SinkConnectorConfig c = parse_ok(raw, &warnings);
  EXPECT_THAT(warnings, IsEmpty());
  ASSERT_TRUE(c.value_converter().has_value());
  EXPECT_EQ(c.value_converter()->converter, ConverterClass::kJson);
  EXPECT_THAT(c.value_converter()->config, ElementsAre(Pair("schemas.enable", "false")));
  EXPECT_THAT(c.consumer_overrides(), ElementsAre(Pair("max.poll.records", "1000")));
  EXPECT_THAT(c.producer_overrides(), ElementsAre(Pair("acks", "all")));
  EXPECT_THAT(c.admin_overrides(), ElementsAre(Pair("request.timeout.ms", "5000")));
  EXPECT_THAT(c.s3_credentials_provider_config(), ElementsAre(Pair("some.setting", "x")));
}

TEST(ConnectorConfigTest, ConverterSubConfigWithoutConverterClassIsIgnoredWithAWarning) {
  RawConfig raw = base({{"value.converter.schemas.enable", "false"}});
  S3SinkConnectorConfig c = parse_ok(raw);
  EXPECT_FALSE(c.value_converter().has_value());
  EXPECT_THAT(c.converter_subconfig(ConverterSlot::kValue),
              ElementsAre(Pair("schemas.enable", "false")));
  EXPECT_THAT(warning_messages(raw),
              ElementsAre(HasSubstr("The connector sets value.converter.* keys but not "
                                    "value.converter, so Kafka Connect (and sluice) ignore them")));
}

TEST(ConnectorConfigTest, ConverterClassesAreCheckedPerSlot) {
  EXPECT_THAT(
      error_messages(base({{"value.converter", "SimpleHeaderConverter"}})),
      ElementsAre(HasSubstr("is a HeaderConverter only and cannot convert keys or values")));
  EXPECT_THAT(
      error_messages(base({{"header.converter", "AvroConverter"}})),
      ElementsAre(HasSubstr("io.confluent.connect.avro.AvroConverter is not a HeaderConverter")));
  EXPECT_THAT(error_messages(base({{"key.converter", "Strnig"}})),
              ElementsAre(HasSubstr("did you mean 'String'?")));
  EXPECT_EQ(parse_ok(base({{"header.converter", "String"}})).header_converter()->converter,
            ConverterClass::kString);
}

TEST(ConnectorConfigTest, ExactlyOneOfTopicsAndTopicsRegex) {
  EXPECT_THAT(error_messages(base({{"topics.regex", "orders-.*"}})),
              ElementsAre("Only one of topics and topics.regex may be set (topics='orders', "
                          "topics.regex='orders-.*')"));
  EXPECT_THAT(error_messages(base({{"topics", " , "}})),
              ElementsAre(HasSubstr("One of topics or topics.regex must be set")));
  EXPECT_THAT(error_messages(base({}, {"topics"})),
              ElementsAre(HasSubstr("One of topics or topics.regex must be set")));
  S3SinkConnectorConfig regex = parse_ok(base({{"topics.regex", "orders-.*"}}, {"topics"}));
  EXPECT_EQ(regex.topics_regex(), "orders-.*");
  EXPECT_THAT(regex.topics(), IsEmpty());
}

TEST(ConnectorConfigTest, TopicsDropEmptyEntriesAndDuplicates) {
  EXPECT_THAT(parse_ok(base({{"topics", "a, b,,a , c,"}})).topics(), ElementsAre("a", "b", "c"));
}

TEST(ConnectorConfigTest, TopicNamesAndRegexAreChecked) {
  EXPECT_THAT(error_messages(base({{"topics", "good,bad topic"}})),
              ElementsAre("Invalid value 'good,bad topic' for configuration topics: item 'bad "
                          "topic' a topic name may contain only ASCII letters, digits, '.', '_' "
                          "and '-'"));
  EXPECT_THAT(error_messages(base({{"topics.regex", "orders["}}, {"topics"})),
              ElementsAre(HasSubstr("for configuration topics.regex: not a valid regular "
                                    "expression")));
  // Java-only syntax cannot be checked with std::regex and is accepted.
  EXPECT_TRUE(
      S3SinkConnectorConfig::validate(base({{"topics.regex", "(?i)orders.*+"}}, {"topics"})).ok());
}

TEST(ConnectorConfigTest, DeadLetterQueueTopicMayNotBeConsumed) {
  EXPECT_THAT(error_messages(
                  base({{"topics", "orders,dlq"}, {"errors.deadletterqueue.topic.name", "dlq"}})),
              ElementsAre("The dead-letter queue topic 'dlq' may not be included in the list of "
                          "topics ('topics=orders,dlq') consumed by the connector"));
  EXPECT_THAT(error_messages(base({{"topics.regex", "orders.*"},
                                   {"errors.deadletterqueue.topic.name", "orders-dlq"}},
                                  {"topics"})),
              ElementsAre(HasSubstr("may not match the topics.regex ('orders.*')")));
  S3SinkConnectorConfig ok =
      parse_ok(base({{"errors.deadletterqueue.topic.name", "dlq"},
                     {"errors.tolerance", "ALL"},
                     {"errors.deadletterqueue.topic.replication.factor", "-1"},
                     {"errors.deadletterqueue.context.headers.enable", "true"}}));
  EXPECT_EQ(ok.errors_deadletterqueue_topic_name(), "dlq");
  EXPECT_EQ(ok.errors_tolerance(), ErrorTolerance::kAll);
  EXPECT_EQ(ok.errors_deadletterqueue_topic_replication_factor(), -1);
  EXPECT_TRUE(ok.errors_deadletterqueue_context_headers_enable());
}

TEST(ConnectorConfigTest, ErrorKeysAreValidated) {
  EXPECT_THAT(error_messages(base({{"errors.tolerance", "some"}})),
              ElementsAre("Invalid value 'some' for configuration errors.tolerance: must be one of "
                          "none, all (case-insensitive)"));
  EXPECT_THAT(error_messages(base({{"errors.deadletterqueue.topic.replication.factor", "0"}})),
              ElementsAre(HasSubstr("must be -1 (the broker's default) or between 1 and 32767")));
  EXPECT_THAT(error_messages(base({{"errors.retry.timeout", "-2"}})),
              ElementsAre("Invalid value '-2' for configuration errors.retry.timeout: must be at "
                          "least -1"));
  S3SinkConnectorConfig c = parse_ok(base({{"errors.retry.timeout", "-1"},
                                           {"errors.retry.delay.max.ms", "1000"},
                                           {"errors.log.enable", "true"},
                                           {"errors.log.include.messages", "true"}}));
  EXPECT_EQ(c.errors_retry_timeout_ms(), -1);
  EXPECT_EQ(c.errors_retry_delay_max_ms(), 1000);
  EXPECT_TRUE(c.errors_log_enable());
  EXPECT_TRUE(c.errors_log_include_messages());
}

TEST(ConnectorConfigTest, TransformsAndPredicatesAreParsed) {
  RawConfig raw =
      base({{"transforms", "insert, drop"},
            {"transforms.insert.type", "org.apache.kafka.connect.transforms.InsertField$Value"},
            {"transforms.insert.static.field", "source"},
            {"transforms.insert.static.value", "s3"},
            {"transforms.drop.type", "org.apache.kafka.connect.transforms.Filter"},
            {"transforms.drop.predicate", "isTombstone"},
            {"transforms.drop.negate", "TRUE"},
            {"predicates", "isTombstone"},
            {"predicates.isTombstone.type",
             "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone"}});
  S3SinkConnectorConfig c = parse_ok(raw);
  ASSERT_EQ(c.transforms().size(), 2u);
  const TransformConfig& insert = c.transforms()[0];
  EXPECT_EQ(insert.alias, "insert");
  EXPECT_EQ(insert.type, "org.apache.kafka.connect.transforms.InsertField$Value");
  EXPECT_THAT(insert.params,
              UnorderedElementsAre(Pair("static.field", "source"), Pair("static.value", "s3")));
  EXPECT_FALSE(insert.predicate.has_value());
  EXPECT_FALSE(insert.negate);
  const TransformConfig& drop = c.transforms()[1];
  EXPECT_EQ(drop.predicate, "isTombstone");
  EXPECT_TRUE(drop.negate);
  EXPECT_THAT(drop.params, IsEmpty());
  ASSERT_EQ(c.predicates().size(), 1u);
  EXPECT_EQ(c.predicates()[0].alias, "isTombstone");
  EXPECT_EQ(c.predicates()[0].type,
            "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone");
}

TEST(ConnectorConfigTest, TransformSyntaxErrorsAreAllReported) {
  RawConfig raw = base({{"transforms", "a,a,b,c,d"},
                        {"transforms.a.type", "x.A"},
                        {"transforms.c.type", "x.C"},
                        {"transforms.c.negate", "true"},
                        {"transforms.d.type", "x.D"},
                        {"transforms.d.predicate", "missing"},
                        {"transforms.zz.type", "x.Z"},
                        {"predicates", "p"}});
  EXPECT_THAT(error_messages(raw),
              ElementsAre(HasSubstr("Missing required configuration 'predicates.p.type' for "
                                    "predicate 'p'"),
                          HasSubstr("for configuration transforms: duplicate alias 'a'"),
                          HasSubstr("Missing required configuration 'transforms.b.type' for "
                                    "transform 'b'"),
                          "'transforms.c.negate' is set but 'transforms.c.predicate' is not; "
                          "negate needs a predicate",
                          "Invalid value 'missing' for configuration transforms.d.predicate: it "
                          "must name a predicate listed in 'predicates'"));
  EXPECT_THAT(warning_messages(raw),
              ElementsAre("'transforms.zz.type' is ignored: 'zz' is not listed in transforms"));
}

TEST(ConnectorConfigTest, GzipIsOnlyForJsonAndByteArray) {
  // §2.9: error for Avro/Parquet value, keys or headers format.
  EXPECT_THAT(
      error_messages(base({{"s3.compression.type", "gzip"}, {"format.class", "AvroFormat"}})),
      ElementsAre(HasSubstr("gzip compression is only for JSON and ByteArray files, but "
                            "format.class is "
                            "io.confluent.connect.s3.format.avro.AvroFormat")));
  // The default keys format is Avro: only an error when keys are stored.
  EXPECT_TRUE(S3SinkConnectorConfig::validate(base({{"s3.compression.type", "gzip"}})).ok());
  EXPECT_THAT(error_messages(base({{"s3.compression.type", "gzip"}, {"store.kafka.keys", "true"}})),
              ElementsAre(HasSubstr("but keys.format.class is "
                                    "io.confluent.connect.s3.format.avro.AvroFormat")));
  EXPECT_THAT(error_messages(base({{"s3.compression.type", "gzip"},
                                   {"store.kafka.headers", "true"},
                                   {"headers.format.class", "Parquet"}})),
              ElementsAre(HasSubstr("but headers.format.class is "
                                    "io.confluent.connect.s3.format.parquet.ParquetFormat")));
  S3SinkConnectorConfig ok = parse_ok(base({{"s3.compression.type", " gzip "},
                                            {"store.kafka.keys", "true"},
                                            {"keys.format.class", "JsonFormat"},
                                            {"s3.compression.level", "9"}}));
  EXPECT_EQ(ok.s3_compression_type(), CompressionType::kGzip);
  EXPECT_EQ(ok.s3_compression_level(), 9);
  EXPECT_THAT(error_messages(base({{"s3.compression.level", "10"}})),
              ElementsAre("Invalid value '10' for configuration s3.compression.level: must be "
                          "between -1 and 9"));
}

TEST(ConnectorConfigTest, TombstoneWriteModeNeedsKeysFiles) {
  EXPECT_THAT(error_messages(base({{"behavior.on.null.values", "write"}})),
              ElementsAre("Invalid value 'write' for configuration behavior.on.null.values: "
                          "'write' needs store.kafka.keys=true (tombstones are written as key "
                          "files)"));
  S3SinkConnectorConfig c =
      parse_ok(base({{"behavior.on.null.values", "WRITE"}, {"store.kafka.keys", "true"}}));
  EXPECT_EQ(c.behavior_on_null_values(), NullValueBehavior::kWrite);
  EXPECT_EQ(parse_ok(base({{"behavior.on.null.values", "Ignore"}})).behavior_on_null_values(),
            NullValueBehavior::kIgnore);
}

TEST(ConnectorConfigTest, WanModeNeedsVirtualHostedStyle) {
  EXPECT_THAT(error_messages(base({{"s3.wan.mode", "true"}})),
              ElementsAre(HasSubstr("s3.wan.mode=true (Transfer Acceleration) cannot be used with "
                                    "path-style access")));
  EXPECT_TRUE(parse_ok(base({{"s3.wan.mode", "true"}, {"s3.path.style.access.enabled", "false"}}))
                  .s3_wan_mode());
}

TEST(ConnectorConfigTest, FieldPartitionerNeedsFields) {
  EXPECT_THAT(error_messages(base({{"partitioner.class", "FieldPartitioner"}})),
              ElementsAre("FieldPartitioner needs partition.field.name (a comma-separated list of "
                          "fields)"));
  S3SinkConnectorConfig c = parse_ok(
      base({{"partitioner.class", "Field"}, {"partition.field.name", "region, address.country"}}));
  EXPECT_THAT(c.partition_field_name(), ElementsAre("region", "address.country"));
  EXPECT_THAT(
      error_messages(base({{"partitioner.class", "Field"}, {"partition.field.name", "a,,b"}})),
      ElementsAre("Invalid value 'a,,b' for configuration partition.field.name: item '' "
                  "must not be blank"));
  EXPECT_THAT(
      error_messages(base({{"partitioner.class", "Field"}, {"partition.field.name", "a..b"}})),
      ElementsAre(HasSubstr("must not have a blank segment between dots")));
}

TEST(ConnectorConfigTest, TimeBasedPartitionerNeedsDurationPathLocaleAndTimezone) {
  RawConfig raw = base({{"partitioner.class", "TimeBasedPartitioner"}});
  EXPECT_THAT(error_messages(raw),
              ElementsAre("Invalid value '-1' for configuration partition.duration.ms: "
                          "TimeBasedPartitioner needs a bucket width greater than 0 (milliseconds)",
                          HasSubstr("TimeBasedPartitioner needs path.format"),
                          "io.confluent.connect.storage.partitioner.TimeBasedPartitioner needs "
                          "locale (for example en-US)",
                          "io.confluent.connect.storage.partitioner.TimeBasedPartitioner needs "
                          "timezone (for example UTC or Europe/Berlin)"));
  // 0 divides by zero in Java at the first record; sluice rejects it up front.
  EXPECT_THAT(error_messages(base({{"partitioner.class", "TimeBased"},
                                   {"partition.duration.ms", "0"},
                                   {"path.format", "YYYY"},
                                   {"locale", "en"},
                                   {"timezone", "UTC"}})),
              ElementsAre(HasSubstr("partition.duration.ms")));
}

TEST(ConnectorConfigTest, PathFormatMustBeAJodaPattern) {
  auto with_path = [](const char* path) {
    return base({{"partitioner.class", "TimeBased"},
                 {"partition.duration.ms", "3600000"},
                 {"path.format", path},
                 {"locale", "en"},
                 {"timezone", "UTC"}});
  };
  EXPECT_THAT(error_messages(with_path("'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH/")), IsEmpty());
  EXPECT_THAT(error_messages(with_path("'dt'=yyyy-MM-dd'T'HH 'o''clock'")), IsEmpty());
  EXPECT_THAT(error_messages(with_path("year=YYYY")),
              ElementsAre("Invalid value 'year=YYYY' for configuration path.format: 'r' is not a "
                          "Joda-Time pattern letter (quote literal text: 'text')"));
  EXPECT_THAT(error_messages(with_path("/")),
              ElementsAre(HasSubstr("it must not be just the directory delimiter")));
  // One trailing delimiter is stripped (Java does the same).
  EXPECT_EQ(parse_ok(with_path("YYYY/MM/")).effective_path_format(), "YYYY/MM");
}

TEST(ConnectorConfigTest, HourlyAndDailyUseFixedLayouts) {
  S3SinkConnectorConfig hourly = parse_ok(base({{"partitioner.class", "Hourly"},
                                                {"locale", "en-US"},
                                                {"timezone", "Europe/Berlin"},
                                                {"directory.delim", "_"}}));
  EXPECT_EQ(hourly.effective_partition_duration_ms(), 3600000);
  EXPECT_EQ(hourly.effective_path_format(), "'year'=YYYY_'month'=MM_'day'=dd_'hour'=HH");
  ASSERT_TRUE(hourly.time_zone().has_value());
  EXPECT_NE(hourly.time_zone()->zone, nullptr);
  S3SinkConnectorConfig daily =
      parse_ok(base({{"partitioner.class", "Daily"}, {"locale", "en"}, {"timezone", "+05:30"}}));
  EXPECT_EQ(daily.effective_partition_duration_ms(), 86400000);
  EXPECT_EQ(daily.effective_path_format(), "'year'=YYYY/'month'=MM/'day'=dd");
  EXPECT_EQ(daily.time_zone()->fixed_offset, std::chrono::seconds(19800));

  RawConfig with_ignored = base({{"partitioner.class", "Daily"},
                                 {"locale", "en"},
                                 {"timezone", "UTC"},
                                 {"path.format", "YYYY"}});
  std::vector<ConfigProblem> warnings;
  parse_ok(with_ignored, &warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].severity, Severity::kInfo);
  EXPECT_EQ(warnings[0].message,
            "path.format is ignored by io.confluent.connect.storage.partitioner.DailyPartitioner, "
            "which uses its own fixed layout");
}

TEST(ConnectorConfigTest, ScheduledRotationNeedsTimezone) {
  EXPECT_THAT(error_messages(base({{"rotate.schedule.interval.ms", "3600000"}})),
              ElementsAre("rotate.schedule.interval.ms=3600000 needs timezone (scheduled rotation "
                          "is aligned to midnight in that zone)"));
  EXPECT_TRUE(S3SinkConnectorConfig::validate(
                  base({{"rotate.schedule.interval.ms", "3600000"}, {"timezone", "UTC"}}))
                  .ok());
}

TEST(ConnectorConfigTest, TimezoneMustBeAKnownZone) {
  EXPECT_THAT(error_messages(base({{"timezone", "Europe/Berln"}})),
              ElementsAre(HasSubstr("Invalid value 'Europe/Berln' for configuration timezone: "
                                    "unknown time zone id 'Europe/Berln'")));
  EXPECT_THAT(error_messages(base({{"timezone", "+25:00"}})),
              ElementsAre(HasSubstr("is not a valid UTC offset")));
}

TEST(ConnectorConfigTest, RecordFieldExtractorNeedsAField) {
  EXPECT_THAT(error_messages(base({{"partitioner.class", "Hourly"},
                                   {"locale", "en"},
                                   {"timezone", "UTC"},
                                   {"timestamp.extractor", "RecordField"},
                                   {"timestamp.field", " "}})),
              ElementsAre(HasSubstr("timestamp.extractor=RecordField needs timestamp.field")));
  EXPECT_THAT(error_messages(base({{"timestamp.extractor", "Kafka"}})),
              ElementsAre(HasSubstr("for configuration timestamp.extractor: sluice supports the "
                                    "timestamp extractors")));
  EXPECT_EQ(parse_ok(base({{"timestamp.extractor", "Record"}})).timestamp_extractor(),
            TimestampExtractorKind::kRecord);
}

TEST(ConnectorConfigTest, RotateIntervalWithoutTimeBasedPartitionerIsIgnoredWithAWarning) {
  EXPECT_THAT(warning_messages(base({{"rotate.interval.ms", "60000"}})),
              ElementsAre(HasSubstr("rotate.interval.ms is ignored: it only works with a "
                                    "time-based partitioner")));
}

TEST(ConnectorConfigTest, ZeroPaddingWidthIsAccepted) {
  // Java validates it and then fails on "%00d"; sluice must make it work.
  EXPECT_EQ(
      parse_ok(base({{"filename.offset.zero.pad.width", "0"}})).filename_offset_zero_pad_width(),
      0);
  EXPECT_THAT(error_messages(base({{"filename.offset.zero.pad.width", "-1"}})),
              ElementsAre("Invalid value '-1' for configuration filename.offset.zero.pad.width: "
                          "must be at least 0"));
}

TEST(ConnectorConfigTest, SchemaCompatibilityIsCaseSensitive) {
  EXPECT_EQ(parse_ok(base({{"schema.compatibility", "BACKWARD"}})).schema_compatibility(),
            SchemaCompatibility::kBackward);
  EXPECT_EQ(parse_ok(base({{"schema.compatibility", " FULL "}})).schema_compatibility(),
            SchemaCompatibility::kFull);
  EXPECT_THAT(error_messages(base({{"schema.compatibility", "forward"}})), testing::SizeIs(1));
}

TEST(ConnectorConfigTest, StringEnumsParse) {
  S3SinkConnectorConfig c = parse_ok(base({{"avro.codec", "deflate"},
                                           {"parquet.codec", "lz4_raw"},
                                           {"json.decimal.format", "numeric"},
                                           {"sluice.json.double.digits", "Shortest"},
                                           {"s3.schema.partition.affix.type", "PREFIX"},
                                           {"s3.object.behavior.on.tagging.error", "FAIL"},
                                           {"s3.acl.canned", "bucket-owner-full-control"},
                                           {"s3.ssea.name", "AES256"}}));
  EXPECT_EQ(c.avro_codec(), AvroCodec::kDeflate);
  EXPECT_EQ(c.parquet_codec(), ParquetCodec::kLz4Raw);
  EXPECT_EQ(c.json_decimal_format(), JsonDecimalFormat::kNumeric);
  EXPECT_EQ(c.json_double_digits(), JsonDoubleDigits::kShortest);
  EXPECT_EQ(c.s3_schema_partition_affix_type(), SchemaPartitionAffixType::kPrefix);
  EXPECT_EQ(c.s3_object_behavior_on_tagging_error(), TaggingErrorBehavior::kFail);
  EXPECT_EQ(c.s3_acl_canned(), CannedAcl::kBucketOwnerFullControl);
  EXPECT_EQ(c.s3_ssea_name(), SseAlgorithm::kAes256);
  EXPECT_EQ(to_string(ParquetCodec::kLz4Raw), "lz4_raw");
  EXPECT_EQ(to_string(CannedAcl::kBucketOwnerFullControl), "bucket-owner-full-control");
  EXPECT_EQ(to_string(SseAlgorithm::kAwsKms), "aws:kms");
  EXPECT_THAT(error_messages(base({{"s3.ssea.name", "aes256"}})),
              ElementsAre("Invalid value 'aes256' for configuration s3.ssea.name: must be one of "
                          "\"\", AES256, aws:kms, aws:kms:dsse"));
  EXPECT_THAT(error_messages(base({{"parquet.codec", "uncompressed"}})), testing::SizeIs(1));
  EXPECT_THAT(error_messages(base({{"avro.codec", "xz"}})), testing::SizeIs(1));
  EXPECT_THAT(error_messages(base({{"sluice.json.double.digits", "jdk19"}})),
              ElementsAre("Invalid value 'jdk19' for configuration sluice.json.double.digits: "
                          "must be one of jdk17, shortest (case-insensitive)"));
  EXPECT_THAT(error_messages(base({{"s3.acl.canned", "public"}})), testing::SizeIs(1));
}

TEST(ConnectorConfigTest, ParquetCodecsWithoutImplementationAreRejectedForParquet) {
  EXPECT_THAT(error_messages(base({{"format.class", "Parquet"}, {"parquet.codec", "lzo"}})),
              ElementsAre("Invalid value 'lzo' for configuration parquet.codec: the lzo codec is "
                          "not available; use none, snappy, gzip, lz4, zstd or lz4_raw"));
  // Not an error when no Parquet file is written.
  EXPECT_TRUE(S3SinkConnectorConfig::validate(base({{"parquet.codec", "brotli"}})).ok());
}

TEST(ConnectorConfigTest, HeadersCannotBeByteArray) {
  EXPECT_THAT(error_messages(base(
                  {{"store.kafka.headers", "true"}, {"headers.format.class", "ByteArrayFormat"}})),
              ElementsAre(HasSubstr("headers cannot be written with ByteArrayFormat")));
  EXPECT_TRUE(S3SinkConnectorConfig::validate(base({{"headers.format.class", "ByteArray"}})).ok());
}

TEST(ConnectorConfigTest, TagPairsNeedAColonAndFitS3Limits) {
  EXPECT_THAT(error_messages(base({{"s3.object.tagging", "true"},
                                   {"s3.object.tagging.key.value.pairs", "team:data,env"}})),
              ElementsAre("Invalid value 'team:data,env' for configuration "
                          "s3.object.tagging.key.value.pairs: item 'env' must be key:value (the "
                          "Java connector crashes on an item without ':')"));
  EXPECT_THAT(error_messages(base({{"s3.object.tagging.key.value.pairs", ":v"}})),
              ElementsAre(HasSubstr("must have a tag key before ':'")));
  S3SinkConnectorConfig c = parse_ok(base(
      {{"s3.object.tagging", "true"}, {"s3.object.tagging.key.value.pairs", "team:data, empty:"}}));
  ASSERT_EQ(c.s3_object_tagging_key_value_pairs().size(), 2u);
  EXPECT_EQ(c.s3_object_tagging_key_value_pairs()[0].key, "team");
  EXPECT_EQ(c.s3_object_tagging_key_value_pairs()[0].value, "data");
  EXPECT_EQ(c.s3_object_tagging_key_value_pairs()[1].key, "empty");
  EXPECT_EQ(c.s3_object_tagging_key_value_pairs()[1].value, "");
  EXPECT_THAT(error_messages(
                  base({{"s3.object.tagging", "true"},
                        {"s3.object.tagging.key.value.pairs", "a:1,b:2,c:3,d:4,e:5,f:6,g:7,h:8"}})),
              ElementsAre(HasSubstr("at most 7 extra tags")));
}

TEST(ConnectorConfigTest, TagValueWithSecondColonIsTruncatedLikeJava) {
  RawConfig raw =
      base({{"s3.object.tagging", "true"}, {"s3.object.tagging.key.value.pairs", "url:http://x"}});
  std::vector<ConfigProblem> warnings;
  S3SinkConnectorConfig c = parse_ok(raw, &warnings);
  EXPECT_EQ(c.s3_object_tagging_key_value_pairs()[0].value, "http");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0].message, HasSubstr("sluice uses 'url:http' and drops the rest"));
  EXPECT_THAT(warning_messages(base({{"s3.object.tagging.key.value.pairs", "a:b"}})),
              ElementsAre("s3.object.tagging.key.value.pairs is ignored unless "
                          "s3.object.tagging=true"));
}

TEST(ConnectorConfigTest, SseCustomerKeyMustBeBase64Of32Bytes) {
  const std::string key32 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";  // 32 zero bytes
  const std::string key31 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";  // 31 zero bytes
  S3SinkConnectorConfig c =
      parse_ok(base({{"s3.ssea.name", "AES256"}, {"s3.sse.customer.key", key32}}));
  ASSERT_TRUE(c.s3_sse_customer_key().has_value());
  EXPECT_EQ(c.s3_sse_customer_key()->reveal(), key32);
  // Padding is optional, as for java.util.Base64's decoder.
  EXPECT_TRUE(S3SinkConnectorConfig::validate(
                  base({{"s3.ssea.name", "AES256"}, {"s3.sse.customer.key", key32.substr(0, 43)}}))
                  .ok());
  EXPECT_THAT(error_messages(base({{"s3.ssea.name", "AES256"}, {"s3.sse.customer.key", key31}})),
              ElementsAre("Invalid value '[hidden]' for configuration s3.sse.customer.key: must "
                          "decode to 32 bytes (an AES-256 key), not 31"));
  EXPECT_THAT(
      error_messages(base({{"s3.ssea.name", "AES256"}, {"s3.sse.customer.key", "not base64!"}})),
      ElementsAre(HasSubstr("must be base64")));
  EXPECT_THAT(warning_messages(base({{"s3.sse.customer.key", key32}})),
              ElementsAre("s3.sse.customer.key is ignored unless s3.ssea.name=AES256 (SSE-C)"));
}

TEST(ConnectorConfigTest, KmsWithoutKeyIdWarnsThatNoHeaderIsSent) {
  EXPECT_THAT(warning_messages(base({{"s3.ssea.name", "aws:kms"}})),
              ElementsAre(HasSubstr("s3.ssea.name=aws:kms without s3.sse.kms.key.id")));
  EXPECT_THAT(warning_messages(base({{"s3.ssea.name", "aws:kms"}, {"s3.sse.kms.key.id", "arn:k"}})),
              IsEmpty());
  EXPECT_THAT(warning_messages(base({{"s3.ssea.name", "aws:kms:dsse"}})),
              ElementsAre(HasSubstr("aws:kms:dsse")));
}

TEST(ConnectorConfigTest, PartSizeAndRetryLimits) {
  EXPECT_EQ(parse_ok(base({{"s3.part.size", "5242880"}})).s3_part_size(), 5242880);
  EXPECT_THAT(error_messages(base({{"s3.part.size", "5242879"}})), testing::SizeIs(1));
  EXPECT_THAT(error_messages(base({{"s3.part.size", "2147483648"}})),
              ElementsAre(HasSubstr("(type int)")));
  EXPECT_THAT(error_messages(base({{"s3.retry.backoff.ms", "0"}})),
              ElementsAre("Invalid value '0' for configuration s3.retry.backoff.ms: must be at "
                          "least 1"));
  EXPECT_THAT(warning_messages(base({{"s3.part.retries", "0"}})),
              ElementsAre("s3.part.retries=0 behaves as 1: every S3 request is tried once"));
  EXPECT_EQ(parse_ok(base({})).s3_stall_timeout_ms(), 60000);
  EXPECT_EQ(parse_ok(base({{"sluice.s3.stall.timeout.ms", "2000"}})).s3_stall_timeout_ms(), 2000);
  EXPECT_THAT(error_messages(base({{"sluice.s3.stall.timeout.ms", "999"}})),
              ElementsAre("Invalid value '999' for configuration sluice.s3.stall.timeout.ms: must "
                          "be at least 1000"));
  EXPECT_THAT(error_messages(base({{"s3.elastic.buffer.init.capacity", "4095"}})),
              testing::SizeIs(1));
  EXPECT_THAT(error_messages(base({{"partitioner.max.open.files", "0"}})),
              ElementsAre(HasSubstr("must be -1 (off) or at least 1")));
  EXPECT_EQ(parse_ok(base({{"partitioner.max.open.files", "5"}})).partitioner_max_open_files(), 5);
  EXPECT_THAT(error_messages(base({{"tasks.max", "0"}})),
              ElementsAre("Invalid value '0' for configuration tasks.max: must be at least 1"));
}

TEST(ConnectorConfigTest, RegionIsLowerCasedAndEndpointNormalised) {
  S3SinkConnectorConfig c = parse_ok(base({{"s3.region", " US-EAST-2 "}}));
  EXPECT_EQ(c.s3_region(), "us-east-2");
  EXPECT_THAT(warning_messages(base({{"s3.region", "garage"}})),
              ElementsAre(HasSubstr("does not look like an AWS region id")));
  S3SinkConnectorConfig minio =
      parse_ok(base({{"s3.region", "garage"}, {"store.url", "minio:9000"}}));
  EXPECT_EQ(minio.store_url(), "minio:9000");
  EXPECT_EQ(minio.store_endpoint(), "https://minio:9000");
  EXPECT_EQ(parse_ok(base({{"store.url", "http://localhost:9000"}})).store_endpoint(),
            "http://localhost:9000");
  EXPECT_THAT(error_messages(base({{"store.url", "ftp://host"}})),
              ElementsAre(HasSubstr("must be an endpoint URL")));
  EXPECT_THAT(error_messages(base({{"s3.proxy.url", "proxy:8080"}})),
              ElementsAre(HasSubstr("must be a URL such as http://proxy.example.com:8080")));
  EXPECT_EQ(parse_ok(base({{"s3.proxy.url", "http://user:pw@proxy:3128"}})).s3_proxy_url(),
            "http://user:pw@proxy:3128");
}

TEST(ConnectorConfigTest, AssumeRoleProviderNeedsItsStsSettings) {
  EXPECT_THAT(
      error_messages(base({{"s3.credentials.provider.class", "AwsAssumeRoleCredentialsProvider"},
                           {"s3.credentials.provider.sts.role.arn", "arn:aws:iam::1:role/r"}})),
      ElementsAre("Missing required configuration 's3.credentials.provider.sts.role.session.name' "
                  "for io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider",
                  "Missing required configuration 's3.credentials.provider.sts.role.external.id' "
                  "for io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider"));
  S3SinkConnectorConfig c =
      parse_ok(base({{"s3.credentials.provider.class",
                      "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider"},
                     {"s3.credentials.provider.sts.role.arn", "arn:aws:iam::1:role/r"},
                     {"s3.credentials.provider.sts.role.session.name", "sluice"},
                     {"s3.credentials.provider.sts.role.external.id", "ext"},
                     {"s3.credentials.provider.sts.region", "us-east-1"}}));
  EXPECT_EQ(c.s3_credentials_provider_class(), CredentialsProviderClass::kAssumeRole);
  ASSERT_TRUE(c.assume_role().has_value());
  EXPECT_EQ(c.assume_role()->role_arn, "arn:aws:iam::1:role/r");
  EXPECT_EQ(c.assume_role()->session_name, "sluice");
  EXPECT_EQ(c.assume_role()->external_id, "ext");
  EXPECT_EQ(c.assume_role()->sts_region, "us-east-1");
  EXPECT_FALSE(parse_ok(base()).assume_role().has_value());
  EXPECT_THAT(error_messages(base({{"s3.credentials.provider.class", "com.acme.Creds"}})),
              ElementsAre(HasSubstr("sluice supports the credentials providers")));
}

TEST(ConnectorConfigTest, HalfSetStaticCredentialsWarn) {
  EXPECT_THAT(warning_messages(base({{"aws.access.key.id", "AKIA"}})),
              ElementsAre("Only aws.access.key.id is set; static credentials need both, so the "
                          "credentials provider is used"));
  EXPECT_THAT(
      warning_messages(base({{"aws.access.key.id", "AKIA"}, {"aws.secret.access.key", "secret"}})),
      IsEmpty());
}

TEST(ConnectorConfigTest, SecretsNeverAppearInProblemsOrStatus) {
  const std::string secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
  RawConfig raw = base({{"aws.secret.access.key", secret},
                        {"s3.proxy.password", secret},
                        {"s3.sse.customer.key", secret},
                        {"s3.ssea.name", "AES256"},
                        {"flush.size", "x"}});
  ConfigReport report = S3SinkConnectorConfig::validate(raw);
  ASSERT_FALSE(report.ok());
  for (const auto* list : {&report.errors, &report.warnings}) {
    for (const ConfigProblem& p : *list) {
      EXPECT_THAT(p.to_string(), Not(HasSubstr(secret)));
      EXPECT_THAT(p.value, Not(HasSubstr(secret)));
    }
  }
  Result<S3SinkConnectorConfig> result = S3SinkConnectorConfig::parse(raw);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), Not(HasSubstr(secret)));

  S3SinkConnectorConfig ok = parse_ok(base({{"aws.secret.access.key", secret}}));
  EXPECT_EQ(fmt::format("{}", *ok.aws_secret_access_key()), "[hidden]");
  EXPECT_EQ(ok.aws_secret_access_key()->reveal(), secret);
}

TEST(ConnectorConfigTest, ByteArraySeparatorKeepsWhitespace) {
  EXPECT_EQ(parse_ok(base({{"format.bytearray.separator", " | "}})).format_bytearray_separator(),
            " | ");
  EXPECT_EQ(parse_ok(base({{"format.bytearray.separator", ""}})).format_bytearray_separator(), "");
  // From .properties, \n is an escape for a newline (the Java connector sees the same).
  RawConfig raw = properties("format.bytearray.separator=\\r\\n\n");
  RawConfig minimal = base();
  for (const RawEntry& e : minimal.entries()) raw.set(e.key, e.value);
  EXPECT_EQ(parse_ok(raw).format_bytearray_separator(), "\r\n");
}

TEST(ConnectorConfigTest, ConditionalWritesFollowJavasCondition) {
  EXPECT_TRUE(parse_ok(base({{"rotate.schedule.interval.ms", "0"}})).conditional_writes_active());
  EXPECT_TRUE(parse_ok(base({{"rotate.schedule.interval.ms", "-5"}})).conditional_writes_active());
  EXPECT_FALSE(parse_ok(base({{"rotate.schedule.interval.ms", "600000"},
                              {"timezone", "UTC"},
                              {"store.kafka.keys", "true"}}))
                   .conditional_writes_active());
  EXPECT_FALSE(parse_ok(base({{"rotate.schedule.interval.ms", "600000"},
                              {"timezone", "UTC"},
                              {"enable.conditional.writes", "false"}}))
                   .conditional_writes_active());
}

TEST(ConnectorConfigTest, IgnoredConnectKeysGiveInfoNotes) {
  std::vector<ConfigProblem> warnings;
  parse_ok(base({{"tasks.max.enforce", "false"}, {"shutdown.timeout.ms", "100"}}), &warnings);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].severity, Severity::kInfo);
  EXPECT_EQ(warnings[0].message,
            "tasks.max.enforce is accepted but not used: sluice never runs more tasks than "
            "tasks.max");
}

TEST(ConnectorConfigTest, JsonValuesParseLikeProperties) {
  // Every key of §2.1-§2.5 set to a non-default value parses into its accessor.
  S3SinkConnectorConfig c = parse_ok(base({{"rotate.interval.ms", "600000"},
                                           {"schemas.cache.config", "50"},
                                           {"enhanced.avro.schema.support", "false"},
                                           {"connect.meta.data", "false"},
                                           {"retry.backoff.ms", "100"},
                                           {"allow.optional.map.keys", "true"},
                                           {"aws.access.key.id", "AKIA"},
                                           {"aws.secret.access.key", "s"},
                                           {"s3.sse.kms.key.id", "k"},
                                           {"s3.part.retries", "5"},
                                           {"s3.retry.backoff.ms", "300"},
                                           {"format.bytearray.extension", ".txt"},
                                           {"s3.proxy.user", "u"},
                                           {"s3.proxy.password", "p"},
                                           {"s3.http.send.expect.continue", "false"},
                                           {"report.null.values.to.dlq", "false"},
                                           {"max.write.duration.ms", "1000"},
                                           {"rotate.file.on.partition.change", "false"},
                                           {"tombstone.encoded.partition", "deleted"},
                                           {"s3.send.digest", "true"},
                                           {"s3.object.tagging", "true"},
                                           {"s3.elastic.buffer.enable", "true"},
                                           {"s3.elastic.buffer.init.capacity", "8192"},
                                           {"store.kafka.headers", "true"},
                                           {"headers.format.class", "Json"},
                                           {"topics.dir", "raw"},
                                           {"directory.delim", "_"},
                                           {"file.delim", "#"},
                                           {"max.files.scan.limit", "7"},
                                           {"tasks.max", "4"},
                                           {"config.action.reload", "none"}}));
  EXPECT_EQ(c.rotate_interval_ms(), 600000);
  EXPECT_EQ(c.schemas_cache_config(), 50);
  EXPECT_FALSE(c.enhanced_avro_schema_support());
  EXPECT_FALSE(c.connect_meta_data());
  EXPECT_EQ(c.retry_backoff_ms(), 100);
  EXPECT_TRUE(c.allow_optional_map_keys());
  EXPECT_EQ(c.aws_access_key_id(), "AKIA");
  EXPECT_EQ(c.aws_secret_access_key()->reveal(), "s");
  EXPECT_EQ(c.s3_sse_kms_key_id(), "k");
  EXPECT_EQ(c.s3_part_retries(), 5);
  EXPECT_EQ(c.s3_retry_backoff_ms(), 300);
  EXPECT_EQ(c.format_bytearray_extension(), ".txt");
  EXPECT_EQ(c.s3_proxy_user(), "u");
  EXPECT_EQ(c.s3_proxy_password()->reveal(), "p");
  EXPECT_FALSE(c.s3_http_send_expect_continue());
  EXPECT_FALSE(c.report_null_values_to_dlq());
  EXPECT_EQ(c.max_write_duration_ms(), 1000);
  EXPECT_FALSE(c.rotate_file_on_partition_change());
  EXPECT_EQ(c.tombstone_encoded_partition(), "deleted");
  EXPECT_TRUE(c.s3_send_digest());
  EXPECT_TRUE(c.s3_object_tagging());
  EXPECT_TRUE(c.s3_elastic_buffer_enable());
  EXPECT_EQ(c.s3_elastic_buffer_init_capacity(), 8192);
  EXPECT_TRUE(c.store_kafka_headers());
  EXPECT_EQ(c.headers_format_class(), FormatClass::kJson);
  EXPECT_EQ(c.topics_dir(), "raw");
  EXPECT_EQ(c.directory_delim(), "_");
  EXPECT_EQ(c.file_delim(), "#");
  EXPECT_EQ(c.max_files_scan_limit(), 7);
  EXPECT_EQ(c.tasks_max(), 4);
  EXPECT_EQ(c.config_action_reload(), "none");
}

TEST(ConnectorConfigTest, EveryDefaultIsValidAndEveryKeyDocumented) {
  for (const ConfigKey& key : connector_definition().keys()) {
    EXPECT_FALSE(key.doc().empty()) << key.name();
    EXPECT_FALSE(key.group().empty()) << key.name();
    if (key.default_kind() != DefaultKind::kValue) continue;
    Result<ConfigValue> v = parse_config_value(key.type(), key.default_text(), key.trims());
    ASSERT_TRUE(v.ok()) << key.name();
    EXPECT_EQ(key.validator().check(*v), std::nullopt) << key.name();
  }
}

// sluice.value.schema.*: one source, the type only with a file, registry keys only with a
// subject, a readable file; each problem names the key, the value and what is allowed.
TEST(ConnectorConfigTest, ValueSchemaKeysAreParsed) {
  S3SinkConnectorConfig c = parse_ok(
      base({{"sluice.value.schema.file", "/dev/null"}, {"sluice.value.schema.type", "JSON"}}));
  EXPECT_EQ(c.value_schema_file(), "/dev/null");
  EXPECT_EQ(c.value_schema_type(), ValueSchemaType::kJson);
  EXPECT_TRUE(c.binds_value_schema());
  c = parse_ok(base({{"sluice.value.schema.subject", "orders-value"},
                     {"sluice.value.schema.registry.url", "http://registry:8081"}}));
  EXPECT_EQ(c.value_schema_subject(), "orders-value");
  EXPECT_EQ(c.value_schema_type(), ValueSchemaType::kAvro);
  EXPECT_EQ(c.value_schema_registry_config(),
            (std::map<std::string, std::string>{{"url", "http://registry:8081"}}));
  EXPECT_FALSE(parse_ok(base()).binds_value_schema());
}

TEST(ConnectorConfigTest, ValueSchemaKeysAreCheckedTogether) {
  EXPECT_THAT(error_messages(base({{"sluice.value.schema.file", "/dev/null"},
                                   {"sluice.value.schema.subject", "orders-value"}})),
              ElementsAre("Invalid value 'orders-value' for configuration "
                          "sluice.value.schema.subject: only one of sluice.value.schema.file and "
                          "sluice.value.schema.subject may be set "
                          "(sluice.value.schema.file='/dev/null')"));
  EXPECT_THAT(error_messages(base({{"sluice.value.schema.file", "/nonexistent/order.avsc"}})),
              ElementsAre("Invalid value '/nonexistent/order.avsc' for configuration "
                          "sluice.value.schema.file: cannot read the file (No such file or "
                          "directory); a readable Avro .avsc or JSON Schema file is allowed"));
  EXPECT_THAT(error_messages(base({{"sluice.value.schema.type", "json"}})),
              ElementsAre("Invalid value 'json' for configuration sluice.value.schema.type: "
                          "applies only with sluice.value.schema.file (a subject's schema type "
                          "is the registry's)"));
  EXPECT_THAT(error_messages(base({{"sluice.value.schema.file", "/dev/null"},
                                   {"sluice.value.schema.type", "protobuf"}})),
              ElementsAre("Invalid value 'protobuf' for configuration sluice.value.schema.type: "
                          "must be one of avro, json (case-insensitive)"));
  EXPECT_THAT(error_messages(base({{"sluice.value.schema.registry.url", "http://r:8081"}})),
              ElementsAre("Invalid value 'http://r:8081' for configuration "
                          "sluice.value.schema.registry.url: sluice.value.schema.registry.* keys "
                          "apply only with sluice.value.schema.subject"));
  EXPECT_THAT(error_messages(base({{"sluice.value.schema.subject", ""}})), testing::SizeIs(1));
}

}  // namespace
}  // namespace sluice::config
