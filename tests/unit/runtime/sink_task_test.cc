// SinkTask over an in-memory Kafka (test_support/fake_kafka.h) and the in-memory object store:
// what it commits (only offsets whose records are durable in S3), how it rewinds after a failed
// upload, what a revocation commits, errors.tolerance, REST pause/resume, and the memory budget's
// early rotation. Each test runs the task on its own thread, as ConnectorRuntime does, and stops
// it through TaskControl.
#include "runtime/sink_task.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "connect/converter_factory.h"
#include "format/record_writer_provider.h"
#include "sink/memory_budget.h"
#include "sink/partitioner.h"
#include "sink/store_proxy.h"
#include "sink/uploader.h"
#include "storage/memory_object_store.h"
#include "test_support/fake_kafka.h"

namespace sluice::runtime {
namespace {

using kafka::TopicPartition;
using storage::ObjectStoreOp;
using test_support::FakeKafka;

const TopicPartition kP0{"orders", 0};
const TopicPartition kP1{"orders", 1};

// The object holding the file of `tp` that starts at `start` (default partitioner, JSON).
std::string key_of(const TopicPartition& tp, int64_t start) {
  char offset[16];
  std::snprintf(offset, sizeof offset, "%010lld", static_cast<long long>(start));
  return "topics/" + tp.topic + "/partition=" + std::to_string(tp.partition) + "/" + tp.topic +
         "+" + std::to_string(tp.partition) + "+" + offset + ".json";
}

std::string json_string(int i) {
  return "\"v" + std::to_string(i) + "\"";
}

// A dead-letter queue in memory: what was reported, and a flush that can be made to fail.
// Shared with the test thread (the task owns the reporter it is handed).
struct FakeDeadLetters {
  struct Report {
    int64_t offset;
    std::string stage;
    std::string class_name;
    std::string value;
  };
  std::mutex mutex;
  std::vector<Report> reports;
  DeadLetterQueueOptions options;
  Status flush_status;
  int flushes = 0;

  std::vector<Report> snapshot() {
    std::lock_guard lock(mutex);
    return reports;
  }

  ErrantRecordReporterFactory factory() {
    class Reporter final : public ErrantRecordReporter {
     public:
      explicit Reporter(FakeDeadLetters* d) : d_(d) {}
      Status report(const connect::KafkaRecordView& r, const ErrantRecordContext& c) override {
        std::lock_guard lock(d_->mutex);
        d_->reports.push_back(Report{r.offset, std::string(c.stage), std::string(c.class_name),
                                     std::string(r.value.value_or("<null>"))});
        return Status::ok_status();
      }
      Status flush(std::chrono::milliseconds) override {
        std::lock_guard lock(d_->mutex);
        ++d_->flushes;
        return d_->flush_status;
      }

     private:
      FakeDeadLetters* d_;
    };
    return
        [this](const DeadLetterQueueOptions& o) -> Result<std::unique_ptr<ErrantRecordReporter>> {
          std::lock_guard lock(mutex);
          options = o;
          return std::unique_ptr<ErrantRecordReporter>(std::make_unique<Reporter>(this));
        };
  }
};

class SinkTaskTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (thread_.joinable()) (void)stop();
  }

  // Makes the services and starts the task on its thread. `tweak` adjusts the settings.
  void start(int64_t flush_size, std::function<void(TaskSettings&)> tweak = {},
             size_t budget_bytes = 64 * 1024 * 1024) {
    store_.set_min_part_size(0);
    budget_ = std::make_unique<sink::MemoryBudget>(budget_bytes);
    partitioner_ = std::move(sink::make_partitioner(sink::PartitionerOptions{})).value();
    format_ =
        std::move(format::make_record_writer_provider(format::FormatClass::kJson, {})).value();
    uploader_ = std::make_unique<sink::Uploader>(2, sink::proxy_factory(&store_));
    services_.uploader = uploader_.get();
    services_.budget = budget_.get();
    services_.partitioner = partitioner_.get();
    services_.value_format = format_.get();
    services_.policy.flush_size = flush_size;

    TaskSettings s;
    s.connector_name = "s3-sink";
    s.consumer_factory = kafka_.factory();
    s.consumer.max_batch = 50;
    s.commit_interval = std::chrono::milliseconds(1);
    s.retry_backoff = std::chrono::milliseconds(20);
    s.poll_timeout = std::chrono::milliseconds(5);
    s.shutdown_timeout = std::chrono::milliseconds(5000);
    s.control = &control_;
    if (tweak) tweak(s);

    TaskPipeline pipeline;
    pipeline.converter = std::make_unique<connect::RecordConverter>(
        std::move(connect::make_converter("org.apache.kafka.connect.storage.StringConverter", {},
                                          /*is_key=*/true))
            .value(),
        std::move(connect::make_converter("org.apache.kafka.connect.json.JsonConverter",
                                          {{"schemas.enable", "false"}}, /*is_key=*/false))
            .value(),
        std::move(connect::make_header_converter(
                      "org.apache.kafka.connect.storage.SimpleHeaderConverter", {}))
            .value());
    task_ = std::make_unique<SinkTask>(std::move(s), std::move(pipeline), services_);
    thread_ = std::thread([this] {
      result_ = task_->run();
      finished_ = true;
    });
  }

