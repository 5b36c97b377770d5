#include "transforms/simple_date_format.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

namespace sluice::transforms {
namespace {

// Expected values in this file come from java.text.SimpleDateFormat on OpenJDK 17 (default
// locale "en", time zone set to UTC as TimestampConverter and TimestampRouter do), printed by a
// small Java program: new SimpleDateFormat(pattern, Locale.US), setTimeZone(UTC), format/parse.

struct FormatCase {
  const char* pattern;
  int64_t millis;
  const char* expected;
};

constexpr FormatCase kFormatCases[] = {
    {"G yyyy yy y yyyyy YYYY YY Y", 0LL, "AD 1970 70 1970 01970 1970 70 1970"},
    {"G yyyy yy y yyyyy YYYY YY Y", 1700000000123LL, "AD 2023 23 2023 02023 2023 23 2023"},
    {"G yyyy yy y yyyyy YYYY YY Y", -62135596800000LL, "AD 0001 01 1 00001 0001 01 1"},
    {"G yyyy yy y yyyyy YYYY YY Y", -62198755200000LL, "BC 0002 02 2 00002 -0001 -01 -1"},
    {"G yyyy yy y yyyyy YYYY YY Y", -12219292800001LL, "AD 1582 82 1582 01582 1582 82 1582"},
    {"G yyyy yy y yyyyy YYYY YY Y", -12219292800000LL, "AD 1582 82 1582 01582 1582 82 1582"},
    {"G yyyy yy y yyyyy YYYY YY Y", 951782400000LL, "AD 2000 00 2000 02000 2000 00 2000"},
    {"G yyyy yy y yyyyy YYYY YY Y", 1230681600000LL, "AD 2008 08 2008 02008 2009 09 2009"},
    {"G yyyy yy y yyyyy YYYY YY Y", 1609286400000LL, "AD 2020 20 2020 02020 2021 21 2021"},
    {"G yyyy yy y yyyyy YYYY YY Y", 1704067200000LL, "AD 2024 24 2024 02024 2024 24 2024"},
    {"G yyyy yy y yyyyy YYYY YY Y", 253402300799999LL, "AD 9999 99 9999 09999 10000 00 10000"},
    {"G yyyy yy y yyyyy YYYY YY Y", -1LL, "AD 1969 69 1969 01969 1970 70 1970"},
    {"G yyyy yy y yyyyy YYYY YY Y", 43200000LL, "AD 1970 70 1970 01970 1970 70 1970"},
    {"MMMM MMM MM M LLLL LLL L", 0LL, "January Jan 01 1 January Jan 1"},
    {"MMMM MMM MM M LLLL LLL L", 1700000000123LL, "November Nov 11 11 November Nov 11"},
    {"MMMM MMM MM M LLLL LLL L", -62135596800000LL, "January Jan 01 1 January Jan 1"},
    {"MMMM MMM MM M LLLL LLL L", -62198755200000LL, "January Jan 01 1 January Jan 1"},
    {"MMMM MMM MM M LLLL LLL L", -12219292800001LL, "October Oct 10 10 October Oct 10"},
    {"MMMM MMM MM M LLLL LLL L", -12219292800000LL, "October Oct 10 10 October Oct 10"},
    {"MMMM MMM MM M LLLL LLL L", 951782400000LL, "February Feb 02 2 February Feb 2"},
    {"MMMM MMM MM M LLLL LLL L", 1230681600000LL, "December Dec 12 12 December Dec 12"},
    {"MMMM MMM MM M LLLL LLL L", 1609286400000LL, "December Dec 12 12 December Dec 12"},
    {"MMMM MMM MM M LLLL LLL L", 1704067200000LL, "January Jan 01 1 January Jan 1"},
    {"MMMM MMM MM M LLLL LLL L", 253402300799999LL, "December Dec 12 12 December Dec 12"},
    {"MMMM MMM MM M LLLL LLL L", -1LL, "December Dec 12 12 December Dec 12"},
    {"MMMM MMM MM M LLLL LLL L", 43200000LL, "January Jan 01 1 January Jan 1"},
    {"w ww W D DDD d dd F E EEEE u uu", 0LL, "1 01 1 1 001 1 01 1 Thu Thursday 4 04"},
    {"w ww W D DDD d dd F E EEEE u uu", 1700000000123LL,
     "46 46 3 318 318 14 14 2 Tue Tuesday 2 02"},
    {"w ww W D DDD d dd F E EEEE u uu", -62135596800000LL, "2 02 2 3 003 3 03 1 Mon Monday 1 01"},
    {"w ww W D DDD d dd F E EEEE u uu", -62198755200000LL, "1 01 1 3 003 3 03 1 Fri Friday 5 05"},
    {"w ww W D DDD d dd F E EEEE u uu", -12219292800001LL,
     "40 40 1 277 277 4 04 1 Thu Thursday 4 04"},
    {"w ww W D DDD d dd F E EEEE u uu", -12219292800000LL,
     "40 40 1 278 278 15 15 1 Fri Friday 5 05"},
    {"w ww W D DDD d dd F E EEEE u uu", 951782400000LL, "10 10 5 60 060 29 29 5 Tue Tuesday 2 02"},
    {"w ww W D DDD d dd F E EEEE u uu", 1230681600000LL,
     "1 01 5 366 366 31 31 5 Wed Wednesday 3 03"},
    {"w ww W D DDD d dd F E EEEE u uu", 1609286400000LL,
     "1 01 5 365 365 30 30 5 Wed Wednesday 3 03"},
    {"w ww W D DDD d dd F E EEEE u uu", 1704067200000LL, "1 01 1 1 001 1 01 1 Mon Monday 1 01"},
    {"w ww W D DDD d dd F E EEEE u uu", 253402300799999LL,
     "1 01 5 365 365 31 31 5 Fri Friday 5 05"},
    {"w ww W D DDD d dd F E EEEE u uu", -1LL, "1 01 5 365 365 31 31 5 Wed Wednesday 3 03"},
    {"w ww W D DDD d dd F E EEEE u uu", 43200000LL, "1 01 1 1 001 1 01 1 Thu Thursday 4 04"},
    {"a H HH k kk K KK h hh", 0LL, "AM 0 00 24 24 0 00 12 12"},
    {"a H HH k kk K KK h hh", 1700000000123LL, "PM 22 22 22 22 10 10 10 10"},
    {"a H HH k kk K KK h hh", -62135596800000LL, "AM 0 00 24 24 0 00 12 12"},
    {"a H HH k kk K KK h hh", -62198755200000LL, "AM 0 00 24 24 0 00 12 12"},
    {"a H HH k kk K KK h hh", -12219292800001LL, "PM 23 23 23 23 11 11 11 11"},
    {"a H HH k kk K KK h hh", -12219292800000LL, "AM 0 00 24 24 0 00 12 12"},
    {"a H HH k kk K KK h hh", 951782400000LL, "AM 0 00 24 24 0 00 12 12"},
    {"a H HH k kk K KK h hh", 1230681600000LL, "AM 0 00 24 24 0 00 12 12"},
    {"a H HH k kk K KK h hh", 1609286400000LL, "AM 0 00 24 24 0 00 12 12"},
    {"a H HH k kk K KK h hh", 1704067200000LL, "AM 0 00 24 24 0 00 12 12"},
    {"a H HH k kk K KK h hh", 253402300799999LL, "PM 23 23 23 23 11 11 11 11"},
    {"a H HH k kk K KK h hh", -1LL, "PM 23 23 23 23 11 11 11 11"},
    {"a H HH k kk K KK h hh", 43200000LL, "PM 12 12 12 12 0 00 12 12"},
    {"m mm s ss S SS SSS SSSS", 0LL, "0 00 0 00 0 00 000 0000"},
    {"m mm s ss S SS SSS SSSS", 1700000000123LL, "13 13 20 20 123 123 123 0123"},
    {"m mm s ss S SS SSS SSSS", -62135596800000LL, "0 00 0 00 0 00 000 0000"},
    {"m mm s ss S SS SSS SSSS", -62198755200000LL, "0 00 0 00 0 00 000 0000"},
    {"m mm s ss S SS SSS SSSS", -12219292800001LL, "59 59 59 59 999 999 999 0999"},
    {"m mm s ss S SS SSS SSSS", -12219292800000LL, "0 00 0 00 0 00 000 0000"},
    {"m mm s ss S SS SSS SSSS", 951782400000LL, "0 00 0 00 0 00 000 0000"},
    {"m mm s ss S SS SSS SSSS", 1230681600000LL, "0 00 0 00 0 00 000 0000"},
    {"m mm s ss S SS SSS SSSS", 1609286400000LL, "0 00 0 00 0 00 000 0000"},
    {"m mm s ss S SS SSS SSSS", 1704067200000LL, "0 00 0 00 0 00 000 0000"},
    {"m mm s ss S SS SSS SSSS", 253402300799999LL, "59 59 59 59 999 999 999 0999"},
    {"m mm s ss S SS SSS SSSS", -1LL, "59 59 59 59 999 999 999 0999"},
    {"m mm s ss S SS SSS SSSS", 43200000LL, "0 00 0 00 0 00 000 0000"},
    {"z zzzz Z ZZ X XX XXX", 0LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", 1700000000123LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", -62135596800000LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", -62198755200000LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", -12219292800001LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", -12219292800000LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", 951782400000LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", 1230681600000LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", 1609286400000LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", 1704067200000LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", 253402300799999LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", -1LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"z zzzz Z ZZ X XX XXX", 43200000LL, "UTC Coordinated Universal Time +0000 +0000 Z Z Z"},
    {"GGGG EEEEE MMMMM aaaa", 0LL, "AD Thursday January AM"},
    {"GGGG EEEEE MMMMM aaaa", 1700000000123LL, "AD Tuesday November PM"},
    {"GGGG EEEEE MMMMM aaaa", -62135596800000LL, "AD Monday January AM"},
    {"GGGG EEEEE MMMMM aaaa", -62198755200000LL, "BC Friday January AM"},
    {"GGGG EEEEE MMMMM aaaa", -12219292800001LL, "AD Thursday October PM"},
    {"GGGG EEEEE MMMMM aaaa", -12219292800000LL, "AD Friday October AM"},
    {"GGGG EEEEE MMMMM aaaa", 951782400000LL, "AD Tuesday February AM"},
    {"GGGG EEEEE MMMMM aaaa", 1230681600000LL, "AD Wednesday December AM"},
    {"GGGG EEEEE MMMMM aaaa", 1609286400000LL, "AD Wednesday December AM"},
    {"GGGG EEEEE MMMMM aaaa", 1704067200000LL, "AD Monday January AM"},
    {"GGGG EEEEE MMMMM aaaa", 253402300799999LL, "AD Friday December PM"},
    {"GGGG EEEEE MMMMM aaaa", -1LL, "AD Wednesday December PM"},
    {"GGGG EEEEE MMMMM aaaa", 43200000LL, "AD Thursday January PM"},
    {"yyyyMMdd", 0LL, "19700101"},
    {"yyyyMMdd", 1700000000123LL, "20231114"},
    {"yyyyMMdd", -62135596800000LL, "00010103"},
    {"yyyyMMdd", -62198755200000LL, "00020103"},
    {"yyyyMMdd", -12219292800001LL, "15821004"},
    {"yyyyMMdd", -12219292800000LL, "15821015"},
    {"yyyyMMdd", 951782400000LL, "20000229"},
    {"yyyyMMdd", 1230681600000LL, "20081231"},
    {"yyyyMMdd", 1609286400000LL, "20201230"},
    {"yyyyMMdd", 1704067200000LL, "20240101"},
    {"yyyyMMdd", 253402300799999LL, "99991231"},
    {"yyyyMMdd", -1LL, "19691231"},
    {"yyyyMMdd", 43200000LL, "19700101"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 0LL, "1970-01-01T00:00:00.000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 1700000000123LL, "2023-11-14T22:13:20.123+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", -62135596800000LL, "0001-01-03T00:00:00.000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", -62198755200000LL, "0002-01-03T00:00:00.000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", -12219292800001LL, "1582-10-04T23:59:59.999+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", -12219292800000LL, "1582-10-15T00:00:00.000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 951782400000LL, "2000-02-29T00:00:00.000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 1230681600000LL, "2008-12-31T00:00:00.000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 1609286400000LL, "2020-12-30T00:00:00.000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 1704067200000LL, "2024-01-01T00:00:00.000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 253402300799999LL, "9999-12-31T23:59:59.999+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", -1LL, "1969-12-31T23:59:59.999+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSZ", 43200000LL, "1970-01-01T12:00:00.000+0000"},
    {"hh 'o''clock' a, zzzz", 1700000000123LL, "10 o'clock PM, Coordinated Universal Time"},
    {"hh 'o''clock' a, zzzz", 996199200000LL, "02 o'clock AM, Coordinated Universal Time"},
    {"yyyy.MM.dd G 'at' HH:mm:ss z", 1700000000123LL, "2023.11.14 AD at 22:13:20 UTC"},
    {"yyyy.MM.dd G 'at' HH:mm:ss z", 996199200000LL, "2001.07.27 AD at 02:00:00 UTC"},
    {"EEE, MMM d, ''yy", 1700000000123LL, "Tue, Nov 14, '23"},
    {"EEE, MMM d, ''yy", 996199200000LL, "Fri, Jul 27, '01"},
    {"h:mm a", 1700000000123LL, "10:13 PM"},
    {"h:mm a", 996199200000LL, "2:00 AM"},
    {"yyyyy.MMMMM.dd GGG hh:mm aaa", 1700000000123LL, "02023.November.14 AD 10:13 PM"},
    {"yyyyy.MMMMM.dd GGG hh:mm aaa", 996199200000LL, "02001.July.27 AD 02:00 AM"},
    {"yyMMddHHmmssZ", 1700000000123LL, "231114221320+0000"},
    {"yyMMddHHmmssZ", 996199200000LL, "010727020000+0000"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 1700000000123LL, "2023-11-14T22:13:20.123Z"},
    {"yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 996199200000LL, "2001-07-27T02:00:00.000Z"},
    {"YYYY-'W'ww-u", 1700000000123LL, "2023-W46-2"},
    {"YYYY-'W'ww-u", 996199200000LL, "2001-W30-5"},
    {"--", 1700000000123LL, "--"},
    {"--", 996199200000LL, "--"},
};

TEST(SimpleDateFormatTest, FormatsAsJava) {
  for (const FormatCase& c : kFormatCases) {
    auto format = SimpleDateFormat::compile(c.pattern);
    ASSERT_TRUE(format.ok()) << c.pattern << ": " << format.status().message();
    std::string out;
    format->format(c.millis, &out);
    EXPECT_EQ(out, c.expected) << c.pattern << " at " << c.millis;
  }
}

TEST(SimpleDateFormatTest, RejectsPatternsAsJava) {
  const std::pair<const char*, const char*> cases[] = {
      {"q", "Illegal pattern character 'q'"},
      {"yyyy-MM-dd'T", "Unterminated quote"},
      {"yyyy-MM-dd'", "Unterminated quote"},
      {"''yyyy'o''clock' 'abc", "Unterminated quote"},
      {"XXXX", "invalid ISO 8601 format: length=4"},
      {"yyyy-MM-dd'T'HH:mm:ss.SSSXXXX", "invalid ISO 8601 format: length=4"},
      {"ab", "Illegal pattern character 'b'"},
      {"'' x ''", "Illegal pattern character 'x'"},
  };
  for (const auto& [pattern, message] : cases) {
    auto format = SimpleDateFormat::compile(pattern);
    ASSERT_FALSE(format.ok()) << pattern;
    EXPECT_EQ(format.status().message(), message) << pattern;
  }
  // Accepted by Java: the empty pattern and non-ASCII literals.
  EXPECT_TRUE(SimpleDateFormat::compile("").ok());
  EXPECT_TRUE(SimpleDateFormat::compile("\xC3\xA9 yyyy").ok());
}

constexpr std::optional<int64_t> kUnparseable = std::nullopt;

struct ParseCase {
  bool lenient;
  const char* pattern;
  const char* text;
  std::optional<int64_t> millis;
};

// Two-digit years were parsed by Java on 2026-12-07, so they fall in 1946-12-07..2046-12-07.
const ParseCase kParseCases[] = {
    {true, "yyyy-MM-dd", "2024-02-30", 1709251200000LL},
    {true, "yyyy-MM-dd", "2024-13-01", 1735689600000LL},
    {true, "yyyy-MM-dd", "2024-1-5", 1704412800000LL},
    {true, "yyyyMMdd", "20240105", 1704412800000LL},
    {true, "yyyyMMdd", "2024015", 1704412800000LL},
    {true, "yyyyMMdd", "202401051", 1708387200000LL},
    {true, "yyyy-MM-dd HH:mm:ss", "2024-01-05", kUnparseable},
    {true, "yyyy-MM-dd", "2024-01-05 trailing", 1704412800000LL},
    {true, "yyyy-MM-dd", " 2024-01-05", 1704412800000LL},
    {true, "yyyy-MM-dd", "2024- 01-05", 1704412800000LL},
    {true, "yy-MM-dd", "24-01-05", 1704412800000LL},
    {true, "yy-MM-dd", "99-01-05", 915494400000LL},
    {true, "yy-MM-dd", "2024-01-05", 1704412800000LL},
    {true, "yy-MM-dd", "5-01-05", -62009193600000LL},
    {true, "yy-MM-dd", "005-01-05", -62009193600000LL},
    {true, "dd MMM yyyy", "05 jan 2024", 1704412800000LL},
    {true, "dd MMMM yyyy", "05 January 2024", 1704412800000LL},
    {true, "dd MMM yyyy", "05 January 2024", 1704412800000LL},
    {true, "dd MM yyyy", "05 Jan 2024", kUnparseable},
    {true, "dd MMMM yyyy", "05 Jan 2024", 1704412800000LL},
    {true, "EEE, dd MMM yyyy HH:mm:ss Z", "Fri, 05 Jan 2024 10:00:00 +0200", 1704441600000LL},
    {true, "EEE, dd MMM yyyy HH:mm:ss Z", "Mon, 05 Jan 2024 10:00:00 +0200", 1704441600000LL},
    {true, "yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-05T10:00:00+02:00", 1704441600000LL},
    {true, "yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-05T10:00:00Z", 1704448800000LL},
    {true, "yyyy-MM-dd'T'HH:mm:ssX", "2024-01-05T10:00:00-05", 1704466800000LL},
    {true, "yyyy-MM-dd'T'HH:mm:ssXX", "2024-01-05T10:00:00-0530", 1704468600000LL},
    {true, "yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-05T10:00:00-0530", kUnparseable},
    {true, "yyyy-MM-dd HH:mm:ss z", "2024-01-05 10:00:00 UTC", 1704448800000LL},
    {true, "yyyy-MM-dd HH:mm:ss z", "2024-01-05 10:00:00 GMT+02:00", 1704441600000LL},
    {true, "yyyy-MM-dd HH:mm:ss z", "2024-01-05 10:00:00 GMT", 1704448800000LL},
    {true, "yyyy-MM-dd HH:mm:ss z", "2024-01-05 10:00:00 +0300", 1704438000000LL},
    {true, "yyyy-MM-dd HH:mm:ss Z", "2024-01-05 10:00:00 GMT+02:00", 1704441600000LL},
    {true, "yyyy-MM-dd HH:mm:ss Z", "2024-01-05 10:00:00 UTC", 1704448800000LL},
    {true, "hh:mm a", "12:30 AM", 1800000LL},
    {true, "hh:mm a", "01:30 pm", 48600000LL},
    {true, "HH:mm a", "13:30 AM", 48600000LL},
    {true, "K:mm a", "11:30 PM", 84600000LL},
    {true, "k:mm", "24:30", 1800000LL},
    {true, "yyyy-MM-dd", "abcd", kUnparseable},
    {true, "yyyy-MM-dd", "-2024-01-05", -126039628800000LL},
    {true, "yyyy-MM-dd", "+2024-01-05", kUnparseable},
    {true, "D yyyy", "60 2024", 1709164800000LL},
    {true, "yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:00:00.5", 1704448800005LL},
    {true, "yyyy-MM-dd", "1582-10-10", -12218860800000LL},
    {true, "yyyy-MM-dd", "0001-01-01", -62135769600000LL},
    {true, "yyyy-MM-dd HH:mm", "2024-01-05 24:61", 1704502860000LL},
    {true, "yyyy-MM-dd G", "0044-03-15 BC", -63517996800000LL},
    {true, "yyyy-MM-dd G", "0044-03-15 AD", -60772464000000LL},
    {true, "yyyy-MM-dd", "2024-01-05", 1704412800000LL},
    {true, "yyyy", "2024", 1704067200000LL},
    {true, "MM-dd", "01-05", 345600000LL},
    {true, "HH:mm", "10:30", 37800000LL},
    {true, "'T'HH", "T10", 36000000LL},
    {true, "'T'HH", "X10", kUnparseable},
    {true, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "2024-01-05T10:00:00.123Z", 1704448800123LL},
    {true, "EEEE dd MMMM yyyy", "friday 05 january 2024", 1704412800000LL},
    {true, "yyyy-MM-dd EEE", "2024-01-05 Mon", 1704412800000LL},
    {true, "yyyy-ww", "2024-10", 1709424000000LL},
    {true, "yyyy-MM-dd", "2024-01-05x", 1704412800000LL},
    {true, "yyyy-MM-dd", "2024/01/05", kUnparseable},
    {true, "yyyyMMddHHmmss", "20240105103000", 1704450600000LL},
    {true, "y-M-d", "2024-1-5", 1704412800000LL},
    {true, "yyyy-MM-dd", "20240-01-05", 576545817600000LL},
    {true, "yyyy-MM-dd", "24-01-05", -61409664000000LL},
    {true, "dd/MM/yyyy", "5/1/24", -61409664000000LL},
    {true, "yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:00:00.1234", 1704448801234LL},
    {false, "yyyy-MM-dd", "2024-02-30", kUnparseable},
    {false, "yyyy-MM-dd", "2024-13-01", kUnparseable},
    {false, "yyyy-MM-dd", "2024-1-5", 1704412800000LL},
    {false, "yyyyMMdd", "20240105", 1704412800000LL},
    {false, "yyyyMMdd", "2024015", 1704412800000LL},
    {false, "yyyyMMdd", "202401051", kUnparseable},
    {false, "yyyy-MM-dd HH:mm:ss", "2024-01-05", kUnparseable},
    {false, "yyyy-MM-dd", "2024-01-05 trailing", 1704412800000LL},
    {false, "yyyy-MM-dd", " 2024-01-05", 1704412800000LL},
    {false, "yyyy-MM-dd", "2024- 01-05", 1704412800000LL},
    {false, "yy-MM-dd", "24-01-05", 1704412800000LL},
    {false, "yy-MM-dd", "99-01-05", 915494400000LL},
    {false, "yy-MM-dd", "2024-01-05", 1704412800000LL},
    {false, "yy-MM-dd", "5-01-05", -62009193600000LL},
    {false, "yy-MM-dd", "005-01-05", -62009193600000LL},
    {false, "dd MMM yyyy", "05 jan 2024", 1704412800000LL},
    {false, "dd MMMM yyyy", "05 January 2024", 1704412800000LL},
    {false, "dd MMM yyyy", "05 January 2024", 1704412800000LL},
    {false, "dd MM yyyy", "05 Jan 2024", kUnparseable},
    {false, "dd MMMM yyyy", "05 Jan 2024", 1704412800000LL},
    {false, "EEE, dd MMM yyyy HH:mm:ss Z", "Fri, 05 Jan 2024 10:00:00 +0200", 1704441600000LL},
    {false, "EEE, dd MMM yyyy HH:mm:ss Z", "Mon, 05 Jan 2024 10:00:00 +0200", kUnparseable},
    {false, "yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-05T10:00:00+02:00", 1704441600000LL},
    {false, "yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-05T10:00:00Z", 1704448800000LL},
    {false, "yyyy-MM-dd'T'HH:mm:ssX", "2024-01-05T10:00:00-05", 1704466800000LL},
    {false, "yyyy-MM-dd'T'HH:mm:ssXX", "2024-01-05T10:00:00-0530", 1704468600000LL},
    {false, "yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-05T10:00:00-0530", kUnparseable},
    {false, "yyyy-MM-dd HH:mm:ss z", "2024-01-05 10:00:00 UTC", 1704448800000LL},
    {false, "yyyy-MM-dd HH:mm:ss z", "2024-01-05 10:00:00 GMT+02:00", 1704441600000LL},
    {false, "yyyy-MM-dd HH:mm:ss z", "2024-01-05 10:00:00 GMT", 1704448800000LL},
    {false, "yyyy-MM-dd HH:mm:ss z", "2024-01-05 10:00:00 +0300", 1704438000000LL},
    {false, "yyyy-MM-dd HH:mm:ss Z", "2024-01-05 10:00:00 GMT+02:00", 1704441600000LL},
    {false, "yyyy-MM-dd HH:mm:ss Z", "2024-01-05 10:00:00 UTC", 1704448800000LL},
    {false, "hh:mm a", "12:30 AM", 1800000LL},
    {false, "hh:mm a", "01:30 pm", 48600000LL},
    {false, "HH:mm a", "13:30 AM", kUnparseable},
    {false, "K:mm a", "11:30 PM", 84600000LL},
    {false, "k:mm", "24:30", 1800000LL},
    {false, "yyyy-MM-dd", "abcd", kUnparseable},
    {false, "yyyy-MM-dd", "-2024-01-05", kUnparseable},
    {false, "yyyy-MM-dd", "+2024-01-05", kUnparseable},
    {false, "D yyyy", "60 2024", 1709164800000LL},
    {false, "yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:00:00.5", 1704448800005LL},
    {false, "yyyy-MM-dd", "1582-10-10", kUnparseable},
    {false, "yyyy-MM-dd", "0001-01-01", -62135769600000LL},
    {false, "yyyy-MM-dd HH:mm", "2024-01-05 24:61", kUnparseable},
    {false, "yyyy-MM-dd G", "0044-03-15 BC", -63517996800000LL},
    {false, "yyyy-MM-dd G", "0044-03-15 AD", -60772464000000LL},
    {false, "yyyy-MM-dd", "2024-01-05", 1704412800000LL},
    {false, "yyyy", "2024", 1704067200000LL},
    {false, "MM-dd", "01-05", 345600000LL},
    {false, "HH:mm", "10:30", 37800000LL},
    {false, "'T'HH", "T10", 36000000LL},
    {false, "'T'HH", "X10", kUnparseable},
    {false, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "2024-01-05T10:00:00.123Z", 1704448800123LL},
    {false, "EEEE dd MMMM yyyy", "friday 05 january 2024", 1704412800000LL},
    {false, "yyyy-MM-dd EEE", "2024-01-05 Mon", kUnparseable},
    {false, "yyyy-ww", "2024-10", 1709424000000LL},
    {false, "yyyy-MM-dd", "2024-01-05x", 1704412800000LL},
    {false, "yyyy-MM-dd", "2024/01/05", kUnparseable},
    {false, "yyyyMMddHHmmss", "20240105103000", 1704450600000LL},
    {false, "y-M-d", "2024-1-5", 1704412800000LL},
    {false, "yyyy-MM-dd", "20240-01-05", 576545817600000LL},
    {false, "yyyy-MM-dd", "24-01-05", -61409664000000LL},
    {false, "dd/MM/yyyy", "5/1/24", -61409664000000LL},
    {false, "yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:00:00.1234", kUnparseable},
    // Week dates, day-of-week-in-month, AM/PM order, zone names and eras.
    {true, "YYYY-'W'ww-u", "2023-W46-2", 1699920000000LL},
    {true, "YYYY-'W'ww-u", "2021-W01-3", 1609286400000LL},
    {true, "YYYY-'W'ww", "2024-W10", 1709424000000LL},
    {true, "YYYY-'W'ww-u", "2024-W01-9", 1704758400000LL},
    {true, "YYYY-MM-dd", "2020-12-30", 1577577600000LL},
    {true, "yyyy-MM W E", "2024-03 2 Tue", 1709596800000LL},
    {true, "yyyy-MM F E", "2024-03 2 Tue", 1710201600000LL},
    {true, "yyyy-MM F E", "2024-03 -1 Fri", 1711670400000LL},
    {true, "yyyy-MM W", "2024-03 3", 1710028800000LL},
    {true, "yyyy E", "2024 Wed", 1704240000000LL},
    {true, "yyyy-MM E", "2024-05 Sun", 1714867200000LL},
    {true, "E yyyy-MM-dd", "Tue 2024-05-07", 1715040000000LL},
    {true, "yyyy-MM-dd E", "2024-05-07 Tue", 1715040000000LL},
    {true, "yyyy D HH", "2024 366 05", 1735621200000LL},
    {true, "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-01-05T10:00:00.000+0530", 1704429000000LL},
    {true, "yyyy-MM-dd hh:mm a", "2024-01-05 12:00 PM", 1704456000000LL},
    {true, "yyyy-MM-dd a hh:mm", "2024-01-05 PM 03:00", 1704466800000LL},
    {true, "yyyy-MM-dd HH a", "2024-01-05 03 PM", 1704423600000LL},
    {true, "yyyy-MM-dd a HH", "2024-01-05 PM 03", 1704423600000LL},
    {true, "yyyyMMddHHmmssSSS", "20240105103000123", 1704450600123LL},
    {true, "yyyy-MM-dd z", "2024-01-05 coordinated universal time", 1704412800000LL},
    {true, "yyyy-MM-dd z", "2024-01-05 gmt-3:30", 1704425400000LL},
    {true, "yyyy-MM-dd Z", "2024-01-05 -08", kUnparseable},
    {true, "yyyy-MM-dd G", "0001-01-01 BC", -62167392000000LL},
    {true, "y-M-d G", "0-1-1 AD", -62167392000000LL},
    {true, "yyyy-MM-dd", "0000-01-01", -62167392000000LL},
    {true, "yyyy-MMM-dd", "2024-sept-05", kUnparseable},
    {true, "yyyy-MMM-dd", "2024-September-05", 1725494400000LL},
    {true, "yyyy", "-5", -62325158400000LL},
    {true, "MMMMyyyy", "January2024", 1704067200000LL},
    {true, "yyyyMMMM", "2024January", 1704067200000LL},
    {false, "YYYY-'W'ww-u", "2023-W46-2", 1699920000000LL},
    {false, "YYYY-'W'ww-u", "2021-W01-3", 1609286400000LL},
    {false, "YYYY-'W'ww", "2024-W10", 1709424000000LL},
    {false, "YYYY-'W'ww-u", "2024-W01-9", kUnparseable},
    {false, "YYYY-MM-dd", "2020-12-30", 1577577600000LL},
    {false, "yyyy-MM W E", "2024-03 2 Tue", 1709596800000LL},
    {false, "yyyy-MM F E", "2024-03 2 Tue", 1710201600000LL},
    {false, "yyyy-MM F E", "2024-03 -1 Fri", kUnparseable},
    {false, "yyyy-MM W", "2024-03 3", 1710028800000LL},
    {false, "yyyy E", "2024 Wed", 1704240000000LL},
    {false, "yyyy-MM E", "2024-05 Sun", 1714867200000LL},
    {false, "E yyyy-MM-dd", "Tue 2024-05-07", 1715040000000LL},
    {false, "yyyy-MM-dd E", "2024-05-07 Tue", 1715040000000LL},
    {false, "yyyy D HH", "2024 366 05", 1735621200000LL},
    {false, "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-01-05T10:00:00.000+0530", 1704429000000LL},
    {false, "yyyy-MM-dd hh:mm a", "2024-01-05 12:00 PM", 1704456000000LL},
    {false, "yyyy-MM-dd a hh:mm", "2024-01-05 PM 03:00", 1704466800000LL},
    {false, "yyyy-MM-dd HH a", "2024-01-05 03 PM", kUnparseable},
    {false, "yyyy-MM-dd a HH", "2024-01-05 PM 03", kUnparseable},
    {false, "yyyyMMddHHmmssSSS", "20240105103000123", 1704450600123LL},
    {false, "yyyy-MM-dd z", "2024-01-05 coordinated universal time", 1704412800000LL},
    {false, "yyyy-MM-dd z", "2024-01-05 gmt-3:30", 1704425400000LL},
    {false, "yyyy-MM-dd Z", "2024-01-05 -08", kUnparseable},
    {false, "yyyy-MM-dd G", "0001-01-01 BC", -62167392000000LL},
    {false, "y-M-d G", "0-1-1 AD", kUnparseable},
    {false, "yyyy-MM-dd", "0000-01-01", kUnparseable},
    {false, "yyyy-MMM-dd", "2024-sept-05", kUnparseable},
    {false, "yyyy-MMM-dd", "2024-September-05", 1725494400000LL},
    {false, "yyyy", "-5", kUnparseable},
    {false, "MMMMyyyy", "January2024", 1704067200000LL},
    {false, "yyyyMMMM", "2024January", 1704067200000LL},
    // Spaces count in the width of abutting numbers and are not skipped before text fields;
    // months roll the year over in the calendar of the year given; strict zone range.
    {true, "yyyyMMddHHmmss", "3459082 4041433", 47006713673000LL},
    {false, "yyyyMMddHHmmss", "3459082 4041433", kUnparseable},
    {true, "yyyy-MM W E", "20914-05 5  Thu", kUnparseable},
    {false, "yyyy-MM W E", "20914-05 5  Thu", kUnparseable},
    {true, "EEE, dd MMM yyyy HH:mm:ss z", " Mon, 20 Sep 1982 18:04:22 UTC", kUnparseable},
    {false, "EEE, dd MMM yyyy HH:mm:ss z", " Mon, 20 Sep 1982 18:04:22 UTC", kUnparseable},
    {true, "K:mm a, dd.MM.yyyy G", "9:35  PM, 09.06.3041 AD", kUnparseable},
    {false, "K:mm a, dd.MM.yyyy G", "9:35  PM, 09.06.3041 AD", kUnparseable},
    {true, "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "1902-07-11T06:37:49.544+2000", -2129462530456LL},
    {false, "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "1902-07-11T06:37:49.544+2000", kUnparseable},
    {true, "EEE, dd MMM yyyy HH:mm:ss z", " Mon, 20 Sep 2100 02:47:59 UTC", kUnparseable},
    {false, "EEE, dd MMM yyyy HH:mm:ss z", " Mon, 20 Sep 2100 02:47:59 UTC", kUnparseable},
    {true, "hh:mm a yyyy-MM-dd", "07:39 AM 27-61810-17", 101231365140000LL},
    {false, "hh:mm a yyyy-MM-dd", "07:39 AM 27-61810-17", kUnparseable},
    {true, "EEE, dd MMM yyyy HH:mm:ss z", " Mon, 03 May 3554- 20:32:25 UTC", kUnparseable},
    {false, "EEE, dd MMM yyyy HH:mm:ss z", " Mon, 03 May 3554- 20:32:25 UTC", kUnparseable},
};

TEST(SimpleDateFormatTest, ParsesAsJava) {
  for (const ParseCase& c : kParseCases) {
    auto format = SimpleDateFormat::compile(c.pattern);
    ASSERT_TRUE(format.ok()) << c.pattern;
    format->set_two_digit_year_start(
        -728006400000);  // 1946-12-07 00:00 UTC, about as on 2026-12-07
    auto parsed = format->parse(c.text, c.lenient);
    const std::string label =
        std::string(c.lenient ? "lenient " : "strict ") + c.pattern + " <- \"" + c.text + "\"";
    if (c.millis) {
      ASSERT_TRUE(parsed.ok()) << label << ": " << parsed.status().message();
      EXPECT_EQ(*parsed, *c.millis) << label;
    } else {
      ASSERT_FALSE(parsed.ok()) << label << " = " << *parsed;
      EXPECT_EQ(parsed.status().code(), StatusCode::kDataError);
      EXPECT_EQ(parsed.status().message(), "Unparseable date: \"" + std::string(c.text) + "\"");
    }
  }
}

TEST(SimpleDateFormatTest, FormatThenParseRoundTrips) {
  auto format = SimpleDateFormat::compile("yyyy-MM-dd'T'HH:mm:ss.SSSZ G");
  ASSERT_TRUE(format.ok());
  for (int64_t millis : {int64_t{0}, int64_t{1700000000123}, int64_t{-12219292800001},
                         int64_t{-62198755200000}, int64_t{253402300799999}}) {
    std::string text;
    format->format(millis, &text);
    auto parsed = format->parse(text, /*lenient=*/false);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(*parsed, millis) << text;
  }
}

}  // namespace
}  // namespace sluice::transforms
