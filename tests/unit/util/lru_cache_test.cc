#include "util/lru_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice {
namespace {

TEST(LruCacheTest, ForgetsTheLeastRecentlyUsedFirst) {
  LruCache<int, std::string> cache(2);
  cache.put(1, "one");
  cache.put(2, "two");
  ASSERT_NE(cache.get(1), nullptr);  // 1 is now the most recent
  cache.put(3, "three");             // evicts 2
  EXPECT_EQ(cache.get(2), nullptr);
  ASSERT_NE(cache.get(1), nullptr);
  EXPECT_EQ(*cache.get(1), "one");
  EXPECT_EQ(*cache.get(3), "three");
  EXPECT_EQ(cache.size(), 2u);
}

TEST(LruCacheTest, PutReplacesAndRefreshes) {
  LruCache<int, std::string> cache(2);
  cache.put(1, "one");
  cache.put(2, "two");
  cache.put(1, "uno");  // refreshes 1
  cache.put(3, "three");
  EXPECT_EQ(*cache.get(1), "uno");
  EXPECT_EQ(cache.get(2), nullptr);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.get(1), nullptr);
}

TEST(LruCacheTest, ACapacityOfZeroStillKeepsOne) {
  LruCache<int, int> cache(0);
  cache.put(1, 1);
  EXPECT_EQ(cache.capacity(), 1u);
  EXPECT_NE(cache.get(1), nullptr);
}

}  // namespace
}  // namespace sluice
