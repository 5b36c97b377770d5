// `timezone` values as Joda's DateTimeZone.forID accepts them (confluent-s3-sink.md §2.5).
#include "config/time_zone_id.h"

#include <date/tz.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::config {
namespace {

using ::testing::HasSubstr;

TEST(TimeZoneIdTest, UtcIsAFixedZeroOffset) {
  Result<TimeZoneId> z = parse_time_zone_id("UTC");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->fixed_offset, std::chrono::seconds(0));
  EXPECT_EQ(z->zone, nullptr);
}

TEST(TimeZoneIdTest, IanaZonesComeFromTheTzDatabase) {
  for (const char* id : {"Europe/Berlin", "America/New_York", "Asia/Seoul", "Etc/GMT+5", "EST"}) {
    Result<TimeZoneId> z = parse_time_zone_id(id);
    ASSERT_TRUE(z.ok()) << id << ": " << z.status().to_string();
    ASSERT_NE(z->zone, nullptr) << id;
    EXPECT_FALSE(z->fixed_offset.has_value());
  }
  EXPECT_EQ(parse_time_zone_id("Europe/Berlin")->zone->name(), "Europe/Berlin");
}

TEST(TimeZoneIdTest, FixedOffsetsInJodaSpellings) {
  EXPECT_EQ(parse_time_zone_id("+05:30")->fixed_offset, std::chrono::seconds(19800));
  EXPECT_EQ(parse_time_zone_id("+0530")->fixed_offset, std::chrono::seconds(19800));
  EXPECT_EQ(parse_time_zone_id("-08:00")->fixed_offset, std::chrono::seconds(-28800));
  EXPECT_EQ(parse_time_zone_id("+05")->fixed_offset, std::chrono::seconds(18000));
  EXPECT_EQ(parse_time_zone_id("-01:02:03")->fixed_offset, std::chrono::seconds(-3723));
  EXPECT_EQ(parse_time_zone_id("+00:00")->fixed_offset, std::chrono::seconds(0));
}

TEST(TimeZoneIdTest, RejectsMalformedOffsets) {
  for (const char* id : {"+24:00", "+05:60", "+5", "+05:3", "+05:30x", "+05-30", "+"}) {
    Result<TimeZoneId> z = parse_time_zone_id(id);
    ASSERT_FALSE(z.ok()) << id;
    EXPECT_THAT(z.status().message(), HasSubstr("is not a valid UTC offset")) << id;
  }
}

TEST(TimeZoneIdTest, RejectsUnknownZonesCaseSensitively) {
  for (const char* id : {"utc", "Europe/Berln", "Mars/Olympus", "europe/berlin"}) {
    Result<TimeZoneId> z = parse_time_zone_id(id);
    ASSERT_FALSE(z.ok()) << id;
    EXPECT_THAT(z.status().message(), HasSubstr("unknown time zone id")) << id;
  }
  EXPECT_FALSE(parse_time_zone_id("").ok());
  EXPECT_FALSE(parse_time_zone_id("../../etc/passwd").ok());
  EXPECT_FALSE(parse_time_zone_id("/etc/localtime").ok());
}

}  // namespace
}  // namespace sluice::config
