// The Connect values of google.protobuf.Timestamp, google.type.Date and TimeOfDay and
// confluent.type.Decimal, as Java's converters compute them (the day counts are those of
// java.util.GregorianCalendar, Julian before 1582-10-15).
#include "connect/protobuf_well_known_values.h"

#include <gtest/gtest.h>

namespace sluice::connect {
namespace {

TEST(ProtobufWellKnownValuesTest, TimestampMillisTruncateNanosAndCheckTheRange) {
  EXPECT_EQ(*protobuf_timestamp_millis(1700000000, 123456789), 1700000000123);
  EXPECT_EQ(*protobuf_timestamp_millis(-1, 999999999), -1);
  EXPECT_EQ(*protobuf_timestamp_millis(-62135596800, 0), -62135596800000);
  EXPECT_FALSE(protobuf_timestamp_millis(253402300800, 0).ok());
  EXPECT_FALSE(protobuf_timestamp_millis(0, 1000000000).ok());
}

TEST(ProtobufWellKnownValuesTest, DatesFollowGregorianCalendar) {
  EXPECT_EQ(*protobuf_date_days(1970, 1, 1), 0);
  EXPECT_EQ(*protobuf_date_days(2024, 2, 29), 19782);
  EXPECT_EQ(*protobuf_date_days(1969, 12, 31), -1);
  EXPECT_EQ(*protobuf_date_days(1582, 10, 15), -141427);
  // The day before the Gregorian calendar starts is Julian 1582-10-04.
  EXPECT_EQ(*protobuf_date_days(1582, 10, 4), -141428);
  EXPECT_EQ(*protobuf_date_days(1500, 2, 29), -171596);  // a Julian leap day
  EXPECT_FALSE(protobuf_date_days(1582, 10, 10).ok());
  EXPECT_FALSE(protobuf_date_days(2023, 2, 29).ok());
  EXPECT_FALSE(protobuf_date_days(0, 1, 1).ok());
  EXPECT_FALSE(protobuf_date_days(2024, 13, 1).ok());
  // Java's messages: the first calendar field the overflow changed.
  EXPECT_EQ(protobuf_date_days(2023, 2, 30).status().message(), "Invalid Date: MONTH: 1 -> 2");
  EXPECT_EQ(protobuf_date_days(2023, 12, 32).status().message(), "Invalid Date: DAY_OF_MONTH");
}

TEST(ProtobufWellKnownValuesTest, TimeOfDayMillisAndRanges) {
  EXPECT_EQ(*protobuf_time_of_day_millis(23, 59, 59, 999999999), 86399999);
  EXPECT_EQ(protobuf_time_of_day_millis(24, 0, 0, 0).status().message(),
            "Invalid value for HourOfDay (valid values 0 - 23): 24");
}

TEST(ProtobufWellKnownValuesTest, DecimalNeedsAValueAndEnoughPrecision) {
  EXPECT_EQ(check_protobuf_decimal("", std::nullopt).message(), "Zero length BigInteger");
  EXPECT_TRUE(check_protobuf_decimal("\x30\x39", 5).ok());  // 12345
  EXPECT_FALSE(check_protobuf_decimal("\x30\x39", 4).ok());
  EXPECT_TRUE(check_protobuf_decimal("\xcf\xc7", 5).ok());  // -12345
  EXPECT_EQ(check_protobuf_decimal("\x01", -1).message(), "Digits < 0");
}

}  // namespace
}  // namespace sluice::connect
