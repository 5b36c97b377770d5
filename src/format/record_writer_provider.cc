#include "format/record_writer_provider.h"

#include "format/avro_record_writer.h"
#include "format/bytearray_record_writer.h"
#include "format/json_record_writer.h"
#include "format/parquet_record_writer.h"

namespace sluice::format {

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
