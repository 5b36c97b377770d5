// SimpleDateFormat: java.text.SimpleDateFormat patterns, formatted and parsed in UTC with the
// English text Kafka Connect's transforms get on a JVM whose default locale is English
// (TimestampConverter and TimestampRouter build `new SimpleDateFormat(pattern)` and set the zone
// to UTC; see the java.text.SimpleDateFormat Javadoc for the letters).
//
// Letters: G era (AD/BC)  y year of era  Y week year  M/L month (1-2 digits, MMM short text,
// MMMM+ full)  w week of year  W week of month  D day of year  d day of month  F day of week in
// month  E weekday text (EEEE+ full)  u weekday number (1 = Monday)  a AM/PM  H hour 0-23
// k 1-24  K 0-11  h 1-12  m minute  s second  S milliseconds (a number, not a fraction)
// z zone name ("UTC", zzzz+ "Coordinated Universal Time")  Z "+0000"  X ISO 8601 ("Z").
// Numbers are zero-padded to the run length; yy and YY print two digits. Text in single quotes
// is literal, '' is a quote; other non-letters are literal. Weeks start on Sunday and week 1 is
// the week of January 1 (the en/US week rules). Like java.util.GregorianCalendar, dates before
// 1582-10-15 are in the Julian calendar.
//
// parse() follows DateFormat.parse(String): it reads from the start of the text, ignores what
// follows the last field, skips spaces and tabs before each field, reads a numeric field that
// abuts another numeric field with exactly its run length, and resolves the fields as
// GregorianCalendar does (the most recently parsed of day-of-month, day-of-year and the week
// fields wins; a two-digit "yy" year falls in the 100 years starting 80 years ago). Lenient
// parsing (Java's default, and what TimestampConverter uses) rolls out-of-range values over
// ("2024-13-01" is 2025-01-01); strict parsing rejects any field the resulting date does not
// reproduce. Zone text parses as "GMT", "GMT+hh:mm", "+hhmm", ISO "Z"/"+hh"/"+hhmm"/"+hh:mm" and
// the names of UTC/GMT; other zone names (PST, Europe/Paris...) are not recognised and fail the
// parse.
//
// Compiled once per transform; format() and parse() are const and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace sluice::transforms {

class SimpleDateFormat {
 public:
  // Compiles `pattern`. Fails with InvalidArgument carrying the message of Java's
  // IllegalArgumentException ("Illegal pattern character 'q'", "Unterminated quote",
  // "invalid ISO 8601 format: length=4").
  static Result<SimpleDateFormat> compile(std::string_view pattern);

  // Appends the UTC date-time of `epoch_millis`, formatted, to *out.
  void format(int64_t epoch_millis, std::string* out) const;

  // Parses `text` into epoch milliseconds. Fails with kDataError and Java's ParseException
  // message ("Unparseable date: \"abc\"").
  Result<int64_t> parse(std::string_view text, bool lenient = true) const;

  // Where two-digit years start (Java: 80 years before the format was created).
  // Set by compile(); tests pin it.
  void set_two_digit_year_start(int64_t epoch_millis);

  const std::string& pattern() const { return pattern_; }

  // One compiled element: a run of one pattern letter, or literal text.
  struct Element {
    char letter = 0;  // 0 for literal text
    int count = 0;
    std::string literal;
  };

 private:
  std::string pattern_;
  std::vector<Element> elements_;
  int64_t century_start_millis_ = 0;
  int century_start_year_ = 0;
};

}  // namespace sluice::transforms
