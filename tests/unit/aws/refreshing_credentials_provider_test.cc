#include "aws/refreshing_credentials_provider.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace sluice::aws {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::system_clock;

const system_clock::time_point kT0 = system_clock::time_point(std::chrono::hours(24 * 365 * 56));

// A source that hands out numbered credentials expiring `lifetime` after the fake clock's now, or
// the next scripted error.
class FakeSource : public CredentialsProvider {
 public:
  explicit FakeSource(const system_clock::time_point* now, system_clock::duration lifetime)
      : now_(now), lifetime_(lifetime) {}
  Result<AwsCredentials> credentials() override {
    std::unique_lock lock(mutex_);
    ++calls_;
    if (gate_closed_) {
      waiting_ = true;
      changed_.notify_all();
      changed_.wait(lock, [&] { return !gate_closed_; });
    }
    if (!errors_.empty()) {
      Status s = errors_.front();
      errors_.pop_front();
      return s;
    }
    AwsCredentials c;
    c.access_key_id = "AKID" + std::to_string(calls_);
    c.secret_access_key = "secret";
    c.provider = "fake";
    if (lifetime_.count() > 0) c.expiration = *now_ + lifetime_;
    return c;
  }
  void invalidate() override { ++invalidations_; }
  std::string name() const override { return "fake"; }

  void fail_next(Status s) {
    std::lock_guard lock(mutex_);
    errors_.push_back(std::move(s));
  }
  void close_gate() {
    std::lock_guard lock(mutex_);
    gate_closed_ = true;
  }
  void wait_until_blocked() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_; });
  }
  void open_gate() {
    std::lock_guard lock(mutex_);
    gate_closed_ = false;
    changed_.notify_all();
  }
  int calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  std::atomic<int> invalidations_{0};

 private:
  const system_clock::time_point* now_;
  system_clock::duration lifetime_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool gate_closed_ = false;
  bool waiting_ = false;
  int calls_ = 0;
  std::deque<Status> errors_;
};

struct Fixture {
  explicit Fixture(system_clock::duration lifetime) {
    auto source = std::make_unique<FakeSource>(&now, lifetime);
    fake = source.get();
    RefreshOptions options;
    options.jitter = system_clock::duration::zero();
    options.clock = [this] { return now; };
    provider = std::make_unique<RefreshingCredentialsProvider>(std::move(source), options);
  }
  system_clock::time_point now = kT0;
  FakeSource* fake = nullptr;
  std::unique_ptr<RefreshingCredentialsProvider> provider;
};

TEST(RefreshingCredentialsProviderTest, LongTermKeysAreFetchedOnce) {
  Fixture f(system_clock::duration::zero());
  for (int i = 0; i < 5; ++i) {
    f.now += std::chrono::hours(100);
    ASSERT_EQ(f.provider->credentials()->access_key_id, "AKID1");
  }
  EXPECT_EQ(f.fake->calls(), 1);
}

// Spec §5.8: advisory refresh 15 min before expiry, mandatory at 10 min.
TEST(RefreshingCredentialsProviderTest, RefreshesFifteenMinutesBeforeExpiry) {
  Fixture f(std::chrono::hours(1));
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID1");
  f.now = kT0 + minutes(44) + seconds(59);
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID1");
  EXPECT_EQ(f.fake->calls(), 1);
  f.now = kT0 + minutes(45);
  Result<AwsCredentials> c = f.provider->credentials();
  EXPECT_EQ(c->access_key_id, "AKID2");
  EXPECT_EQ(*c->expiration, kT0 + minutes(105));
  EXPECT_EQ(f.fake->calls(), 2);
}

