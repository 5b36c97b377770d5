// MessageBatch: librdkafka messages polled together, owned until the batch is cleared.
//
// Records decoded from these messages keep views into their key, value and header bytes, so the
// messages must outlive every use of the decoded records; the task clears the batch only after
// all its records were written into their files.
#pragma once

#include <librdkafka/rdkafka.h>

#include <vector>

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
  }
  size_t size() const { return messages_.size(); }
  bool empty() const { return messages_.empty(); }
  rd_kafka_message_t* operator[](size_t i) const { return messages_[i]; }
  auto begin() const { return messages_.begin(); }
  auto end() const { return messages_.end(); }

  // For the consumer: room to receive up to `n` messages.
  rd_kafka_message_t** prepare(size_t n) {
    clear();
    messages_.resize(n);
    return messages_.data();
  }
  void set_size(size_t n) { messages_.resize(n); }

 private:
  std::vector<rd_kafka_message_t*> messages_;
};

}  // namespace sluice::kafka
