// Internal to the connector configuration: what its per-group files share.
//
// connector_definition() is assembled from one define_*_keys function per configuration group
// (connector_*_keys.cc), called in the order the groups appear in docs/config-reference.md.
// ConnectorConfigBuilder turns a ParsedConfig into an S3SinkConnectorConfig; its read_* and
// check_* methods live beside the keys they read, its core in connector_config.cc. This header
// also holds the text of each string-valued enum and the validators several groups use. Nothing
// outside src/config/connector_*.cc includes it.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_def.h"
#include "config/config_problem.h"
#include "config/connector_config.h"
#include "config/raw_config.h"

namespace sluice::config {
namespace connector_internal {

// String-valued enums: the config text of each value, in the order of the enum.
template <typename Enum>
struct EnumText {
  Enum value;
  std::string_view text;
};

bool equals_ignore_case(std::string_view a, std::string_view b);

template <typename Enum, size_t N>
Enum enum_from_text(const EnumText<Enum> (&table)[N], std::string_view text, bool ignore_case) {
  for (const auto& entry : table) {
    if (ignore_case ? equals_ignore_case(entry.text, text) : entry.text == text) return entry.value;
  }
  return table[0].value;  // unreachable after validation
}

template <typename Enum, size_t N>
std::string_view enum_text(const EnumText<Enum> (&table)[N], Enum value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.text;
  }
  return table[0].text;
}

template <typename Enum, size_t N>
std::vector<std::string> enum_texts(const EnumText<Enum> (&table)[N]) {
  std::vector<std::string> out;
  for (const auto& entry : table) out.emplace_back(entry.text);
  return out;
}

inline constexpr EnumText<CompressionType> kCompressionTypes[] = {{CompressionType::kNone, "none"},
                                                                  {CompressionType::kGzip, "gzip"}};
inline constexpr EnumText<NullValueBehavior> kNullValueBehaviors[] = {
    {NullValueBehavior::kIgnore, "ignore"},
    {NullValueBehavior::kFail, "fail"},
    {NullValueBehavior::kWrite, "write"}};
inline constexpr EnumText<SchemaCompatibility> kSchemaCompatibilities[] = {
    {SchemaCompatibility::kNone, "NONE"},
    {SchemaCompatibility::kBackward, "BACKWARD"},
    {SchemaCompatibility::kForward, "FORWARD"},
    {SchemaCompatibility::kFull, "FULL"}};
inline constexpr EnumText<SseAlgorithm> kSseAlgorithms[] = {
    {SseAlgorithm::kNone, ""},
    {SseAlgorithm::kAes256, "AES256"},
    {SseAlgorithm::kAwsKms, "aws:kms"},
    {SseAlgorithm::kAwsKmsDsse, "aws:kms:dsse"}};
inline constexpr EnumText<CannedAcl> kCannedAcls[] = {
    {CannedAcl::kPrivate, "private"},
    {CannedAcl::kPublicRead, "public-read"},
    {CannedAcl::kPublicReadWrite, "public-read-write"},
    {CannedAcl::kAuthenticatedRead, "authenticated-read"},
    {CannedAcl::kAwsExecRead, "aws-exec-read"},
    {CannedAcl::kBucketOwnerRead, "bucket-owner-read"},
    {CannedAcl::kBucketOwnerFullControl, "bucket-owner-full-control"}};
inline constexpr EnumText<JsonDecimalFormat> kJsonDecimalFormats[] = {
    {JsonDecimalFormat::kBase64, "BASE64"}, {JsonDecimalFormat::kNumeric, "NUMERIC"}};
inline constexpr EnumText<JsonDoubleDigits> kJsonDoubleDigits[] = {
    {JsonDoubleDigits::kJdk17, "jdk17"}, {JsonDoubleDigits::kShortest, "shortest"}};
inline constexpr EnumText<ValueSchemaType> kValueSchemaTypes[] = {{ValueSchemaType::kAvro, "avro"},
                                                                  {ValueSchemaType::kJson, "json"}};
inline constexpr EnumText<AvroCodec> kAvroCodecs[] = {{AvroCodec::kNull, "null"},
                                                      {AvroCodec::kDeflate, "deflate"},
                                                      {AvroCodec::kSnappy, "snappy"},
                                                      {AvroCodec::kBzip2, "bzip2"}};
inline constexpr EnumText<ParquetCodec> kParquetCodecs[] = {
    {ParquetCodec::kNone, "none"}, {ParquetCodec::kSnappy, "snappy"}, {ParquetCodec::kGzip, "gzip"},
    {ParquetCodec::kLzo, "lzo"},   {ParquetCodec::kBrotli, "brotli"}, {ParquetCodec::kLz4, "lz4"},
    {ParquetCodec::kZstd, "zstd"}, {ParquetCodec::kLz4Raw, "lz4_raw"}};
inline constexpr EnumText<SchemaPartitionAffixType> kAffixTypes[] = {
    {SchemaPartitionAffixType::kNone, "NONE"},
    {SchemaPartitionAffixType::kPrefix, "PREFIX"},
    {SchemaPartitionAffixType::kSuffix, "SUFFIX"}};
inline constexpr EnumText<TaggingErrorBehavior> kTaggingErrorBehaviors[] = {
    {TaggingErrorBehavior::kIgnore, "ignore"}, {TaggingErrorBehavior::kFail, "fail"}};
inline constexpr EnumText<ErrorTolerance> kErrorTolerances[] = {{ErrorTolerance::kNone, "none"},
                                                                {ErrorTolerance::kAll, "all"}};

inline constexpr std::string_view kAssumeRoleClass =
    "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider";

// A CLASS (or class-like STRING) key limited to the classes of `table`.
Validator class_validator(const ClassAliasTable& table, std::string what);

template <typename Enum>
Validator class_validator(const ClassAliases<Enum>& aliases, std::string what) {
  return class_validator(aliases.table(), std::move(what));
}

// Kafka's topic name rule: 1-249 characters of [a-zA-Z0-9._-], not "." or "..".
std::optional<std::string> topic_name_problem(std::string_view topic);

// scheme://[user[:password]@]host[:port][/path]
bool looks_like_url(std::string_view url, std::initializer_list<std::string_view> schemes);

// The groups of connector_definition(), each appending its keys to `def` (in this order).
void define_connector_keys(ConfigDef& def);          // connector_connect_keys.cc
void define_transform_keys(ConfigDef& def);          // connector_transform_keys.cc
void define_error_keys(ConfigDef& def);              // connector_error_keys.cc
void define_storage_connector_keys(ConfigDef& def);  // connector_storage_keys.cc
void define_s3_keys(ConfigDef& def);                 // connector_s3_keys.cc
void define_key_header_keys(ConfigDef& def);         // connector_storage_keys.cc
void define_storage_keys(ConfigDef& def);            // connector_storage_keys.cc
void define_partitioner_keys(ConfigDef& def);        // connector_partitioner_keys.cc
void define_value_schema_keys(ConfigDef& def);       // connector_value_schema_keys.cc
void define_internal_keys(ConfigDef& def);           // connector_storage_keys.cc

}  // namespace connector_internal

