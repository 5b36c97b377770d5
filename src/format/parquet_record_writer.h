// ParquetRecordWriter: ParquetFormat files as Confluent's ParquetRecordWriterProvider writes them
// (parquet-avro's AvroParquetWriter under AvroData), for the value, keys and headers views.
//
// The file's schema is taken from the first record: the view's Connect schema becomes an Avro
// schema as AvroData.fromConnectSchema makes it (with connect.meta.data), and that a Parquet
// message as parquet-avro derives it (parquet_avro_schema.h), with 3-level lists for the whole
// file when the Connect schema has an array with optional items. The footer carries the Avro
// schema text as `parquet.avro.schema` and `writer.model.name=avro`, as parquet-avro's files do,
// so Avro-aware readers (Spark, Hive, parquet-avro) read it back with the same names.
//
// Views (Confluent's RecordViews with Parquet's envelopes, view_schemas.h):
//   value    record.value; its schema must be a struct (Java fails with a cast otherwise).
//   key      the struct RecordKey {key: <key>}, so a primitive key makes a row.
//   headers  the struct RecordHeaders {headers: [{key, value}]}, every header value turned into
//            text by Values.convertToString; a null header value cannot fill the required field.
//
// Each record is encoded as Avro binary by connect::AvroValueEncoder (AvroData.fromConnectData's
// rules, map entries in java.util.HashMap order) and shredded into the columns
// (parquet_avro_shredder.h), so a record is all or nothing: a record that cannot be encoded is a
// kDataError and adds nothing. Later records are written with the file's schema where AvroData
// would accept them (schema_fit.h), else kDataError.
//
// Memory: the open row group's encoded pages (every column's chunk and open page) are charged to
// options.memory (the process's MemoryBudget) by the column writers. A row group is written to
// the sink when its pages reach row_group_size, and at close. Settings Confluent's writer fixes
// (64 KiB pages, dictionary on, data page v1, 128 MiB row groups) are the defaults.
// Borrows the sink; owns the Parquet file writer. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connect/avro_data_config.h"
#include "connect/avro_value_encoder.h"
#include "connect/connect_to_avro_schema.h"
#include "format/byte_sink.h"
#include "format/hash_map_entry_order.h"
#include "format/parquet_avro_shredder.h"
#include "format/record_writer.h"
#include "format/record_writer_provider.h"
#include "parquet/file_writer.h"
#include "parquet/writer_properties.h"
#include "util/java_number_format.h"

namespace sluice::format {

struct ParquetWriterOptions {
  // codec (parquet.codec), memory account, page and row-group sizes, created_by.
  parquet::WriterProperties properties;
  connect::AvroDataConfig data;  // AvroData as the Java connector configures it
  // How header floats and doubles print in headers files (Values.convertToString).
  util::JavaDoubleDigits header_double_digits = util::JavaDoubleDigits::kJdk17;
};

class ParquetRecordWriter final : public RecordWriter {
 public:
  ParquetRecordWriter(ByteSink& sink, ParquetWriterOptions options);
  ~ParquetRecordWriter() override;

  Status write(const connect::SinkRecord& record, RecordView view) override;
  Status close() override;
  uint64_t bytes_written() const override;
  // Bytes of the open row group held in memory.
  size_t held_bytes() const override { return file_ == nullptr ? 0 : file_->buffered_bytes(); }

 private:
  // Creates the file on the first record, from the view's schema.
  Status start(const connect::SchemaPtr& schema);
  // The key envelope {key} of `record` (kDataError for a schemaless or unfitting key).
  Result<connect::Value> key_view(const connect::SinkRecord& record);
  // The headers envelope {headers: [...]} of `record`, its texts in scratch space.
  Result<connect::Value> headers_view(const connect::SinkRecord& record);
  Status append(const connect::Value& value);

  class SinkAdapter;
  std::unique_ptr<SinkAdapter> sink_;
  ParquetWriterOptions options_;
  connect::ConnectToAvroSchema to_avro_;
  HashMapEntryOrder map_order_;
  connect::AvroValueEncoder encoder_;
  connect::SchemaPtr file_schema_;
  connect::SchemaPtr fitting_schema_;  // the last other value/key schema found to fit
  avro::SchemaPtr avro_schema_;
  std::unique_ptr<ParquetAvroShredder> shredder_;
  std::unique_ptr<parquet::FileWriter> file_;
  std::string datum_;  // the record's Avro binary, reused
  // Scratch for the views built per record (reused, so no allocation once grown).
  connect::Value envelope_field_;
  std::vector<connect::Value> header_fields_;
  std::vector<connect::Value> header_structs_;
  std::string header_texts_;
  std::vector<size_t> header_text_ends_;
  bool closed_ = false;
};

// ParquetFormat: "<codec>.parquet" keys as parquet-java names its codecs (".snappy.parquet",
// ".gz.parquet", ".zstd.parquet", ".lz4hadoop.parquet", ".lz4raw.parquet", ".parquet").
class ParquetRecordWriterProvider final : public RecordWriterProvider {
 public:
  explicit ParquetRecordWriterProvider(const FormatOptions& options);
  const std::string& extension() const override { return extension_; }
  Result<std::unique_ptr<RecordWriter>> create_writer(ByteSink& sink) const override {
    return std::unique_ptr<RecordWriter>(std::make_unique<ParquetRecordWriter>(sink, options_));
  }

 private:
  ParquetWriterOptions options_;
  std::string extension_;
};

// The file extension parquet-java gives `codec`, with ".parquet".
std::string parquet_extension(parquet::CompressionCodec codec);

}  // namespace sluice::format
