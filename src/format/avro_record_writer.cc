#include "format/avro_record_writer.h"

#include "avro/encoder.h"
#include "format/connect_value_string.h"
#include "format/java_hash_code.h"

namespace sluice::format {

namespace {

using connect::Schema;
using connect::SchemaType;

// The headers view's schema: an array of the unnamed struct {key: STRING, value: STRING} (both
// required), as the connector's HeaderRecordView declares it.
const connect::SchemaPtr& headers_view_schema() {
  static const connect::SchemaPtr kSchema = [] {
    auto text = std::make_shared<Schema>();
    text->type = SchemaType::kString;
    auto header = std::make_shared<Schema>();
    header->type = SchemaType::kStruct;
    header->fields.push_back(connect::Field{"key", 0, text});
    header->fields.push_back(connect::Field{"value", 1, text});
    auto array = std::make_shared<Schema>();
    array->type = SchemaType::kArray;
    array->value_schema = std::move(header);
    return connect::SchemaPtr(std::move(array));
  }();
  return kSchema;
}

// The logical type AvroData converts a primitive by (its Java class depends on it), or "".
std::string_view logical_name(const Schema& schema) {
  for (std::string_view name : {connect::kDecimalLogicalName, connect::kDateLogicalName,
                                connect::kTimeLogicalName, connect::kTimestampLogicalName}) {
    if (schema.is_logical(name)) return name;
  }
  return {};
}

// Whether AvroData.fromConnectData(file, value) accepts a value whose own schema is `schema`:
// casts to the Java class of the file schema's type, and Struct.schema().equals() for structs.
bool fits(const Schema& file, const Schema& schema) {
  if (&file == &schema) return true;
  if (file.type != schema.type) return false;
  if (file.is_reference() || schema.is_reference()) return connect::schemas_equal(&file, &schema);
  switch (file.type) {
    case SchemaType::kStruct:
      return connect::schemas_equal(&file, &schema);
    case SchemaType::kArray:
      return fits(*file.value_schema, *schema.value_schema);
    case SchemaType::kMap:
      return fits(*file.key_schema, *schema.key_schema) &&
             fits(*file.value_schema, *schema.value_schema);
    default:
      return logical_name(file) == logical_name(schema);
  }
}

}  // namespace

// The format's ByteSink as the Avro module's (both only append).
class AvroRecordWriter::SinkAdapter final : public avro::ByteSink {
 public:
  explicit SinkAdapter(format::ByteSink& sink) : sink_(sink) {}
  void append(std::string_view bytes) override { sink_.append(bytes); }

