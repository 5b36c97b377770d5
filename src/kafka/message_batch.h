// MessageBatch: the records one Consumer::poll returned, owned until the batch is cleared.
//
// RdKafkaConsumer fills it with librdkafka messages; an in-memory consumer (unit tests) with
// record views whose bytes it keeps alive until its next poll. Either way the task reads each
// record as a connect::KafkaRecordView through view(), which allocates nothing once the header
// scratch has grown. Records decoded from these views keep views into their key, value and header
// bytes, so the batch must outlive every use of them; the task clears it only after all its
// records were written into their files.
#pragma once

#include <librdkafka/rdkafka.h>

#include <vector>

#include "connect/record_converter.h"
#include "kafka/record_view.h"

namespace sluice::kafka {

class MessageBatch {
 public:
  MessageBatch() = default;
  MessageBatch(const MessageBatch&) = delete;
  MessageBatch& operator=(const MessageBatch&) = delete;
  ~MessageBatch() { clear(); }

  void clear() {
    for (rd_kafka_message_t* m : messages_) rd_kafka_message_destroy(m);
    messages_.clear();
    views_.clear();
  }
  size_t size() const { return messages_.size() + views_.size(); }
  bool empty() const { return size() == 0; }

  // The i-th record. `headers` is scratch space the view's headers may point into; the next call
  // reuses it (record_view.h). REQUIRES: i < size().
  connect::KafkaRecordView view(size_t i, connect::Arena& arena,
                                std::vector<connect::KafkaHeaderView>* headers) const {
    if (i < messages_.size()) return record_view(messages_[i], arena, headers);
    return views_[i - messages_.size()];
  }

  // For RdKafkaConsumer: room to receive up to `n` messages.
  rd_kafka_message_t** prepare(size_t n) {
    clear();
    messages_.resize(n);
    return messages_.data();
  }
  void set_size(size_t n) { messages_.resize(n); }

  // For an in-memory consumer: a record whose bytes (and headers) the consumer keeps alive until
  // it is polled again.
  void add(const connect::KafkaRecordView& record) { views_.push_back(record); }

 private:
  std::vector<rd_kafka_message_t*> messages_;
  std::vector<connect::KafkaRecordView> views_;
};

}  // namespace sluice::kafka
