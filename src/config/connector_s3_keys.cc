// The "S3" group of the connector configuration: S3SinkConnectorConfig's keys (bucket, region,
// credentials, encryption, compression and JSON output, retries, proxy, null values, tagging,
// buffers), how the builder reads them and the S3 settings Java checks late or silently ignores.
#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <regex>
#include <string>
#include <utility>

#include "config/connector_config_internal.h"

namespace sluice::config {
namespace connector_internal {
namespace {

// The decoded length of standard base64 (padding optional, as java.util.Base64's decoder
// accepts), or nullopt when the text is not base64.
std::optional<size_t> base64_decoded_length(std::string_view text) {
  size_t padding = 0;
  while (!text.empty() && text.back() == '=' && padding < 2) {
    text.remove_suffix(1);
    ++padding;
  }
  for (char c : text) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/')) {
      return std::nullopt;
    }
  }
  if (text.size() % 4 == 1) return std::nullopt;
  if (padding > 0 && (text.size() + padding) % 4 != 0) return std::nullopt;
  return text.size() / 4 * 3 + (text.size() % 4 == 0 ? 0 : text.size() % 4 - 1);
}

// Server-side encryption and the canned ACL.
void define_s3_encryption_keys(ConfigDef& def) {
  using T = ConfigType;
  def.define("s3.ssea.name", T::kString)
      .layout("S3", 10, Width::kLong, "S3 Server Side Encryption Algorithm")
      .default_value("")
      .validator(Validator::one_of(enum_texts(kSseAlgorithms)))
      .importance(Importance::kLow)
      .doc(
          "Server-side encryption algorithm (case-sensitive). With `aws:kms` and no key id, and "
          "with `aws:kms:dsse`, the Java connector sends no encryption header; sluice does the "
          "same and warns.");
  def.define("s3.sse.customer.key", T::kPassword)
      .layout("S3", 11, Width::kLong, "S3 Server Side Encryption Customer-Provided Key (SSE-C)")
      .default_null()
      .validator(Validator::custom(
          "base64 of a 32-byte key",
          [](const ConfigValue& v) -> std::optional<std::string> {
            const auto* p = std::get_if<Password>(&v);
            if (p == nullptr || p->empty()) return std::nullopt;
            std::optional<size_t> length = base64_decoded_length(p->reveal());
            if (!length) return "must be base64 (the SSE-C key is a base64-encoded 256-bit key)";
            if (*length != 32) {
              return fmt::format("must decode to 32 bytes (an AES-256 key), not {}", *length);
            }
            return std::nullopt;
          }))
      .importance(Importance::kLow)
      .doc(
          "SSE-C key (with `s3.ssea.name=AES256`). Checked up front; the Java connector fails "
          "at the first upload.");
  def.define("s3.sse.kms.key.id", T::kString)
      .layout("S3", 12, Width::kLong, "S3 Server Side Encryption Key")
      .default_value("")
      .importance(Importance::kLow)
      .doc("KMS key for `aws:kms`.");
  def.define("s3.acl.canned", T::kString)
      .layout("S3", 13, Width::kLong, "S3 Canned ACL")
      .default_null()
      .validator(Validator::one_of(enum_texts(kCannedAcls)))
      .importance(Importance::kLow)
      .doc("Canned ACL sent as `x-amz-acl` when an upload is created.");
}

// Transfer acceleration, stream compression and JsonFormat's output.
void define_s3_output_keys(ConfigDef& def) {
  using T = ConfigType;
  def.define("s3.wan.mode", T::kBoolean)
      .layout("S3", 14, Width::kLong, "S3 accelerated endpoint enabled")
      .default_value("false")
      .importance(Importance::kMedium)
      .doc(
          "Use the S3 Transfer Acceleration endpoint; requires "
          "`s3.path.style.access.enabled=false`.");
  def.define("s3.compression.type", T::kString)
      .layout("S3", 15, Width::kLong, "Compression type")
      .default_value("none")
      .validator(Validator::one_of(enum_texts(kCompressionTypes)))
      .importance(Importance::kLow)
      .doc(
          "Stream compression of JSON and ByteArray files; not allowed with Avro or Parquet. "
          "sluice trims the value (the Java connector validates ` gzip` and then fails).");
  def.define("s3.compression.level", T::kInt)
      .layout("S3", 16, Width::kLong, "Compression Level")
      .default_value("-1")
      .validator(Validator::between(-1, 9))
      .importance(Importance::kLow)
      .doc("Deflate level for gzip; -1 is zlib's default (6).");
  def.define("json.decimal.format", T::kString)
      .layout("S3", 17, Width::kMedium, "Decimal Format")
      .default_value("BASE64")
      .validator(Validator::one_of(enum_texts(kJsonDecimalFormats), true))
      .importance(Importance::kMedium)
      .doc("How JsonFormat writes Decimal values.");
  def.define("sluice.json.preserve.key.order", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc(
          "sluice only. JsonFormat writes the keys of schemaless JSON objects and maps in Java "
          "HashMap order, as the Java connector does (byte-identical output); true keeps the "
          "order the producer wrote them in.");
  def.define("sluice.json.double.digits", T::kString)
      .default_value("jdk17")
      .validator(Validator::one_of(enum_texts(kJsonDoubleDigits), true))
      .importance(Importance::kLow)
      .doc(
          "sluice only. The digits JsonFormat prints for float and double values (Java's "
          "Float/Double.toString, also in header strings): `jdk17` prints them as Java 17 and "
          "every JDK up to 18 does, byte-identical to the Java connector on a Java 11 or 17 "
          "worker (1e23 as `9.999999999999999E22`); `shortest` prints the shortest digits that "
          "read back as the same value, as JDK 19 and later do (`1.0E23`).");
}

// Request retries, ByteArrayFormat's extension and separator, the proxy.
void define_s3_request_keys(ConfigDef& def) {
  using T = ConfigType;
  def.define("s3.part.retries", T::kInt)
      .layout("S3", 18, Width::kLong, "S3 Part Upload Retries")
      .default_value("3")
      .validator(Validator::at_least(0))
      .importance(Importance::kMedium)
      .doc(
          "Attempts per S3 request including the first (AWS SDK v2 meaning); 0 behaves as 1. "
          "Retried are the answers that may succeed later: 5xx, 429 and throttling codes "
          "(SlowDown), RequestTimeout, connection resets and timeouts, and a request whose "
          "answer never came (its retry is reconciled so the object is written once). When the "
          "attempts run out the failure is still transient: the partition is rewound and "
          "written again after `retry.backoff.ms`, for as long as the failure lasts; at start "
          "the bucket check (HeadBucket) is repeated, with backoff, for as long as its failure "
          "is transient. Only answers no retry can "
          "fix (403, a missing bucket, a wrong region) stop the task.");
  def.define("s3.retry.backoff.ms", T::kLong)
      .layout("S3", 19, Width::kShort, "Retry Backoff (ms)")
      .default_value("200")
      .validator(Validator::at_least(1))
      .importance(Importance::kLow)
      .doc(
          "Base of the exponential backoff with full jitter between S3 attempts: before attempt "
          "n >= 2 the wait is uniform in [0, base * 2^(n-2)), capped at one day as in the Java "
          "connector. The bucket check at start uses the same backoff between its rounds, "
          "capped at `retry.backoff.ms`. sluice rejects 0 (the Java connector accepts it, then "
          "its S3 client fails to start).");
  def.define("format.bytearray.extension", T::kString)
      .layout("S3", 20, Width::kLong, "Output file extension for ByteArrayFormat")
      .default_value(".bin")
      .importance(Importance::kLow)
      .doc("Extension of ByteArrayFormat files (no dot is added).");
  def.define("format.bytearray.separator", T::kString)
      .layout("S3", 21, Width::kLong, "Line separator ByteArrayFormat")
      .default_value("\n")
      .keep_whitespace()
      .importance(Importance::kLow)
      .doc("Bytes written after each ByteArrayFormat record, untrimmed; empty = none.");
  def.define("s3.proxy.url", T::kString)
      .layout("S3", 22, Width::kLong, "S3 Proxy Settings")
      .default_value("")
      .validator(Validator::custom(
          "http(s)://[user:password@]host[:port]",
          [](const ConfigValue& v) -> std::optional<std::string> {
            const auto* s = std::get_if<std::string>(&v);
            if (s == nullptr || s->empty() || looks_like_url(*s, {"http", "https"})) {
              return std::nullopt;
            }
            return "must be a URL such as http://proxy.example.com:8080";
          }))
      .importance(Importance::kLow)
      .doc("HTTP(S) proxy for S3 requests.");
  def.define("s3.proxy.user", T::kString)
      .layout("S3", 23, Width::kLong, "S3 Proxy User")
      .default_null()
      .importance(Importance::kLow)
      .doc("Proxy user (overrides the user in `s3.proxy.url`).");
  def.define("s3.proxy.password", T::kPassword)
      .layout("S3", 24, Width::kLong, "S3 Proxy Password")
      .default_null()
      .importance(Importance::kLow)
      .doc("Proxy password.");
  def.define("s3.http.send.expect.continue", T::kBoolean)
      .layout("S3", 25, Width::kShort, "S3 HTTP Send Uses Expect Continue")
      .default_value("true")
      .importance(Importance::kLow)
      .doc("Send `Expect: 100-continue` on uploads.");
  def.define("sluice.s3.stall.timeout.ms", T::kLong)
      .default_value("60000")
      .validator(Validator::at_least(1000))
      .importance(Importance::kLow)
      .doc(
          "sluice only. An S3 request whose connection moves no byte for this long (whole "
          "seconds, rounded up) is abandoned and counts as a transient failure: it is retried as "
          "`s3.part.retries` says. The whole request may take at most 300 s.");
}

// Tombstones, write deadlines, rotation on partition change, affixes, digests, conditional writes.
void define_s3_write_keys(ConfigDef& def) {
  using T = ConfigType;
  def.define("behavior.on.null.values", T::kString)
      .layout("S3", 26, Width::kShort, "Behavior for null-valued records")
      .default_value("fail")
      .validator(Validator::one_of(enum_texts(kNullValueBehaviors), true))
      .importance(Importance::kLow)
      .doc(
          "Tombstones: `fail` the task, `ignore` them, or `write` their keys/headers under "
          "`tombstone.encoded.partition` (requires `store.kafka.keys=true`).");
  def.define("report.null.values.to.dlq", T::kBoolean)
      .layout("S3", 27, Width::kShort, "Report null value to dlq")
      .default_value("true")
      .importance(Importance::kLow)
      .doc("With `ignore`, report each dropped tombstone to the dead-letter queue.");
  def.define("max.write.duration.ms", T::kLong)
      .layout("S3", 28, Width::kShort, "Maximum write duration")
      .default_value("9223372036854775807")
      .importance(Importance::kLow)
      .doc("Soft deadline for one batch of writes.");
  def.define("rotate.file.on.partition.change", T::kBoolean)
      .layout("S3", 29, Width::kShort, "Rotate files on partition change")
      .default_value("true")
      .importance(Importance::kLow)
      .doc(
          "With `rotate.interval.ms` and a time-based partitioner, rotate all files when the "
          "encoded partition changes between consecutive records.");
  def.define("tombstone.encoded.partition", T::kString)
      .layout("S3", 30, Width::kShort, "Tombstone Encoded Partition")
      .default_value("tombstone")
      .importance(Importance::kLow)
      .doc("Directory of tombstone files in `write` mode.");
  def.define("s3.schema.partition.affix.type", T::kString)
      .layout("S3", 31, Width::kLong, "Schema Partition Affix Type")
      .default_value("NONE")
      .validator(Validator::one_of(enum_texts(kAffixTypes)))
      .importance(Importance::kLow)
      .doc("Add `schema_name=<value schema name>` before or after the encoded partition.");
  def.define("s3.send.digest", T::kBoolean)
      .layout("S3", 32, Width::kShort, "S3 Send Upload Message Digest")
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Send `Content-MD5` with each part.");
  def.define("enable.conditional.writes", T::kBoolean)
      .layout("S3", 33, Width::kShort, "Enable conditional writes during multipart upload")
      .default_value("true")
      .importance(Importance::kLow)
      .doc(
          "Complete uploads with `If-None-Match: *` when `rotate.schedule.interval.ms` is not "
          "-1 and neither keys nor headers are stored (Java's condition, kept as is).");
}

// Object tagging, addressing style and part buffers.
void define_s3_tagging_keys(ConfigDef& def) {
  using T = ConfigType;
  def.define("s3.object.tagging", T::kBoolean)
      .layout("S3", 2, Width::kLong, "S3 Object Tagging")
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Tag each value file with `startOffset`, `endOffset` and `recordCount`.");
  def.define("s3.object.tagging.key.value.pairs", T::kList)
      .layout("S3", 3, Width::kLong, "S3 Object Tagging Extra Key Value pairs")
      .default_value("")
      .validator(Validator::custom(
          "key:value items",
          [](const ConfigValue& v) -> std::optional<std::string> {
            const auto* s = std::get_if<std::string>(&v);
            if (s == nullptr) return std::nullopt;
            size_t colon = s->find(':');
            if (colon == std::string::npos) {
              return "must be key:value (the Java connector crashes on an item without ':')";
            }
            if (colon == 0) return "must have a tag key before ':'";
            return std::nullopt;
          }))
      .importance(Importance::kLow)
      .doc(
          "Extra tags `k1:v1,k2:v2` (with `s3.object.tagging=true`). Like Java, text after a "
          "second ':' is dropped (with a warning); unlike Java, `k:` is a tag with an empty "
          "value rather than a crash.");
  def.define("s3.object.behavior.on.tagging.error", T::kString)
      .layout("S3", 4, Width::kShort, "Behavior for S3 object tagging error")
      .default_value("ignore")
      .validator(Validator::one_of(enum_texts(kTaggingErrorBehaviors), true))
      .importance(Importance::kLow)
      .doc("Whether a failed tagging request is ignored or fails the task.");
  def.define("s3.path.style.access.enabled", T::kBoolean)
      .layout("Keys and Headers", 5, Width::kShort, "Enable Path Style Access to S3")
      .default_value("true")
      .importance(Importance::kLow)
      .doc("Path-style addressing (note the default).");
  def.define("s3.elastic.buffer.enable", T::kBoolean)
      .layout("Keys and Headers", 6, Width::kLong, "Enable elastic buffer to staging s3-part")
      .default_value("false")
      .importance(Importance::kLow)
      .doc(
          "Grow part buffers on demand (sluice always pools its buffers; accepted for "
          "compatibility).");
  def.define("s3.elastic.buffer.init.capacity", T::kInt)
      .layout("Keys and Headers", 7, Width::kLong, "Elastic buffer initial capacity")
      .default_value("131072")
      .validator(Validator::at_least(4096))
      .importance(Importance::kLow)
      .doc("Initial elastic buffer size.");
}

}  // namespace

void define_s3_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("S3", "S3SinkConnectorConfig (confluent-s3-sink.md §2.2).");
  def.define("s3.bucket.name", T::kString)
      .layout("S3", 1, Width::kLong, "S3 Bucket")
      .required()
      .validator(Validator::non_empty_string())
      .importance(Importance::kHigh)
      .doc("Target bucket.");
  def.define("s3.region", T::kString)
      .layout("S3", 5, Width::kLong, "AWS region")
      .default_value("us-west-2")
      .validator(Validator::non_empty_string())
      .importance(Importance::kMedium)
      .doc(
          "Signing region, and the endpoint region when `store.url` is blank. Trimmed and "
          "lower-cased.");
  def.define("s3.part.size", T::kInt)
      .layout("S3", 6, Width::kLong, "S3 Part Size")
      .default_value("26214400")
      .validator(Validator::between(5242880, 2147483647))
      .importance(Importance::kHigh)
      .doc("Multipart upload part size in bytes.");
  def.define("s3.credentials.provider.class", T::kClass)
      .layout("S3", 7, Width::kLong, "AWS Credentials Provider Class")
      .default_value("software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider")
      .validator(class_validator(credentials_provider_classes(), "the credentials providers"))
      .importance(Importance::kLow)
      .doc(
          "Where S3 credentials come from: the AWS SDK's standard provider classes and Confluent's "
          "assume-role provider are known, other classes are rejected. This version of sluice "
          "uses the static keys or the AWS_* environment variables and refuses to start with the "
          "others (docs/compatibility.md, Known limitations).");
  def.define_prefix("s3.credentials.provider.",
                    "Settings of the credentials provider, prefix stripped (for the assume-role "
                    "provider: `sts.role.arn`, `sts.role.session.name`, `sts.role.external.id`, "
                    "all required, and `sts.region`).");
  def.define("aws.access.key.id", T::kString)
      .layout("S3", 8, Width::kLong, "AWS Access Key ID")
      .default_value("")
      .importance(Importance::kHigh)
      .doc("Static access key id, used when both it and `aws.secret.access.key` are set.");
  def.define("aws.secret.access.key", T::kPassword)
      .layout("S3", 9, Width::kLong, "AWS Secret Access Key")
      .default_null()
      .importance(Importance::kHigh)
      .doc("Static secret access key.");
  define_s3_encryption_keys(def);
  define_s3_output_keys(def);
  define_s3_request_keys(def);
  define_s3_write_keys(def);
  define_s3_tagging_keys(def);
}

}  // namespace connector_internal

