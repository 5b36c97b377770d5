// java.util.HashMap iteration order (java_hash_map_order.h, java_hash_code.h).
//
// Golden orders produced with OpenJDK 17 by put()-ing the keys, in the order listed, into a new
// HashMap<Object,Integer> (value = put index) and printing the values in entrySet() order. The
// spec asks for this emulation: kafka-connect.md §2.3 ("Note on ordering"), confluent-s3-sink.md
// §4.1 (b).
#include "format/java_hash_map_order.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "format/format_test_support.h"
#include "format/java_hash_code.h"

namespace sluice::format {
namespace {

class StringKeys final : public JavaHashMapOrder::Keys {
 public:
  explicit StringKeys(const std::vector<std::string>& keys) : keys_(keys) {}
  int32_t hash_code(uint32_t i) const override { return java_string_hash_code(keys_[i]); }
  bool equals(uint32_t a, uint32_t b) const override { return keys_[a] == keys_[b]; }
  int compare(uint32_t a, uint32_t b) const override {
    return java_string_compare(keys_[a], keys_[b]);
  }

 private:
  const std::vector<std::string>& keys_;
};

std::vector<uint32_t> order_of(const std::vector<std::string>& keys) {
  JavaHashMapOrder order;
  StringKeys adapter(keys);
  std::vector<uint32_t> out;
  order.compute(static_cast<uint32_t>(keys.size()), adapter, out);
  return out;
}

TEST(JavaStringHashCodeTest, MatchesStringHashCode) {
  // "Aa".hashCode() = 2112, "😀" (a surrogate pair) = 1772899, "é" = 233,
  // "created_at" = 1369680106 (OpenJDK 17).
  EXPECT_EQ(java_string_hash_code("Aa"), 2112);
  EXPECT_EQ(java_string_hash_code("BB"), 2112);
  EXPECT_EQ(java_string_hash_code("\xF0\x9F\x98\x80"), 1772899);
  EXPECT_EQ(java_string_hash_code("\xC3\xA9"), 233);
  EXPECT_EQ(java_string_hash_code("created_at"), 1369680106);
  EXPECT_EQ(java_string_hash_code(""), 0);
}

TEST(JavaStringCompareTest, UsesUtf16CodeUnitOrder) {
  EXPECT_LT(java_string_compare("a", "b"), 0);
  EXPECT_GT(java_string_compare("ab", "a"), 0);
  EXPECT_EQ(java_string_compare("same", "same"), 0);
  // By code point (and UTF-8 bytes) U+1F600 > U+FFFD, but String.compareTo compares UTF-16 units
  // and the emoji's high surrogate 0xD83D < 0xFFFD.
  EXPECT_LT(java_string_compare("\xF0\x9F\x98\x80", "\xEF\xBF\xBD"), 0);
  EXPECT_GT(java_string_compare("\xEF\xBF\xBD", "\xF0\x9F\x98\x80"), 0);
}

// 14 keys: the 13th put resizes the table from 16 to 32 buckets.
TEST(JavaHashMapOrderTest, FourteenFieldsAfterResize) {
  std::vector<std::string> keys = {"id",      "name",  "email", "age",        "city",
                                   "country", "zip",   "phone", "created_at", "updated_at",
                                   "active",  "score", "tags",  "notes"};
  EXPECT_EQ(order_of(keys), (std::vector<uint32_t>{6, 5, 13, 4, 8, 10, 12, 11, 9, 7, 1, 0, 2, 3}));
}

// The same first 12 keys stay in a 16-bucket table and come out in another order.
TEST(JavaHashMapOrderTest, TwelveFieldsBeforeResize) {
  std::vector<std::string> keys = {"id",  "name",  "email",      "age",        "city",   "country",
                                   "zip", "phone", "created_at", "updated_at", "active", "score"};
  EXPECT_EQ(order_of(keys), (std::vector<uint32_t>{6, 5, 11, 9, 4, 7, 1, 8, 10, 0, 2, 3}));
}

TEST(JavaHashMapOrderTest, NonAsciiKeysHashTheirUtf16Form) {
  std::vector<std::string> keys = {
      "\xC3\xA9", "\xF0\x9F\x98\x80", "a", "\xE6\x97\xA5\xE6\x9C\xAC", "Z", "\xC3\xBC\xE2\x82\xAC"};
  EXPECT_EQ(order_of(keys), (std::vector<uint32_t>{5, 2, 1, 0, 4, 3}));
}

// Equal hashes share a bucket and keep their insertion order.
TEST(JavaHashMapOrderTest, CollidingKeysKeepInsertionOrder) {
  std::vector<std::string> keys = {"BB", "x", "Aa", "y", "AaAa", "BBBB", "AaBB"};
  EXPECT_EQ(order_of(keys), (std::vector<uint32_t>{0, 2, 1, 3, 4, 5, 6}));
}

// key0..key99: five resizes (16 -> 256 buckets).
TEST(JavaHashMapOrderTest, HundredKeys) {
  std::vector<std::string> keys;
  for (int i = 0; i < 100; ++i) keys.push_back("key" + std::to_string(i));
  EXPECT_EQ(order_of(keys),
            (std::vector<uint32_t>{
                40, 44, 43, 42, 41, 37, 36, 35, 34, 39, 38, 51, 50, 55, 54, 53, 52, 48, 47, 46,
                45, 49, 62, 61, 60, 66, 65, 64, 63, 59, 58, 57, 56, 73, 72, 71, 70, 77, 76, 75,
                74, 69, 68, 67, 1,  2,  0,  5,  80, 6,  3,  4,  9,  84, 83, 7,  82, 8,  81, 88,
                87, 86, 85, 79, 78, 91, 90, 95, 94, 93, 92, 11, 99, 10, 98, 97, 96, 89, 22, 21,
                20, 15, 14, 13, 12, 19, 18, 17, 16, 33, 32, 31, 30, 26, 25, 24, 23, 29, 28, 27}));
}

// A repeated put keeps the first position and the last value (JSON objects with duplicate names).
TEST(JavaHashMapOrderTest, DuplicateKeyKeepsPositionTakesLastValue) {
  std::vector<std::string> keys = {"a", "b", "a", "c"};
  EXPECT_EQ(order_of(keys), (std::vector<uint32_t>{2, 1, 3}));
}

// Strings built from "Aa"/"BB" blocks all share one hash. Nine of them in one bucket make
// HashMap grow the table instead of building a tree (capacity < 64): insertion order stays.
const std::vector<std::string> kCollidingKeys = {
    "BBBBBBBB", "AaBBAaAa", "AaAaAaAa", "AaAaAaBB", "AaBBBBBB", "BBAaBBAa", "BBBBBBAa", "BBAaAaBB",
    "AaAaBBAa", "AaBBAaBB", "BBAaAaAa", "BBBBAaBB", "BBBBAaAa", "AaBBBBAa", "AaAaBBBB", "BBAaBBBB"};

TEST(JavaHashMapOrderTest, NineCollisionsGrowTheTable) {
  std::vector<std::string> keys(kCollidingKeys.begin(), kCollidingKeys.begin() + 9);
  EXPECT_EQ(order_of(keys), (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
}

// Sixteen colliding keys: after two growth steps the bucket becomes a red-black tree bin, whose
// iteration order (root first, new nodes after their tree parent) differs from insertion order.
TEST(JavaHashMapOrderTest, TreeBinOrder) {
  EXPECT_EQ(order_of(kCollidingKeys),
            (std::vector<uint32_t>{4, 0, 1, 2, 3, 5, 6, 11, 12, 15, 7, 8, 14, 9, 13, 10}));
}

TEST(JavaHashMapOrderTest, AppendsAfterExistingEntries) {
  std::vector<std::string> keys = {"b", "a"};
  JavaHashMapOrder order;
  StringKeys adapter(keys);
  std::vector<uint32_t> out = {99};
  order.compute(2, adapter, out);
  EXPECT_EQ(out, (std::vector<uint32_t>{99, 1, 0}));
}

std::vector<uint32_t> connect_order(const connect::Schema* key_schema, const connect::Value& map) {
  JavaHashMapOrder order;
  ConnectMapKeys keys(key_schema, map);
  std::vector<uint32_t> out;
  order.compute(static_cast<uint32_t>(map.map_size()), keys, out);
  return out;
}

// Integer, Long, Double and Boolean keys hash as their Java classes do (OpenJDK 17 goldens).
TEST(ConnectMapKeysTest, BoxedPrimitiveKeysHashLikeJava) {
  using connect::Value;
  using testing::map;
  connect::Arena arena;
  auto int32 = testing::primitive(connect::SchemaType::kInt32);
  Value ints =
      map(arena, {Value::integer(100), Value::null(), Value::integer(5), Value::null(),
                  Value::integer(17), Value::null(), Value::integer(33), Value::null(),
                  Value::integer(-1), Value::null(), Value::integer(16), Value::null(),
                  Value::integer(0), Value::null(), Value::integer(1 << 20), Value::null()});
  EXPECT_EQ(connect_order(int32.get(), ints), (std::vector<uint32_t>{4, 5, 6, 7, 2, 3, 0, 1}));

  // Schemaless integers are Longs.
  Value longs = map(
      arena, {Value::integer(100), Value::null(), Value::integer(5), Value::null(),
              Value::integer(int64_t{1} << 40), Value::null(), Value::integer(-1), Value::null(),
              Value::integer(17), Value::null(), Value::integer(INT64_MIN), Value::null()});
  EXPECT_EQ(connect_order(nullptr, longs), (std::vector<uint32_t>{2, 3, 5, 4, 0, 1}));

  Value doubles =
      map(arena, {Value::float64(1.5), Value::null(), Value::float64(2.0), Value::null(),
                  Value::float64(-0.0), Value::null(), Value::float64(0.0), Value::null(),
                  Value::float64(1e10), Value::null(), Value::float64(NAN), Value::null()});
  EXPECT_EQ(connect_order(nullptr, doubles), (std::vector<uint32_t>{1, 2, 3, 0, 5, 4}));

  Value bools =
      map(arena, {Value::boolean(true), Value::null(), Value::boolean(false), Value::null()});
  EXPECT_EQ(connect_order(nullptr, bools), (std::vector<uint32_t>{1, 0}));
}

}  // namespace
}  // namespace sluice::format
