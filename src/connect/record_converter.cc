#include "connect/record_converter.h"

#include "connect/standard_schemas.h"

namespace sluice::connect {
namespace {

// `cause` is the converter's status: a retriable or fatal one keeps its code.
Status fail(const KafkaRecordView& record, ConversionStage stage, std::string_view class_name,
            bool tolerable, const Status& cause, ConversionFailure* failure) {
  const StatusCode code =
      cause.code() == StatusCode::kRetriable || cause.code() == StatusCode::kFatal
          ? cause.code()
          : StatusCode::kDataError;
  const std::string& message = cause.message();
  if (failure != nullptr) {
    failure->code = code;
    failure->stage = stage;
    failure->class_name = class_name;
    failure->message = message;
    failure->tolerable = tolerable;
  }
  std::string text = "topic=";
  text.append(record.topic)
      .append(" partition=")
      .append(std::to_string(record.partition))
      .append(" offset=")
      .append(std::to_string(record.offset))
      .append(" stage=")
      .append(conversion_stage_name(stage));
  if (!class_name.empty()) text.append(" class=").append(class_name);
  text.append(": ").append(message);
  return Status(code, std::move(text));
}

}  // namespace

std::string_view conversion_stage_name(ConversionStage stage) {
  switch (stage) {
    case ConversionStage::kKeyConverter:
      return "KEY_CONVERTER";
    case ConversionStage::kValueConverter:
      return "VALUE_CONVERTER";
    case ConversionStage::kHeaderConverter:
      return "HEADER_CONVERTER";
    case ConversionStage::kTimestamp:
      return "TIMESTAMP";
  }
  return "VALUE_CONVERTER";
}

RecordConverter::RecordConverter(std::unique_ptr<Converter> key_converter,
                                 std::unique_ptr<Converter> value_converter,
                                 std::unique_ptr<HeaderConverter> header_converter)
    : key_(std::move(key_converter)),
      value_(std::move(value_converter)),
      header_(std::move(header_converter)) {}

Status RecordConverter::convert(const KafkaRecordView& record, Arena& arena, SinkRecord& out,
                                ConversionFailure* failure) {
  out = SinkRecord{};
  out.topic = record.topic;
  out.partition = record.partition;
  out.offset = record.offset;
  out.timestamp_type = record.timestamp_type;
  out.raw_key_is_null = !record.key.has_value();
  out.raw_key = record.key.value_or(std::string_view());
  out.raw_value_is_null = !record.value.has_value();
  out.raw_value = record.value.value_or(std::string_view());

  SchemaAndValue key;
  if (Status st = key_->to_connect(record.topic, record.key, arena, key); !st.ok()) {
    return fail(record, ConversionStage::kKeyConverter, key_->class_name(), true, st, failure);
  }
  SchemaAndValue value;
  if (Status st = value_->to_connect(record.topic, record.value, arena, value); !st.ok()) {
    return fail(record, ConversionStage::kValueConverter, value_->class_name(), true, st, failure);
  }
  if (binder_ != nullptr && !value.value.is_null()) {
    Value bound;
    if (Status st = binder_->bind(value.schema.get(), value.value, arena, &bound); !st.ok()) {
      return fail(record, ConversionStage::kValueConverter, value_->class_name(), true, st,
                  failure);
    }
    value.schema = binder_->schema();
    value.value = bound;
  }
  if (Status st = convert_headers(record, arena, out); !st.ok()) {
    return fail(record, ConversionStage::kHeaderConverter, header_->class_name(), true, st,
                failure);
  }
  // ConnectUtils.checkAndConvertTimestamp: -1 (RecordBatch.NO_TIMESTAMP) means none.
  if (record.timestamp >= 0) {
    out.timestamp = record.timestamp;
  } else if (record.timestamp != -1) {
    return fail(record, ConversionStage::kTimestamp, {}, false,
                Status::data_error("Invalid record timestamp " + std::to_string(record.timestamp)),
                failure);
  }
  out.key_schema = std::move(key.schema);
  out.key = key.value;
  out.value_schema = std::move(value.schema);
  out.value = value.value;
  return Status::ok_status();
}

Status RecordConverter::convert_headers(const KafkaRecordView& record, Arena& arena,
                                        SinkRecord& out) {
  if (record.headers.empty()) return Status::ok_status();
  // Headers hold SchemaPtrs; the Arena destroys them when it is reset.
  std::span<Header> headers = arena.allocate_array<Header>(record.headers.size());
  for (size_t i = 0; i < record.headers.size(); ++i) {
    const KafkaHeaderView& in = record.headers[i];
    Header& h = headers[i];
    h.key = in.key;
    h.raw_is_null = !in.value.has_value();
    h.raw = in.value.value_or(std::string_view());
    SchemaAndValue converted;
    SLUICE_RETURN_IF_ERROR(
        header_->to_connect_header(record.topic, in.key, in.value, arena, converted));
    // ConnectHeaders.add checks that a null value has an optional schema.
    if (converted.schema != nullptr && converted.value.is_null() && !converted.schema->optional) {
      return Status::data_error("A null value requires an optional schema but was " +
                                java_schema_string(*converted.schema));
    }
    h.schema = std::move(converted.schema);
    h.value = converted.value;
  }
  out.headers = headers;
  return Status::ok_status();
}

}  // namespace sluice::connect