  Status stop() {
    control_.stop = true;
    thread_.join();
    return result_;
  }

  // Polls `done` until it holds or 10 s passed.
  static bool eventually(const std::function<bool()>& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return done();
  }

  bool committed_reaches(const TopicPartition& tp, int64_t offset) {
    return eventually([&] { return kafka_.committed_offset(tp) == offset; });
  }

  // The JSON lines of every object of `tp`, in key order.
  std::vector<std::string> stored_lines(const TopicPartition& tp) {
    std::vector<std::string> lines;
    const std::string prefix =
        "topics/" + tp.topic + "/partition=" + std::to_string(tp.partition) + "/";
    for (const std::string& key : store_.keys()) {
      if (key.rfind(prefix, 0) != 0) continue;
      std::string body = store_.object(key)->body;
      size_t begin = 0;
      for (size_t end; (end = body.find('\n', begin)) != std::string::npos; begin = end + 1)
        lines.push_back(body.substr(begin, end - begin));
    }
    return lines;
  }

  FakeKafka kafka_;
  storage::MemoryObjectStore store_;
  std::unique_ptr<sink::MemoryBudget> budget_;
  std::unique_ptr<sink::Partitioner> partitioner_;
  std::unique_ptr<format::RecordWriterProvider> format_;
  std::unique_ptr<sink::Uploader> uploader_;
  sink::WriterServices services_;
  TaskControl control_;
  std::unique_ptr<SinkTask> task_;
  std::thread thread_;
  Status result_;
  std::atomic<bool> finished_{false};
};

TEST_F(SinkTaskTest, CommitsOnlyOffsetsOfFilesDurableInS3) {
  kafka_.assign({kP0});
  for (int i = 0; i < 7; ++i) kafka_.produce(kP0, json_string(i));
  start(/*flush_size=*/3);
  ASSERT_TRUE(committed_reaches(kP0, 6));
  EXPECT_EQ(store_.object(key_of(kP0, 0))->body, "\"v0\"\n\"v1\"\n\"v2\"\n");
  EXPECT_EQ(store_.object(key_of(kP0, 3))->body, "\"v3\"\n\"v4\"\n\"v5\"\n");
  ASSERT_TRUE(stop().ok());
  // The record at offset 6 sat in an open file: never committed, not even at shutdown (the next
  // run rebuilds that file from offset 6).
  EXPECT_EQ(kafka_.committed_offset(kP0), 6);
  for (int64_t offset : kafka_.commit_history(kP0)) EXPECT_TRUE(offset == 3 || offset == 6);
  EXPECT_EQ(store_.object_count(), 2u);
  EXPECT_TRUE(kafka_.closed());
}

TEST_F(SinkTaskTest, FailedUploadCommitsNothingPastItAndRewindsToTheDurableOffset) {
  std::atomic<bool> s3_down{false};
  store_.set_hook([&](ObjectStoreOp op, std::string_view) {
    if (s3_down && op == ObjectStoreOp::kPutObject) return Status::retriable("503 SlowDown");
    return Status::ok_status();
  });
  kafka_.assign({kP0});
  kafka_.produce(kP0, json_string(0));
  kafka_.produce(kP0, json_string(1));
  start(/*flush_size=*/2);
  ASSERT_TRUE(committed_reaches(kP0, 2));

  s3_down = true;
  kafka_.produce(kP0, json_string(2));
  kafka_.produce(kP0, json_string(3));
  // The task re-reads offsets 2 and 3 after each failed upload (retry.backoff.ms apart).
  ASSERT_TRUE(eventually([&] { return kafka_.delivered(kP0) >= 2 + 2 * 3; }));
  EXPECT_EQ(kafka_.committed_offset(kP0), 2);
  EXPECT_EQ(store_.object_count(), 1u);

  s3_down = false;
  ASSERT_TRUE(committed_reaches(kP0, 4));
  ASSERT_TRUE(stop().ok());
  EXPECT_EQ(store_.object(key_of(kP0, 2))->body, "\"v2\"\n\"v3\"\n");
  EXPECT_EQ(stored_lines(kP0), (std::vector<std::string>{"\"v0\"", "\"v1\"", "\"v2\"", "\"v3\""}));
  for (int64_t offset : kafka_.commit_history(kP0)) EXPECT_TRUE(offset == 2 || offset == 4);
}

