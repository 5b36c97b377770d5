#include "runtime/message_decoder.h"

#include <string>

#include "connect/charset_decoder.h"

namespace sluice::runtime {

namespace {

connect::KafkaBytes bytes_of(const void* data, size_t size) {
  if (data == nullptr) return std::nullopt;
  return std::string_view(static_cast<const char*>(data), size);
}

std::string where(const connect::SinkRecord& r) {
  return "topic=" + std::string(r.topic) + " partition=" + std::to_string(r.partition) +
         " offset=" + std::to_string(r.offset);
}

// A converter's failure: a data error unless it is about the converter's services rather than
// the record (retriable or fatal), which errors.tolerance must not skip.
Status conversion_failure(const Status& st, std::string_view what, const connect::SinkRecord& r) {
  const StatusCode code = st.code() == StatusCode::kRetriable || st.code() == StatusCode::kFatal
                              ? st.code()
                              : StatusCode::kDataError;
  return Status(code, std::string(what) + " conversion failed (" + where(r) + "): " + st.message());
}

}  // namespace

Status decode_message(const rd_kafka_message_t* m, const RecordConverters& converters,
                      connect::Arena& arena, std::vector<connect::Header>* headers,
                      connect::SinkRecord* record, const char** failed_stage) {
  const char* ignored_stage = nullptr;
  if (failed_stage == nullptr) failed_stage = &ignored_stage;
  *record = connect::SinkRecord();
  record->topic = rd_kafka_topic_name(m->rkt);
  record->partition = m->partition;
  record->offset = m->offset;

  rd_kafka_timestamp_type_t ts_type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
  int64_t ts = rd_kafka_message_timestamp(m, &ts_type);
  const bool invalid_timestamp = ts_type != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE && ts < -1;
  if (ts_type != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE && ts >= 0) {
    record->timestamp = ts;
    record->timestamp_type = ts_type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME
                                 ? connect::TimestampType::kLogAppendTime
                                 : connect::TimestampType::kCreateTime;
  }

  connect::KafkaBytes key = bytes_of(m->key, m->key_len);
  connect::KafkaBytes value = bytes_of(m->payload, m->len);
  record->raw_key_is_null = !key.has_value();
  record->raw_value_is_null = !value.has_value();
  if (key) record->raw_key = *key;
  if (value) record->raw_value = *value;

  connect::SchemaAndValue decoded;
  Status st = converters.key->to_connect(record->topic, key, arena, decoded);
  if (!st.ok()) *failed_stage = "KEY_CONVERTER";
  if (!st.ok()) return conversion_failure(st, "Key", *record);
  record->key_schema = std::move(decoded.schema);
  record->key = decoded.value;

  decoded = connect::SchemaAndValue();
  st = converters.value->to_connect(record->topic, value, arena, decoded);
  if (!st.ok()) *failed_stage = "VALUE_CONVERTER";
  if (!st.ok()) return conversion_failure(st, "Value", *record);
  record->value_schema = std::move(decoded.schema);
  record->value = decoded.value;
  if (converters.value_binder != nullptr && !record->value.is_null()) {
    connect::Value bound;
    st = converters.value_binder->bind(record->value_schema.get(), record->value, arena, &bound);
    if (!st.ok()) *failed_stage = "VALUE_CONVERTER";
    if (!st.ok()) return conversion_failure(st, "Value", *record);
    record->value_schema = converters.value_binder->schema();
    record->value = bound;
  }

  headers->clear();
  rd_kafka_headers_t* hdrs = nullptr;
  if (converters.header != nullptr &&
      rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs != nullptr) {
    const char* name = nullptr;
    const void* data = nullptr;
    size_t size = 0;
    for (size_t i = 0;
         rd_kafka_header_get_all(hdrs, i, &name, &data, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      connect::Header h;
      // Java's consumer decodes header keys as UTF-8 Strings (malformed bytes become U+FFFD).
      h.key = connect::decode_utf8(name, arena);
      h.raw_is_null = data == nullptr;
      if (data != nullptr) h.raw = std::string_view(static_cast<const char*>(data), size);
      decoded = connect::SchemaAndValue();
      st = converters.header->to_connect_header(record->topic, h.key, bytes_of(data, size), arena,
                                                decoded);
      if (!st.ok()) {
        *failed_stage = "HEADER_CONVERTER";
        return conversion_failure(st, "Header '" + std::string(h.key) + "'", *record);
      }
      h.schema = std::move(decoded.schema);
      h.value = decoded.value;
      headers->push_back(std::move(h));
    }
  }
  record->headers = *headers;
  if (invalid_timestamp) {
    // Connect checks this after the converters, outside the error-tolerance machinery: it fails
    // the task whatever errors.tolerance says.
    return Status::fatal("Invalid record timestamp " + std::to_string(ts) + " (" + where(*record) +
                         ")");
  }
  return Status::ok_status();
}

}  // namespace sluice::runtime
