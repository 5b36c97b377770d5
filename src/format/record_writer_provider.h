// RecordWriterProvider: one per configured format (format.class, keys.format.class,
// headers.format.class); knows the file extension and creates a RecordWriter per file.
//
// Built once per task from the connector config (the config module fills FormatOptions from the
// typed keys) and shared by all of the task's topic-partition writers; it is immutable, so sharing
// is safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "avro/codec.h"
#include "connect/avro_data_config.h"
#include "format/byte_sink.h"
#include "format/compressor.h"
#include "format/json_value_encoder.h"
#include "format/record_writer.h"
#include "util/java_number_format.h"
#include "util/memory_account.h"
#include "util/status.h"

namespace sluice::format {

enum class FormatClass : uint8_t { kAvro, kJson, kByteArray, kParquet };

// Accepts the class names and aliases the Java connector accepts for format.class
// (io.confluent.connect.s3.format.json.JsonFormat, ...).
Result<FormatClass> format_class_from_name(std::string_view name);

struct FormatOptions {
  CompressionType compression = CompressionType::kNone;                // s3.compression.type
  int compression_level = -1;                                          // s3.compression.level
  JsonDecimalFormat json_decimal_format = JsonDecimalFormat::kBase64;  // json.decimal.format
  // sluice extension: write map entries in java.util.HashMap order (byte-identical to the Java
  // connector) rather than in the order the producer wrote them.
  bool json_java_map_order = true;
  // sluice extension: Java 17's Double/Float.toString digits (byte-identical to the Java connector
  // on Java 11/17) or the shortest ones of JDK >= 19.
  util::JavaDoubleDigits json_double_digits = util::JavaDoubleDigits::kJdk17;
  avro::CodecId avro_codec = avro::CodecId::kNull;  // avro.codec
  // The sink's AvroData (StorageSinkConnectorConfig.avroDataConfig): schemas.cache.config,
  // enhanced.avro.schema.support, connect.meta.data, allow.optional.map.keys.
  connect::AvroDataConfig avro_data;
  std::string bytearray_extension = ".bin";  // format.bytearray.extension
  std::string bytearray_separator = "\n";    // format.bytearray.separator
  // Charged with what open files hold in memory outside their sinks (an Avro file's block being
  // built); the process's MemoryBudget. None: not counted. Must outlive the providers' writers.
  util::MemoryAccount* memory = nullptr;
};

class RecordWriterProvider {
 public:
  virtual ~RecordWriterProvider() = default;
  // The format's extension including compression (".json.gz", ".bin"); the view infix
  // (record_view_extension) goes before it.
  virtual const std::string& extension() const = 0;
  // A writer for a new file whose bytes go to `sink` (which must outlive the writer).
  virtual Result<std::unique_ptr<RecordWriter>> create_writer(ByteSink& sink) const = 0;
};

// Fails with kInvalidArgument for a combination the connector rejects (gzip with Avro or Parquet,
// a compression level outside -1..9) and for formats not implemented yet.
Result<std::unique_ptr<RecordWriterProvider>> make_record_writer_provider(
    FormatClass format, const FormatOptions& options);

}  // namespace sluice::format