 private:
  format::ByteSink& sink_;
};

void AvroRecordWriter::HashMapEntryOrder::order(const connect::Schema& map_schema,
                                                const connect::Value& map,
                                                std::vector<uint32_t>& order) {
  ConnectMapKeys keys(map_schema.key_schema.get(), map);
  hash_map_.compute(static_cast<uint32_t>(map.map_size()), keys, order);
}

AvroRecordWriter::AvroRecordWriter(ByteSink& sink, AvroWriterOptions options)
    : sink_(std::make_unique<SinkAdapter>(sink)),
      options_(std::move(options)),
      to_avro_(options_.data),
      encoder_(options_.data, &map_order_) {}

AvroRecordWriter::~AvroRecordWriter() = default;

Status AvroRecordWriter::start(const connect::SchemaPtr& schema) {
  Result<avro::SchemaPtr> avro_schema = to_avro_.convert(schema);
  if (!avro_schema.ok()) return Status::data_error(avro_schema.status().message());
  avro::ContainerWriterOptions container;
  container.codec = options_.codec;
  container.sync_marker = options_.sync_marker;
  container.memory = options_.memory;
  Result<std::unique_ptr<avro::ContainerWriter>> created =
      avro::ContainerWriter::create(**avro_schema, *sink_, container);
  if (!created.ok()) return created.status();
  avro_schema_ = std::move(*avro_schema);
  container_ = std::move(*created);
  file_schema_ = schema;
  return Status::ok_status();
}

Status AvroRecordWriter::check_schema(const connect::SchemaPtr& schema, RecordView view) {
  if (schema == file_schema_ || schema == fitting_schema_) return Status::ok_status();
  if (!fits(*file_schema_, *schema)) {
    const char* what = view == RecordView::kKey ? "key" : "value";
    return Status::data_error(
        std::string(file_schema_->type == SchemaType::kStruct ? "Mismatching struct schema"
                                                              : "Mismatching schema") +
        ": the record's " + what + " does not fit the schema of the file's first " + what +
        " (an AvroFormat file has one schema)");
  }
  fitting_schema_ = schema;
  return Status::ok_status();
}

Status AvroRecordWriter::write(const connect::SinkRecord& record, RecordView view) {
  if (closed_) return Status::fatal("AvroFormat: write after close");
  if (view == RecordView::kHeaders) return write_headers(record);
  const connect::SchemaPtr& schema =
      view == RecordView::kKey ? record.key_schema : record.value_schema;
  const connect::Value& value = view == RecordView::kKey ? record.key : record.value;
  if (schema == nullptr) {
    return Status::data_error(std::string("AvroFormat needs records with a schema (a schemaless ") +
                              (view == RecordView::kKey ? "key" : "value") +
                              " cannot be written as Avro; use a converter that gives a schema)");
  }
  if (container_ == nullptr) {
    SLUICE_RETURN_IF_ERROR(start(schema));
  } else {
    SLUICE_RETURN_IF_ERROR(check_schema(schema, view));
  }
  return container_->append_datum([&](std::string& block) {
    return encoder_.encode(*file_schema_, *avro_schema_, value, block);
  });
}

Status AvroRecordWriter::append_header(const connect::Header& header, std::string& block) const {
  if (header.value.is_null()) {
    // Struct.put of the null into the required "value" field of the header struct.
    return Status::data_error(
        "Invalid value: null used for required field: \"value\", schema type: STRING (header '" +
        std::string(header.key) + "')");
  }
  avro::Encoder encoder(block);
  encoder.write_string(header.key);
  // The text goes straight into the block; its length prefix is put in front of it afterwards.
  const size_t start = block.size();
  SLUICE_RETURN_IF_ERROR(append_connect_value_string(block, header.schema.get(), header.value,
                                                     options_.header_double_digits));
  char prefix[10];
  const size_t length = avro::encode_long(static_cast<int64_t>(block.size() - start), prefix);
  block.insert(start, prefix, length);
  return Status::ok_status();
}

Status AvroRecordWriter::write_headers(const connect::SinkRecord& record) {
  if (container_ == nullptr) SLUICE_RETURN_IF_ERROR(start(headers_view_schema()));
  return container_->append_datum([&](std::string& block) {
    avro::Encoder encoder(block);
    // GenericDatumWriter: one block of all items, then the end marker (just it when empty).
    encoder.write_array_start(record.headers.size());
    for (const connect::Header& header : record.headers) {
      SLUICE_RETURN_IF_ERROR(append_header(header, block));
    }
    encoder.write_array_end();
    return Status::ok_status();
  });
}

Status AvroRecordWriter::close() {
  if (closed_) return Status::ok_status();
  closed_ = true;
  // A file always has at least one record: the sink core opens files on a record.
  if (container_ == nullptr) return Status::ok_status();
  return container_->close();
}

uint64_t AvroRecordWriter::bytes_written() const {
  return container_ == nullptr ? 0 : container_->bytes_written();
}

AvroRecordWriterProvider::AvroRecordWriterProvider(const FormatOptions& options) {
  options_.codec = options.avro_codec;
  options_.header_double_digits = options.json_double_digits;
  options_.memory = options.memory;
}

}  // namespace sluice::format
