#include "config/key_suggestion.h"

#include <gtest/gtest.h>

namespace sluice::config {
namespace {

TEST(EditDistanceTest, CountsInsertionsDeletionsSubstitutionsAndTranspositions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("flush.size", "flush_size"), 1u);
  EXPECT_EQ(edit_distance("fulsh.size", "flush.size"), 1u);  // one transposition
  EXPECT_EQ(edit_distance("flush.siz", "flush.size"), 1u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // optimal string alignment, not full Damerau
}

TEST(ClosestMatchTest, SuggestsOnlyPlausibleTypos) {
  std::vector<std::string> keys = {"flush.size", "s3.bucket.name", "s3.region", "topics"};
  EXPECT_EQ(closest_match("flush_size", keys), "flush.size");
  EXPECT_EQ(closest_match("FLUSH.SIZE", keys), "flush.size");
  EXPECT_EQ(closest_match("s3.bucket.nmae", keys), "s3.bucket.name");
  EXPECT_EQ(closest_match("topic", keys), "topics");
  EXPECT_EQ(closest_match("s3.bucket", keys), std::nullopt);  // 5 edits away
  EXPECT_EQ(closest_match("xyz", keys), std::nullopt);
  EXPECT_EQ(closest_match("s3.regoin", keys), "s3.region");
}

TEST(ClosestMatchTest, ShortNamesAllowOneEdit) {
  std::vector<std::string> names = {"Json", "Avro"};
  EXPECT_EQ(closest_match("Jsn", names), "Json");
  EXPECT_EQ(closest_match("Jn", names), std::nullopt);
}

}  // namespace
}  // namespace sluice::config
