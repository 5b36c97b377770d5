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
#include "parquet/metadata.h"
#include "util/java_number_format.h"
#include "util/memory_account.h"
#include "util/status.h"

namespace sluice::format {

enum class FormatClass : uint8_t { kAvro, kJson, kByteArray, kParquet };

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
  avro::CodecId avro_codec = avro::CodecId::kNull;                               // avro.codec
  parquet::CompressionCodec parquet_codec = parquet::CompressionCodec::kSnappy;  // parquet.codec
  // AvroData of the Avro and Parquet writers, from the connector's schemas.cache.config,
  // enhanced.avro.schema.support (true by default here, unlike AvroData's own default),
  // connect.meta.data and allow.optional.map.keys.
  connect::AvroDataConfig avro_data = [] {
    connect::AvroDataConfig c;
    c.enhanced_avro_schema_support = true;
    return c;
  }();
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
// a compression level outside -1..9).
Result<std::unique_ptr<RecordWriterProvider>> make_record_writer_provider(
    FormatClass format, const FormatOptions& options);

}  // namespace sluice::format