using connector_internal::enum_from_text;
using connector_internal::kAffixTypes;
using connector_internal::kAssumeRoleClass;
using connector_internal::kCannedAcls;
using connector_internal::kCompressionTypes;
using connector_internal::kJsonDecimalFormats;
using connector_internal::kJsonDoubleDigits;
using connector_internal::kNullValueBehaviors;
using connector_internal::kSseAlgorithms;
using connector_internal::kTaggingErrorBehaviors;

void ConnectorConfigBuilder::read_s3_keys() {
  S3SinkConnectorConfig& c = config_;
  c.s3_bucket_name_ = parsed_.string_value("s3.bucket.name");
  c.s3_region_ = parsed_.string_value("s3.region");
  for (char& ch : c.s3_region_)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  c.s3_part_size_ = parsed_.int_value("s3.part.size");
  c.credentials_provider_ = credentials_provider_classes()
                                .resolve(parsed_.string_value("s3.credentials.provider.class"))
                                .value_or(CredentialsProviderClass::kDefaultChain);
  c.credentials_provider_config_ = raw_.with_prefix("s3.credentials.provider.");
  c.credentials_provider_config_.erase("class");
  c.aws_access_key_id_ = parsed_.string_value("aws.access.key.id");
  c.aws_secret_access_key_ = parsed_.password_value("aws.secret.access.key");
  c.s3_ssea_name_ = enum_from_text(kSseAlgorithms, parsed_.string_value("s3.ssea.name"), false);
  c.s3_sse_customer_key_ = parsed_.password_value("s3.sse.customer.key");
  if (c.s3_sse_customer_key_ && c.s3_sse_customer_key_->empty()) c.s3_sse_customer_key_.reset();
  c.s3_sse_kms_key_id_ = parsed_.string_value("s3.sse.kms.key.id");
  if (auto acl = parsed_.optional_string("s3.acl.canned")) {
    c.s3_acl_canned_ = enum_from_text(kCannedAcls, *acl, false);
  }
  c.s3_wan_mode_ = parsed_.bool_value("s3.wan.mode");
  c.s3_compression_type_ =
      enum_from_text(kCompressionTypes, parsed_.string_value("s3.compression.type"), false);
  c.s3_compression_level_ = parsed_.int_value("s3.compression.level");
  c.json_decimal_format_ =
      enum_from_text(kJsonDecimalFormats, parsed_.string_value("json.decimal.format"), true);
  c.json_preserve_key_order_ = parsed_.bool_value("sluice.json.preserve.key.order");
  c.json_double_digits_ =
      enum_from_text(kJsonDoubleDigits, parsed_.string_value("sluice.json.double.digits"), true);
  c.s3_part_retries_ = parsed_.int_value("s3.part.retries");
  c.s3_retry_backoff_ms_ = parsed_.long_value("s3.retry.backoff.ms");
  c.format_bytearray_extension_ = parsed_.string_value("format.bytearray.extension");
  c.format_bytearray_separator_ = parsed_.string_value("format.bytearray.separator");
  c.s3_proxy_url_ = parsed_.string_value("s3.proxy.url");
  c.s3_proxy_user_ = parsed_.optional_string("s3.proxy.user");
  c.s3_proxy_password_ = parsed_.password_value("s3.proxy.password");
  c.s3_http_send_expect_continue_ = parsed_.bool_value("s3.http.send.expect.continue");
  c.s3_stall_timeout_ms_ = parsed_.long_value("sluice.s3.stall.timeout.ms");
  c.behavior_on_null_values_ =
      enum_from_text(kNullValueBehaviors, parsed_.string_value("behavior.on.null.values"), true);
  c.report_null_values_to_dlq_ = parsed_.bool_value("report.null.values.to.dlq");
  c.max_write_duration_ms_ = parsed_.long_value("max.write.duration.ms");
  c.rotate_file_on_partition_change_ = parsed_.bool_value("rotate.file.on.partition.change");
  c.tombstone_encoded_partition_ = parsed_.string_value("tombstone.encoded.partition");
  c.affix_type_ =
      enum_from_text(kAffixTypes, parsed_.string_value("s3.schema.partition.affix.type"), false);
  c.s3_send_digest_ = parsed_.bool_value("s3.send.digest");
  c.enable_conditional_writes_ = parsed_.bool_value("enable.conditional.writes");
  c.s3_object_tagging_ = parsed_.bool_value("s3.object.tagging");
  read_s3_tags();
  c.tagging_error_ = enum_from_text(
      kTaggingErrorBehaviors, parsed_.string_value("s3.object.behavior.on.tagging.error"), true);
  c.s3_path_style_access_enabled_ = parsed_.bool_value("s3.path.style.access.enabled");
  c.s3_elastic_buffer_enable_ = parsed_.bool_value("s3.elastic.buffer.enable");
  c.s3_elastic_buffer_init_capacity_ = parsed_.int_value("s3.elastic.buffer.init.capacity");
}

