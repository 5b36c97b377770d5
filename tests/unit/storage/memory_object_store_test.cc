#include "storage/memory_object_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "aws/hashing.h"
#include "storage/object_etag.h"

namespace sluice::storage {
namespace {

std::string quoted_md5(std::string_view data) {
  return "\"" + aws::hex_encode(aws::md5(data)) + "\"";
}

TEST(MemoryObjectStoreTest, PutGetDeleteRoundTrip) {
  MemoryObjectStore store;
  ASSERT_TRUE(store.put_object("a/b", "hello", {}).ok());
  EXPECT_EQ(*store.get_object("a/b"), "hello");
  EXPECT_TRUE(*store.object_exists("a/b"));
  EXPECT_EQ(store.object("a/b")->etag, quoted_md5("hello"));
  EXPECT_EQ(store.object("a/b")->part_count, 0);
  ASSERT_TRUE(store.delete_object("a/b").ok());
  EXPECT_FALSE(*store.object_exists("a/b"));
  EXPECT_EQ(store.get_object("a/b").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store.delete_object("a/b").ok());  // deleting nothing succeeds, as in S3
}

TEST(MemoryObjectStoreTest, MultipartAssemblesPartsAndUsesTheMultipartEtag) {
  MemoryObjectStore store;
  PutOptions options;
  options.canned_acl = "bucket-owner-full-control";
  Result<std::string> upload = store.create_multipart_upload("k", options);
  ASSERT_TRUE(upload.ok());
  EXPECT_EQ(store.open_upload_count(), 1u);
  // Parts may arrive out of order; completion orders them by number.
  Result<std::string> e2 = store.upload_part("k", *upload, 2, "world", {});
  Result<std::string> e1 = store.upload_part("k", *upload, 1, "hello ", {});
  ASSERT_TRUE(e1.ok() && e2.ok());
  EXPECT_EQ(*e1, quoted_md5("hello "));
  EXPECT_FALSE(store.object_exists("k").value());  // not visible before completion
  ASSERT_TRUE(store.complete_multipart_upload("k", *upload, {*e1, *e2}, {}).ok());
  auto object = store.object("k");
  ASSERT_TRUE(object.has_value());
  EXPECT_EQ(object->body, "hello world");
  EXPECT_EQ(object->part_count, 2);
  EXPECT_EQ(object->options.canned_acl, "bucket-owner-full-control");
  // S3's multipart ETag: md5 of the concatenated binary part digests, "-<parts>" (spec
  // confluent-s3-sink.md §6.3).
  aws::Md5Digest d1 = aws::md5("hello ");
  aws::Md5Digest d2 = aws::md5("world");
  std::string digests(reinterpret_cast<const char*>(d1.data()), 16);
  digests.append(reinterpret_cast<const char*>(d2.data()), 16);
  EXPECT_EQ(object->etag, "\"" + aws::hex_encode(aws::md5(digests)) + "-2\"");
  EXPECT_EQ(store.open_upload_count(), 0u);
}

TEST(MemoryObjectStoreTest, CompleteChecksPartsLikeS3) {
  MemoryObjectStore store;
  store.set_min_part_size(5);
  std::string upload = *store.create_multipart_upload("k", {});
  std::string e1 = *store.upload_part("k", upload, 1, "abc", {});
  std::string e2 = *store.upload_part("k", upload, 2, "de", {});
  Status too_small = store.complete_multipart_upload("k", upload, {e1, e2}, {});
  EXPECT_EQ(too_small.code(), StatusCode::kFatal);
  EXPECT_NE(too_small.message().find("EntityTooSmall"), std::string::npos);
  Status wrong_etag = store.complete_multipart_upload("k", upload, {e2}, {});
  EXPECT_NE(wrong_etag.message().find("InvalidPart"), std::string::npos);
  EXPECT_NE(store.complete_multipart_upload("k", upload, {}, {}).message().find("MalformedXML"),
            std::string::npos);
  // The last part may be small.
  EXPECT_TRUE(store.complete_multipart_upload("k", upload, {e1}, {}).ok());
  EXPECT_EQ(store.upload_part("k", upload, 3, "x", {}).status().code(), StatusCode::kFatal);
}

TEST(MemoryObjectStoreTest, IfNoneMatchRefusesExistingKeys) {
  MemoryObjectStore store;
  PutOptions conditional;
  conditional.if_none_match_star = true;
  ASSERT_TRUE(store.put_object("k", "first", conditional).ok());
  EXPECT_EQ(store.put_object("k", "second", conditional).code(), StatusCode::kConflict);
  EXPECT_EQ(*store.get_object("k"), "first");

  std::string upload = *store.create_multipart_upload("k", {});
  std::string e1 = *store.upload_part("k", upload, 1, "third", {});
  EXPECT_EQ(store.complete_multipart_upload("k", upload, {e1}, conditional).code(),
            StatusCode::kConflict);
  EXPECT_EQ(*store.get_object("k"), "first");
  EXPECT_EQ(store.open_upload_count(), 1u);  // left open, like S3 after a 412
  EXPECT_TRUE(store.complete_multipart_upload("k", upload, {e1}, {}).ok());  // unconditional
  EXPECT_EQ(*store.get_object("k"), "third");
}

TEST(MemoryObjectStoreTest, AbortDropsTheUploadAndToleratesUnknownIds) {
  MemoryObjectStore store;
  std::string upload = *store.create_multipart_upload("k", {});
  ASSERT_TRUE(store.upload_part("k", upload, 1, "x", {}).ok());
  EXPECT_TRUE(store.abort_multipart_upload("k", upload).ok());
  EXPECT_EQ(store.open_upload_count(), 0u);
  EXPECT_TRUE(store.abort_multipart_upload("k", upload).ok());
  EXPECT_FALSE(store.object("k").has_value());
}

TEST(MemoryObjectStoreTest, ListsByPrefixInByteOrderAndPaginates) {
  MemoryObjectStore store;
  for (const char* key :
       {"topics/b/2", "topics/a/1", "topics/a/2", "other/x", "topics/\xC3\xA9", "topics/Z"}) {
    ASSERT_TRUE(store.put_object(key, key, {}).ok());
  }
  store.set_max_keys(2);
  std::vector<std::string> keys;
  std::string token;
  int pages = 0;
  do {
    Result<ListPage> page = store.list_objects("topics/", token);
    ASSERT_TRUE(page.ok());
    for (const ObjectInfo& o : page->objects) {
      keys.push_back(o.key);
      EXPECT_EQ(o.size, o.key.size());
    }
    token = page->next_continuation_token;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(keys, (std::vector<std::string>{"topics/Z", "topics/a/1", "topics/a/2", "topics/b/2",
                                            "topics/\xC3\xA9"}));
}

TEST(MemoryObjectStoreTest, TaggingReplacesTagsOfExistingObjects) {
  MemoryObjectStore store;
  EXPECT_EQ(store.put_object_tagging("k", {{"a", "1"}}).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store.put_object("k", "v", {}).ok());
  ASSERT_TRUE(store.put_object_tagging("k", {{"startOffset", "0"}, {"endOffset", "9"}}).ok());
  EXPECT_EQ(store.object("k")->tags, (ObjectTags{{"startOffset", "0"}, {"endOffset", "9"}}));
}

TEST(MemoryObjectStoreTest, FailNextFailsBeforeTheOperationTakesEffect) {
  MemoryObjectStore store;
  store.fail_next(ObjectStoreOp::kPutObject, Status::retriable("injected 503"), 2);
  EXPECT_EQ(store.put_object("k", "v", {}).message(), "injected 503");
  EXPECT_EQ(store.put_object("k", "v", {}).code(), StatusCode::kRetriable);
  EXPECT_FALSE(store.object("k").has_value());
  EXPECT_TRUE(store.put_object("k", "v", {}).ok());
  EXPECT_EQ(store.call_count(ObjectStoreOp::kPutObject), 3);
  EXPECT_EQ(store.call_count(ObjectStoreOp::kGetObject), 0);
}

TEST(MemoryObjectStoreTest, FailAfterSimulatesALostResponse) {
  MemoryObjectStore store;
  std::string upload = *store.create_multipart_upload("k", {});
  std::string e1 = *store.upload_part("k", upload, 1, "data", {});
  store.fail_next(ObjectStoreOp::kCompleteMultipartUpload, Status::retriable("connection reset"), 1,
                  MemoryObjectStore::FaultTiming::kAfter);
  EXPECT_EQ(store.complete_multipart_upload("k", upload, {e1}, {}).code(), StatusCode::kRetriable);
  EXPECT_EQ(*store.get_object("k"), "data");  // it happened nonetheless
}

TEST(MemoryObjectStoreTest, HookSeesEveryCallAndCanFailIt) {
  MemoryObjectStore store;
  std::vector<std::string> seen;
  store.set_hook([&](ObjectStoreOp op, std::string_view key) {
    seen.push_back(std::string(object_store_op_name(op)) + " " + std::string(key));
    return key == "deny" ? Status::fatal("403") : Status::ok_status();
  });
  EXPECT_TRUE(store.put_object("ok", "v", {}).ok());
  EXPECT_EQ(store.put_object("deny", "v", {}).code(), StatusCode::kFatal);
  EXPECT_TRUE(store.head_bucket().ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"PutObject ok", "PutObject deny", "HeadBucket "}));
  EXPECT_FALSE(store.object("deny").has_value());
}

TEST(MemoryObjectStoreTest, MissingBucketIsFatal) {
  MemoryObjectStore store;
  store.set_bucket_exists(false);
  EXPECT_EQ(store.head_bucket().code(), StatusCode::kFatal);
  store.clear();
  EXPECT_TRUE(store.head_bucket().ok());
}

TEST(MemoryObjectStoreTest, ConcurrentWritersDoNotLoseObjects) {
  MemoryObjectStore store;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      for (int i = 0; i < 200; ++i) {
        std::string key = "t" + std::to_string(t) + "/" + std::to_string(i);
        std::string upload = *store.create_multipart_upload(key, {});
        std::string etag = *store.upload_part(key, upload, 1, key, {});
        ASSERT_TRUE(store.complete_multipart_upload(key, upload, {etag}, {}).ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store.object_count(), 800u);
  EXPECT_EQ(store.call_count(ObjectStoreOp::kUploadPart), 800);
  EXPECT_EQ(store.open_upload_count(), 0u);
}

}  // namespace
}  // namespace sluice::storage

