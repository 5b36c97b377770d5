#include "kafka/record_view.h"

#include "connect/charset_decoder.h"

namespace sluice::kafka {

namespace {

connect::KafkaBytes bytes_of(const void* data, size_t size) {
  if (data == nullptr) return std::nullopt;
  return std::string_view(static_cast<const char*>(data), size);
}

}  // namespace

connect::KafkaRecordView record_view(const rd_kafka_message_t* m, connect::Arena& arena,
                                     std::vector<connect::KafkaHeaderView>* headers) {
  connect::KafkaRecordView view;
  view.topic = rd_kafka_topic_name(m->rkt);
  view.partition = m->partition;
  view.offset = m->offset;
  rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
  const int64_t timestamp = rd_kafka_message_timestamp(m, &type);
  if (type != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE) {
    view.timestamp = timestamp;
    view.timestamp_type = type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME
                              ? connect::TimestampType::kLogAppendTime
                              : connect::TimestampType::kCreateTime;
  }
  view.key = bytes_of(m->key, m->key_len);
  view.value = bytes_of(m->payload, m->len);

  headers->clear();
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs != nullptr) {
    const char* name = nullptr;
    const void* data = nullptr;
    size_t size = 0;
    for (size_t i = 0;
         rd_kafka_header_get_all(hdrs, i, &name, &data, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      headers->push_back(
          connect::KafkaHeaderView{connect::decode_utf8(name, arena), bytes_of(data, size)});
    }
  }
  view.headers = *headers;
  return view;
}

}  // namespace sluice::kafka
