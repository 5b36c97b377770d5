#include "cli/config_reload_watch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cli/resolved_configs.h"

namespace sluice::cli {
namespace {

using Outcome = ConfigReloadWatch::CheckResult::Outcome;
using std::chrono::milliseconds;

void wait_for(const std::atomic<int>& value, int at_least, milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (value.load() < at_least && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(10));
  }
}

TEST(ConfigReloadWatchTest, ChangeCallsOnChangeOnceAndStops) {
  std::atomic<int> checks{0};
  std::atomic<int> changes{0};
  ConfigReloadWatch watch(
      milliseconds(0),
      [&] {
        ++checks;
        // Unchanged at the first expiry, changed at the second.
        return checks == 1 ? ConfigReloadWatch::CheckResult{Outcome::kUnchanged, milliseconds(0)}
                           : ConfigReloadWatch::CheckResult{Outcome::kChanged, std::nullopt};
      },
      [&] { ++changes; });
  wait_for(changes, 1, milliseconds(5000));
  EXPECT_EQ(changes.load(), 1);
  EXPECT_EQ(checks.load(), 2);
  EXPECT_TRUE(watch.changed());
  // Delays are at least a second: the two checks took about two.
}

TEST(ConfigReloadWatchTest, FailureRetriesAndDestructorDoesNotWaitForTheTtl) {
  std::atomic<int> checks{0};
  auto started = std::chrono::steady_clock::now();
  {
    ConfigReloadWatch watch(
        milliseconds(1000),
        [&] {
          ++checks;
          return ConfigReloadWatch::CheckResult{Outcome::kFailed, std::nullopt};
        },
        [] { FAIL() << "no change was reported"; });
    wait_for(checks, 2, milliseconds(5000));
    EXPECT_FALSE(watch.changed());
  }
  EXPECT_GE(checks.load(), 2);
  // Two checks a second apart, then an immediate stop (not another second).
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(2900));
}

TEST(ConfigReloadWatchTest, NoTtlAfterAnUnchangedCheckEndsTheWatch) {
  std::atomic<int> checks{0};
  ConfigReloadWatch watch(
      milliseconds(1000),
      [&] {
        ++checks;
        return ConfigReloadWatch::CheckResult{Outcome::kUnchanged, std::nullopt};
      },
      [] {});
  wait_for(checks, 1, milliseconds(3000));
  std::this_thread::sleep_for(milliseconds(1500));
  EXPECT_EQ(checks.load(), 1);
}

TEST(ResolvedConfigsTest, SameValuesComparesBothConfigurations) {
  ResolvedConfigs a;
  a.worker.set("bootstrap.servers", "b:9092");
  a.connector.set("flush.size", "3");
  ResolvedConfigs b = a;
  EXPECT_TRUE(a.same_values(b));
  b.connector.set("flush.size", "2");
  EXPECT_FALSE(a.same_values(b));
  ResolvedConfigs c = a;
  c.worker.set("extra", "x");
  EXPECT_FALSE(a.same_values(c));
}

}  // namespace
}  // namespace sluice::cli