TEST_F(SinkTaskTest, FailedCommitIsOfferedAgain) {
  kafka_.fail_commits(Status::retriable("coordinator not available"), 3);
  kafka_.assign({kP0});
  kafka_.produce(kP0, json_string(0));
  start(/*flush_size=*/1);
  ASSERT_TRUE(committed_reaches(kP0, 1));
  ASSERT_TRUE(stop().ok());
  EXPECT_EQ(kafka_.failed_commits(), 3);
  EXPECT_EQ(store_.object_count(), 1u);
}

TEST_F(SinkTaskTest, RevocationCommitsDurableFilesAndDropsOpenOnes) {
  kafka_.assign({kP0, kP1});
  for (int i = 0; i < 5; ++i) kafka_.produce(kP1, json_string(i));
  // No periodic commit: what p1 gets committed comes from the revocation alone.
  start(/*flush_size=*/2, [](TaskSettings& s) { s.commit_interval = std::chrono::hours(1); });
  ASSERT_TRUE(eventually([&] { return store_.object(key_of(kP1, 2)).has_value(); }));
  EXPECT_EQ(kafka_.committed_offset(kP1), std::nullopt);

  kafka_.revoke({kP1});
  ASSERT_TRUE(committed_reaches(kP1, 4));  // offset 4 was in the dropped open file
  EXPECT_EQ(kafka_.assignment(), (std::set<TopicPartition>{kP0}));
  kafka_.produce(kP1, json_string(5));
  kafka_.produce(kP0, json_string(0));
  kafka_.produce(kP0, json_string(1));
  ASSERT_TRUE(stop().ok());
  EXPECT_EQ(kafka_.delivered(kP1), 5);
  EXPECT_EQ(kafka_.committed_offset(kP1), 4);
  EXPECT_EQ(store_.object_count(), 2u);  // p0's file of two is left open: commit interval
}

TEST_F(SinkTaskTest, LostPartitionsCommitNothing) {
  kafka_.assign({kP0});
  for (int i = 0; i < 2; ++i) kafka_.produce(kP0, json_string(i));
  start(/*flush_size=*/2, [](TaskSettings& s) { s.commit_interval = std::chrono::hours(1); });
  ASSERT_TRUE(eventually([&] { return store_.object(key_of(kP0, 0)).has_value(); }));
  kafka_.revoke({kP0}, /*lost=*/true);
  ASSERT_TRUE(eventually([&] { return kafka_.assignment().empty(); }));
  ASSERT_TRUE(stop().ok());
  EXPECT_EQ(kafka_.committed_offset(kP0), std::nullopt);
}

