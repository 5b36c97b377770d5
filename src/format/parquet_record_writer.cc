#include "format/parquet_record_writer.h"

#include "avro/schema_writer.h"
#include "format/connect_value_string.h"
#include "format/schema_fit.h"
#include "format/view_schemas.h"

namespace sluice::format {

using connect::SchemaType;
using connect::Value;

// The format's ByteSink as the Parquet module's (both only append).
class ParquetRecordWriter::SinkAdapter final : public parquet::ByteSink {
 public:
  explicit SinkAdapter(format::ByteSink& sink) : sink_(sink) {}
  void append(std::string_view bytes) override { sink_.append(bytes); }

 private:
  format::ByteSink& sink_;
};

ParquetRecordWriter::ParquetRecordWriter(ByteSink& sink, ParquetWriterOptions options)
    : sink_(std::make_unique<SinkAdapter>(sink)),
      options_(std::move(options)),
      to_avro_(options_.data),
      encoder_(options_.data, &map_order_) {}

ParquetRecordWriter::~ParquetRecordWriter() = default;

Status ParquetRecordWriter::start(const connect::SchemaPtr& schema) {
  if (schema->type != SchemaType::kStruct) {
    return Status::data_error(
        "ParquetFormat writes struct values only: a " +
        std::string(connect::schema_type_name(schema->type)) +
        " value cannot be a Parquet row (use a converter that gives structs, e.g. JsonConverter "
        "with schemas.enable=true or a Schema Registry converter)");
  }
  Result<avro::SchemaPtr> avro_schema = to_avro_.convert(schema);
  if (!avro_schema.ok()) return Status::data_error(avro_schema.status().message());
  const ParquetListShape lists = has_array_of_optional_items(*schema)
                                     ? ParquetListShape::kThreeLevel
                                     : ParquetListShape::kTwoLevel;
  SLUICE_ASSIGN_OR_RETURN(parquet::NestedSchema parquet_schema,
                          avro_to_parquet_schema(**avro_schema, lists));
  parquet::WriterProperties properties = options_.properties;
  // parquet-avro's footer entries, in the order parquet-java writes them.
  properties.key_value_metadata.push_back(
      {"parquet.avro.schema", avro::schema_to_json(**avro_schema)});
  properties.key_value_metadata.push_back({"writer.model.name", "avro"});
  auto shredder = std::make_unique<ParquetAvroShredder>(**avro_schema, lists);
  if (shredder->leaf_count() != parquet_schema.leaves().size()) {
    return Status::fatal("ParquetFormat: the row plan and the Parquet schema disagree");
  }
  Result<std::unique_ptr<parquet::FileWriter>> file =
      parquet::FileWriter::open(std::move(parquet_schema), std::move(properties), *sink_);
  if (!file.ok()) return file.status();
  avro_schema_ = std::move(*avro_schema);
  shredder_ = std::move(shredder);
  file_ = std::move(*file);
  file_schema_ = schema;
  return Status::ok_status();
}

Status ParquetRecordWriter::append(const Value& value) {
  datum_.clear();
  SLUICE_RETURN_IF_ERROR(encoder_.encode(*file_schema_, *avro_schema_, value, datum_));
  return shredder_->write_row(datum_, *file_);
}

Result<Value> ParquetRecordWriter::key_view(const connect::SinkRecord& record) {
  if (record.key_schema == nullptr) {
    return Status::data_error(
        "ParquetFormat needs keys with a schema for its keys files (a schemaless key cannot be "
        "the field of the RecordKey struct)");
  }
  if (file_ == nullptr) {
    SLUICE_RETURN_IF_ERROR(start(key_envelope_schema(record.key_schema)));
  } else {
    const connect::SchemaPtr& file_key = file_schema_->fields[0].schema;
    if (record.key_schema != file_key && record.key_schema != fitting_schema_) {
      if (!avro_data_accepts(*file_key, *record.key_schema)) {
        return Status::data_error(
            "Mismatching schema: the record's key does not fit the schema of the file's first key "
            "(a ParquetFormat file has one schema)");
      }
      fitting_schema_ = record.key_schema;
    }
  }
  envelope_field_ = record.key;
  return Value::structure(file_schema_.get(), std::span<const Value>(&envelope_field_, 1));
}

Result<Value> ParquetRecordWriter::headers_view(const connect::SinkRecord& record) {
  if (file_ == nullptr) SLUICE_RETURN_IF_ERROR(start(headers_envelope_schema()));
  header_texts_.clear();
  header_text_ends_.clear();
  for (const connect::Header& header : record.headers) {
    if (header.value.is_null()) {
      // Struct.put of the null into the required "value" field of the header struct.
      return Status::data_error(
          "Invalid value: null used for required field: \"value\", schema type: STRING (header '" +
          std::string(header.key) + "')");
    }
    SLUICE_RETURN_IF_ERROR(append_connect_value_string(
        header_texts_, header.schema.get(), header.value, options_.header_double_digits));
    header_text_ends_.push_back(header_texts_.size());
  }
  const connect::Schema* header_schema = headers_array_schema()->value_schema.get();
  const size_t n = record.headers.size();
  header_fields_.resize(2 * n);
  header_structs_.resize(n);
  size_t begin = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string_view text(header_texts_.data() + begin, header_text_ends_[i] - begin);
    header_fields_[2 * i] = Value::string(record.headers[i].key);
    header_fields_[2 * i + 1] = Value::string(text);
    header_structs_[i] =
        Value::structure(header_schema, std::span<const Value>(&header_fields_[2 * i], 2));
    begin = header_text_ends_[i];
  }
  envelope_field_ = Value::array(std::span<const Value>(header_structs_.data(), n));
  return Value::structure(file_schema_.get(), std::span<const Value>(&envelope_field_, 1));
}