void ConnectorConfigBuilder::read_s3_tags() {
  S3SinkConnectorConfig& c = config_;
  for (const std::string& item : parsed_.list_value("s3.object.tagging.key.value.pairs")) {
    size_t colon = item.find(':');
    size_t second = item.find(':', colon + 1);
    c.extra_tags_.push_back(
        ObjectTag{item.substr(0, colon),
                  item.substr(colon + 1, second == std::string::npos ? std::string::npos
                                                                     : second - colon - 1)});
    if (second != std::string::npos && second + 1 < item.size()) {
      warn("s3.object.tagging.key.value.pairs",
           "Tag '" + item + "' has more than one ':'; like the Java connector, sluice uses '" +
               c.extra_tags_.back().key + ":" + c.extra_tags_.back().value +
               "' and drops the rest");
    }
  }
}

// §2.2 and §2.6: S3 settings that Java checks late or silently ignores.
void ConnectorConfigBuilder::check_s3() {
  const S3SinkConnectorConfig& c = config_;
  if (c.s3_wan_mode_ && c.s3_path_style_access_enabled_ && valid("s3.wan.mode") &&
      valid("s3.path.style.access.enabled")) {
    error("s3.wan.mode",
          "s3.wan.mode=true (Transfer Acceleration) cannot be used with path-style access; set "
          "s3.path.style.access.enabled=false (it defaults to true)");
  }
  if (c.s3_sse_customer_key_ && c.s3_ssea_name_ != SseAlgorithm::kAes256 && valid("s3.ssea.name")) {
    warn("s3.sse.customer.key",
         "s3.sse.customer.key is ignored unless s3.ssea.name=AES256 (SSE-C)");
  }
  if (c.s3_ssea_name_ == SseAlgorithm::kAwsKms && java_trim(c.s3_sse_kms_key_id_).empty()) {
    warn("s3.ssea.name",
         "s3.ssea.name=aws:kms without s3.sse.kms.key.id: like the Java connector, sluice sends "
         "no encryption header, so the bucket's default encryption applies");
  }
  if (c.s3_ssea_name_ == SseAlgorithm::kAwsKmsDsse) {
    warn("s3.ssea.name",
         "s3.ssea.name=aws:kms:dsse: like the Java connector, sluice sends no encryption "
         "header, so the bucket's default encryption applies");
  }
  bool has_id = !java_trim(c.aws_access_key_id_).empty();
  bool has_secret =
      c.aws_secret_access_key_ && !java_trim(c.aws_secret_access_key_->reveal()).empty();
  if (has_id != has_secret) {
    warn(has_id ? "aws.access.key.id" : "aws.secret.access.key",
         std::string("Only ") + (has_id ? "aws.access.key.id" : "aws.secret.access.key") +
             " is set; static credentials need both, so the credentials provider is used");
  }
  check_assume_role();
  if (!c.extra_tags_.empty() && !c.s3_object_tagging_) {
    warn("s3.object.tagging.key.value.pairs",
         "s3.object.tagging.key.value.pairs is ignored unless s3.object.tagging=true");
  }
  // S3 allows 10 tags per object; the connector always adds startOffset, endOffset and
  // recordCount.
  if (c.s3_object_tagging_ && c.extra_tags_.size() > 7) {
    error("s3.object.tagging.key.value.pairs",
          fmt::format("Invalid value '{}' for configuration s3.object.tagging.key.value.pairs: "
                      "at most 7 extra tags (S3 allows 10 per object and 3 are the offsets and "
                      "record count), not {}",
                      given("s3.object.tagging.key.value.pairs"), c.extra_tags_.size()));
  }
  if (c.s3_part_retries_ == 0 && valid("s3.part.retries") && parsed_.is_set("s3.part.retries")) {
    warn("s3.part.retries", "s3.part.retries=0 behaves as 1: every S3 request is tried once");
  }
  if (!c.store_url_ && valid("s3.region")) {
    static const std::regex kRegionShape("^[a-z]{2}(-[a-z]+)+-[0-9]+$");
    if (!std::regex_match(c.s3_region_, kRegionShape)) {
      warn("s3.region", "s3.region '" + c.s3_region_ +
                            "' does not look like an AWS region id (such as us-east-1) and no "
                            "store.url is set, so the endpoint may not exist");
    }
  }
}

