#include "config/connector_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <set>

#include "config/key_suggestion.h"

namespace sluice::config {
namespace {

// Class-valued keys whose only accepted class needs no enum of its own.
enum class ConnectorClassId { kS3Sink };
enum class StorageClassId { kS3 };

const ClassAliases<ConnectorClassId>& connector_classes() {
  static const ClassAliases<ConnectorClassId> kClasses(
      {{std::string(kS3SinkConnectorClass), ConnectorClassId::kS3Sink},
       {std::string(kSluiceConnectorClass), ConnectorClassId::kS3Sink}},
      {"Connector"});
  return kClasses;
}

const ClassAliases<StorageClassId>& storage_classes() {
  static const ClassAliases<StorageClassId> kClasses(
      {{"io.confluent.connect.s3.storage.S3Storage", StorageClassId::kS3}}, {"Storage"});
  return kClasses;
}

// A CLASS (or class-like STRING) key limited to the classes of `table`.
Validator class_validator(const ClassAliasTable& table, std::string what) {
  std::string description = table.describe();
  return Validator::custom(description,
                           [&table, what = std::move(what),
                            description](const ConfigValue& value) -> std::optional<std::string> {
                             const auto* name = std::get_if<std::string>(&value);
                             if (name == nullptr || table.resolve(*name)) return std::nullopt;
                             std::string reason = "sluice supports " + what + " " + description;
                             if (auto suggestion = closest_match(*name, table.spellings())) {
                               reason += "; did you mean '" + *suggestion + "'?";
                             }
                             return reason;
                           });
}

template <typename Enum>
Validator class_validator(const ClassAliases<Enum>& aliases, std::string what) {
  return class_validator(aliases.table(), std::move(what));
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// String-valued enums: the config text of each value, in the order of the enum.
template <typename Enum>
struct EnumText {
  Enum value;
  std::string_view text;
};

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

constexpr EnumText<CompressionType> kCompressionTypes[] = {{CompressionType::kNone, "none"},
                                                           {CompressionType::kGzip, "gzip"}};
constexpr EnumText<NullValueBehavior> kNullValueBehaviors[] = {
    {NullValueBehavior::kIgnore, "ignore"},
    {NullValueBehavior::kFail, "fail"},
    {NullValueBehavior::kWrite, "write"}};
constexpr EnumText<SchemaCompatibility> kSchemaCompatibilities[] = {
    {SchemaCompatibility::kNone, "NONE"},
    {SchemaCompatibility::kBackward, "BACKWARD"},
    {SchemaCompatibility::kForward, "FORWARD"},
    {SchemaCompatibility::kFull, "FULL"}};
constexpr EnumText<SseAlgorithm> kSseAlgorithms[] = {{SseAlgorithm::kNone, ""},
                                                     {SseAlgorithm::kAes256, "AES256"},
                                                     {SseAlgorithm::kAwsKms, "aws:kms"},
                                                     {SseAlgorithm::kAwsKmsDsse, "aws:kms:dsse"}};
constexpr EnumText<CannedAcl> kCannedAcls[] = {
    {CannedAcl::kPrivate, "private"},
    {CannedAcl::kPublicRead, "public-read"},
    {CannedAcl::kPublicReadWrite, "public-read-write"},
    {CannedAcl::kAuthenticatedRead, "authenticated-read"},
    {CannedAcl::kAwsExecRead, "aws-exec-read"},
    {CannedAcl::kBucketOwnerRead, "bucket-owner-read"},
    {CannedAcl::kBucketOwnerFullControl, "bucket-owner-full-control"}};
constexpr EnumText<JsonDecimalFormat> kJsonDecimalFormats[] = {
    {JsonDecimalFormat::kBase64, "BASE64"}, {JsonDecimalFormat::kNumeric, "NUMERIC"}};
constexpr EnumText<JsonDoubleDigits> kJsonDoubleDigits[] = {
    {JsonDoubleDigits::kJdk17, "jdk17"}, {JsonDoubleDigits::kShortest, "shortest"}};
constexpr EnumText<ValueSchemaType> kValueSchemaTypes[] = {{ValueSchemaType::kAvro, "avro"},
                                                           {ValueSchemaType::kJson, "json"}};
constexpr EnumText<AvroCodec> kAvroCodecs[] = {{AvroCodec::kNull, "null"},
                                               {AvroCodec::kDeflate, "deflate"},
                                               {AvroCodec::kSnappy, "snappy"},
                                               {AvroCodec::kBzip2, "bzip2"}};
constexpr EnumText<ParquetCodec> kParquetCodecs[] = {
    {ParquetCodec::kNone, "none"}, {ParquetCodec::kSnappy, "snappy"}, {ParquetCodec::kGzip, "gzip"},
    {ParquetCodec::kLzo, "lzo"},   {ParquetCodec::kBrotli, "brotli"}, {ParquetCodec::kLz4, "lz4"},
    {ParquetCodec::kZstd, "zstd"}, {ParquetCodec::kLz4Raw, "lz4_raw"}};
constexpr EnumText<SchemaPartitionAffixType> kAffixTypes[] = {
    {SchemaPartitionAffixType::kNone, "NONE"},
    {SchemaPartitionAffixType::kPrefix, "PREFIX"},
    {SchemaPartitionAffixType::kSuffix, "SUFFIX"}};
constexpr EnumText<TaggingErrorBehavior> kTaggingErrorBehaviors[] = {
    {TaggingErrorBehavior::kIgnore, "ignore"}, {TaggingErrorBehavior::kFail, "fail"}};
constexpr EnumText<ErrorTolerance> kErrorTolerances[] = {{ErrorTolerance::kNone, "none"},
                                                         {ErrorTolerance::kAll, "all"}};

// Kafka's topic name rule: 1-249 characters of [a-zA-Z0-9._-], not "." or "..".
std::optional<std::string> topic_name_problem(std::string_view topic) {
  if (topic.empty()) return "a topic name must not be empty";
  if (topic.size() > 249) return "a topic name has at most 249 characters";
  if (topic == "." || topic == "..") return "'.' and '..' are not topic names";
  for (char c : topic) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-')) {
      return "a topic name may contain only ASCII letters, digits, '.', '_' and '-'";
    }
  }
  return std::nullopt;
}

// Whether a pattern uses Java regex syntax that ECMAScript (std::regex) lacks, so that a
// std::regex compile failure says nothing about its validity in Java.
bool uses_java_only_regex_syntax(std::string_view pattern) {
  for (std::string_view marker : {"(?", "*+", "++", "?+", "}+", "\\p", "\\P", "\\Q", "\\A", "\\Z",
                                  "\\z", "\\h", "\\R", "&&"}) {
    if (pattern.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

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

// scheme://[user[:password]@]host[:port][/path]
bool looks_like_url(std::string_view url, std::initializer_list<std::string_view> schemes) {
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return false;
  std::string_view scheme = url.substr(0, sep);
  bool known = false;
  for (std::string_view s : schemes) known = known || equals_ignore_case(s, scheme);
  if (!known) return false;
  std::string_view rest = url.substr(sep + 3);
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  if (authority.empty()) return scheme == "file";
  std::string_view host = authority;
  if (host.front() == '[') {  // IPv6 literal
    size_t close = host.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view after = host.substr(close + 1);
    if (!after.empty() && after.front() != ':') return false;
    host = host.substr(0, close + 1);
    authority = after;
  } else if (size_t colon = host.find(':'); colon != std::string_view::npos) {
    authority = host.substr(colon);
    host = host.substr(0, colon);
  } else {
    authority = {};
  }
  if (host.empty()) return false;
  if (!authority.empty()) {
    std::string_view port = authority.substr(1);
    if (port.empty() || port.size() > 5) return false;
    for (char c : port) {
      if (c < '0' || c > '9') return false;
    }
    if (std::stoi(std::string(port)) > 65535) return false;
  }
  return true;
}

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

bool is_iso_control_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    // U+0080..U+009F are C2 80..C2 9F in UTF-8.
    if (c == 0xC2 && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

constexpr std::string_view kAssumeRoleClass =
    "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider";

// sluice only: a value schema for records without one (schemaless JSON), so that Parquet and
// Avro files can be written from them.
void define_value_schema_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Schemaless values (sluice)",
                  "sluice only. A value schema the user supplies for records whose value "
                  "converter gives no schema (StringConverter with JSON text, JsonConverter with "
                  "`schemas.enable=false`), so that ParquetFormat and AvroFormat can write them. "
                  "At most one of `sluice.value.schema.file` and `sluice.value.schema.subject`. "
                  "See docs/compatibility.md, \"sluice extensions\".");
  def.define("sluice.value.schema.file", T::kString)
      .default_null()
      .importance(Importance::kMedium)
      .doc(
          "Path of a schema file (an Avro schema, `.avsc`, or a JSON Schema, see "
          "`sluice.value.schema.type`), read once at start. Every record value is bound to it: "
          "JSON text or a schemaless map becomes a struct of that schema (fields by name, "
          "numbers checked against the field types); a value that does not fit is a data "
          "error (`errors.tolerance`). The Connect schema is what AvroConverter (default "
          "settings) or JsonSchemaConverter would give records carrying that schema.");
  def.define("sluice.value.schema.type", T::kString)
      .default_null()
      .validator(Validator::one_of(enum_texts(kValueSchemaTypes), true))
      .importance(Importance::kMedium)
      .doc(
          "The language of `sluice.value.schema.file`: `avro` (the default) or `json` (JSON "
          "Schema draft 4 to 7). Only with `sluice.value.schema.file`.");
  def.define("sluice.value.schema.subject", T::kString)
      .default_null()
      .importance(Importance::kMedium)
      .doc(
          "A Schema Registry subject whose latest version (Avro or JSON Schema, without "
          "references) is fetched once when the connector starts and used as "
          "`sluice.value.schema.file` is. The registry is `sluice.value.schema.registry.url`, "
          "else the value converter's `schema.registry.url` and its other registry settings.");
  def.define_prefix("sluice.value.schema.registry.",
                    "sluice only. Schema Registry settings for `sluice.value.schema.subject`, "
                    "read as a Confluent converter reads its own: `url` for "
                    "`schema.registry.url`, `ssl.*` for `schema.registry.ssl.*`, other keys "
                    "as the converter spells them (`basic.auth.credentials.source`, "
                    "`basic.auth.user.info`, ...). Without them, the value converter's "
                    "registry settings apply.");
}

ConfigDef build_connector_definition() {
  using T = ConfigType;
  ConfigDef def("S3 sink connector configuration");

  def.begin_group("Connector",
                  "Keys every Kafka Connect connector has (kafka-connect.md §7.2). In MSK Connect "
                  "the connector name is given to CreateConnector, not in the configuration.");
  def.define("name", T::kString)
      .required()
      .validator(
          Validator::custom("non-empty, no control characters",
                            [](const ConfigValue& v) -> std::optional<std::string> {
                              const auto* s = std::get_if<std::string>(&v);
                              if (s == nullptr) return std::nullopt;
                              if (s->empty()) return "the connector name must not be empty";
                              if (is_iso_control_utf8(*s))
                                return "the connector name must not contain control characters";
                              return std::nullopt;
                            }))
      .importance(Importance::kHigh)
      .hint_when_missing(
          "set name=<connector name> in the connector configuration or pass --name (the "
          "consumer group is connect-<name>, so the name decides where consumption resumes)")
      .doc(
          "Connector name. The sink tasks consume in the group `connect-<name>`, so keep the name "
          "of the connector you replace to resume from its committed offsets. sluice takes it "
          "from this key or from the command line (`--name`); it is never derived from a file "
          "name.");
  def.define("connector.class", T::kClass)
      .required()
      .validator(class_validator(connector_classes(), "the connector class"))
      .importance(Importance::kHigh)
      .doc("Must name the S3 sink connector.");
  def.define("tasks.max", T::kInt)
      .default_value("1")
      .validator(Validator::at_least(1))
      .importance(Importance::kHigh)
      .doc("Number of sink tasks (each with its own consumer in the connector's group).");
  def.define("tasks.max.enforce", T::kBoolean)
      .default_value("true")
      .importance(Importance::kLow)
      .ignored("sluice never runs more tasks than tasks.max")
      .doc("Deprecated Connect key (3.8+).");
  def.define("topics", T::kList)
      .default_value("")
      .validator(Validator::custom("topic names",
                                   [](const ConfigValue& v) -> std::optional<std::string> {
                                     const auto* s = std::get_if<std::string>(&v);
                                     if (s == nullptr || s->empty())
                                       return std::nullopt;  // empty items are dropped
                                     return topic_name_problem(*s);
                                   }))
      .importance(Importance::kHigh)
      .doc(
          "Topics to consume, comma-separated. Empty entries and duplicates are dropped. Exactly "
          "one of `topics` and `topics.regex` must be set. sluice rejects names Kafka would "
          "reject at subscribe time.");
  def.define("topics.regex", T::kString)
      .default_value("")
      .validator(Validator::custom(
          "Java regular expression",
          [](const ConfigValue& v) -> std::optional<std::string> {
            const auto* s = std::get_if<std::string>(&v);
            if (s == nullptr || s->empty() || uses_java_only_regex_syntax(*s)) return std::nullopt;
            try {
              std::regex re(*s, std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
              return std::string("not a valid regular expression (") + e.what() + ")";
            }
            return std::nullopt;
          }))
      .importance(Importance::kHigh)
      .doc(
          "Java regular expression; topics whose whole name matches are consumed. Exactly one of "
          "`topics` and `topics.regex` must be set.");
  for (ConverterSlot slot : {ConverterSlot::kKey, ConverterSlot::kValue, ConverterSlot::kHeader}) {
    std::string key(converter_key(slot));
    def.define(key, T::kClass)
        .default_null()
        .validator(converter_class_validator(slot))
        .importance(Importance::kLow)
        .doc("Overrides the worker's `" + key +
             "` for this connector. When set, the converter "
             "is configured with this connector's `" +
             key +
             ".*` keys only; when unset, the "
             "worker's class and the worker's `" +
             key + ".*` keys apply and this connector's `" + key +
             ".*` keys are ignored (as in Connect).");
    def.define_prefix(key + ".", "Sub-configuration of the connector's " + key +
                                     " (prefix stripped), used only when " + key +
                                     " is set in the connector.");
  }
  def.define("config.action.reload", T::kString)
      .default_value("restart")
      .validator(Validator::one_of({"none", "restart"}, true))
      .importance(Importance::kLow)
      .doc(
          "What happens when a value from a config provider expires (its provider gave a TTL, as "
          "`?ttl=<ms>` on the AWS providers' placeholders): `restart` resolves the configuration "
          "again when the earliest TTL passes and, if a value changed, restarts the connector in "
          "the same process (uploads in flight finish and durable offsets are committed first); "
          "`none` keeps the values read at start. Kafka Connect restarts at every expiry, changed "
          "or not.");
  def.define_prefix("consumer.override.",
                    "Consumer settings for this connector's tasks, applied over the worker's "
                    "`consumer.*` (subject to the worker's "
                    "`connector.client.config.override.policy`).");
  def.define_prefix("producer.override.",
                    "Producer settings for this connector's dead-letter queue producer.");
  def.define_prefix("admin.override.",
                    "Admin client settings for this connector (dead-letter queue topic creation).");

  def.begin_group("Transforms",
                  "Single Message Transforms and predicates (kafka-connect.md §3.1).");
  def.define("transforms", T::kList)
      .default_value("")
      .importance(Importance::kLow)
      .doc(
          "Aliases of the transforms to apply, in order. Each alias needs "
          "`transforms.<alias>.type`; duplicates are rejected.");
  def.define_prefix("transforms.",
                    "`transforms.<alias>.type`, `.predicate`, `.negate` and the transform's own "
                    "parameters.");
  def.define("predicates", T::kList)
      .default_value("")
      .importance(Importance::kLow)
      .doc(
          "Aliases of the predicates transforms may refer to. Each alias needs "
          "`predicates.<alias>.type`.");
  def.define_prefix("predicates.", "`predicates.<alias>.type` and the predicate's parameters.");

  def.begin_group("Error handling", "Errant-record handling (kafka-connect.md §4).");
  def.define("errors.tolerance", T::kString)
      .default_value("none")
      .validator(Validator::one_of(enum_texts(kErrorTolerances), true))
      .importance(Importance::kMedium)
      .doc(
          "`none`: the first record that fails conversion or transformation fails the task. "
          "`all`: such records are skipped (and reported if a reporter is configured).");
  def.define("errors.retry.timeout", T::kLong)
      .default_value("0")
      .validator(Validator::at_least(-1))
      .importance(Importance::kMedium)
      .doc(
          "Milliseconds to retry a retriable failure; 0 = no retries, -1 = forever. sluice "
          "rejects values below -1.");
  def.define("errors.retry.delay.max.ms", T::kLong)
      .default_value("60000")
      .validator(Validator::at_least(0))
      .importance(Importance::kMedium)
      .doc("Cap on the backoff between retries.");
  def.define("errors.log.enable", T::kBoolean)
      .default_value("false")
      .importance(Importance::kMedium)
      .doc("Log every failed record (and enable the errant-record reporter).");
  def.define("errors.log.include.messages", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Add the record's topic, partition, offset and timestamp to the failure log line.");
  def.define("errors.deadletterqueue.topic.name", T::kString)
      .default_value("")
      .validator(Validator::custom("topic name or empty",
                                   [](const ConfigValue& v) -> std::optional<std::string> {
                                     const auto* s = std::get_if<std::string>(&v);
                                     if (s == nullptr || s->empty()) return std::nullopt;
                                     return topic_name_problem(*s);
                                   }))
      .importance(Importance::kMedium)
      .doc(
          "Dead-letter queue topic for failed records (original bytes); empty = none. It may not "
          "be one of the consumed topics.");
  def.define("errors.deadletterqueue.topic.replication.factor", T::kInt)
      .default_value("3")
      .validator(
          Validator::custom("-1 (broker default) or [1,...,32767]",
                            [](const ConfigValue& v) -> std::optional<std::string> {
                              const auto* n = std::get_if<int32_t>(&v);
                              if (n == nullptr || *n == -1 || (*n >= 1 && *n <= 32767))
                                return std::nullopt;
                              return "must be -1 (the broker's default) or between 1 and 32767";
                            }))
      .importance(Importance::kLow)
      .doc("Replication factor used when the dead-letter queue topic has to be created.");
  def.define("errors.deadletterqueue.context.headers.enable", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Add `__connect.errors.*` headers describing the failure to dead-letter records.");

  def.begin_group("Storage connector",
                  "storage-common StorageSinkConnectorConfig (confluent-s3-sink.md §2.1).");
  def.define("format.class", T::kClass)
      .required()
      .validator(class_validator(format_classes(), "the formats"))
      .importance(Importance::kHigh)
      .doc(
          "Format of the value files: the four bundled formats are known, custom format classes "
          "are rejected. Short names (`JsonFormat`, `Json`) are accepted too. AvroFormat and "
          "ParquetFormat need records with a schema; ParquetFormat needs struct values.");
  def.define("flush.size", T::kInt)
      .required()
      .importance(Importance::kHigh)
      .doc(
          "Records per Kafka topic-partition (across all its open files) after which all its "
          "files are committed. Values <= 1 mean one record per file.");
  def.define("rotate.interval.ms", T::kLong)
      .default_value("-1")
      .importance(Importance::kHigh)
      .doc(
          "Record-time rotation, effective only with a time-based partitioner (otherwise "
          "ignored with a warning). <= 0 disables. Fires only when a record arrives.");
  def.define("rotate.schedule.interval.ms", T::kLong)
      .default_value("-1")
      .importance(Importance::kMedium)
      .doc(
          "Wall-clock rotation aligned to midnight in `timezone` (which is then required); "
          "> 0 enables. Breaks exactly-once in the Java connector.");
  def.define("schemas.cache.config", T::kInt)
      .default_value("1000")
      .importance(Importance::kLow)
      .doc("Size of the Avro and JSON converters' schema caches.");
  def.define("enhanced.avro.schema.support", T::kBoolean)
      .default_value("true")
      .importance(Importance::kLow)
      .doc("Keep Avro enums and namespaces when converting schemas.");
  def.define("connect.meta.data", T::kBoolean)
      .default_value("true")
      .importance(Importance::kLow)
      .doc("Add `connect.*` properties to generated Avro schemas.");
  def.define("retry.backoff.ms", T::kLong)
      .default_value("5000")
      .importance(Importance::kLow)
      .doc("After a retriable failure, how long the rewound partition waits before writing again.");
  def.define("shutdown.timeout.ms", T::kLong)
      .default_value("3000")
      .importance(Importance::kLow)
      .ignored("the S3 sink does not use it (it is defined by storage-common)")
      .doc("Defined by storage-common.");
  def.define("filename.offset.zero.pad.width", T::kInt)
      .default_value("10")
      .validator(Validator::at_least(0))
      .importance(Importance::kLow)
      .doc(
          "Zero-padding width of the start offset in file names; longer offsets are printed in "
          "full. 0 means no padding in sluice (the Java connector accepts 0 and then fails on "
          "the first file name).");
  def.define("avro.codec", T::kString)
      .default_value("null")
      .validator(Validator::one_of(enum_texts(kAvroCodecs)))
      .importance(Importance::kLow)
      .doc("Avro container codec (`null` is the word, meaning no compression).");
  def.define("allow.optional.map.keys", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Allow optional string map keys to become an Avro map.");
  def.define("parquet.codec", T::kString)
      .default_value("snappy")
      .validator(Validator::one_of(enum_texts(kParquetCodecs)))
      .importance(Importance::kLow)
      .doc(
          "Parquet page codec; also part of the file extension (`.snappy.parquet`, `.gz.parquet`, "
          "`.zstd.parquet`, `.lz4hadoop.parquet`, `.lz4raw.parquet`, `.parquet` for `none`). "
          "`lzo` and `brotli` are rejected "
          "when a Parquet format is used (the Java connector ships no codec for them and fails "
          "at runtime).");
  def.define("schema.compatibility", T::kString)
      .default_value("NONE")
      .validator(Validator::one_of(enum_texts(kSchemaCompatibilities)))
      .importance(Importance::kHigh)
      .doc(
          "Schema evolution rule for rotating files and projecting records. Case-sensitive: "
          "sluice rejects other spellings such as `backward`, which the Java connector silently "
          "treats as NONE.");

  def.begin_group("S3", "S3SinkConnectorConfig (confluent-s3-sink.md §2.2).");
  def.define("s3.bucket.name", T::kString)
      .required()
      .validator(Validator::non_empty_string())
      .importance(Importance::kHigh)
      .doc("Target bucket.");
  def.define("s3.region", T::kString)
      .default_value("us-west-2")
      .validator(Validator::non_empty_string())
      .importance(Importance::kMedium)
      .doc(
          "Signing region, and the endpoint region when `store.url` is blank. Trimmed and "
          "lower-cased.");
  def.define("s3.part.size", T::kInt)
      .default_value("26214400")
      .validator(Validator::between(5242880, 2147483647))
      .importance(Importance::kHigh)
      .doc("Multipart upload part size in bytes.");
  def.define("s3.credentials.provider.class", T::kClass)
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
      .default_value("")
      .importance(Importance::kHigh)
      .doc("Static access key id, used when both it and `aws.secret.access.key` are set.");
  def.define("aws.secret.access.key", T::kPassword)
      .default_null()
      .importance(Importance::kHigh)
      .doc("Static secret access key.");
  def.define("s3.ssea.name", T::kString)
      .default_value("")
      .validator(Validator::one_of(enum_texts(kSseAlgorithms)))
      .importance(Importance::kLow)
      .doc(
          "Server-side encryption algorithm (case-sensitive). With `aws:kms` and no key id, and "
          "with `aws:kms:dsse`, the Java connector sends no encryption header; sluice does the "
          "same and warns.");
  def.define("s3.sse.customer.key", T::kPassword)
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
      .default_value("")
      .importance(Importance::kLow)
      .doc("KMS key for `aws:kms`.");
  def.define("s3.acl.canned", T::kString)
      .default_null()
      .validator(Validator::one_of(enum_texts(kCannedAcls)))
      .importance(Importance::kLow)
      .doc("Canned ACL sent as `x-amz-acl` when an upload is created.");
  def.define("s3.wan.mode", T::kBoolean)
      .default_value("false")
      .importance(Importance::kMedium)
      .doc(
          "Use the S3 Transfer Acceleration endpoint; requires "
          "`s3.path.style.access.enabled=false`.");
  def.define("s3.compression.type", T::kString)
      .default_value("none")
      .validator(Validator::one_of(enum_texts(kCompressionTypes)))
      .importance(Importance::kLow)
      .doc(
          "Stream compression of JSON and ByteArray files; not allowed with Avro or Parquet. "
          "sluice trims the value (the Java connector validates ` gzip` and then fails).");
  def.define("s3.compression.level", T::kInt)
      .default_value("-1")
      .validator(Validator::between(-1, 9))
      .importance(Importance::kLow)
      .doc("Deflate level for gzip; -1 is zlib's default (6).");
  def.define("json.decimal.format", T::kString)
      .default_value("BASE64")
      .validator(Validator::one_of(enum_texts(kJsonDecimalFormats), true))
      .importance(Importance::kLow)
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
  def.define("s3.part.retries", T::kInt)
      .default_value("3")
      .validator(Validator::at_least(0))
      .importance(Importance::kMedium)
      .doc("Attempts per S3 request including the first (AWS SDK v2 meaning); 0 behaves as 1.");
  def.define("s3.retry.backoff.ms", T::kLong)
      .default_value("200")
      .validator(Validator::at_least(1))
      .importance(Importance::kLow)
      .doc(
          "Base of the exponential backoff with full jitter between S3 attempts. sluice rejects "
          "0 (the Java connector accepts it, then its S3 client fails to start).");
  def.define("format.bytearray.extension", T::kString)
      .default_value(".bin")
      .importance(Importance::kLow)
      .doc("Extension of ByteArrayFormat files (no dot is added).");
  def.define("format.bytearray.separator", T::kString)
      .default_value("\n")
      .keep_whitespace()
      .importance(Importance::kLow)
      .doc("Bytes written after each ByteArrayFormat record, untrimmed; empty = none.");
  def.define("s3.proxy.url", T::kString)
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
      .default_null()
      .importance(Importance::kLow)
      .doc("Proxy user (overrides the user in `s3.proxy.url`).");
  def.define("s3.proxy.password", T::kPassword)
      .default_null()
      .importance(Importance::kLow)
      .doc("Proxy password.");
  def.define("s3.http.send.expect.continue", T::kBoolean)
      .default_value("true")
      .importance(Importance::kLow)
      .doc("Send `Expect: 100-continue` on uploads.");
  def.define("behavior.on.null.values", T::kString)
      .default_value("fail")
      .validator(Validator::one_of(enum_texts(kNullValueBehaviors), true))
      .importance(Importance::kLow)
      .doc(
          "Tombstones: `fail` the task, `ignore` them, or `write` their keys/headers under "
          "`tombstone.encoded.partition` (requires `store.kafka.keys=true`).");
  def.define("report.null.values.to.dlq", T::kBoolean)
      .default_value("true")
      .importance(Importance::kLow)
      .doc("With `ignore`, report each dropped tombstone to the dead-letter queue.");
  def.define("max.write.duration.ms", T::kLong)
      .default_value("9223372036854775807")
      .importance(Importance::kLow)
      .doc("Soft deadline for one batch of writes.");
  def.define("rotate.file.on.partition.change", T::kBoolean)
      .default_value("true")
      .importance(Importance::kLow)
      .doc(
          "With `rotate.interval.ms` and a time-based partitioner, rotate all files when the "
          "encoded partition changes between consecutive records.");
  def.define("tombstone.encoded.partition", T::kString)
      .default_value("tombstone")
      .importance(Importance::kLow)
      .doc("Directory of tombstone files in `write` mode.");
  def.define("s3.schema.partition.affix.type", T::kString)
      .default_value("NONE")
      .validator(Validator::one_of(enum_texts(kAffixTypes)))
      .importance(Importance::kLow)
      .doc("Add `schema_name=<value schema name>` before or after the encoded partition.");
  def.define("s3.send.digest", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Send `Content-MD5` with each part.");
  def.define("enable.conditional.writes", T::kBoolean)
      .default_value("true")
      .importance(Importance::kLow)
      .doc(
          "Complete uploads with `If-None-Match: *` when `rotate.schedule.interval.ms` is not "
          "-1 and neither keys nor headers are stored (Java's condition, kept as is).");
  def.define("s3.object.tagging", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Tag each value file with `startOffset`, `endOffset` and `recordCount`.");
  def.define("s3.object.tagging.key.value.pairs", T::kList)
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
      .default_value("ignore")
      .validator(Validator::one_of(enum_texts(kTaggingErrorBehaviors), true))
      .importance(Importance::kLow)
      .doc("Whether a failed tagging request is ignored or fails the task.");
  def.define("s3.path.style.access.enabled", T::kBoolean)
      .default_value("true")
      .importance(Importance::kLow)
      .doc("Path-style addressing (note the default).");
  def.define("s3.elastic.buffer.enable", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc(
          "Grow part buffers on demand (sluice always pools its buffers; accepted for "
          "compatibility).");
  def.define("s3.elastic.buffer.init.capacity", T::kInt)
      .default_value("131072")
      .validator(Validator::at_least(4096))
      .importance(Importance::kLow)
      .doc("Initial elastic buffer size.");

  def.begin_group("Keys and headers",
                  "Files for record keys and headers (confluent-s3-sink.md §2.3).");
  def.define("store.kafka.keys", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Write a `.keys` file next to every value file.");
  def.define("store.kafka.headers", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Write a `.headers` file next to every value file.");
  def.define("keys.format.class", T::kClass)
      .default_value("io.confluent.connect.s3.format.avro.AvroFormat")
      .validator(class_validator(format_classes(), "the formats"))
      .importance(Importance::kLow)
      .doc("Format of keys files.");
  def.define("headers.format.class", T::kClass)
      .default_value("io.confluent.connect.s3.format.avro.AvroFormat")
      .validator(class_validator(format_classes(), "the formats"))
      .importance(Importance::kLow)
      .doc(
          "Format of headers files. ByteArrayFormat is rejected when headers are stored (the "
          "Java connector fails at runtime).");

  def.begin_group("Storage", "storage-common StorageCommonConfig (confluent-s3-sink.md §2.4).");
  def.define("storage.class", T::kClass)
      .required()
      .validator(class_validator(storage_classes(), "the storage class"))
      .importance(Importance::kHigh)
      .doc("Must be the S3 storage class.");
  def.define("topics.dir", T::kString)
      .default_value("topics")
      .importance(Importance::kHigh)
      .doc("First segment of every object key; blank = none. Used verbatim.");
  def.define("store.url", T::kString)
      .default_null()
      .validator(Validator::custom(
          "URL (https:// assumed without a scheme)",
          [](const ConfigValue& v) -> std::optional<std::string> {
            const auto* s = std::get_if<std::string>(&v);
            if (s == nullptr || s->empty()) return std::nullopt;
            std::string url = s->find("://") == std::string::npos ? "https://" + *s : *s;
            if (looks_like_url(url, {"http", "https", "file"})) return std::nullopt;
            return "must be an endpoint URL such as https://s3.example.com or http://minio:9000";
          }))
      .importance(Importance::kHigh)
      .doc(
          "Custom endpoint (MinIO, LocalStack, VPC endpoint); `https://` is assumed without a "
          "scheme. The region is still used for signing.");
  def.define("directory.delim", T::kString)
      .default_value("/")
      .importance(Importance::kMedium)
      .doc("Joins object key segments.");
  def.define("file.delim", T::kString)
      .default_value("+")
      .importance(Importance::kMedium)
      .doc("Joins topic, Kafka partition and start offset in file names.");

  def.begin_group("Partitioner", "storage-common PartitionerConfig (confluent-s3-sink.md §2.5).");
  def.define("partitioner.class", T::kClass)
      .default_value("io.confluent.connect.storage.partitioner.DefaultPartitioner")
      .validator(class_validator(partitioner_classes(), "the partitioners"))
      .importance(Importance::kHigh)
      .doc("How records map to directories. Custom partitioner classes are rejected.");
  def.define("partition.field.name", T::kList)
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
      .default_value("-1")
      .importance(Importance::kMedium)
      .doc(
          "TimeBasedPartitioner bucket width; must be > 0 for it (the Java connector divides by "
          "zero on 0). Ignored by Hourly and Daily.");
  def.define("path.format", T::kString)
      .default_value("")
      .importance(Importance::kMedium)
      .doc(
          "Joda-Time pattern of TimeBasedPartitioner directories, e.g. "
          "`'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH`. Ignored by Hourly and Daily.");
  def.define("locale", T::kString)
      .default_value("")
      .importance(Importance::kMedium)
      .doc("Locale of month and weekday names; required for time-based partitioners.");
  def.define("timezone", T::kString)
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
      .default_value("Wallclock")
      .validator(class_validator(timestamp_extractors(), "the timestamp extractors"))
      .importance(Importance::kMedium)
      .doc(
          "Where time-based partitioners take a record's time from. Custom extractor classes "
          "are rejected.");
  def.define("timestamp.field", T::kString)
      .default_value("timestamp")
      .importance(Importance::kMedium)
      .doc("Field (dotted path allowed) holding the time for `RecordField`.");

  define_value_schema_keys(def);

  def.begin_group("Internal", "Undocumented upstream keys (confluent-s3-sink.md §2.7).");
  def.define("max.files.scan.limit", T::kInt)
      .default_value("100")
      .validator(Validator::at_least(0))
      .internal()
      .importance(Importance::kLow)
      .doc("Bound of the \"file already exists\" scan in conditional-write mode.");
  def.define("partitioner.max.open.files", T::kInt)
      .default_value("-1")
      .validator(Validator::custom(
          "-1 (off) or [1,...]",
          [](const ConfigValue& v) -> std::optional<std::string> {
            const auto* n = std::get_if<int32_t>(&v);
            if (n == nullptr || *n == -1 || *n >= 1) return std::nullopt;
            return "must be -1 (off) or at least 1 (the Java connector loops forever on 0)";
          }))
      .internal()
      .importance(Importance::kLow)
      .doc(
          "Rotate all files of a topic-partition when a record needs a new file and this many "
          "are open.");
  return def;
}

}  // namespace

// Turns a ParsedConfig into the typed config, then checks the keys against each other. A friend
// of S3SinkConnectorConfig, so that the config itself stays immutable.
class ConnectorConfigBuilder {
 public:
  ConnectorConfigBuilder(const RawConfig& raw, ConfigReport* report)
      : raw_(raw), report_(report), parsed_(connector_definition().parse(raw, report)) {}

  S3SinkConnectorConfig build() {
    read_connector_keys();
    read_transforms();
    read_error_keys();
    read_storage_keys();
    read_s3_keys();
    read_partitioner_keys();
    check_topics();
    check_formats();
    check_partitioner();
    check_s3();
    check_value_schema();
    return std::move(config_);
  }

 private:
  bool valid(std::string_view key) const { return parsed_.is_valid(key); }
  std::string where(std::string_view key) const { return raw_.location(key); }
  std::string given(std::string_view key) const {
    auto v = raw_.get(key);
    return v ? std::string(*v) : std::string();
  }
  void error(std::string key, std::string message) {
    const ConfigKey* def = connector_definition().find(key);
    bool secret = (def != nullptr && def->type() == ConfigType::kPassword) || is_sensitive_key(key);
    std::string value = secret ? std::string(Password::kHidden) : given(key);
    std::string location = where(key);
    report_->add(ConfigProblem{std::move(key), std::move(value), std::move(message),
                               Severity::kError, std::move(location)});
  }
  void warn(std::string key, std::string message, Severity severity = Severity::kWarning) {
    std::string value = is_sensitive_key(key) ? std::string(Password::kHidden) : given(key);
    std::string location = where(key);
    report_->add(ConfigProblem{std::move(key), std::move(value), std::move(message), severity,
                               std::move(location)});
  }

  void read_connector_keys() {
    S3SinkConnectorConfig& c = config_;
    c.name_ = parsed_.string_value("name");
    c.connector_class_ = std::string(kS3SinkConnectorClass);
    if (auto id = connector_classes().resolve(parsed_.string_value("connector.class"))) {
      c.connector_class_ = connector_classes().full_name(*id);
      if (parsed_.string_value("connector.class") == kSluiceConnectorClass) {
        c.connector_class_ = std::string(kSluiceConnectorClass);
      }
    }
    c.tasks_max_ = parsed_.int_value("tasks.max");
    c.tasks_max_enforce_ = parsed_.bool_value("tasks.max.enforce");
    std::set<std::string> seen;
    for (const std::string& topic : parsed_.list_value("topics")) {
      if (!topic.empty() && seen.insert(topic).second) c.topics_.push_back(topic);
    }
    if (std::string regex = parsed_.string_value("topics.regex"); !regex.empty()) {
      c.topics_regex_ = regex;
    }
    c.config_action_reload_ = parsed_.string_value("config.action.reload");
    for (ConverterSlot slot :
         {ConverterSlot::kKey, ConverterSlot::kValue, ConverterSlot::kHeader}) {
      std::string key(converter_key(slot));
      std::map<std::string, std::string> sub = raw_.with_prefix(key + ".");
      std::optional<ConverterSpec>* target = slot == ConverterSlot::kKey     ? &c.key_converter_
                                             : slot == ConverterSlot::kValue ? &c.value_converter_
                                                                             : &c.header_converter_;
      std::map<std::string, std::string>* subconfig =
          slot == ConverterSlot::kKey     ? &c.key_converter_subconfig_
          : slot == ConverterSlot::kValue ? &c.value_converter_subconfig_
                                          : &c.header_converter_subconfig_;
      *subconfig = sub;
      if (std::optional<std::string> name = parsed_.optional_string(key)) {
        if (auto converter = converter_classes().resolve(*name)) {
          *target = ConverterSpec{*converter, converter_classes().full_name(*converter),
                                  std::move(sub), ConfigLayer::kConnector};
        }
      } else if (!sub.empty() && valid(key)) {
        warn(sub.begin()->first.empty() ? key : key + "." + sub.begin()->first,
             "The connector sets " + key + ".* keys but not " + key +
                 ", so Kafka Connect (and sluice) ignore them and use the worker's " + key +
                 " with the worker's " + key + ".* keys; set " + key +
                 " in the connector to use them");
      }
    }
    c.consumer_overrides_ = raw_.with_prefix("consumer.override.");
    c.producer_overrides_ = raw_.with_prefix("producer.override.");
    c.admin_overrides_ = raw_.with_prefix("admin.override.");
  }

  // kafka-connect.md §3.1: aliases unique and non-empty, a type for each, predicates that exist.
  void read_transforms() {
    S3SinkConnectorConfig& c = config_;
    std::set<std::string> predicate_aliases;
    if (valid("predicates")) {
      for (const std::string& alias : parsed_.list_value("predicates")) {
        if (alias.empty()) {
          error("predicates", "Invalid value '" + printable(given("predicates")) +
                                  "' for configuration predicates: an alias must not be empty");
          continue;
        }
        if (!predicate_aliases.insert(alias).second) {
          error("predicates", "Invalid value '" + printable(given("predicates")) +
                                  "' for configuration predicates: duplicate alias '" + alias +
                                  "'");
          continue;
        }
        std::string prefix = "predicates." + alias + ".";
        PredicateConfig predicate{alias, {}, raw_.with_prefix(prefix)};
        auto type = predicate.params.find("type");
        if (type == predicate.params.end() || java_trim(type->second).empty()) {
          error(prefix + "type", "Missing required configuration '" + prefix +
                                     "type' for predicate '" + alias + "'");
        } else {
          predicate.type = std::string(java_trim(type->second));
          predicate.params.erase(type);
        }
        c.predicates_.push_back(std::move(predicate));
      }
    }
    std::set<std::string> transform_aliases;
    if (valid("transforms")) {
      for (const std::string& alias : parsed_.list_value("transforms")) {
        if (alias.empty()) {
          error("transforms", "Invalid value '" + printable(given("transforms")) +
                                  "' for configuration transforms: an alias must not be empty");
          continue;
        }
        if (!transform_aliases.insert(alias).second) {
          error("transforms", "Invalid value '" + printable(given("transforms")) +
                                  "' for configuration transforms: duplicate alias '" + alias +
                                  "'");
          continue;
        }
        std::string prefix = "transforms." + alias + ".";
        TransformConfig transform{alias, {}, raw_.with_prefix(prefix), std::nullopt, false};
        auto type = transform.params.find("type");
        if (type == transform.params.end() || java_trim(type->second).empty()) {
          error(prefix + "type", "Missing required configuration '" + prefix +
                                     "type' for transform '" + alias + "'");
        } else {
          transform.type = std::string(java_trim(type->second));
          transform.params.erase(type);
        }
        auto predicate = transform.params.find("predicate");
        if (predicate != transform.params.end()) {
          std::string name(java_trim(predicate->second));
          transform.params.erase(predicate);
          if (predicate_aliases.count(name) == 0) {
            error(prefix + "predicate", "Invalid value '" + name + "' for configuration " + prefix +
                                            "predicate: it must name a predicate listed "
                                            "in 'predicates'");
          } else {
            transform.predicate = name;
          }
        }
        auto negate = transform.params.find("negate");
        if (negate != transform.params.end()) {
          Result<ConfigValue> value = parse_config_value(ConfigType::kBoolean, negate->second);
          if (!value.ok()) {
            report_->add(invalid_value(prefix + "negate", negate->second, value.status().message(),
                                       where(prefix + "negate")));
          } else {
            transform.negate = std::get<bool>(*value);
            if (!transform.predicate && predicate == transform.params.end() &&
                raw_.find(prefix + "predicate") == nullptr) {
              error(prefix + "negate", "'" + prefix + "negate' is set but '" + prefix +
                                           "predicate' is not; negate needs a predicate");
            }
          }
          transform.params.erase(negate);
        }
        c.transforms_.push_back(std::move(transform));
      }
    }
    // Keys of aliases that are not listed are ignored by Connect; say so.
    for (const RawEntry& entry : raw_.entries()) {
      for (auto [prefix, aliases] :
           {std::pair{std::string_view("transforms."), &transform_aliases},
            std::pair{std::string_view("predicates."), &predicate_aliases}}) {
        if (entry.key.rfind(prefix, 0) != 0) continue;
        std::string rest = entry.key.substr(prefix.size());
        std::string alias = rest.substr(0, rest.find('.'));
        if (aliases->count(alias) == 0) {
          std::string list_key(prefix.substr(0, prefix.size() - 1));
          warn(entry.key,
               "'" + entry.key + "' is ignored: '" + alias + "' is not listed in " + list_key);
        }
      }
    }
  }

  void read_error_keys() {
    S3SinkConnectorConfig& c = config_;
    c.errors_tolerance_ =
        enum_from_text(kErrorTolerances, parsed_.string_value("errors.tolerance"), true);
    c.errors_retry_timeout_ms_ = parsed_.long_value("errors.retry.timeout");
    c.errors_retry_delay_max_ms_ = parsed_.long_value("errors.retry.delay.max.ms");
    c.errors_log_enable_ = parsed_.bool_value("errors.log.enable");
    c.errors_log_include_messages_ = parsed_.bool_value("errors.log.include.messages");
    c.dlq_topic_name_ = parsed_.string_value("errors.deadletterqueue.topic.name");
    c.dlq_replication_factor_ =
        parsed_.int_value("errors.deadletterqueue.topic.replication.factor");
    c.dlq_context_headers_ = parsed_.bool_value("errors.deadletterqueue.context.headers.enable");
  }

  void read_storage_keys() {
    S3SinkConnectorConfig& c = config_;
    auto format = [&](std::string_view key) {
      return format_classes().resolve(parsed_.string_value(key)).value_or(FormatClass::kJson);
    };
    c.format_class_ = format("format.class");
    c.keys_format_class_ = format("keys.format.class");
    c.headers_format_class_ = format("headers.format.class");
    c.flush_size_ = parsed_.int_value("flush.size");
    c.rotate_interval_ms_ = parsed_.long_value("rotate.interval.ms");
    c.rotate_schedule_interval_ms_ = parsed_.long_value("rotate.schedule.interval.ms");
    c.schemas_cache_config_ = parsed_.int_value("schemas.cache.config");
    c.enhanced_avro_schema_support_ = parsed_.bool_value("enhanced.avro.schema.support");
    c.connect_meta_data_ = parsed_.bool_value("connect.meta.data");
    c.retry_backoff_ms_ = parsed_.long_value("retry.backoff.ms");
    c.shutdown_timeout_ms_ = parsed_.long_value("shutdown.timeout.ms");
    c.filename_offset_zero_pad_width_ = parsed_.int_value("filename.offset.zero.pad.width");
    c.avro_codec_ = enum_from_text(kAvroCodecs, parsed_.string_value("avro.codec"), false);
    c.allow_optional_map_keys_ = parsed_.bool_value("allow.optional.map.keys");
    c.parquet_codec_ = enum_from_text(kParquetCodecs, parsed_.string_value("parquet.codec"), false);
    c.schema_compatibility_ =
        enum_from_text(kSchemaCompatibilities, parsed_.string_value("schema.compatibility"), false);
    c.store_kafka_keys_ = parsed_.bool_value("store.kafka.keys");
    c.store_kafka_headers_ = parsed_.bool_value("store.kafka.headers");
    c.storage_class_ = storage_classes().full_name(StorageClassId::kS3);
    c.topics_dir_ = parsed_.string_value("topics.dir");
    if (std::string url = parsed_.string_value("store.url"); !url.empty()) c.store_url_ = url;
    c.directory_delim_ = parsed_.string_value("directory.delim");
    c.file_delim_ = parsed_.string_value("file.delim");
    c.max_files_scan_limit_ = parsed_.int_value("max.files.scan.limit");
    c.partitioner_max_open_files_ = parsed_.int_value("partitioner.max.open.files");
  }

  void read_s3_keys() {
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
    c.value_schema_file_ = parsed_.optional_string("sluice.value.schema.file");
    if (auto type = parsed_.optional_string("sluice.value.schema.type")) {
      c.value_schema_type_ = enum_from_text(kValueSchemaTypes, *type, true);
    }
    c.value_schema_subject_ = parsed_.optional_string("sluice.value.schema.subject");
    c.value_schema_registry_config_ = raw_.with_prefix("sluice.value.schema.registry.");
    c.s3_part_retries_ = parsed_.int_value("s3.part.retries");
    c.s3_retry_backoff_ms_ = parsed_.long_value("s3.retry.backoff.ms");
    c.format_bytearray_extension_ = parsed_.string_value("format.bytearray.extension");
    c.format_bytearray_separator_ = parsed_.string_value("format.bytearray.separator");
    c.s3_proxy_url_ = parsed_.string_value("s3.proxy.url");
    c.s3_proxy_user_ = parsed_.optional_string("s3.proxy.user");
    c.s3_proxy_password_ = parsed_.password_value("s3.proxy.password");
    c.s3_http_send_expect_continue_ = parsed_.bool_value("s3.http.send.expect.continue");
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
    c.tagging_error_ = enum_from_text(
        kTaggingErrorBehaviors, parsed_.string_value("s3.object.behavior.on.tagging.error"), true);
    c.s3_path_style_access_enabled_ = parsed_.bool_value("s3.path.style.access.enabled");
    c.s3_elastic_buffer_enable_ = parsed_.bool_value("s3.elastic.buffer.enable");
    c.s3_elastic_buffer_init_capacity_ = parsed_.int_value("s3.elastic.buffer.init.capacity");
  }

  void read_partitioner_keys() {
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

  // kafka-connect.md §5.3 and §4: exactly one of topics / topics.regex; the DLQ topic is not one
  // of the consumed topics.
  void check_topics() {
    const S3SinkConnectorConfig& c = config_;
    if (!valid("topics") || !valid("topics.regex")) return;
    bool has_topics = !c.topics_.empty();
    bool has_regex = c.topics_regex_.has_value();
    if (has_topics && has_regex) {
      error("topics.regex", "Only one of topics and topics.regex may be set (topics='" +
                                given("topics") + "', topics.regex='" + *c.topics_regex_ + "')");
    } else if (!has_topics && !has_regex) {
      error("topics",
            "One of topics or topics.regex must be set (a non-empty topic list or a "
            "regular expression)");
    }
    const std::string& dlq = c.dlq_topic_name_;
    if (dlq.empty() || !valid("errors.deadletterqueue.topic.name")) return;
    if (std::find(c.topics_.begin(), c.topics_.end(), dlq) != c.topics_.end()) {
      error("errors.deadletterqueue.topic.name",
            "The dead-letter queue topic '" + dlq +
                "' may not be included in the list of topics ('topics=" + given("topics") +
                "') consumed by the connector");
    } else if (has_regex && !uses_java_only_regex_syntax(*c.topics_regex_)) {
      try {
        if (std::regex_match(dlq, std::regex(*c.topics_regex_, std::regex::ECMAScript))) {
          error("errors.deadletterqueue.topic.name",
                "The dead-letter queue topic '" + dlq + "' may not match the topics.regex ('" +
                    *c.topics_regex_ + "') of the topics consumed by the connector");
        }
      } catch (const std::regex_error&) {
        // Reported by the topics.regex validator.
      }
    }
  }

  // §2.9: compression vs format, tombstone writes vs keys; formats that fail at runtime.
  void check_formats() {
    const S3SinkConnectorConfig& c = config_;
    auto binary = [](FormatClass f) {
      return f == FormatClass::kAvro || f == FormatClass::kParquet;
    };
    if (c.s3_compression_type_ == CompressionType::kGzip && valid("s3.compression.type")) {
      struct Use {
        const char* key;
        FormatClass format;
        bool used;
      };
      for (const Use& use :
           {Use{"format.class", c.format_class_, valid("format.class")},
            Use{"keys.format.class", c.keys_format_class_, c.store_kafka_keys_},
            Use{"headers.format.class", c.headers_format_class_, c.store_kafka_headers_}}) {
        if (!use.used || !valid(use.key) || !binary(use.format)) continue;
        error("s3.compression.type",
              std::string("Invalid value 'gzip' for configuration s3.compression.type: gzip "
                          "compression is only for JSON and ByteArray files, but ") +
                  use.key + " is " + std::string(to_string(use.format)) +
                  " (Avro and Parquet compress internally: use avro.codec or parquet.codec)");
      }
    }
    if (c.behavior_on_null_values_ == NullValueBehavior::kWrite && !c.store_kafka_keys_ &&
        valid("behavior.on.null.values") && valid("store.kafka.keys")) {
      error("behavior.on.null.values",
            "Invalid value '" + given("behavior.on.null.values") +
                "' for configuration behavior.on.null.values: 'write' needs store.kafka.keys=true "
                "(tombstones are written as key files)");
    }
    if (c.store_kafka_headers_ && c.headers_format_class_ == FormatClass::kByteArray &&
        valid("headers.format.class")) {
      error("headers.format.class",
            "Invalid value '" + given("headers.format.class") +
                "' for configuration headers.format.class: headers cannot be written with "
                "ByteArrayFormat; use AvroFormat, JsonFormat or ParquetFormat");
    }
    bool parquet_used =
        (valid("format.class") && c.format_class_ == FormatClass::kParquet) ||
        (c.store_kafka_keys_ && c.keys_format_class_ == FormatClass::kParquet) ||
        (c.store_kafka_headers_ && c.headers_format_class_ == FormatClass::kParquet);
    if (parquet_used && valid("parquet.codec") &&
        (c.parquet_codec_ == ParquetCodec::kLzo || c.parquet_codec_ == ParquetCodec::kBrotli)) {
      error("parquet.codec", "Invalid value '" + given("parquet.codec") +
                                 "' for configuration parquet.codec: the " +
                                 std::string(to_string(c.parquet_codec_)) +
                                 " codec is not available; use none, snappy, gzip, lz4, zstd or "
                                 "lz4_raw");
    }
  }

  // sluice.value.schema.*: one source, its type only with a file, registry keys only with a
  // subject, the file readable (its content is checked with the converters, which know schemas).
  void check_value_schema() {
    const S3SinkConnectorConfig& c = config_;
    const std::string kFile = "sluice.value.schema.file";
    const std::string kSubject = "sluice.value.schema.subject";
    const std::string kType = "sluice.value.schema.type";
    auto invalid = [&](const std::string& key, const std::string& why) {
      error(key, "Invalid value '" + given(key) + "' for configuration " + key + ": " + why);
    };
    if (c.value_schema_file_ && c.value_schema_subject_) {
      invalid(kSubject,
              "only one of sluice.value.schema.file and sluice.value.schema.subject "
              "may be set (sluice.value.schema.file='" +
                  *c.value_schema_file_ + "')");
    }
    if (c.value_schema_file_ && c.value_schema_file_->empty()) {
      invalid(kFile, "must be the path of a schema file (an Avro .avsc or a JSON Schema)");
    } else if (c.value_schema_file_ && !std::ifstream(*c.value_schema_file_)) {
      invalid(kFile, std::string("cannot read the file (") + std::strerror(errno) +
                         "); a readable Avro .avsc or JSON Schema file is allowed");
    }
    if (c.value_schema_subject_ && c.value_schema_subject_->empty()) {
      invalid(kSubject, "must be a Schema Registry subject name");
    }
    if (raw_.get(kType) && !c.value_schema_file_ && valid(kType)) {
      invalid(kType,
              "applies only with sluice.value.schema.file (a subject's schema type is "
              "the registry's)");
    }
    if (!c.value_schema_registry_config_.empty() && !c.value_schema_subject_) {
      invalid("sluice.value.schema.registry." + c.value_schema_registry_config_.begin()->first,
              "sluice.value.schema.registry.* keys apply only with sluice.value.schema.subject");
    }
  }

  // §2.5 and §2.9: what each partitioner needs, checked up front.
  void check_partitioner() {
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
      warn(
          "rotate.interval.ms",
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

  // §2.2 and §2.6: S3 settings that Java checks late or silently ignores.
  void check_s3() {
    const S3SinkConnectorConfig& c = config_;
    if (c.s3_wan_mode_ && c.s3_path_style_access_enabled_ && valid("s3.wan.mode") &&
        valid("s3.path.style.access.enabled")) {
      error("s3.wan.mode",
            "s3.wan.mode=true (Transfer Acceleration) cannot be used with path-style access; set "
            "s3.path.style.access.enabled=false (it defaults to true)");
    }
    if (c.s3_sse_customer_key_ && c.s3_ssea_name_ != SseAlgorithm::kAes256 &&
        valid("s3.ssea.name")) {
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
    if (c.credentials_provider_ == CredentialsProviderClass::kAssumeRole &&
        valid("s3.credentials.provider.class")) {
      AssumeRoleConfig role;
      struct Field {
        const char* name;
        std::string* target;
      };
      for (const Field& f : {Field{"sts.role.arn", &role.role_arn},
                             Field{"sts.role.session.name", &role.session_name},
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

  const RawConfig& raw_;
  ConfigReport* report_;
  ParsedConfig parsed_;
  S3SinkConnectorConfig config_;
};

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