TEST_F(SinkTaskTest, ToleranceNoneFailsTheTaskAtABadRecord) {
  kafka_.assign({kP0});
  kafka_.produce(kP0, json_string(0));
  kafka_.produce(kP0, std::string("{not json"));
  kafka_.produce(kP0, json_string(2));
  start(/*flush_size=*/1);
  ASSERT_TRUE(eventually([&] { return finished_.load(); }));
  Status st = stop();
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_NE(st.message().find("Tolerance exceeded"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("offset=1"), std::string::npos) << st.message();
  EXPECT_FALSE(store_.object(key_of(kP0, 2)).has_value());
  const std::optional<int64_t> committed = kafka_.committed_offset(kP0);
  EXPECT_TRUE(!committed || *committed <= 1) << *committed;
}

TEST_F(SinkTaskTest, ToleranceAllSkipsABadRecordAndCommitsPastIt) {
  kafka_.assign({kP0});
  kafka_.produce(kP0, json_string(0));
  kafka_.produce(kP0, std::string("{not json"));
  kafka_.produce(kP0, json_string(2));
  kafka_.produce(kP0, json_string(3));
  start(/*flush_size=*/3, [](TaskSettings& s) { s.error_tolerance = ErrorTolerance::kAll; });
  ASSERT_TRUE(committed_reaches(kP0, 4));
  ASSERT_TRUE(stop().ok());
  EXPECT_EQ(stored_lines(kP0), (std::vector<std::string>{"\"v0\"", "\"v2\"", "\"v3\""}));
}

TEST_F(SinkTaskTest, DeadLetterQueueGetsTheBadRecordBeforeItsOffsetIsCommitted) {
  FakeDeadLetters dlq;
  kafka_.assign({kP0});
  kafka_.produce(kP0, json_string(0));
  kafka_.produce(kP0, std::string("{not json"));
  kafka_.produce(kP0, std::nullopt);
  kafka_.produce(kP0, json_string(3));
  start(/*flush_size=*/2, [&](TaskSettings& s) {
    s.error_tolerance = ErrorTolerance::kAll;
    s.null_values = NullValueBehavior::kIgnore;
    s.dead_letter_queue.topic = "dlq";
    s.dead_letter_queue_factory = dlq.factory();
  });
  ASSERT_TRUE(committed_reaches(kP0, 4));
  ASSERT_TRUE(stop().ok());
  EXPECT_EQ(dlq.options.topic, "dlq");
  std::vector<FakeDeadLetters::Report> reports = dlq.snapshot();
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].offset, 1);
  EXPECT_EQ(reports[0].stage, "VALUE_CONVERTER");
  EXPECT_EQ(reports[0].class_name, "org.apache.kafka.connect.json.JsonConverter");
  EXPECT_EQ(reports[0].value, "{not json");
  EXPECT_EQ(reports[1].offset, 2);  // the ignored null value, reported as Connect's TASK_PUT
  EXPECT_EQ(reports[1].stage, "TASK_PUT");
  EXPECT_GE(dlq.flushes, 1);
  EXPECT_EQ(stored_lines(kP0), (std::vector<std::string>{"\"v0\"", "\"v3\""}));
}

TEST_F(SinkTaskTest, NoOffsetIsCommittedPastARecordTheDeadLetterQueueDidNotTake) {
  FakeDeadLetters dlq;
  dlq.flush_status = Status::fatal("dead-letter queue dlq: 1 record(s) could not be delivered");
  kafka_.assign({kP0});
  kafka_.produce(kP0, std::string("{not json"));
  kafka_.produce(kP0, json_string(1));
  start(/*flush_size=*/1, [&](TaskSettings& s) {
    s.error_tolerance = ErrorTolerance::kAll;
    s.dead_letter_queue.topic = "dlq";
    s.dead_letter_queue_factory = dlq.factory();
  });
  ASSERT_TRUE(eventually([&] { return finished_.load(); }));
  Status st = stop();
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_NE(st.message().find("could not be delivered"), std::string::npos) << st.message();
  EXPECT_EQ(dlq.snapshot().size(), 1u);
  EXPECT_EQ(kafka_.committed_offset(kP0), std::nullopt);
}

TEST_F(SinkTaskTest, ToleranceNoneStillReportsToTheDeadLetterQueue) {
  FakeDeadLetters dlq;
  kafka_.assign({kP0});
  kafka_.produce(kP0, std::string("[1,"));
  start(/*flush_size=*/1, [&](TaskSettings& s) {
    s.dead_letter_queue.topic = "dlq";
    s.dead_letter_queue_factory = dlq.factory();
  });
  ASSERT_TRUE(eventually([&] { return finished_.load(); }));
  EXPECT_NE(stop().message().find("Tolerance exceeded"), std::string::npos);
  ASSERT_EQ(dlq.snapshot().size(), 1u);
  EXPECT_EQ(dlq.snapshot()[0].offset, 0);
}

TEST_F(SinkTaskTest, NullValuesFailOrAreSkippedAsConfigured) {
  kafka_.assign({kP0});
  kafka_.produce(kP0, json_string(0));
  kafka_.produce(kP0, std::nullopt);
  kafka_.produce(kP0, json_string(2));
  start(/*flush_size=*/2, [](TaskSettings& s) { s.null_values = NullValueBehavior::kIgnore; });
  ASSERT_TRUE(committed_reaches(kP0, 3));
  ASSERT_TRUE(stop().ok());
  EXPECT_EQ(stored_lines(kP0), (std::vector<std::string>{"\"v0\"", "\"v2\""}));
}