namespace sluice::storage {
namespace {

TEST(MemoryObjectStoreHeadTest, HeadObjectTellsTheEtagOfBothUploadKinds) {
  MemoryObjectStore store;
  ASSERT_TRUE(store.put_object("single", "hello", {}).ok());
  Result<std::optional<ObjectInfo>> single = store.head_object("single");
  ASSERT_TRUE(single.ok() && single->has_value());
  EXPECT_EQ((*single)->etag, "\"5d41402abc4b2a76b9719d911017c592\"");  // md5("hello")
  EXPECT_EQ((*single)->size, 5u);
  Result<std::string> id = store.create_multipart_upload("multi", {});
  ASSERT_TRUE(id.ok());
  Result<std::string> p1 = store.upload_part("multi", *id, 1, "hel", {});
  Result<std::string> p2 = store.upload_part("multi", *id, 2, "lo", {});
  ASSERT_TRUE(p1.ok() && p2.ok());
  ASSERT_TRUE(store.complete_multipart_upload("multi", *id, {*p1, *p2}, {}).ok());
  Result<std::optional<ObjectInfo>> multi = store.head_object("multi");
  ASSERT_TRUE(multi.ok() && multi->has_value());
  // The ETag sluice computes for what it sent matches what the store reports.
  EXPECT_EQ((*multi)->etag, multipart_etag({*p1, *p2}));
  EXPECT_EQ((*single)->etag, put_object_etag("hello"));
  Result<std::optional<ObjectInfo>> missing = store.head_object("nothing");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(store.call_count(ObjectStoreOp::kHeadObject), 3);
}

TEST(MemoryObjectStoreHeadTest, TaggingFaultsAreInjectedLikeAnyOther) {
  MemoryObjectStore store;
  ASSERT_TRUE(store.put_object("k", "v", {}).ok());
  store.fail_next(ObjectStoreOp::kPutObjectTagging, Status::fatal("status=501 NotImplemented"), 1);
  EXPECT_EQ(store.put_object_tagging("k", {{"a", "1"}}).code(), StatusCode::kFatal);
  EXPECT_TRUE(store.object("k")->tags.empty());
  ASSERT_TRUE(store.put_object_tagging("k", {{"a", "1"}}).ok());
  EXPECT_EQ(store.object("k")->tags, (ObjectTags{{"a", "1"}}));
  EXPECT_EQ(store.put_object_tagging("gone", {}).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sluice::storage
