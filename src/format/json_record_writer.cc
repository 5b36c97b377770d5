#include "format/json_record_writer.h"

#include "format/connect_value_string.h"
#include "util/json_string_escape.h"

namespace sluice::format {

using connect::Schema;
using connect::SinkRecord;
using connect::Value;
using connect::ValueKind;

Result<std::unique_ptr<JsonRecordWriter>> JsonRecordWriter::create(ByteSink& sink,
                                                                   const FormatOptions& options) {
  SLUICE_ASSIGN_OR_RETURN(auto compressor,
                          make_compressor(options.compression, options.compression_level, sink));
  JsonEncoderOptions encoder_options;
  encoder_options.decimal_format = options.json_decimal_format;
  encoder_options.java_map_order = options.json_java_map_order;
  encoder_options.double_digits = options.json_double_digits;
  return std::make_unique<JsonRecordWriter>(ConstructionTag{}, std::move(compressor),
                                            encoder_options);
}

Status JsonRecordWriter::append_headers(const SinkRecord& record) {
  line_.append("{\"headers\":[");
  bool first = true;
  for (const connect::Header& header : record.headers) {
    if (header.value.is_null()) {
      // Struct.put of the null into the required "value" field of the header struct.
      return Status::data_error(
          "Invalid value: null used for required field: \"value\", schema type: STRING (header '" +
          std::string(header.key) + "')");
    }
    scratch_.clear();
    SLUICE_RETURN_IF_ERROR(append_connect_value_string(scratch_, header.schema.get(), header.value,
                                                       encoder_.options().double_digits));
    if (!first) line_.push_back(',');
    first = false;
    line_.append("{\"key\":");
    util::append_json_string(line_, header.key);
    line_.append(",\"value\":");
    util::append_json_string(line_, scratch_);
    line_.push_back('}');
  }
  line_.append("]}");
  return Status::ok_status();
}

Status JsonRecordWriter::write(const SinkRecord& record, RecordView view) {
  if (closed_) return Status::fatal("JsonRecordWriter: write after close");
  const Schema* schema = nullptr;
  const Value* value = nullptr;
  if (view == RecordView::kValue) {
    schema = record.value_schema.get();
    value = &record.value;
  } else if (view == RecordView::kKey) {
    schema = record.key_schema.get();
    value = &record.key;
  }
  // Headers are an (enveloped) Struct, so they take the JsonConverter path too.
  bool via_converter = value == nullptr || value->kind() == ValueKind::kStruct;
  bool chunked = compressor_->output_depends_on_write_boundaries();

  line_.clear();
  if (chunked && !via_converter && separator_pending_) line_.push_back('\n');
  size_t body = line_.size();
  Status status;
  if (value == nullptr) {
    status = append_headers(record);
  } else if (via_converter) {
    status = encoder_.append_converter_json(line_, schema, *value);
  } else {
    status = encoder_.append_object_mapper_json(line_, schema, *value);
  }
  if (!status.ok()) return status;

  if (!chunked) {
    line_.push_back('\n');
    return compressor_->write(line_);
  }
  // Reproduce the Java connector's writes: JsonConverter bytes and the line break as two writes;
  // a Jackson value flushed together with the previous value's line break.
  if (via_converter) {
    if (separator_pending_) {
      SLUICE_RETURN_IF_ERROR(compressor_->write("\n"));
      separator_pending_ = false;
    }
    SLUICE_RETURN_IF_ERROR(compressor_->write(std::string_view(line_).substr(body)));
    return compressor_->write("\n");
  }
  SLUICE_RETURN_IF_ERROR(compressor_->write(line_));
  separator_pending_ = true;
  return Status::ok_status();
}

Status JsonRecordWriter::close() {
  if (closed_) return Status::ok_status();
  closed_ = true;
  if (separator_pending_) {
    SLUICE_RETURN_IF_ERROR(compressor_->write("\n"));
    separator_pending_ = false;
  }
  return compressor_->finish();
}

Result<std::unique_ptr<RecordWriter>> JsonRecordWriterProvider::create_writer(
    ByteSink& sink) const {
  SLUICE_ASSIGN_OR_RETURN(auto writer, JsonRecordWriter::create(sink, options_));
  return std::unique_ptr<RecordWriter>(std::move(writer));
}

}  // namespace sluice::format
