// The groups of the connector configuration that storage-common defines: "Storage connector"
// (format, flush and rotation, codecs, schema compatibility), "Keys and headers", "Storage"
// (storage class, topics.dir, store.url, delimiters) and the undocumented "Internal" keys. Also how
// the builder reads them and the checks between formats, compression, codecs and tombstone writes.
#include <optional>
#include <string>

#include "config/connector_config_internal.h"

namespace sluice::config {
namespace connector_internal {
namespace {

// Class-valued key whose only accepted class needs no enum of its own.
enum class StorageClassId { kS3 };

const ClassAliases<StorageClassId>& storage_classes() {
  static const ClassAliases<StorageClassId> kClasses(
      {{"io.confluent.connect.s3.storage.S3Storage", StorageClassId::kS3}}, {"Storage"});
  return kClasses;
}

// File-name padding, the codecs and the schema evolution rule: the rest of "Storage connector".
void define_codec_keys(ConfigDef& def) {
  using T = ConfigType;
  def.define("filename.offset.zero.pad.width", T::kInt)
      .layout("Connector", 10, Width::kLong, "Filename Offset Zero Pad Width")
      .default_value("10")
      .validator(Validator::at_least(0))
      .importance(Importance::kLow)
      .doc(
          "Zero-padding width of the start offset in file names; longer offsets are printed in "
          "full. 0 means no padding in sluice (the Java connector accepts 0 and then fails on "
          "the first file name).");
  def.define("avro.codec", T::kString)
      .layout("Connector", 11, Width::kMedium, "Avro Compression Codec")
      .default_value("null")
      .validator(Validator::one_of(enum_texts(kAvroCodecs)))
      .importance(Importance::kLow)
      .doc("Avro container codec (`null` is the word, meaning no compression).");
  def.define("allow.optional.map.keys", T::kBoolean)
      .layout("Connector", 12, Width::kShort, "Allow Optional Map Keys")
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Allow optional string map keys to become an Avro map.");
  def.define("parquet.codec", T::kString)
      .layout("Connector", 13, Width::kMedium, "Parquet Compression Codec")
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
      .layout("Schema", 1, Width::kShort, "Schema Compatibility")
      .default_value("NONE")
      .validator(Validator::one_of(enum_texts(kSchemaCompatibilities)))
      .importance(Importance::kHigh)
      .doc(
          "Schema evolution rule for rotating files and projecting records. Case-sensitive: "
          "sluice rejects other spellings such as `backward`, which the Java connector silently "
          "treats as NONE.");
}

}  // namespace

void define_storage_connector_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Storage connector",
                  "storage-common StorageSinkConnectorConfig (confluent-s3-sink.md §2.1).");
  def.define("format.class", T::kClass)
      .layout("Connector", 1, Width::kNone, "Format class")
      .required()
      .validator(class_validator(format_classes(), "the formats"))
      .importance(Importance::kHigh)
      .doc(
          "Format of the value files: the four bundled formats are known, custom format classes "
          "are rejected. Short names (`JsonFormat`, `Json`) are accepted too. AvroFormat and "
          "ParquetFormat need records with a schema; ParquetFormat needs struct values.");
  def.define("flush.size", T::kInt)
      .layout("Connector", 2, Width::kLong, "Flush Size")
      .required()
      .importance(Importance::kHigh)
      .doc(
          "Records per Kafka topic-partition (across all its open files) after which all its "
          "files are committed. Values <= 1 mean one record per file.");
  def.define("rotate.interval.ms", T::kLong)
      .layout("Connector", 3, Width::kMedium, "Rotate Interval (ms)")
      .default_value("-1")
      .importance(Importance::kHigh)
      .doc(
          "Record-time rotation, effective only with a time-based partitioner (otherwise "
          "ignored with a warning). <= 0 disables. Fires only when a record arrives.");
  def.define("rotate.schedule.interval.ms", T::kLong)
      .layout("Connector", 4, Width::kMedium, "Rotate Schedule Interval (ms)")
      .default_value("-1")
      .importance(Importance::kMedium)
      .doc(
          "Wall-clock rotation aligned to midnight in `timezone` (which is then required); "
          "> 0 enables. Breaks exactly-once in the Java connector.");
  def.define("schemas.cache.config", T::kInt)
      .layout("Connector", 5, Width::kLong, "Schema Cache Size")
      .default_value("1000")
      .importance(Importance::kLow)
      .doc("Size of the Avro and JSON converters' schema caches.");
  def.define("enhanced.avro.schema.support", T::kBoolean)
      .layout("Connector", 6, Width::kShort, "Enhanced Avro Support")
      .default_value("true")
      .importance(Importance::kLow)
      .doc("Keep Avro enums and namespaces when converting schemas.");
  def.define("connect.meta.data", T::kBoolean)
      .layout("Connector", 7, Width::kShort, "Connect Metadata")
      .default_value("true")
      .importance(Importance::kLow)
      .doc("Add `connect.*` properties to generated Avro schemas.");
  def.define("retry.backoff.ms", T::kLong)
      .layout("Connector", 8, Width::kMedium, "Retry Backoff (ms)")
      .default_value("5000")
      .importance(Importance::kLow)
      .doc(
          "After a retriable failure (an upload whose `s3.part.retries` attempts all met "
          "transient errors, a conditional write to settle), how long the rewound partition "
          "waits before writing again; it is rewound and retried this way for as long as the "
          "failure stays transient. Also the cap of the backoff between rounds of the bucket "
          "check at start.");
  def.define("shutdown.timeout.ms", T::kLong)
      .default_value("3000")
      .importance(Importance::kLow)
      .ignored("the S3 sink does not use it (it is defined by storage-common)")
      .doc("Defined by storage-common.");
  define_codec_keys(def);
}

