// FakeKafka: an in-memory Kafka for unit tests of code that reads through kafka::Consumer — the
// partitions' logs, one consumer group's committed offsets, and the consumers it hands out.
//
// A test owns the FakeKafka, appends records with produce(), and passes factory() where a
// kafka::ConsumerFactory is wanted (TaskSettings::consumer_factory). Rebalances are scripted:
// assign() and revoke() queue them, and the consumer delivers them to its RebalanceListener inside
// its next poll(), as librdkafka does. A new consumer starts each assigned partition at its
// committed offset (0 when none: auto.offset.reset=earliest). Commits can be made to fail.
// Thread-safe: the test thread produces, scripts and inspects while a task thread polls; the
// listener is called without the lock held, so it may call back into the consumer.
#pragma once

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "connect/record_converter.h"
#include "kafka/consumer.h"
#include "kafka/message_batch.h"
#include "kafka/topic_partition.h"
#include "util/status.h"

namespace sluice::test_support {

class FakeKafka {
 public:
  using TopicPartition = kafka::TopicPartition;
  using Header = std::pair<std::string, std::optional<std::string>>;

  FakeKafka() = default;
  FakeKafka(const FakeKafka&) = delete;
  FakeKafka& operator=(const FakeKafka&) = delete;

  // Appends a record to `tp` and returns its offset. A null value is a tombstone.
  int64_t produce(const TopicPartition& tp, std::optional<std::string> value,
                  std::optional<std::string> key = std::nullopt, int64_t timestamp = 1000,
                  std::vector<Header> headers = {}) {
    std::lock_guard lock(mutex_);
    std::deque<Stored>& log = logs_[tp];
    Stored& s = log.emplace_back();
    s.topic = tp.topic;
    s.key = std::move(key);
    s.value = std::move(value);
    s.headers = std::move(headers);
    for (const Header& h : s.headers) {
      s.header_views.push_back(connect::KafkaHeaderView{
          h.first, h.second ? connect::KafkaBytes(*h.second) : std::nullopt});
    }
    s.view.topic = s.topic;
    s.view.partition = tp.partition;
    s.view.offset = static_cast<int64_t>(log.size()) - 1;
    s.view.timestamp = timestamp;
    s.view.timestamp_type = connect::TimestampType::kCreateTime;
    if (s.key) s.view.key = *s.key;
    if (s.value) s.view.value = *s.value;
    s.view.headers = s.header_views;
    return s.view.offset;
  }

  // Queues an assignment (or a revocation) for the consumer's next poll.
  void assign(std::vector<TopicPartition> partitions) {
    std::lock_guard lock(mutex_);
    events_.push_back(Event{true, std::move(partitions), false});
  }
  void revoke(std::vector<TopicPartition> partitions, bool lost = false) {
    std::lock_guard lock(mutex_);
    events_.push_back(Event{false, std::move(partitions), lost});
  }
  // The next `times` commits fail with `status` and commit nothing.
  void fail_commits(Status status, int times = 1) {
    std::lock_guard lock(mutex_);
    commit_failure_ = std::move(status);
    commit_failures_left_ = times;
  }
  // A group offset committed before the consumer starts (a previous owner's).
  void set_committed(const TopicPartition& tp, int64_t offset, std::string metadata = "") {
    std::lock_guard lock(mutex_);
    committed_[tp] = {offset, std::move(metadata)};
  }

  // The group's committed offset of `tp`, if any.
  std::optional<int64_t> committed_offset(const TopicPartition& tp) const {
    std::lock_guard lock(mutex_);
    auto it = committed_.find(tp);
    if (it == committed_.end()) return std::nullopt;
    return it->second.first;
  }
  // Every offset successfully committed for `tp`, in order.
  std::vector<int64_t> commit_history(const TopicPartition& tp) const {
    std::lock_guard lock(mutex_);
    std::vector<int64_t> out;
    for (const kafka::OffsetCommit& c : history_)
      if (c.tp == tp) out.push_back(c.offset);
    return out;
  }
  int failed_commits() const {
    std::lock_guard lock(mutex_);
    return failed_commits_;
  }
  bool paused(const TopicPartition& tp) const {
    std::lock_guard lock(mutex_);
    return paused_.count(tp) != 0;
  }
  std::set<TopicPartition> assignment() const {
    std::lock_guard lock(mutex_);
    std::set<TopicPartition> out;
    for (const auto& [tp, position] : positions_) out.insert(tp);
    return out;
  }
  // The offset the consumer reads `tp` from next; -1 when not assigned.
  int64_t position(const TopicPartition& tp) const {
    std::lock_guard lock(mutex_);
    auto it = positions_.find(tp);
    return it == positions_.end() ? -1 : it->second;
  }
  // How many records of `tp` were handed out, counting re-reads after a seek.
  int64_t delivered(const TopicPartition& tp) const {
    std::lock_guard lock(mutex_);
    auto it = delivered_.find(tp);
    return it == delivered_.end() ? 0 : it->second;
  }
  int64_t polls() const {
    std::lock_guard lock(mutex_);
    return polls_;
  }
  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }

  // Hands out consumers of this FakeKafka. The FakeKafka must outlive them.
  kafka::ConsumerFactory factory() {
    return [this](const kafka::ConsumerOptions& options,
                  kafka::RebalanceListener* listener) -> Result<std::unique_ptr<kafka::Consumer>> {
      return std::unique_ptr<kafka::Consumer>(
          std::make_unique<Consumer>(this, listener, options.max_batch));
    };
  }

 private:
  struct Stored {
    std::string topic;
    std::optional<std::string> key;
    std::optional<std::string> value;
    std::vector<Header> headers;
    std::vector<connect::KafkaHeaderView> header_views;
    connect::KafkaRecordView view;
  };
  struct Event {
    bool assign;
    std::vector<TopicPartition> partitions;
    bool lost;
  };