// The assume-role provider's three required sts.* settings and its optional STS region.
void ConnectorConfigBuilder::check_assume_role() {
  const S3SinkConnectorConfig& c = config_;
  if (c.credentials_provider_ != CredentialsProviderClass::kAssumeRole ||
      !valid("s3.credentials.provider.class")) {
    return;
  }
  AssumeRoleConfig role;
  struct Field {
    const char* name;
    std::string* target;
  };
  for (const Field& f :
       {Field{"sts.role.arn", &role.role_arn}, Field{"sts.role.session.name", &role.session_name},
        Field{"sts.role.external.id", &role.external_id}}) {
    auto it = c.credentials_provider_config_.find(f.name);
    if (it == c.credentials_provider_config_.end() || java_trim(it->second).empty()) {
      error(std::string("s3.credentials.provider.") + f.name,
            std::string("Missing required configuration 's3.credentials.provider.") + f.name +
                "' for " + std::string(kAssumeRoleClass));
    } else {
      *f.target = std::string(java_trim(it->second));
    }
  }
  if (auto it = c.credentials_provider_config_.find("sts.region");
      it != c.credentials_provider_config_.end()) {
    role.sts_region = std::string(java_trim(it->second));
  }
  config_.assume_role_ = std::move(role);
}

}  // namespace sluice::config