Status ParquetRecordWriter::write(const connect::SinkRecord& record, RecordView view) {
  if (closed_) return Status::fatal("ParquetFormat: write after close");
  if (view == RecordView::kKey) {
    SLUICE_ASSIGN_OR_RETURN(Value key, key_view(record));
    return append(key);
  }
  if (view == RecordView::kHeaders) {
    SLUICE_ASSIGN_OR_RETURN(Value headers, headers_view(record));
    return append(headers);
  }
  if (record.value_schema == nullptr) {
    return Status::data_error(
        "ParquetFormat needs records with a schema (a schemaless value cannot be written as "
        "Parquet; use a converter that gives a schema)");
  }
  if (file_ == nullptr) {
    SLUICE_RETURN_IF_ERROR(start(record.value_schema));
  } else if (record.value_schema != file_schema_ && record.value_schema != fitting_schema_) {
    if (!avro_data_accepts(*file_schema_, *record.value_schema)) {
      return Status::data_error(
          "Mismatching struct schema: the record's value does not fit the schema of the file's "
          "first value (a ParquetFormat file has one schema)");
    }
    fitting_schema_ = record.value_schema;
  }
  return append(record.value);
}

Status ParquetRecordWriter::close() {
  if (closed_) return Status::ok_status();
  closed_ = true;
  // A file always has at least one record: the sink core opens files on a record.
  if (file_ == nullptr) return Status::ok_status();
  return file_->close();
}

uint64_t ParquetRecordWriter::bytes_written() const {
  return file_ == nullptr ? 0 : static_cast<uint64_t>(file_->bytes_written());
}

std::string parquet_extension(parquet::CompressionCodec codec) {
  switch (codec) {
    case parquet::CompressionCodec::kSnappy:
      return ".snappy.parquet";
    case parquet::CompressionCodec::kGzip:
      return ".gz.parquet";
    case parquet::CompressionCodec::kZstd:
      return ".zstd.parquet";
    case parquet::CompressionCodec::kLz4:
      return ".lz4hadoop.parquet";
    case parquet::CompressionCodec::kLz4Raw:
      return ".lz4raw.parquet";
    case parquet::CompressionCodec::kBrotli:
      return ".br.parquet";
    case parquet::CompressionCodec::kLzo:
      return ".lzo.parquet";
    case parquet::CompressionCodec::kUncompressed:
      break;
  }
  return ".parquet";
}

ParquetRecordWriterProvider::ParquetRecordWriterProvider(const FormatOptions& options) {
  options_.properties.codec = options.parquet_codec;
  options_.data = options.avro_data;
  options_.properties.memory = options.memory;
  options_.properties.created_by = std::string("sluice version ") + SLUICE_VERSION;
  options_.header_double_digits = options.json_double_digits;
  extension_ = parquet_extension(options.parquet_codec);
}

}  // namespace sluice::format
