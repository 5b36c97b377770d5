// s3.object.tagging: the tags of each value file, the retry loop and the error policy, and when
// a tagged file's offset becomes committable (spec confluent-s3-sink.md §5.6, §4.6).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "connect/schema.h"
#include "format/record_writer_provider.h"
#include "sink/object_tagger.h"
#include "sink/partitioner.h"
#include "sink/topic_partition_writer.h"
#include "storage/memory_object_store.h"
#include "store_proxy.h"

namespace sluice::sink {
namespace {

using std::chrono::milliseconds;
using storage::MemoryObjectStore;
using storage::ObjectStoreOp;
using storage::ObjectTags;

const char* const kFirst = "topics/orders/partition=3/orders+3+0000000100.json";
const char* const kSecond = "topics/orders/partition=3/orders+3+0000000103.json";

TEST(ObjectTaggerTest, OffsetTagsComeFirstThenTheExtraPairs) {
  TaggingOptions o;
  o.extra_tags = {{"team", "payments"}, {"env", "prod"}};
  ObjectTagger tagger(o);
  EXPECT_EQ(tagger.tags_for(100, 102, 3), (ObjectTags{{"startOffset", "100"},
                                                      {"endOffset", "102"},
                                                      {"recordCount", "3"},
                                                      {"team", "payments"},
                                                      {"env", "prod"}}));
}

TEST(ObjectTaggerTest, AnExtraPairNamedLikeAnOffsetTagReplacesIt) {
  TaggingOptions o;
  o.extra_tags = {{"recordCount", "many"}};
  ObjectTagger tagger(o);
  EXPECT_EQ(tagger.tags_for(1, 2, 2),
            (ObjectTags{{"startOffset", "1"}, {"endOffset", "2"}, {"recordCount", "many"}}));
}

TEST(ObjectTaggerTest, RetriesWithDoublingBackoffWithoutJitter) {
  MemoryObjectStore store;
  ASSERT_TRUE(store.put_object("k", "v", {}).ok());
  store.fail_next(ObjectStoreOp::kPutObjectTagging, Status::retriable("status=503 SlowDown"), 3);
  std::vector<milliseconds> waits;
  TaggingOptions o;
  o.attempts = 4;
  o.backoff = milliseconds(200);
  o.fail_on_error = true;
  o.sleep = [&waits](milliseconds d) { waits.push_back(d); };
  ObjectTagger tagger(o);
  ASSERT_TRUE(tagger.tag(store, "k", 5, 9, 5).ok());
  EXPECT_EQ(waits,
            (std::vector<milliseconds>{milliseconds(200), milliseconds(400), milliseconds(800)}));
  EXPECT_EQ(store.call_count(ObjectStoreOp::kPutObjectTagging), 4);
  EXPECT_EQ(store.object("k")->tags,
            (ObjectTags{{"startOffset", "5"}, {"endOffset", "9"}, {"recordCount", "5"}}));
}

TEST(ObjectTaggerTest, IgnorePolicyGivesUpQuietlyAfterTheAttempts) {
  MemoryObjectStore store;
  ASSERT_TRUE(store.put_object("k", "v", {}).ok());
  store.fail_next(ObjectStoreOp::kPutObjectTagging, Status::fatal("status=501 NotImplemented"), 3);
  TaggingOptions o;
  o.attempts = 3;
  o.sleep = [](milliseconds) {};
  ObjectTagger tagger(o);
  EXPECT_TRUE(tagger.tag(store, "k", 0, 0, 1).ok());
  EXPECT_EQ(store.call_count(ObjectStoreOp::kPutObjectTagging), 3);
  EXPECT_TRUE(store.object("k")->tags.empty());
}

TEST(ObjectTaggerTest, FailPolicyIsFatalNamingKeyAttemptsAndCause) {
  MemoryObjectStore store;
  ASSERT_TRUE(store.put_object("k", "v", {}).ok());
  store.fail_next(ObjectStoreOp::kPutObjectTagging, Status::fatal("status=501 NotImplemented"), 2);
  TaggingOptions o;
  o.attempts = 0;  // s3.part.retries=0 behaves as one attempt
  o.fail_on_error = true;
  o.sleep = [](milliseconds) { ADD_FAILURE() << "no wait before the only attempt"; };
  ObjectTagger tagger(o);
  Status st = tagger.tag(store, "k", 0, 0, 1);
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_EQ(st.message(),
            "Unable to tag S3 object k after 1 attempt(s) "
            "(s3.object.behavior.on.tagging.error=fail): status=501 NotImplemented");
  EXPECT_EQ(store.call_count(ObjectStoreOp::kPutObjectTagging), 1);
}

class TaggingWriterTest : public ::testing::Test {
 protected:
  void build(TaggingOptions tagging, size_t part_size = 5 * 1024 * 1024, bool keys = false) {
    tagging.sleep = [](milliseconds) {};
    partitioner_ = std::move(make_partitioner(PartitionerOptions{})).value();
    format_ =
        std::move(format::make_record_writer_provider(format::FormatClass::kJson, {})).value();
    uploader_ = std::make_unique<Uploader>(2, proxy_factory(&store_));
    services_.uploader = uploader_.get();
    services_.budget = &budget_;
    services_.partitioner = partitioner_.get();
    services_.value_format = format_.get();
    if (keys) services_.keys_format = format_.get();
    services_.part_size = part_size;
    services_.policy.flush_size = 3;
    services_.tagger = std::make_shared<ObjectTagger>(std::move(tagging));
    writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3);
  }

