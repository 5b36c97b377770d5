// End-to-end check of S3ObjectStore against a real S3 server (scripts/testenv: S3Proxy or
// SeaweedFS, both verify SigV4). Runs only with SLUICE_S3_LIVE=1 and the variables that
// build/testenv.env exports:
//
//   set -a; . build/testenv.env; SLUICE_S3_LIVE=1 storage_unit_tests --gtest_filter='S3Live*'
//
// Each test works under its own prefix and deletes what it wrote.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include "aws/environment_credentials_provider.h"
#include "aws/hashing.h"
#include "aws/static_credentials_provider.h"
#include "storage/s3_object_store.h"

namespace sluice::storage {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

class S3LiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (env("SLUICE_S3_LIVE") != "1") {
      GTEST_SKIP() << "set SLUICE_S3_LIVE=1 (and load build/testenv.env) to run against a real "
                      "S3 server";
    }
    for (const char* name :
         {"S3_ENDPOINT", "S3_BUCKET", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}) {
      if (env(name).empty()) GTEST_SKIP() << name << " is not set (source build/testenv.env)";
    }
    prefix_ = "sluice-live-test/" + std::to_string(::getpid()) + "-" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
    store_ = make_store(std::make_shared<aws::EnvironmentCredentialsProvider>());
  }

  void TearDown() override {
    if (!store_) return;
    // Leave nothing behind for the next run.
    std::string token;
    do {
      Result<ListPage> page = store_->list_objects(prefix_, token);
      if (!page.ok()) break;
      for (const ObjectInfo& o : page->objects) (void)store_->delete_object(o.key);
      token = page->next_continuation_token;
    } while (!token.empty());
  }

  S3StoreOptions options() const {
    S3StoreOptions o;
    o.bucket = env("S3_BUCKET");
    o.region = env("AWS_REGION");
    o.endpoint = env("S3_ENDPOINT");
    o.path_style = true;
    o.max_attempts = 3;
    o.retry_backoff_base = std::chrono::milliseconds(100);
    return o;
  }

  std::unique_ptr<S3ObjectStore> make_store(std::shared_ptr<aws::CredentialsProvider> credentials,
                                            S3StoreOptions o) const {
    Result<std::unique_ptr<S3ObjectStore>> s = S3ObjectStore::create(std::move(o), credentials);
    EXPECT_TRUE(s.ok()) << s.status().to_string();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  std::unique_ptr<S3ObjectStore> make_store(
      std::shared_ptr<aws::CredentialsProvider> credentials) const {
    return make_store(std::move(credentials), options());
  }

  std::string prefix_;
  std::unique_ptr<S3ObjectStore> store_;
};

TEST_F(S3LiveTest, HeadBucketFindsTheBucketAndReportsAMissingOne) {
  ASSERT_TRUE(store_->head_bucket().ok());
  S3StoreOptions o = options();
  o.bucket = "sluice-no-such-bucket-" + std::to_string(::getpid());
  auto missing = make_store(std::make_shared<aws::EnvironmentCredentialsProvider>(), o);
  Status st = missing->head_bucket();
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_NE(st.message().find("does not exist"), std::string::npos) << st.message();
}

TEST_F(S3LiveTest, PutGetListDeleteWithAwkwardKeys) {
  // Characters that SigV4 and S3 treat specially (spec msk-connect-and-aws.md §4.2).
  const std::string plain = prefix_ + "topics/orders/partition=3/orders+3+0000000000.json";
  const std::string awkward = prefix_ + "a b/c+d=e&f~g*h(i)/\xC3\xA9t\xC3\xA9.json";
  ASSERT_TRUE(store_->put_object(plain, "{\"id\":1}\n", {}).ok());
  PutOptions with_md5;
  with_md5.send_content_md5 = true;
  ASSERT_TRUE(store_->put_object(awkward, "second", with_md5).ok());

  Result<std::string> body = store_->get_object(plain);
  ASSERT_TRUE(body.ok()) << body.status().to_string();
  EXPECT_EQ(*body, "{\"id\":1}\n");
  EXPECT_EQ(*store_->get_object(awkward), "second");
  EXPECT_TRUE(*store_->object_exists(awkward));

  Result<ListPage> page = store_->list_objects(prefix_, "");
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->objects.size(), 2u);
  // Byte order: "a b/..." sorts before "topics/...".
  EXPECT_EQ(page->objects[0].key, awkward);
  EXPECT_EQ(page->objects[0].size, 6u);
  EXPECT_EQ(page->objects[1].key, plain);
  EXPECT_EQ(page->objects[1].etag, "\"" + aws::hex_encode(aws::md5("{\"id\":1}\n")) + "\"");

  ASSERT_TRUE(store_->delete_object(plain).ok());
  EXPECT_FALSE(*store_->object_exists(plain));
  EXPECT_EQ(store_->get_object(plain).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->delete_object(plain).ok());  // deleting again is fine
}

