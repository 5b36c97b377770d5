// Time zones, bucket arithmetic (spec §3.3) and scheduled rotation (spec §5.4). Expected values
// were printed by joda-time 2.13.1 (see joda_oracle/); joda_golden_test.cc has many more.
#include "sink/time_bucket.h"

#include <gtest/gtest.h>

namespace sluice::sink {
namespace {

constexpr int64_t kHour = 3600000;
constexpr int64_t kDay = 24 * kHour;

JodaZone zone(std::string_view id) {
  Result<JodaZone> z = JodaZone::for_id(id);
  EXPECT_TRUE(z.ok()) << id << ": " << z.status().message();
  return z.ok() ? *z : JodaZone::utc();
}

TEST(JodaZoneTest, ResolvesIdsLikeJoda) {
  EXPECT_EQ(zone("UTC").id(), "UTC");
  EXPECT_EQ(zone("Z").id(), "UTC");
  EXPECT_EQ(zone("UT").id(), "UTC");
  EXPECT_EQ(zone("+00:00").id(), "UTC");
  EXPECT_EQ(zone("-00:00").id(), "UTC");
  EXPECT_EQ(zone("+0530").id(), "+05:30");
  EXPECT_EQ(zone("+05").id(), "+05:00");
  EXPECT_EQ(zone("+05:30:00").id(), "+05:30");
  EXPECT_EQ(zone("-08:00").offset_ms(0), -8 * kHour);
  // Links resolve to their target, as Joda's provider does.
  EXPECT_EQ(zone("US/Eastern").id(), "America/New_York");
  EXPECT_EQ(zone("Asia/Calcutta").id(), "Asia/Kolkata");
  EXPECT_EQ(zone("GMT").id(), "Etc/GMT");
  EXPECT_EQ(zone("Etc/UTC").id(), "Etc/UTC");
  EXPECT_EQ(zone("Europe/Berlin").id(), "Europe/Berlin");
}

TEST(JodaZoneTest, RejectsWhatJodaRejects) {
  for (std::string_view bad : {"utc", "+5:30", "+24:00", "Etc/Unknown", "posix/Europe/Berlin", "",
                               "Europe/../Berlin", "+05:60"}) {
    Result<JodaZone> z = JodaZone::for_id(bad);
    EXPECT_EQ(z.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_NE(JodaZone::for_id("Mars/Olympus").status().message().find("'Mars/Olympus'"),
            std::string::npos);
}

TEST(JodaZoneTest, OffsetsFollowDst) {
  const JodaZone berlin = zone("Europe/Berlin");
  EXPECT_EQ(berlin.offset_ms(1711846799999), kHour);      // 2024-03-31T00:59:59.999Z, CET
  EXPECT_EQ(berlin.offset_ms(1711846800000), 2 * kHour);  // 01:00Z, CEST
  EXPECT_TRUE(berlin.is_standard_offset(1711846799999));
  EXPECT_FALSE(berlin.is_standard_offset(1711846800000));
  EXPECT_EQ(berlin.next_transition(1711846799999), 1711846800000);
  EXPECT_EQ(berlin.abbreviation(1711846800000), "CEST");
  EXPECT_EQ(zone("+05:30").next_transition(42), 42);  // no transitions: Joda returns the input
}

TEST(BucketStartTest, HourlyAcrossSpringForwardInBerlin) {
  const JodaZone berlin = zone("Europe/Berlin");
  // 01:30 CET and 03:30 CEST are one real hour apart; 02:xx does not exist that night.
  EXPECT_EQ(*bucket_start(1711845000000, kHour, berlin), 1711843200000);  // 01:00 CET
  EXPECT_EQ(*bucket_start(1711846799999, kHour, berlin), 1711843200000);
  EXPECT_EQ(*bucket_start(1711846800000, kHour, berlin), 1711846800000);  // 03:00 CEST
  EXPECT_EQ(*bucket_start(1711848600000, kHour, berlin), 1711846800000);
}

TEST(BucketStartTest, HourlyAcrossFallBackInBerlinMergesTheRepeatedHour) {
  const JodaZone berlin = zone("Europe/Berlin");
  // 02:30 CEST (00:30Z) and 02:30 CET (01:30Z) share the local hour 02:00; Joda's non-strict
  // convertLocalToUTC maps it to the later instant, 01:00Z, for both.
  EXPECT_EQ(*bucket_start(1729989000000, kHour, berlin), 1729990800000);
  EXPECT_EQ(*bucket_start(1729992600000, kHour, berlin), 1729990800000);
  EXPECT_EQ(*bucket_start(1729996200000, kHour, berlin), 1729994400000);  // 03:30 CET
}

TEST(BucketStartTest, DailyWithFixedOffset) {
  const JodaZone ist = zone("+05:30");
  EXPECT_EQ(*bucket_start(1715020199999, kDay, ist), 1714933800000);  // 05-06 23:59:59.999 local
  EXPECT_EQ(*bucket_start(1715020200000, kDay, ist), 1715020200000);  // 05-07 00:00 local
  EXPECT_EQ(*bucket_start(1715025600000, kDay, ist), 1715020200000);
}

TEST(BucketStartTest, PreEpochInstantsRoundUpLikeJavaDivision) {
  const JodaZone utc = JodaZone::utc();
  EXPECT_EQ(*bucket_start(-1, kHour, utc), 0);
  EXPECT_EQ(*bucket_start(-3600001, kHour, utc), -3600000);
  EXPECT_EQ(*bucket_start(-43200000, kDay, utc), 0);           // 1969-12-31T12:00 -> 1970-01-01
  EXPECT_EQ(*bucket_start(-129600000, kDay, utc), -86400000);  // 1969-12-30T12:00 -> 12-31
}

TEST(BucketStartTest, DurationsThatDoNotDivideADayAlignToTheEpoch) {
  const JodaZone utc = JodaZone::utc();
  // 7 h buckets start at 1970-01-01T00:00 local and drift: 2024-05-07T01:00Z is in the bucket
  // that started 2024-05-06T23:00Z, and a day later the bucket starts at 20:00.
  EXPECT_EQ(*bucket_start(1715043600000, 7 * kHour, utc), 1715036400000);
  EXPECT_EQ(*bucket_start(1715130000000, 7 * kHour, utc), 1715112000000);
}

TEST(BucketStartTest, RejectsNonPositiveDurationAndOverflow) {
  EXPECT_EQ(bucket_start(0, 0, JodaZone::utc()).status().code(), StatusCode::kInvalidArgument);
  Result<int64_t> overflow = bucket_start(INT64_MAX, kHour, zone("+01:00"));
  EXPECT_EQ(overflow.status().code(), StatusCode::kDataError);
}

TEST(StartOfDayTest, HandlesMidnightGaps) {
  // Sao Paulo skipped 2016-10-16T00:00 (-03 -> -02): the day starts at 01:00 local = 03:00Z.
  EXPECT_EQ(*start_of_day(1476626400000, zone("America/Sao_Paulo")), 1476586800000);
  EXPECT_EQ(*start_of_day(1715087106789, JodaZone::utc()), 1715040000000);
}

TEST(ScheduledRotationTest, HourlyAndSevenHourlyInUtc) {
  const JodaZone utc = JodaZone::utc();
  const int64_t now = 1715088000000;                                        // 2024-05-07T13:20Z
  EXPECT_EQ(*next_scheduled_rotation(now, kHour, utc), 1715090400000);      // 14:00
  EXPECT_EQ(*next_scheduled_rotation(now, 7 * kHour, utc), 1715090400000);  // 14:00
  // After 21:00 the next 7 h step (28:00) is capped at midnight.
  EXPECT_EQ(*next_scheduled_rotation(1715120400000, 7 * kHour, utc), 1715126400000);
}

TEST(ScheduledRotationTest, TwentyThreeHourDayInBerlin) {
  const JodaZone berlin = zone("Europe/Berlin");
  const int64_t now = 1711845000000;  // 2024-03-31T01:30 CET, the day has 23 hours
  EXPECT_EQ(*next_scheduled_rotation(now, kHour, berlin), 1711846800000);  // 03:00 CEST
  // Steps are elapsed time since midnight, so "7 h" lands on 08:00 CEST that day.
  EXPECT_EQ(*next_scheduled_rotation(now, 7 * kHour, berlin), 1711864800000);
  // 22:00 CEST: 28 h would pass midnight; capped at 23 h = 00:00 CEST on April 1st.
  EXPECT_EQ(*next_scheduled_rotation(1711915200000, 7 * kHour, berlin), 1711922400000);
  EXPECT_EQ(*next_scheduled_rotation(1711915200000, kHour, berlin), 1711918800000);
}

TEST(ScheduledRotationTest, TwentyFiveHourDayInBerlin) {
  const JodaZone berlin = zone("Europe/Berlin");
  // 2024-10-27T02:30 CEST: one hour since midnight... plus the repeated hour to come.
  EXPECT_EQ(*next_scheduled_rotation(1729989000000, kHour, berlin), 1729990800000);
  EXPECT_EQ(*next_scheduled_rotation(1729989000000, 7 * kHour, berlin),
            1730005200000);  // 06:00 CET
  // 23:30 CET: 24.5 h since midnight; both intervals stop at the 25 h mark, midnight.
  EXPECT_EQ(*next_scheduled_rotation(1730068200000, kHour, berlin), 1730070000000);
  EXPECT_EQ(*next_scheduled_rotation(1730068200000, 7 * kHour, berlin), 1730070000000);
}

TEST(ScheduledRotationTest, ZoneGivenAsConfigString) {
  EXPECT_EQ(*next_scheduled_rotation(1715088000000, kHour, std::string_view("UTC")), 1715090400000);
  Result<int64_t> bad = next_scheduled_rotation(0, kHour, std::string_view("Nowhere/City"));
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(next_scheduled_rotation(0, 0, JodaZone::utc()).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sluice::sink
