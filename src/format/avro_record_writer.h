// AvroRecordWriter: AvroFormat files, Avro object container files as Confluent's
// AvroRecordWriterProvider writes them (DataFileWriter with GenericDatumWriter), for the value,
// keys and headers views alike.
//
// The file's schema is taken from the first record: the Connect schema of its view becomes an
// Avro schema as AvroData.fromConnectSchema makes it (connect/connect_to_avro_schema.h, with
// connect.meta.data), whose Schema.toString() text is the file's avro.schema; the header is
// written then. Each record is encoded as AvroData.fromConnectData + GenericDatumWriter would
// encode it (connect/avro_value_encoder.h), map entries in java.util.HashMap order as Java writes
// them, straight into the block being built; a block goes to the sink when it reaches 64,000
// bytes (Java's sync interval) and at close.
//
// Views (the connector's RecordView classes, see Confluent's S3 sink documentation on
// store.kafka.keys / store.kafka.headers):
//   value    record.value with its schema.
//   key      record.key with its schema, not wrapped: a StringConverter key is ["null","string"].
//   headers  every header as {key, value} in record order, the value turned into text by
//            Connect's Values.convertToString: the schema is an array of the unnamed record
//            io.confluent.connect.avro.ConnectDefault {key: string, value: string}. A header
//            whose value is null cannot fill the required field: kDataError, as in Java.
//
// Later records are written with the file's schema, as Java writes them: the sink core starts a
// new file when the value schema changes, but not for a key schema, so a key whose schema differs
// from the file's first key is written only where AvroData would accept it (the same primitive
// type; arrays and maps of such; a struct only with an equal schema, else "Mismatching struct
// schema"), and is a kDataError otherwise.
//
// A record that cannot be encoded is a kDataError and adds nothing to the file. Schemaless
// values and keys are refused (kDataError).
//
// Memory: the block being built and its compressed copy are charged to options.memory (the
// process's MemoryBudget) by the container writer; the encoder's scratch is small and reused.
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
#include "format/hash_map_entry_order.h"
#include "format/record_writer.h"
#include "format/record_writer_provider.h"
#include "util/java_number_format.h"
#include "util/memory_account.h"

namespace sluice::format {

struct AvroWriterOptions {
  avro::CodecId codec = avro::CodecId::kNull;  // avro.codec
  connect::AvroDataConfig data;                // AvroData as the Java connector configures it
  // How header floats and doubles print in headers files (Values.convertToString).
  util::JavaDoubleDigits header_double_digits = util::JavaDoubleDigits::kJdk17;
  // Charged with what an open file holds outside its sink; none: not counted. Must outlive the
  // writers.
  util::MemoryAccount* memory = nullptr;
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
  // Bytes held in memory for the file outside its sink (the block being built).
  size_t held_bytes() const override {
    return container_ == nullptr ? 0 : container_->held_bytes();
  }

 private:
  // Creates the container on the first record, from its schema.
  Status start(const connect::SchemaPtr& schema);
  // Whether a key or value of `schema` can be written with the file's schema (see above).
  Status check_schema(const connect::SchemaPtr& schema, RecordView view);
  Status write_headers(const connect::SinkRecord& record);
  // Appends one header datum {key, value} to `block`.
  Status append_header(const connect::Header& header, std::string& block) const;

  class SinkAdapter;
  std::unique_ptr<SinkAdapter> sink_;
  AvroWriterOptions options_;
  connect::ConnectToAvroSchema to_avro_;
  HashMapEntryOrder map_order_;
  connect::AvroValueEncoder encoder_;
  connect::SchemaPtr file_schema_;
  // The last schema other than file_schema_ found to fit it (records usually share one object).
  connect::SchemaPtr fitting_schema_;
  avro::SchemaPtr avro_schema_;
  std::unique_ptr<avro::ContainerWriter> container_;
  bool closed_ = false;
};

// AvroFormat: ".avro" files whatever the codec, as the Java connector names them.
class AvroRecordWriterProvider final : public RecordWriterProvider {
 public:
  explicit AvroRecordWriterProvider(const FormatOptions& options);
  const std::string& extension() const override { return extension_; }
  Result<std::unique_ptr<RecordWriter>> create_writer(ByteSink& sink) const override {
    return std::unique_ptr<RecordWriter>(std::make_unique<AvroRecordWriter>(sink, options_));
  }

 private:
  AvroWriterOptions options_;
  std::string extension_ = ".avro";
};

}  // namespace sluice::format