TEST_F(S3LiveTest, UnsignedPayloadIsAccepted) {
  S3StoreOptions o = options();
  o.payload_signing = PayloadSigning::kUnsigned;
  auto unsigned_store = make_store(std::make_shared<aws::EnvironmentCredentialsProvider>(), o);
  const std::string key = prefix_ + "unsigned.bin";
  Status st = unsigned_store->put_object(key, "unsigned body", {});
  ASSERT_TRUE(st.ok()) << st.to_string();
  EXPECT_EQ(*store_->get_object(key), "unsigned body");
}

TEST_F(S3LiveTest, MultipartUploadOfTwoPartsAssemblesTheObject) {
  const std::string key = prefix_ + "topics/big/big+0+0000000000.bin";
  std::string part1(5 * 1024 * 1024, 'a');
  for (size_t i = 0; i < part1.size(); i += 4096) part1[i] = static_cast<char>('0' + i % 10);
  std::string part2(1024, 'z');
  Result<std::string> upload = store_->create_multipart_upload(key, {});
  ASSERT_TRUE(upload.ok()) << upload.status().to_string();
  Result<std::string> e1 = store_->upload_part(key, *upload, 1, part1, {});
  ASSERT_TRUE(e1.ok()) << e1.status().to_string();
  PutOptions with_md5;
  with_md5.send_content_md5 = true;
  Result<std::string> e2 = store_->upload_part(key, *upload, 2, part2, with_md5);
  ASSERT_TRUE(e2.ok()) << e2.status().to_string();
  EXPECT_EQ(*e1, "\"" + aws::hex_encode(aws::md5(part1)) + "\"");
  Status done = store_->complete_multipart_upload(key, *upload, {*e1, *e2}, {});
  ASSERT_TRUE(done.ok()) << done.to_string();

  Result<std::string> body = store_->get_object(key);
  ASSERT_TRUE(body.ok()) << body.status().to_string();
  EXPECT_EQ(body->size(), part1.size() + part2.size());
  EXPECT_TRUE(*body == part1 + part2);
  Result<ListPage> page = store_->list_objects(key, "");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->objects.size(), 1u);
  EXPECT_EQ(page->objects[0].size, part1.size() + part2.size());
  EXPECT_TRUE(page->objects[0].etag.ends_with("-2\"")) << page->objects[0].etag;
}

TEST_F(S3LiveTest, AbortDiscardsTheUpload) {
  const std::string key = prefix_ + "aborted.bin";
  Result<std::string> upload = store_->create_multipart_upload(key, {});
  ASSERT_TRUE(upload.ok()) << upload.status().to_string();
  Result<std::string> e1 = store_->upload_part(key, *upload, 1, "never visible", {});
  ASSERT_TRUE(e1.ok()) << e1.status().to_string();
  ASSERT_TRUE(store_->abort_multipart_upload(key, *upload).ok());
  EXPECT_FALSE(*store_->object_exists(key));
  Status late = store_->complete_multipart_upload(key, *upload, {*e1}, {});
  EXPECT_FALSE(late.ok());
  EXPECT_NE(late.message().find("NoSuchUpload"), std::string::npos) << late.message();
}

TEST_F(S3LiveTest, WrongSecretIsFatal403NamingTheKeyIdOnly) {
  aws::AwsCredentials wrong;
  wrong.access_key_id = env("AWS_ACCESS_KEY_ID");
  wrong.secret_access_key = "definitely-not-the-secret";
  auto bad = make_store(std::make_shared<aws::StaticCredentialsProvider>(wrong));
  Status st = bad->put_object(prefix_ + "denied.txt", "x", {});
  EXPECT_EQ(st.code(), StatusCode::kFatal) << st.to_string();
  EXPECT_NE(st.message().find("status=403"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("access_key_id=" + wrong.access_key_id), std::string::npos)
      << st.message();
  EXPECT_EQ(st.message().find(wrong.secret_access_key), std::string::npos);
  EXPECT_EQ(st.message().find(env("AWS_SECRET_ACCESS_KEY")), std::string::npos);
  EXPECT_FALSE(*store_->object_exists(prefix_ + "denied.txt"));
}

}  // namespace
}  // namespace sluice::storage
