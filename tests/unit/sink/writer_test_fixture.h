// The fixture of the TopicPartitionWriter unit tests: a writer over the in-memory object store,
// with the partitioner, format and rotation policy a test picks, and a clock the test controls.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "format/record_writer_provider.h"
#include "sink/partitioner.h"
#include "sink/timestamp_extractor.h"
#include "sink/topic_partition_writer.h"
#include "storage/memory_object_store.h"
#include "store_proxy.h"

namespace sluice::sink::test {

using storage::MemoryObjectStore;

class TopicPartitionWriterTest : public ::testing::Test {
 protected:
  void SetUp() override { store_.set_min_part_size(0); }

  void build(PartitionerOptions partitioner_options, RotationPolicy policy,
             std::optional<TimestampExtractorKind> extractor = std::nullopt,
             size_t part_size = 5 * 1024 * 1024, PlanCommitter committer = {},
             format::FormatClass value_format = format::FormatClass::kJson) {
    partitioner_ = std::move(make_partitioner(partitioner_options)).value();
    if (extractor) {
      extractor_ =
          std::move(make_timestamp_extractor(TimestampExtractorOptions{*extractor, "ts"})).value();
    }
    format_ = std::move(format::make_record_writer_provider(value_format, {})).value();
    uploader_ =
        std::make_unique<Uploader>(2, [this] { return std::make_unique<StoreProxy>(&store_); });
    services_.uploader = uploader_.get();
    services_.budget = &budget_;
    services_.partitioner = partitioner_.get();
    services_.timestamp_extractor = extractor_.get();
    services_.value_format = format_.get();
    services_.part_size = part_size;
    services_.policy = policy;
    writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3, committer);
  }

  connect::SinkRecord record(int64_t offset, std::string_view value, int64_t timestamp = 0) {
    connect::SinkRecord r;
    r.topic = "orders";
    r.partition = 3;
    r.offset = offset;
    r.timestamp = timestamp;
    r.value_schema = connect::Schema::optional_string();
    r.value = connect::Value::string(value);
    return r;
  }

  // Ticks until every rotation handed to the uploader has finished.
  Status settle(int64_t now_ms = 0) {
    for (int i = 0; i < 500; ++i) {
      Status st = writer_->tick(now_ms);
      if (!st.ok() || !writer_->has_pending_uploads()) return st;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return Status::fatal("uploads did not settle");
  }

  std::string body(const std::string& key) {
    auto obj = store_.object(key);
    return obj ? obj->body : "<missing " + key + ">";
  }

  MemoryObjectStore store_;
  MemoryBudget budget_{64 * 1024 * 1024};
  std::unique_ptr<Partitioner> partitioner_;
  std::unique_ptr<TimestampExtractor> extractor_;
  std::unique_ptr<format::RecordWriterProvider> format_;
  std::unique_ptr<Uploader> uploader_;
  WriterServices services_;
  std::unique_ptr<TopicPartitionWriter> writer_;
  std::vector<std::string> values_;
};

}  // namespace sluice::sink::test
