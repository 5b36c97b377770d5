// JodaTimeFormat: joda-time's DateTimeFormat patterns (path.format), compiled once and printed
// without allocation.
//
// The Java connector prints each bucket with DateTimeFormat.forPattern(path.format)
// .withZone(timezone).withLocale(new Locale(locale)), so object keys follow Joda's rules, which
// differ from java.time's and from strftime's. Letters (a run of one letter is one field; the run
// length is the "count"):
//
//   G era text           C century of era      Y year of era        y year       x week-year
//   M month (1-2 digits, MMM short text, MMMM+ full text)           d day of month
//   D day of year        e day of week 1..7    E weekday text (EEEE+ full)       w week of
//   week-year a AM/PM text         H hour 0-23   k 1-24  K 0-11   h 1-12      m minute     s second
//   S fraction of second (count = digits)      z zone name (zzzz+ long)
//   Z offset "+0100" (ZZ "+01:00", ZZZ+ the zone id)
//
// Numbers are zero-padded to the count and never truncated (yyyy prints 12345 in full, a negative
// year as "-0044"); yy, YY and xx print the last two digits of |year|. Y is year-of-era (never
// negative: 1 BC is Y=1), not java.time's week-based year. Text in single quotes is literal, ''
// is a quote (also inside quotes), every other non-letter is literal, an unterminated quote runs
// to the end. Any other ASCII letter is an error, as in Joda ("Illegal pattern component: qq").
//
// Compiled once per partitioner; format() is const and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sink/locale_names.h"
#include "sink/time_bucket.h"
#include "util/status.h"

namespace sluice::sink {

class JodaTimeFormat {
 public:
  // Compiles `pattern` for printing in `zone` with the text of `locale` (the `locale` config
  // string, see locale_names.h). Fails with InvalidArgument for an empty pattern, an unknown
  // letter, or text fields (MMM, E, a, G; z in any locale but English and the root fallback)
  // in a locale whose JDK text sluice does not carry.
  static Result<JodaTimeFormat> compile(std::string_view pattern, std::string_view locale,
                                        const JodaZone& zone);

  // Appends the local time of `utc_ms` in the zone, formatted, to *out. Fails only when the
  // instant plus the zone offset overflows (Joda throws there too).
  Status format(int64_t utc_ms, std::string* out) const;

  const std::string& pattern() const { return pattern_; }
  const JodaZone& zone() const { return zone_; }
  const ResolvedLocale& locale() const { return locale_; }
  // Whether the output depends on the locale (MMM, MMMM, E, a, G, z).
  bool uses_locale_text() const { return uses_locale_text_; }

  enum class Field : uint8_t {
    kLiteral,
    kEraText,
    kCenturyOfEra,
    kYear,
    kYearOfEra,
    kWeekyear,
    kTwoDigitYear,
    kTwoDigitWeekyear,
    kMonth,
    kMonthShortText,
    kMonthText,
    kDayOfMonth,
    kDayOfYear,
    kDayOfWeek,
    kDayOfWeekShortText,
    kDayOfWeekText,
    kWeekOfWeekyear,
    kHalfdayText,
    kHourOfDay,
    kClockhourOfDay,
    kHourOfHalfday,
    kClockhourOfHalfday,
    kMinute,
    kSecond,
    kFraction,
    kZoneShortName,
    kZoneLongName,
    kZoneOffset,
    kZoneOffsetWithColon,
    kZoneId,
  };
  struct Token {
    Field field = Field::kLiteral;
    uint32_t count = 0;           // letters in the run: minimum digits for numbers
    uint32_t literal_offset = 0;  // kLiteral: text in literals_
    uint32_t literal_size = 0;
  };
  const std::vector<Token>& tokens() const { return tokens_; }

 private:
  explicit JodaTimeFormat(JodaZone zone) : zone_(std::move(zone)) {}

  std::string pattern_;
  JodaZone zone_;
  ResolvedLocale locale_;
  const ZoneNames* zone_names_ = nullptr;  // z / zzzz text for zone_, when known
  std::vector<Token> tokens_;
  std::string literals_;
  bool uses_locale_text_ = false;
};

}  // namespace sluice::sink
