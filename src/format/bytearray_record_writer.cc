#include "format/bytearray_record_writer.h"

#include "connect/standard_schemas.h"
#include "format/java_type_names.h"

namespace sluice::format {

using connect::Schema;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

Result<std::unique_ptr<ByteArrayRecordWriter>> ByteArrayRecordWriter::create(
    ByteSink& sink, const FormatOptions& options) {
  SLUICE_ASSIGN_OR_RETURN(auto compressor,
                          make_compressor(options.compression, options.compression_level, sink));
  return std::make_unique<ByteArrayRecordWriter>(ConstructionTag{}, std::move(compressor),
                                                 options.bytearray_separator);
}

Status ByteArrayRecordWriter::write(const connect::SinkRecord& record, RecordView view) {
  if (closed_) return Status::fatal("ByteArrayRecordWriter: write after close");
  if (view == RecordView::kHeaders) {
    // The headers view's schema is an array of structs.
    return Status::data_error("Invalid schema type for ByteArrayConverter: ARRAY");
  }
  const Schema* schema =
      view == RecordView::kKey ? record.key_schema.get() : record.value_schema.get();
  const Value& value = view == RecordView::kKey ? record.key : record.value;
  if (schema != nullptr && schema->type != SchemaType::kBytes) {
    return Status::data_error("Invalid schema type for ByteArrayConverter: " +
                              std::string(connect::java_type_name(schema->type)));
  }
  if (value.is_null()) {
    // The converter returns null and Java's write(null) throws; tombstones are normally handled
    // before a writer sees them (behavior.on.null.values).
    return Status::data_error("ByteArrayFormat cannot write a null " +
                              std::string(view == RecordView::kKey ? "key" : "value"));
  }
  if (value.kind() != ValueKind::kBytes) {
    return Status::data_error("ByteArrayConverter is not compatible with objects of type " +
                              std::string(java_class_name(schema, value)));
  }
  std::string_view bytes = value.as_text();
  // Java writes the bytes and the separator as two writes; only gzip level 0 can tell.
  if (compressor_->output_depends_on_write_boundaries() || bytes.size() > kMaxJoinedRecord) {
    SLUICE_RETURN_IF_ERROR(compressor_->write(bytes));
    return compressor_->write(separator_);
  }
  buffer_.assign(bytes);
  buffer_.append(separator_);
  return compressor_->write(buffer_);
}

Status ByteArrayRecordWriter::close() {
  if (closed_) return Status::ok_status();
  closed_ = true;
  return compressor_->finish();
}

Result<std::unique_ptr<RecordWriter>> ByteArrayRecordWriterProvider::create_writer(
    ByteSink& sink) const {
  SLUICE_ASSIGN_OR_RETURN(auto writer, ByteArrayRecordWriter::create(sink, options_));
  return std::unique_ptr<RecordWriter>(std::move(writer));
}

}  // namespace sluice::format