  class Consumer final : public kafka::Consumer {
   public:
    Consumer(FakeKafka* kafka, kafka::RebalanceListener* listener, size_t max_batch)
        : kafka_(kafka), listener_(listener), max_batch_(max_batch) {}

    Status poll(std::chrono::milliseconds timeout, kafka::MessageBatch* batch) override {
      batch->clear();
      for (;;) {  // rebalances first, outside the lock: the listener calls back in
        std::optional<Event> event = kafka_->next_event();
        if (!event) break;
        if (event->assign) {
          kafka_->start(event->partitions);
          listener_->on_partitions_assigned(event->partitions);
        } else {
          listener_->on_partitions_revoked(event->partitions, event->lost);
          kafka_->stop(event->partitions);
        }
      }
      if (kafka_->fill(batch, max_batch_) == 0) {
        // Nothing to read: wait a little, as a real poll would, without stalling the test.
        std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(2)));
      }
      return Status::ok_status();
    }
    Status commit(const std::vector<kafka::OffsetCommit>& offsets) override {
      return kafka_->commit(offsets);
    }
    Result<std::vector<kafka::OffsetCommit>> committed(
        const std::vector<TopicPartition>& partitions, std::chrono::milliseconds) override {
      return kafka_->committed(partitions);
    }
    Status seek(const TopicPartition& tp, int64_t offset) override {
      std::lock_guard lock(kafka_->mutex_);
      auto it = kafka_->positions_.find(tp);
      if (it == kafka_->positions_.end())
        return Status::fatal("seek: " + tp.to_string() + " is not assigned");
      it->second = offset;
      return Status::ok_status();
    }
    Status pause(const std::vector<TopicPartition>& partitions) override {
      std::lock_guard lock(kafka_->mutex_);
      for (const TopicPartition& tp : partitions) kafka_->paused_.insert(tp);
      return Status::ok_status();
    }
    Status resume(const std::vector<TopicPartition>& partitions) override {
      std::lock_guard lock(kafka_->mutex_);
      for (const TopicPartition& tp : partitions) kafka_->paused_.erase(tp);
      return Status::ok_status();
    }
    void close() override {
      std::vector<TopicPartition> owned;
      for (const TopicPartition& tp : kafka_->assignment()) owned.push_back(tp);
      if (!owned.empty()) listener_->on_partitions_revoked(owned, false);
      kafka_->stop(owned);
      std::lock_guard lock(kafka_->mutex_);
      kafka_->closed_ = true;
    }
    std::optional<std::string> cluster_id() override { return "fake-cluster"; }

   private:
    FakeKafka* kafka_;
    kafka::RebalanceListener* listener_;
    size_t max_batch_;
  };

  std::optional<Event> next_event() {
    std::lock_guard lock(mutex_);
    ++polls_;
    if (events_.empty()) return std::nullopt;
    Event e = std::move(events_.front());
    events_.pop_front();
    return e;
  }
  void start(const std::vector<TopicPartition>& partitions) {
    std::lock_guard lock(mutex_);
    for (const TopicPartition& tp : partitions) {
      auto c = committed_.find(tp);
      positions_[tp] = c == committed_.end() ? 0 : c->second.first;
    }
  }
  void stop(const std::vector<TopicPartition>& partitions) {
    std::lock_guard lock(mutex_);
    for (const TopicPartition& tp : partitions) {
      positions_.erase(tp);
      paused_.erase(tp);
    }
  }
  size_t fill(kafka::MessageBatch* batch, size_t max) {
    std::lock_guard lock(mutex_);
    size_t n = 0;
    for (auto& [tp, position] : positions_) {
      if (paused_.count(tp) != 0) continue;
      const std::deque<Stored>& log = logs_[tp];
      while (n < max && position < static_cast<int64_t>(log.size())) {
        batch->add(log[static_cast<size_t>(position++)].view);
        ++delivered_[tp];
        ++n;
      }
    }
    return n;
  }
  Status commit(const std::vector<kafka::OffsetCommit>& offsets) {
    std::lock_guard lock(mutex_);
    if (commit_failures_left_ > 0) {
      --commit_failures_left_;
      ++failed_commits_;
      return commit_failure_;
    }
    for (const kafka::OffsetCommit& c : offsets) {
      committed_[c.tp] = {c.offset, c.metadata};
      history_.push_back(c);
    }
    return Status::ok_status();
  }
  std::vector<kafka::OffsetCommit> committed(const std::vector<TopicPartition>& partitions) {
    std::lock_guard lock(mutex_);
    std::vector<kafka::OffsetCommit> out;
    for (const TopicPartition& tp : partitions) {
      auto it = committed_.find(tp);
      if (it == committed_.end()) {
        out.push_back(kafka::OffsetCommit{tp, -1, ""});
      } else {
        out.push_back(kafka::OffsetCommit{tp, it->second.first, it->second.second});
      }
    }
    return out;
  }

  mutable std::mutex mutex_;
  // Records stay where they are while the log grows (deque), so handed-out views stay valid.
  std::map<TopicPartition, std::deque<Stored>> logs_;
  std::deque<Event> events_;
  std::map<TopicPartition, int64_t> positions_;  // the assignment, with the next offset to read
  std::set<TopicPartition> paused_;
  std::map<TopicPartition, std::pair<int64_t, std::string>> committed_;
  std::vector<kafka::OffsetCommit> history_;
  std::map<TopicPartition, int64_t> delivered_;
  Status commit_failure_;
  int commit_failures_left_ = 0;
  int failed_commits_ = 0;
  int64_t polls_ = 0;
  bool closed_ = false;
};

}  // namespace sluice::test_support
