// The Joda-Time pattern subset of path.format (spec §3.3): every letter, counts, padding and
// truncation rules, quoting, locales and errors. Expected strings were printed by joda-time
// 2.13.1 on OpenJDK 17 (joda_oracle/); joda_golden_test.cc checks ~2000 more combinations.
#include "sink/joda_time_format.h"

#include <gtest/gtest.h>

namespace sluice::sink {
namespace {

constexpr int64_t k2024_05_07T13_05_06_789 = 1715087106789;  // a Tuesday, UTC
constexpr int64_t k1969_07_20T20_17_40_120 = -14182939880;   // a Sunday

std::string fmt(std::string_view pattern, int64_t instant, std::string_view zone_id = "UTC",
                std::string_view locale = "en") {
  Result<JodaZone> zone = JodaZone::for_id(zone_id);
  EXPECT_TRUE(zone.ok());
  Result<JodaTimeFormat> f = JodaTimeFormat::compile(pattern, locale, *zone);
  EXPECT_TRUE(f.ok()) << pattern << ": " << f.status().message();
  if (!f.ok()) return "<error>";
  std::string out = "prefix:";
  EXPECT_TRUE(f->format(instant, &out).ok());
  EXPECT_EQ(out.rfind("prefix:", 0), 0u) << "format must append, not overwrite";
  return out.substr(7);
}

Status compile_error(std::string_view pattern, std::string_view locale = "en") {
  return JodaTimeFormat::compile(pattern, locale, JodaZone::utc()).status();
}

TEST(JodaTimeFormatTest, NumericFieldsPadToTheCount) {
  const int64_t t = k2024_05_07T13_05_06_789;
  EXPECT_EQ(fmt("M|MM|MMM|MMMM", t), "5|05|May|May");
  EXPECT_EQ(fmt("d|dd|ddd", t), "7|07|007");
  EXPECT_EQ(fmt("D|DD|DDDD", t), "128|128|0128");
  EXPECT_EQ(fmt("H|HH|HHH", t), "13|13|013");
  EXPECT_EQ(fmt("h|hh|k|kk|K|KK", t), "1|01|13|13|1|01");
  EXPECT_EQ(fmt("m|mm|s|ss", t), "5|05|6|06");
  EXPECT_EQ(fmt("e|ee|w|ww", t), "2|02|19|19");
  EXPECT_EQ(fmt("C|CCC", t), "20|020");
}

TEST(JodaTimeFormatTest, HourFlavoursAtMidnightAndNoon) {
  const int64_t midnight = 1715040000000, noon = 1715083200000;
  EXPECT_EQ(fmt("H k K h a", midnight), "0 24 0 12 AM");
  EXPECT_EQ(fmt("H k K h a", noon), "12 12 0 12 PM");
}

TEST(JodaTimeFormatTest, YearLetters) {
  const int64_t t = k2024_05_07T13_05_06_789;
  EXPECT_EQ(fmt("y|yy|yyy|yyyy|yyyyy", t), "2024|24|2024|2024|02024");
  EXPECT_EQ(fmt("Y|YY|YYYY|x|xx|xxxx", t), "2024|24|2024|2024|24|2024");
  // Year 12345 prints in full; ISO year -44 is 45 BC: yyyy "-0044", YYYY "0045", century 0.
  EXPECT_EQ(fmt("yyyy YYYY yy", 327416428800000), "12345 12345 45");
  EXPECT_EQ(fmt("G yyyy YYYY yy C", -63549316800000), "BC -0044 0045 44 0");
  EXPECT_EQ(fmt("G yyyy YYYY", -62135683199001), "BC 0000 0001");  // year 0 = 1 BC
}

TEST(JodaTimeFormatTest, WeekYearDiffersFromYearAroundNewYear) {
  // 2024-12-30 is in ISO week 1 of 2025; 2021-01-03 in week 53 of 2020.
  EXPECT_EQ(fmt("yyyy xxxx ww e", 1735560000000), "2024 2025 01 1");
  EXPECT_EQ(fmt("yyyy xxxx ww e", 1609632000000), "2021 2020 53 7");
}

TEST(JodaTimeFormatTest, FractionOfSecond) {
  const int64_t t = k2024_05_07T13_05_06_789;
  EXPECT_EQ(fmt("S|SS|SSS|SSSS|SSSSSS", t), "7|78|789|7890|789000");
  EXPECT_EQ(fmt("S|SS|SSS", 1715087106005), "0|00|005");
  // Joda scales to at most 15 digits; zero prints the full count.
  EXPECT_EQ(fmt(std::string(16, 'S'), 1715087106005), "005000000000000");
  EXPECT_EQ(fmt(std::string(16, 'S'), 1715087106000), "0000000000000000");
}

TEST(JodaTimeFormatTest, PreEpochInstant) {
  EXPECT_EQ(fmt("yyyy-MM-dd'T'HH:mm:ss.SSS EEE", k1969_07_20T20_17_40_120),
            "1969-07-20T20:17:40.120 Sun");
  EXPECT_EQ(fmt("yyyy-MM-dd HH:mm:ss.SSS", -1), "1969-12-31 23:59:59.999");
}

TEST(JodaTimeFormatTest, OffsetsAndZoneIds) {
  const int64_t july = 1721044800000;  // 2024-07-15T12:00Z
  EXPECT_EQ(fmt("Z|ZZ|ZZZ", july, "Europe/Berlin"), "+0200|+02:00|Europe/Berlin");
  EXPECT_EQ(fmt("Z|ZZ|ZZZ", july, "UTC"), "+0000|+00:00|UTC");  // never "Z"
  EXPECT_EQ(fmt("Z|ZZ|ZZZ", july, "+0530"), "+0530|+05:30|+05:30");
  EXPECT_EQ(fmt("ZZZ", july, "US/Eastern"), "America/New_York");
  EXPECT_EQ(fmt("Z", july, "America/St_Johns"), "-0230");
  // Local mean time +00:19:32 prints truncated to minutes.
  EXPECT_EQ(fmt("ZZ", -2208988800000, "Europe/Amsterdam"), "+00:19");
}

TEST(JodaTimeFormatTest, ZoneNamesInEnglishAndRoot) {
  const int64_t january = 1705320000000, july = 1721044800000;
  EXPECT_EQ(fmt("z|zzzz", january, "Europe/Berlin"), "CET|Central European Standard Time");
  EXPECT_EQ(fmt("z|zzzz", july, "Europe/Berlin"), "CEST|Central European Summer Time");
  EXPECT_EQ(fmt("z|zzzz", january, "Europe/Berlin", "en-US"), "CET|Central European Time");
  EXPECT_EQ(fmt("z|zzzz", july, "America/New_York"), "EDT|Eastern Daylight Time");
  EXPECT_EQ(fmt("z|zzzz", july, "UTC"), "UTC|Coordinated Universal Time");
  EXPECT_EQ(fmt("z|zzzz", july, "+05:30"), "+05:30|+05:30");  // fixed offsets print their id
  EXPECT_EQ(fmt("z", july, "Etc/GMT+5"), "-05:00");
  EXPECT_EQ(fmt("z", july, "GMT"), "GMT");
  EXPECT_EQ(fmt("z", july, "GMT", "en-US"), "+00:00");  // no root name for Etc/GMT
}

TEST(JodaTimeFormatTest, QuotesAndLiterals) {
  const int64_t t = k2024_05_07T13_05_06_789;
  EXPECT_EQ(fmt("'year'=YYYY/'month'=MM", t), "year=2024/month=05");
  EXPECT_EQ(fmt("'it''s' HH'h'", t), "it's 13h");
  EXPECT_EQ(fmt("''", t), "'");
  EXPECT_EQ(fmt("'a''", t), "a'");
  EXPECT_EQ(fmt("'unterminated HH", t), "unterminated HH");
  EXPECT_EQ(fmt("[yyyy]{MM}_-.:,", t), "[2024]{05}_-.:,");
  EXPECT_EQ(fmt("YYYY-\xc3\xa9-MM", t), "2024-\xc3\xa9-05");  // non-ASCII letters are literal
}

TEST(JodaTimeFormatTest, UnknownLetterIsAnErrorNamingPatternAndLetter) {
  Status st = compile_error("YYYY-qq");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("Illegal pattern component: qq"), std::string::npos);
  EXPECT_NE(st.message().find("'q'"), std::string::npos);
  EXPECT_NE(st.message().find("YYYY-qq"), std::string::npos);
  for (std::string_view p : {"T", "u", "yyyy-MM-ddTHH", "F", "W", "L", "Q", "X", "a'b'c"}) {
    EXPECT_EQ(compile_error(p).code(), StatusCode::kInvalidArgument) << p;
  }
  EXPECT_EQ(compile_error("").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(compile_error("'").code(), StatusCode::kInvalidArgument);  // prints nothing
}

TEST(JodaTimeFormatTest, FrenchAndEnglishText) {
  const int64_t feb7 = 1707300000000;  // 2024-02-07T10:00Z, a Wednesday
  EXPECT_EQ(fmt("MMMM|MMM|EEEE|EEE|a|G", feb7, "UTC", "fr"),
            "f\xc3\xa9vrier|f\xc3\xa9vr.|mercredi|mer.|AM|ap. J.-C.");
  EXPECT_EQ(fmt("MMMM|MMM|EEEE|EEE|a|G", feb7, "UTC", "en"), "February|Feb|Wednesday|Wed|AM|AD");
  EXPECT_EQ(fmt("MMMM|EEEE", feb7, "UTC", "EN"), "February|Wednesday");
}

TEST(JodaTimeFormatTest, LanguageTagsFallBackToRootText) {
  // new Locale("en-US") is the unknown language "en-us": the JDK prints root text.
  const int64_t feb7 = 1707300000000;
  EXPECT_EQ(fmt("MMMM|MMM|EEEE|E|a|G", feb7, "UTC", "en-US"), "Feb|Feb|Wed|Wed|AM|CE");
  EXPECT_EQ(fmt("MMMM|EEEE", feb7, "UTC", "fr-FR"), "Feb|Wed");
  EXPECT_EQ(fmt("MMMM|EEEE|a", feb7, "Asia/Seoul", "ko"),
            "2\xec\x9b\x94|\xec\x88\x98\xec\x9a\x94\xec\x9d\xbc|\xec\x98\xa4\xed\x9b\x84");
  EXPECT_EQ(fmt("MMMM|EEEE|a", feb7, "Asia/Seoul", "ko-KR"), "Feb|Wed|PM");
}

TEST(JodaTimeFormatTest, UnsupportedJdkLanguageOnlyMattersForText) {
  // Hungarian has JDK text that sluice does not carry: text fields are refused...
  Status st = compile_error("MMMM", "hu");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("'hu'"), std::string::npos);
  // ...numeric patterns are fine in any locale.
  EXPECT_EQ(fmt("yyyy/MM/dd", k2024_05_07T13_05_06_789, "UTC", "hu"), "2024/05/07");
  // Zone names exist only for English and the root fallback.
  EXPECT_EQ(compile_error("z", "fr").code(), StatusCode::kInvalidArgument);
}

TEST(JodaTimeFormatTest, CompiledTokensMergeLiterals) {
  Result<JodaTimeFormat> f = JodaTimeFormat::compile("'year'=YYYY", "en", JodaZone::utc());
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->tokens().size(), 2u);
  EXPECT_EQ(f->tokens()[0].field, JodaTimeFormat::Field::kLiteral);
  EXPECT_EQ(f->tokens()[1].field, JodaTimeFormat::Field::kYearOfEra);
  EXPECT_EQ(f->tokens()[1].count, 4u);
  EXPECT_FALSE(f->uses_locale_text());
}

}  // namespace
}  // namespace sluice::sink
