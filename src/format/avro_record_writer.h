// AvroRecordWriter: AvroFormat files, Avro object container files as Confluent's
// AvroRecordWriterProvider writes them (DataFileWriter with GenericDatumWriter).
//
// The file's schema is taken from the first record: its Connect schema (value or key, by view)
// becomes an Avro schema as AvroData.fromConnectSchema makes it (connect/connect_to_avro_schema.h,
// with connect.meta.data), whose Schema.toString() text is the file's avro.schema; the header is
// written then. Each record is encoded as AvroData.fromConnectData + GenericDatumWriter would
// encode it (connect/avro_value_encoder.h), map entries in java.util.HashMap order as Java writes
// them, and appended to the block being built; a block goes to the sink when it reaches 64,000
// bytes (Java's sync interval) and at close. Every later record of a file has the same Connect
// schema: the sink core rotates the file when the schema changes.
//
// A record that cannot be encoded (a value that does not fit its schema) is a kDataError and adds
// nothing to the file. Schemaless values cannot be written as Avro (the Java connector fails
// there too): kDataError. The headers view is not supported by this writer.
//
// Borrows the sink; owns the container writer. Not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "avro/codec.h"
#include "avro/container_writer.h"
#include "connect/avro_data_config.h"
#include "connect/avro_value_encoder.h"
#include "connect/connect_to_avro_schema.h"
#include "format/byte_sink.h"
#include "format/java_hash_map_order.h"
#include "format/record_writer.h"
#include "format/record_writer_provider.h"

namespace sluice::format {

struct AvroWriterOptions {
  avro::CodecId codec = avro::CodecId::kNull;  // avro.codec
  connect::AvroDataConfig data;                // AvroData as the Java connector configures it
  // Set only by tests, for reproducible files (Java draws a random one per file).
  std::optional<avro::SyncMarker> sync_marker;
};

class AvroRecordWriter final : public RecordWriter {
 public:
  AvroRecordWriter(ByteSink& sink, AvroWriterOptions options);
  ~AvroRecordWriter() override;

  Status write(const connect::SinkRecord& record, RecordView view) override;
  Status close() override;
  uint64_t bytes_written() const override;

 private:
  // Orders a map's entries as java.util.HashMap iterates them.
  class HashMapEntryOrder final : public connect::MapEntryOrder {
   public:
    void order(const connect::Schema& map_schema, const connect::Value& map,
               std::vector<uint32_t>& order) override;

   private:
    JavaHashMapOrder hash_map_;
  };

  // Creates the container on the first record, from its schema.
  Status start(const connect::SchemaPtr& schema);

  class SinkAdapter;
  std::unique_ptr<SinkAdapter> sink_;
  AvroWriterOptions options_;
  connect::ConnectToAvroSchema to_avro_;
  HashMapEntryOrder map_order_;
  connect::AvroValueEncoder encoder_;
  connect::SchemaPtr file_schema_;
  avro::SchemaPtr avro_schema_;
  std::unique_ptr<avro::ContainerWriter> container_;
  std::string datum_;
  bool closed_ = false;
};

// AvroFormat: ".avro" files whatever the codec, as the Java connector names them.
class AvroRecordWriterProvider final : public RecordWriterProvider {
 public:
  explicit AvroRecordWriterProvider(const FormatOptions& options) {
    options_.codec = options.avro_codec;
  }
  const std::string& extension() const override { return extension_; }
  Result<std::unique_ptr<RecordWriter>> create_writer(ByteSink& sink) const override {
    return std::unique_ptr<RecordWriter>(std::make_unique<AvroRecordWriter>(sink, options_));
  }

 private:
  AvroWriterOptions options_;
  std::string extension_ = ".avro";
};

}  // namespace sluice::format
