// Conditional writes (enable.conditional.writes, If-None-Match: *): byte-identical rewrites are
// accepted, different existing objects are never overwritten, and the "file exists" scan picks
// the offset the records are written from again (spec confluent-s3-sink.md §5.11).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "connect/schema.h"
#include "format/record_writer_provider.h"
#include "sink/partitioner.h"
#include "sink/topic_partition_writer.h"
#include "storage/memory_object_store.h"
#include "store_proxy.h"

namespace sluice::sink {
namespace {

using std::chrono::milliseconds;
using storage::MemoryObjectStore;
using storage::ObjectStoreOp;

std::string key_at(int offset) {
  char name[64];
  std::snprintf(name, sizeof(name), "topics/orders/partition=3/orders+3+%010d.json", offset);
  return name;
}

class ConditionalWriteTest : public ::testing::Test {
 protected:
  void build(int64_t flush_size, size_t part_size = 5 * 1024 * 1024, int64_t scan_limit = 100) {
    partitioner_ = std::move(make_partitioner(PartitionerOptions{})).value();
    format_ =
        std::move(format::make_record_writer_provider(format::FormatClass::kJson, {})).value();
    uploader_ = std::make_unique<Uploader>(2, proxy_factory(&store_));
    services_.uploader = uploader_.get();
    services_.budget = &budget_;
    services_.partitioner = partitioner_.get();
    services_.value_format = format_.get();
    services_.part_size = part_size;
    services_.policy.flush_size = flush_size;
    services_.put_options.if_none_match_star = true;
    services_.max_files_scan_limit = scan_limit;
    writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3);
  }

  connect::SinkRecord record(int64_t offset) {
    connect::SinkRecord r;
    r.topic = "orders";
    r.partition = 3;
    r.offset = offset;
    r.value_schema = connect::Schema::optional_string();
    r.value = connect::Value::string("v" + std::to_string(offset));
    return r;
  }

  // Writes offsets [from, to), as the task does after a rewind.
  void write_range(int64_t from, int64_t to) {
    for (int64_t o = from; o < to; ++o) ASSERT_TRUE(writer_->write(record(o), 0).ok());
  }

  Status settle() {
    for (int i = 0; i < 1000; ++i) {
      Status st = writer_->tick(0);
      if (!st.ok() || !writer_->has_pending_uploads()) return st;
      std::this_thread::sleep_for(milliseconds(2));
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
  std::unique_ptr<format::RecordWriterProvider> format_;
  std::unique_ptr<Uploader> uploader_;
  WriterServices services_;
  std::unique_ptr<TopicPartitionWriter> writer_;
};

TEST_F(ConditionalWriteTest, ByteIdenticalRewriteOfAPutObjectIsAccepted) {
  build(3);
  write_range(0, 3);
  ASSERT_TRUE(settle().ok());
  const auto first = store_.object(key_at(0));
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->options.if_none_match_star);
  // A crash before the commit: the next owner writes the same file again.
  writer_->reset();
  writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3);
  write_range(0, 3);
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kPutObject), 2);
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kHeadObject), 1);  // the identity check
  EXPECT_EQ(body(key_at(0)), "\"v0\"\n\"v1\"\n\"v2\"\n");
  EXPECT_EQ(store_.object_count(), 1u);
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(3));
}

TEST_F(ConditionalWriteTest, ByteIdenticalRewriteOfAMultipartObjectIsAcceptedAndItsUploadAborted) {
  build(3, /*part_size=*/5);
  write_range(0, 3);
  ASSERT_TRUE(settle().ok());
  ASSERT_GT(store_.object(key_at(0))->part_count, 1);
  const std::string etag = store_.object(key_at(0))->etag;
  writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3);
  write_range(0, 3);
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kCompleteMultipartUpload), 2);
  EXPECT_EQ(store_.object(key_at(0))->etag, etag);
  // S3 keeps a refused upload open; sluice aborts it so no parts stay billable.
  EXPECT_EQ(store_.open_upload_count(), 0u);
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(3));
}

TEST_F(ConditionalWriteTest, ALostPutResponseRetriedIntoPreconditionFailedIsSuccess) {
  build(3);
  // The PutObject took effect but its answer was lost; the store's retry then meets a 412.
  store_.fail_next(ObjectStoreOp::kPutObject, Status::conflict("status=412 PreconditionFailed"), 1,
                   MemoryObjectStore::FaultTiming::kAfter);
  write_range(0, 3);
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(3));
}

TEST_F(ConditionalWriteTest, ADifferentObjectIsNeverOverwrittenAndTheRecordsGoToALaterFile) {
  build(3);
  const std::string foreign = "\"v0\"\n\"from another writer\"\n";
  ASSERT_TRUE(store_.put_object(key_at(0), foreign, {}).ok());
  write_range(0, 3);
  Status st = settle();
  // Retriable, so the task rewinds; the message names the key and the new start.
  ASSERT_EQ(st.code(), StatusCode::kRetriable) << st.message();
  EXPECT_NE(st.message().find(key_at(0)), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("written again from offset 1"), std::string::npos) << st.message();
  EXPECT_EQ(body(key_at(0)), foreign);
  EXPECT_EQ(store_.open_upload_count(), 0u);
  EXPECT_EQ(writer_->take_committable_offset(), std::nullopt);

  // The task rewinds to the last durable offset and reads the records again.
  EXPECT_EQ(writer_->reset(), 0);
  write_range(0, 7);
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(body(key_at(0)), foreign);  // untouched
  // Offset 0 (the first record of the existing object) is not written again; 1.. are.
  EXPECT_EQ(body(key_at(1)), "\"v1\"\n\"v2\"\n\"v3\"\n");
  EXPECT_EQ(body(key_at(4)), "\"v4\"\n\"v5\"\n\"v6\"\n");
  EXPECT_EQ(store_.object_count(), 3u);
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(7));
}