// Turns a ParsedConfig into the typed config, then checks the keys against each other. A friend
// of S3SinkConnectorConfig, so that the config itself stays immutable.
class ConnectorConfigBuilder {
 public:
  ConnectorConfigBuilder(const RawConfig& raw, ConfigReport* report);

  S3SinkConnectorConfig build();

 private:
  bool valid(std::string_view key) const { return parsed_.is_valid(key); }
  std::string where(std::string_view key) const { return raw_.location(key); }
  std::string given(std::string_view key) const;
  void error(std::string key, std::string message);
  void warn(std::string key, std::string message, Severity severity = Severity::kWarning);

  // connector_connect_keys.cc
  void read_connector_keys();
  void check_topics();
  // connector_transform_keys.cc
  void read_transforms();
  std::set<std::string> read_predicates();
  void read_transform(const std::string& alias, const std::set<std::string>& predicate_aliases);
  bool accept_alias(const std::string& list_key, const std::string& alias,
                    std::set<std::string>* seen);
  std::string take_type(const std::string& prefix, std::string_view what, const std::string& alias,
                        std::map<std::string, std::string>* params);
  void warn_unlisted_aliases(const std::set<std::string>& transform_aliases,
                             const std::set<std::string>& predicate_aliases);
  // connector_error_keys.cc
  void read_error_keys();
  // connector_storage_keys.cc
  void read_storage_keys();
  void check_formats();
  // connector_s3_keys.cc
  void read_s3_keys();
  void read_s3_tags();
  void check_s3();
  void check_assume_role();
  // connector_partitioner_keys.cc
  void read_partitioner_keys();
  void check_partitioner();
  // connector_value_schema_keys.cc
  void read_value_schema_keys();
  void check_value_schema();

  const RawConfig& raw_;
  ConfigReport* report_;
  ParsedConfig parsed_;
  S3SinkConnectorConfig config_;
};

}  // namespace sluice::config
