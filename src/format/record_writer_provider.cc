#include "format/record_writer_provider.h"

#include "format/avro_record_writer.h"
#include "format/bytearray_record_writer.h"
#include "format/json_record_writer.h"
#include "format/parquet_record_writer.h"

namespace sluice::format {

Result<FormatClass> format_class_from_name(std::string_view name) {
  struct Known {
    std::string_view class_name;
    std::string_view simple_name;
    FormatClass format;
  };
  static constexpr Known kKnown[] = {
      {"io.confluent.connect.s3.format.avro.AvroFormat", "AvroFormat", FormatClass::kAvro},
      {"io.confluent.connect.s3.format.json.JsonFormat", "JsonFormat", FormatClass::kJson},
      {"io.confluent.connect.s3.format.bytearray.ByteArrayFormat", "ByteArrayFormat",
       FormatClass::kByteArray},
      {"io.confluent.connect.s3.format.parquet.ParquetFormat", "ParquetFormat",
       FormatClass::kParquet},
  };
  for (const Known& known : kKnown) {
    if (name == known.class_name || name == known.simple_name) return known.format;
  }
  return Status::invalid_argument("unknown format class '" + std::string(name) +
                                  "' (allowed: AvroFormat, JsonFormat, ByteArrayFormat, "
                                  "ParquetFormat, by simple or fully qualified name)");
}

Result<std::unique_ptr<RecordWriterProvider>> make_record_writer_provider(
    FormatClass format, const FormatOptions& options) {
  if (options.compression_level < -1 || options.compression_level > 9) {
    return Status::invalid_argument(
        "s3.compression.level: " + std::to_string(options.compression_level) +
        " is out of range (allowed: -1 to 9)");
  }
  switch (format) {
    case FormatClass::kJson:
      return std::unique_ptr<RecordWriterProvider>(
          std::make_unique<JsonRecordWriterProvider>(options));
    case FormatClass::kByteArray:
      return std::unique_ptr<RecordWriterProvider>(
          std::make_unique<ByteArrayRecordWriterProvider>(options));
    case FormatClass::kAvro:
    case FormatClass::kParquet:
      if (options.compression != CompressionType::kNone) {
        return Status::invalid_argument(
            "s3.compression.type=gzip cannot be used with AvroFormat or ParquetFormat");
      }
      if (format == FormatClass::kAvro) {
        return std::unique_ptr<RecordWriterProvider>(
            std::make_unique<AvroRecordWriterProvider>(options));
      }
      return std::unique_ptr<RecordWriterProvider>(
          std::make_unique<ParquetRecordWriterProvider>(options));
  }
  return Status::invalid_argument("unknown format");
}

}  // namespace sluice::format