TEST_F(SinkTaskTest, NullValueFailsTheTaskByDefault) {
  kafka_.assign({kP0});
  kafka_.produce(kP0, std::nullopt);
  start(/*flush_size=*/1);
  ASSERT_TRUE(eventually([&] { return finished_.load(); }));
  Status st = stop();
  EXPECT_NE(st.message().find("Null valued records are not writeable"), std::string::npos)
      << st.message();
}

TEST_F(SinkTaskTest, PauseStopsConsumingAndResumeGoesOn) {
  kafka_.assign({kP0});
  kafka_.produce(kP0, json_string(0));
  start(/*flush_size=*/1);
  ASSERT_TRUE(committed_reaches(kP0, 1));

  control_.paused = true;
  ASSERT_TRUE(eventually([&] { return kafka_.paused(kP0); }));
  kafka_.produce(kP0, json_string(1));
  // A partition assigned while paused is paused before it is read.
  kafka_.produce(kP1, json_string(0));
  kafka_.assign({kP1});
  ASSERT_TRUE(eventually([&] { return kafka_.paused(kP1); }));
  const int64_t polls = kafka_.polls();
  ASSERT_TRUE(eventually([&] { return kafka_.polls() > polls + 20; }));  // still polling
  EXPECT_EQ(kafka_.delivered(kP0), 1);
  EXPECT_EQ(kafka_.delivered(kP1), 0);

  control_.paused = false;
  ASSERT_TRUE(committed_reaches(kP0, 2));
  ASSERT_TRUE(committed_reaches(kP1, 1));
  EXPECT_FALSE(kafka_.paused(kP0));
  ASSERT_TRUE(stop().ok());
}

TEST_F(SinkTaskTest, MemoryBudgetRotatesFilesEarlyAndStaysBounded) {
  constexpr size_t kBudget = 16 * 1024;
  constexpr int kRecords = 400;
  constexpr size_t kValueBytes = 200;
  // Slow uploads keep memory charged for a while, so the task waits for room before it rotates.
  store_.set_hook([](ObjectStoreOp op, std::string_view) {
    if (op == ObjectStoreOp::kPutObject) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return Status::ok_status();
  });
  kafka_.assign({kP0, kP1});
  std::vector<std::string> expected0;
  std::vector<std::string> expected1;
  for (int i = 0; i < kRecords; ++i) {
    std::string value = "\"" + std::to_string(i) + std::string(kValueBytes, 'x') + "\"";
    const TopicPartition& tp = i % 2 == 0 ? kP0 : kP1;
    kafka_.produce(tp, value);
    (i % 2 == 0 ? expected0 : expected1).push_back(value);
  }
  // flush.size alone would never rotate: every file is cut by the budget.
  start(
      /*flush_size=*/1000000, [](TaskSettings& s) { s.consumer.max_batch = 8; }, kBudget);
  ASSERT_TRUE(eventually([&] {
    return kafka_.delivered(kP0) == kRecords / 2 && kafka_.delivered(kP1) == kRecords / 2;
  }));
  // Files stay open once the budget has room again; at least half of the data must be out.
  ASSERT_TRUE(eventually([&] {
    return kafka_.committed_offset(kP0).value_or(0) + kafka_.committed_offset(kP1).value_or(0) >=
           kRecords / 2;
  }));
  ASSERT_TRUE(stop().ok());

  // The budget is checked between batches: it can be passed by what one batch adds (eight
  // records), and a buffer's capacity (charged) is at most twice its bytes.
  const size_t batch_bytes = 8 * (kValueBytes + 16);
  // Early rotation cut the files (flush.size never would), none bigger than the budget allows,
  // and every record is in exactly one of them, in order (the last files stayed open: they are
  // rebuilt by the next run from the committed offset).
  EXPECT_GE(store_.object_count(), 4u);
  for (const std::string& key : store_.keys()) {
    EXPECT_LE(store_.object(key)->body.size(), kBudget + batch_bytes) << key;
  }
  for (const auto& [tp, expected] : {std::pair{kP0, &expected0}, std::pair{kP1, &expected1}}) {
    std::vector<std::string> lines = stored_lines(tp);
    ASSERT_LE(lines.size(), expected->size());
    EXPECT_TRUE(std::equal(lines.begin(), lines.end(), expected->begin()));
    EXPECT_EQ(kafka_.committed_offset(tp), static_cast<int64_t>(lines.size()));
  }
  EXPECT_LE(budget_->peak(), 2 * (kBudget + batch_bytes)) << budget_->peak();
  EXPECT_EQ(budget_->used(), 0u);
}

}  // namespace
}  // namespace sluice::runtime
