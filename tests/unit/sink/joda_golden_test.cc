// Cross-checks time bucketing, the Joda pattern formatter, scheduled rotation and the ISO-8601
// parser against cases printed by the real joda-time 2.13.1 on OpenJDK 17
// (joda_oracle/JodaOracle.java generates joda_golden_cases.inc). Spec §3.3 and §5.4.
#include <gtest/gtest.h>

#include <string>

#include "sink/joda_time_format.h"
#include "sink/time_bucket.h"
#include "sink/timestamp_extractor.h"

namespace sluice::sink {
namespace {

struct FormatCase {
  const char* pattern;
  const char* locale;
  const char* zone;
  int64_t instant;
  const char* expected;
};
struct BucketCase {
  int64_t duration;
  const char* zone;
  int64_t timestamp;
  int64_t expected;
};
struct RotationCase {
  int64_t interval;
  const char* zone;
  int64_t now;
  int64_t expected;
};
struct IsoCase {
  const char* text;
  int64_t expected;
  bool ok;
};

#define JODA_FORMAT_CASE(p, l, z, t, e) {p, l, z, t, e},
constexpr FormatCase kFormatCases[] = {
#include "sink/joda_golden_cases.inc"
};
#undef JODA_FORMAT_CASE

#define JODA_BUCKET_CASE(d, z, t, e) {d, z, t, e},
constexpr BucketCase kBucketCases[] = {
#include "sink/joda_golden_cases.inc"
};
#undef JODA_BUCKET_CASE

#define JODA_ROTATION_CASE(i, z, n, e) {i, z, n, e},
constexpr RotationCase kRotationCases[] = {
#include "sink/joda_golden_cases.inc"
};
#undef JODA_ROTATION_CASE

#define JODA_ISO_CASE(s, e, ok) {s, e, ok},
constexpr IsoCase kIsoCases[] = {
#include "sink/joda_golden_cases.inc"
};
#undef JODA_ISO_CASE

TEST(JodaGoldenTest, FormatMatchesJoda) {
  int failures = 0;
  for (const FormatCase& c : kFormatCases) {
    Result<JodaZone> zone = JodaZone::for_id(c.zone);
    ASSERT_TRUE(zone.ok()) << c.zone << ": " << zone.status().message();
    Result<JodaTimeFormat> format = JodaTimeFormat::compile(c.pattern, c.locale, *zone);
    ASSERT_TRUE(format.ok()) << c.pattern << " / " << c.locale << ": " << format.status().message();
    std::string out;
    ASSERT_TRUE(format->format(c.instant, &out).ok());
    if (out != c.expected && ++failures <= 30) {
      ADD_FAILURE() << "pattern [" << c.pattern << "] locale " << c.locale << " zone " << c.zone
                    << " instant " << c.instant << ": got [" << out << "] want [" << c.expected
                    << "]";
    }
  }
  EXPECT_EQ(failures, 0) << "of " << std::size(kFormatCases) << " cases";
}

TEST(JodaGoldenTest, BucketStartMatchesJoda) {
  int failures = 0;
  for (const BucketCase& c : kBucketCases) {
    Result<JodaZone> zone = JodaZone::for_id(c.zone);
    ASSERT_TRUE(zone.ok()) << c.zone;
    Result<int64_t> start = bucket_start(c.timestamp, c.duration, *zone);
    ASSERT_TRUE(start.ok()) << start.status().message();
    if (*start != c.expected && ++failures <= 30) {
      ADD_FAILURE() << "zone " << c.zone << " duration " << c.duration << " ts " << c.timestamp
                    << ": got " << *start << " want " << c.expected;
    }
  }
  EXPECT_EQ(failures, 0) << "of " << std::size(kBucketCases) << " cases";
}

TEST(JodaGoldenTest, ScheduledRotationMatchesJoda) {
  int failures = 0;
  for (const RotationCase& c : kRotationCases) {
    Result<int64_t> next = next_scheduled_rotation(c.now, c.interval, std::string_view(c.zone));
    ASSERT_TRUE(next.ok()) << next.status().message();
    if (*next != c.expected && ++failures <= 30) {
      ADD_FAILURE() << "zone " << c.zone << " interval " << c.interval << " now " << c.now
                    << ": got " << *next << " want " << c.expected;
    }
  }
  EXPECT_EQ(failures, 0) << "of " << std::size(kRotationCases) << " cases";
}

TEST(JodaGoldenTest, IsoParserMatchesJoda) {
  for (const IsoCase& c : kIsoCases) {
    Result<int64_t> parsed = parse_iso_date_time(c.text);
    EXPECT_EQ(parsed.ok(), c.ok) << c.text;
    if (parsed.ok() && c.ok) {
      EXPECT_EQ(*parsed, c.expected) << c.text;
    }
  }
}

}  // namespace
}  // namespace sluice::sink