  connect::SinkRecord record(int64_t offset, std::string_view value) {
    connect::SinkRecord r;
    r.topic = "orders";
    r.partition = 3;
    r.offset = offset;
    r.value_schema = connect::Schema::optional_string();
    r.value = connect::Value::string(value);
    r.key_schema = connect::Schema::optional_string();
    r.key = connect::Value::string("k");
    return r;
  }

  Status settle() {
    for (int i = 0; i < 1000; ++i) {
      Status st = writer_->tick(0);
      if (!st.ok() || !writer_->has_pending_uploads()) return st;
      std::this_thread::sleep_for(milliseconds(2));
    }
    return Status::fatal("uploads did not settle");
  }

  MemoryObjectStore store_;
  MemoryBudget budget_{64 * 1024 * 1024};
  std::unique_ptr<Partitioner> partitioner_;
  std::unique_ptr<format::RecordWriterProvider> format_;
  std::unique_ptr<Uploader> uploader_;
  WriterServices services_;
  std::unique_ptr<TopicPartitionWriter> writer_;
};

TEST_F(TaggingWriterTest, EveryValueFileIsTaggedWithItsOwnOffsetsCountAndExtraPairs) {
  TaggingOptions t;
  t.extra_tags = {{"team", "payments"}};
  build(t);
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(writer_->write(record(100 + i, "v"), 0).ok());
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.object(kFirst)->tags, (ObjectTags{{"startOffset", "100"},
                                                     {"endOffset", "102"},
                                                     {"recordCount", "3"},
                                                     {"team", "payments"}}));
  EXPECT_EQ(store_.object(kSecond)->tags, (ObjectTags{{"startOffset", "103"},
                                                      {"endOffset", "105"},
                                                      {"recordCount", "3"},
                                                      {"team", "payments"}}));
  // Offset 106 is in the open file, untagged and uncommitted.
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kPutObjectTagging), 2);
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(106));
}

TEST_F(TaggingWriterTest, MultipartValueFilesAreTaggedToo) {
  build(TaggingOptions{}, /*part_size=*/4);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer_->write(record(100 + i, "value"), 0).ok());
  ASSERT_TRUE(settle().ok());
  ASSERT_TRUE(store_.object(kFirst).has_value());
  EXPECT_GT(store_.object(kFirst)->part_count, 1);
  EXPECT_EQ(store_.object(kFirst)->tags,
            (ObjectTags{{"startOffset", "100"}, {"endOffset", "102"}, {"recordCount", "3"}}));
}

TEST_F(TaggingWriterTest, OnlyTheValueFileIsTaggedNotItsKeysFile) {
  build(TaggingOptions{}, 5 * 1024 * 1024, /*keys=*/true);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer_->write(record(100 + i, "v"), 0).ok());
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.object(kFirst)->tags.size(), 3u);
  auto keys = store_.object("topics/orders/partition=3/orders+3+0000000100.keys.json");
  ASSERT_TRUE(keys.has_value());
  EXPECT_TRUE(keys->tags.empty());
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kPutObjectTagging), 1);
}

TEST_F(TaggingWriterTest, RetriedTaggingSucceedsAndTheOffsetCommits) {
  TaggingOptions t;
  t.attempts = 3;
  t.fail_on_error = true;
  build(t);
  store_.fail_next(ObjectStoreOp::kPutObjectTagging, Status::retriable("status=500"), 2);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer_->write(record(100 + i, "v"), 0).ok());
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kPutObjectTagging), 3);
  EXPECT_EQ(store_.object(kFirst)->tags.size(), 3u);
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(103));
}

TEST_F(TaggingWriterTest, IgnorePolicyKeepsTheFileAndCommitsItsOffset) {
  TaggingOptions t;
  t.attempts = 3;
  build(t);
  store_.fail_next(ObjectStoreOp::kPutObjectTagging, Status::fatal("status=501 NotImplemented"), 3);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer_->write(record(100 + i, "v"), 0).ok());
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kPutObjectTagging), 3);
  ASSERT_TRUE(store_.object(kFirst).has_value());
  EXPECT_TRUE(store_.object(kFirst)->tags.empty());
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(103));
}

TEST_F(TaggingWriterTest, FailPolicyFailsTheWriterAndNeverCommitsTheUntaggedFile) {
  TaggingOptions t;
  t.attempts = 2;
  t.fail_on_error = true;
  build(t);
  // The first file tags fine; every attempt for the second one fails.
  store_.set_hook([](ObjectStoreOp op, std::string_view key) {
    if (op == ObjectStoreOp::kPutObjectTagging && key == kSecond) {
      return Status::fatal("S3 PutObjectTagging failed: status=501 code=NotImplemented");
    }
    return Status::ok_status();
  });
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(writer_->write(record(100 + i, "v"), 0).ok());
  Status st = settle();
  ASSERT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_NE(
      st.message().find(std::string("Unable to tag S3 object ") + kSecond + " after 2 attempt(s)"),
      std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("code=NotImplemented"), std::string::npos);
  // The object exists (tagging follows its completion) but its offset is never committable:
  // only the first file's boundary is.
  EXPECT_TRUE(store_.object(kSecond).has_value());
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(103));
  EXPECT_EQ(writer_->tick(0).code(), StatusCode::kFatal);  // still failed, still not durable
  EXPECT_EQ(writer_->take_committable_offset(), std::nullopt);
  EXPECT_EQ(writer_->durable_offset(), 103);
}

}  // namespace
}  // namespace sluice::sink