TEST(RefreshingCredentialsProviderTest, JitterMovesTheAdvisoryPointEarlierOnly) {
  system_clock::time_point now = kT0;
  auto source = std::make_unique<FakeSource>(&now, std::chrono::hours(1));
  FakeSource* fake = source.get();
  RefreshOptions options;
  options.jitter = minutes(5);
  options.clock = [&] { return now; };
  RefreshingCredentialsProvider provider(std::move(source), options);
  ASSERT_TRUE(provider.credentials().ok());
  now = kT0 + minutes(39) + seconds(59);  // 20 min + 1 s left: before any jittered point
  ASSERT_TRUE(provider.credentials().ok());
  EXPECT_EQ(fake->calls(), 1);
  now = kT0 + minutes(45);  // 15 min left: always due
  ASSERT_TRUE(provider.credentials().ok());
  EXPECT_EQ(fake->calls(), 2);
}

TEST(RefreshingCredentialsProviderTest, FailedAdvisoryRefreshKeepsValidCredentials) {
  Fixture f(std::chrono::hours(1));
  ASSERT_TRUE(f.provider->credentials().ok());
  f.now = kT0 + minutes(46);
  f.fake->fail_next(Status::retriable("STS throttled"));
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID1");
  EXPECT_EQ(f.fake->calls(), 2);
  // No new attempt within the back-off (10 s by default)...
  f.now += seconds(5);
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID1");
  EXPECT_EQ(f.fake->calls(), 2);
  // ...then it tries again and succeeds.
  f.now += seconds(6);
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID3");
}

TEST(RefreshingCredentialsProviderTest, FailedRefreshAfterExpiryReturnsTheError) {
  Fixture f(std::chrono::hours(1));
  ASSERT_TRUE(f.provider->credentials().ok());
  f.now = kT0 + minutes(55);  // mandatory window, still valid
  f.fake->fail_next(Status::retriable("down"));
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID1");
  f.now = kT0 + minutes(60);  // expired
  f.fake->fail_next(Status::fatal("AccessDenied"));
  Result<AwsCredentials> c = f.provider->credentials();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kFatal);
  EXPECT_EQ(c.status().message(), "AccessDenied");
}

TEST(RefreshingCredentialsProviderTest, NotFoundPassesThroughUncached) {
  Fixture f(std::chrono::hours(1));
  f.fake->fail_next(Status::not_found("not configured"));
  EXPECT_EQ(f.provider->credentials().status().code(), StatusCode::kNotFound);
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID2");
}

TEST(RefreshingCredentialsProviderTest, InvalidateForcesARefetchAndTellsTheSource) {
  Fixture f(std::chrono::hours(1));
  ASSERT_EQ(f.provider->credentials()->access_key_id, "AKID1");
  f.provider->invalidate();
  EXPECT_EQ(f.fake->invalidations_.load(), 1);
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID2");
}

TEST(RefreshingCredentialsProviderTest, ShortLivedCredentialsRefreshAtHalfLife) {
  Fixture f(minutes(15));  // the STS minimum DurationSeconds=900
  ASSERT_TRUE(f.provider->credentials().ok());
  f.now = kT0 + minutes(7);
  ASSERT_TRUE(f.provider->credentials().ok());
  EXPECT_EQ(f.fake->calls(), 1);
  f.now = kT0 + seconds(450);
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID2");
}

TEST(RefreshingCredentialsProviderTest, ConcurrentCallersShareOneFetch) {
  Fixture f(std::chrono::hours(1));
  f.fake->close_gate();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (f.provider->credentials().ok()) ++ok;
    });
  }
  f.fake->wait_until_blocked();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  f.fake->open_gate();
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(f.fake->calls(), 1);
}

TEST(RefreshingCredentialsProviderTest, AdvisoryRefreshDoesNotBlockOtherCallers) {
  Fixture f(std::chrono::hours(1));
  ASSERT_TRUE(f.provider->credentials().ok());
  f.now = kT0 + minutes(47);  // advisory window (mandatory starts at 50)
  f.fake->close_gate();
  std::thread refresher([&] { EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID2"); });
  f.fake->wait_until_blocked();
  // The refresher is stuck in the source; this caller gets the old set immediately.
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID1");
  f.fake->open_gate();
  refresher.join();
  EXPECT_EQ(f.provider->credentials()->access_key_id, "AKID2");
}

}  // namespace
}  // namespace sluice::aws