TEST_F(ConditionalWriteTest, RecordedPlansAreReplayedWithoutTheRecordsTheExistingObjectHolds) {
  std::vector<std::string> metadata;
  PlanCommitter committer = [&metadata](const std::string&, int32_t, int64_t,
                                        const std::string& m) {
    metadata.push_back(m);
    return Status::ok_status();
  };
  build(3);
  services_.policy.plan_rotations = true;
  writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3, committer);
  const std::string foreign = "\"v0\"\n\"zombie\"\n";
  ASSERT_TRUE(store_.put_object(key_at(0), foreign, {}).ok());
  write_range(0, 6);  // two planned rotations: [0, 3) and [3, 6)
  ASSERT_EQ(metadata.size(), 2u);
  Status st = settle();
  ASSERT_EQ(st.code(), StatusCode::kRetriable) << st.message();
  EXPECT_EQ(writer_->reset(), 0);
  EXPECT_TRUE(writer_->replaying());
  write_range(0, 6);
  ASSERT_TRUE(settle().ok());
  // The first plan is replayed without offset 0, so its file now starts at 1; the second one is
  // rewritten byte for byte (accepted as identical if it had become visible before the rewind).
  EXPECT_EQ(body(key_at(0)), foreign);
  EXPECT_EQ(body(key_at(1)), "\"v1\"\n\"v2\"\n");
  EXPECT_EQ(body(key_at(3)), "\"v3\"\n\"v4\"\n\"v5\"\n");
  EXPECT_EQ(store_.object_count(), 3u);
  EXPECT_FALSE(writer_->replaying());
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(6));
  EXPECT_EQ(writer_->commit_metadata(), "");
  EXPECT_EQ(metadata.size(), 2u);  // replayed plans are not recorded again
}

TEST_F(ConditionalWriteTest, TheScanSkipsEveryOffsetWhoseWouldBeKeyIsTaken) {
  build(4);
  for (int o : {0, 1, 2}) ASSERT_TRUE(store_.put_object(key_at(o), "old", {}).ok());
  write_range(0, 4);
  Status st = settle();
  ASSERT_EQ(st.code(), StatusCode::kRetriable);
  EXPECT_NE(st.message().find("from offset 0 to 2 are taken as already in S3 and written again "
                              "from offset 3"),
            std::string::npos)
      << st.message();
  // One HeadObject for the identity check of key 0, then keys 1, 2 and 3.
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kHeadObject), 4);
  EXPECT_EQ(writer_->reset(), 0);
  write_range(0, 7);
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(body(key_at(3)), "\"v3\"\n\"v4\"\n\"v5\"\n\"v6\"\n");
  for (int o : {0, 1, 2}) EXPECT_EQ(body(key_at(o)), "old");
}

TEST_F(ConditionalWriteTest, TheScanStopsAtMaxFilesScanLimit) {
  build(5, 5 * 1024 * 1024, /*scan_limit=*/2);
  for (int o : {0, 1, 2, 3}) ASSERT_TRUE(store_.put_object(key_at(o), "old", {}).ok());
  write_range(0, 5);
  Status st = settle();
  ASSERT_EQ(st.code(), StatusCode::kRetriable);
  // Offsets 1 and 2 are checked (both taken); the limit is reached: start + 1 + limit = 3.
  EXPECT_NE(st.message().find("written again from offset 3"), std::string::npos) << st.message();
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kHeadObject), 3);
}

TEST_F(ConditionalWriteTest, ADeniedHeadObjectEndsTheScanAsAFreeKey) {
  build(3);
  for (int o : {0, 1}) ASSERT_TRUE(store_.put_object(key_at(o), "old", {}).ok());
  const std::string denied = key_at(1);
  store_.set_hook([denied](ObjectStoreOp op, std::string_view key) {
    if (op == ObjectStoreOp::kHeadObject && key == denied) {
      return Status::fatal("status=403 code=AccessDenied");
    }
    return Status::ok_status();
  });
  write_range(0, 3);
  Status st = settle();
  ASSERT_EQ(st.code(), StatusCode::kRetriable);
  // 403 counts as "does not exist" for the scan (spec §5.11): the new start is 1.
  EXPECT_NE(st.message().find("written again from offset 1"), std::string::npos) << st.message();
}

TEST_F(ConditionalWriteTest, UnderSseKmsEvenTheSameBytesCountAsADifferentObject) {
  build(3);
  services_.put_options.encryption = storage::ServerSideEncryption::kKms;
  services_.put_options.kms_key_id = "alias/k";
  writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3);
  ASSERT_TRUE(store_.put_object(key_at(0), "\"v0\"\n\"v1\"\n\"v2\"\n", {}).ok());
  write_range(0, 3);
  Status st = settle();
  ASSERT_EQ(st.code(), StatusCode::kRetriable);
  EXPECT_NE(st.message().find("SSE-KMS or SSE-C"), std::string::npos) << st.message();
}

TEST_F(ConditionalWriteTest, WithoutConditionalWritesAnExistingObjectIsOverwritten) {
  build(3);
  services_.put_options.if_none_match_star = false;
  writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3);
  ASSERT_TRUE(store_.put_object(key_at(0), "old", {}).ok());
  write_range(0, 3);
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(body(key_at(0)), "\"v0\"\n\"v1\"\n\"v2\"\n");
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kHeadObject), 0);
}

}  // namespace
}  // namespace sluice::sink
