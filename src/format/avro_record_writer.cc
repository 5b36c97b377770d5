#include "format/avro_record_writer.h"

#include "format/java_hash_code.h"

namespace sluice::format {

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
  Result<std::unique_ptr<avro::ContainerWriter>> created =
      avro::ContainerWriter::create(**avro_schema, *sink_, container);
  if (!created.ok()) return created.status();
  avro_schema_ = std::move(*avro_schema);
  container_ = std::move(*created);
  file_schema_ = schema;
  return Status::ok_status();
}

Status AvroRecordWriter::write(const connect::SinkRecord& record, RecordView view) {
  if (closed_) return Status::fatal("AvroFormat: write after close");
  if (view == RecordView::kHeaders) {
    return Status::fatal("AvroFormat does not write headers files in this version of sluice");
  }
  const connect::SchemaPtr& schema =
      view == RecordView::kKey ? record.key_schema : record.value_schema;
  const connect::Value& value = view == RecordView::kKey ? record.key : record.value;
  if (schema == nullptr) {
    return Status::data_error(
        "AvroFormat needs records with a schema (a schemaless value cannot be written as Avro; "
        "use a converter that gives a schema)");
  }
  if (container_ == nullptr) SLUICE_RETURN_IF_ERROR(start(schema));
  datum_.clear();
  SLUICE_RETURN_IF_ERROR(encoder_.encode(*file_schema_, *avro_schema_, value, datum_));
  return container_->append_encoded(datum_);
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

}  // namespace sluice::format
