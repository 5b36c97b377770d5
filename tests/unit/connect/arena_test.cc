// The Arena extension that destroys non-trivial objects (value.h) and decimal values.
#include <gtest/gtest.h>

#include <memory>

#include "connect/value.h"

namespace sluice::connect {
namespace {

TEST(ArenaTest, ResetDestroysNonTrivialObjects) {
  auto shared = std::make_shared<int>(7);
  Arena arena;
  std::span<std::shared_ptr<int>> held = arena.allocate_array<std::shared_ptr<int>>(3);
  held[0] = shared;
  held[2] = shared;
  EXPECT_EQ(shared.use_count(), 3);
  arena.reset();
  EXPECT_EQ(shared.use_count(), 1);
  // The arena is usable again, and its destructor destroys what is left.
  {
    Arena scoped;
    scoped.allocate_array<std::shared_ptr<int>>(1)[0] = shared;
    EXPECT_EQ(shared.use_count(), 2);
  }
  EXPECT_EQ(shared.use_count(), 1);
}

TEST(ValueTest, DecimalsAreBytesWithAScale) {
  const Value d = Value::decimal(std::string_view("\x00\xDD", 2), 2);
  EXPECT_EQ(d.kind(), ValueKind::kBytes);
  EXPECT_TRUE(d.is_decimal());
  EXPECT_EQ(d.decimal_scale(), 2);
  EXPECT_FALSE(Value::bytes("x").is_decimal());
  EXPECT_TRUE(values_equal(d, Value::decimal(std::string_view("\x00\xDD", 2), 2)));
  EXPECT_FALSE(values_equal(d, Value::decimal(std::string_view("\x00\xDD", 2), 1)));
  EXPECT_FALSE(values_equal(d, Value::bytes(std::string_view("\x00\xDD", 2))));
}

}  // namespace
}  // namespace sluice::connect

namespace sluice::connect {
namespace {

TEST(ArenaTest, ResetReusesTheSameMemory) {
  Arena arena;
  void* first = arena.allocate(100, 8);
  for (int i = 0; i < 1000; ++i) arena.allocate(1000, 8);  // spills into more blocks
  arena.reset();
  EXPECT_EQ(arena.allocate(100, 8), first);
}

TEST(ArenaTest, HonoursAlignmentAndLargeRequests) {
  Arena arena;
  arena.allocate(1, 1);
  void* aligned = arena.allocate(64, 64);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % 64, 0u);
  char* big = static_cast<char*>(arena.allocate(20 * 1024 * 1024, 8));  // beyond the block cap
  big[20 * 1024 * 1024 - 1] = 'x';
  EXPECT_EQ(arena.copy("abc"), "abc");
}

}  // namespace
}  // namespace sluice::connect