void define_key_header_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Keys and headers",
                  "Files for record keys and headers (confluent-s3-sink.md §2.3).");
  def.define("store.kafka.keys", T::kBoolean)
      .layout("Keys and Headers", 1, Width::kShort, "Store kafka keys")
      .dependents({"keys.format.class"})
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Write a `.keys` file next to every value file.");
  def.define("store.kafka.headers", T::kBoolean)
      .layout("Keys and Headers", 2, Width::kShort, "Store kafka headers")
      .dependents({"headers.format.class"})
      .default_value("false")
      .importance(Importance::kLow)
      .doc("Write a `.headers` file next to every value file.");
  def.define("keys.format.class", T::kClass)
      .layout("Keys and Headers", 3, Width::kNone, "Keys format class")
      .default_value("io.confluent.connect.s3.format.avro.AvroFormat")
      .validator(class_validator(format_classes(), "the formats"))
      .importance(Importance::kLow)
      .doc("Format of keys files.");
  def.define("headers.format.class", T::kClass)
      .layout("Keys and Headers", 4, Width::kNone, "Headers format class")
      .default_value("io.confluent.connect.s3.format.avro.AvroFormat")
      .validator(class_validator(format_classes(), "the formats"))
      .importance(Importance::kLow)
      .doc(
          "Format of headers files. ByteArrayFormat is rejected when headers are stored (the "
          "Java connector fails at runtime).");
}

void define_storage_keys(ConfigDef& def) {
  using T = ConfigType;
  def.begin_group("Storage", "storage-common StorageCommonConfig (confluent-s3-sink.md §2.4).");
  def.define("storage.class", T::kClass)
      .layout("Storage", 1, Width::kNone, "Storage Class")
      .required()
      .validator(class_validator(storage_classes(), "the storage class"))
      .importance(Importance::kHigh)
      .doc("Must be the S3 storage class.");
  def.define("topics.dir", T::kString)
      .layout("Storage", 2, Width::kNone, "Topics directory")
      .default_value("topics")
      .importance(Importance::kHigh)
      .doc("First segment of every object key; blank = none. Used verbatim.");
  def.define("store.url", T::kString)
      .layout("Storage", 3, Width::kNone, "Store URL")
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
      .layout("Storage", 4, Width::kLong, "Directory Delimiter")
      .default_value("/")
      .importance(Importance::kMedium)
      .doc("Joins object key segments.");
  def.define("file.delim", T::kString)
      .layout("Storage", 5, Width::kLong, "File Delimiter")
      .default_value("+")
      .importance(Importance::kMedium)
      .doc("Joins topic, Kafka partition and start offset in file names.");
}

void define_internal_keys(ConfigDef& def) {
  using T = ConfigType;
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
}

}  // namespace connector_internal

using connector_internal::enum_from_text;
using connector_internal::kAvroCodecs;
using connector_internal::kParquetCodecs;
using connector_internal::kSchemaCompatibilities;
using connector_internal::storage_classes;
using connector_internal::StorageClassId;

void ConnectorConfigBuilder::read_storage_keys() {
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

// §2.9: compression vs format, tombstone writes vs keys; formats that fail at runtime.
void ConnectorConfigBuilder::check_formats() {
  const S3SinkConnectorConfig& c = config_;
  auto binary = [](FormatClass f) { return f == FormatClass::kAvro || f == FormatClass::kParquet; };
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
  bool parquet_used = (valid("format.class") && c.format_class_ == FormatClass::kParquet) ||
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

}  // namespace sluice::config
