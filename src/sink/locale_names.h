// Locale text for time-based partition paths: month, weekday, AM/PM, era and zone names.
//
// The Java connector builds `new Locale(locale)` with the one-argument constructor, which takes
// the whole string as the *language* and lower-cases it: `fr` is French, but `fr-FR`, `en-US`,
// `en_US` or `ko-KR` become languages "fr-fr", "en-us", ... that the JDK does not know, and
// JDK 17's CLDR provider then falls back to its root locale. Root text is English-like but not
// English: MMMM prints "Jan" (not "January"), EEEE prints "Mon", eras are "BCE"/"CE", and zone
// names differ ("Central European Time" instead of "Central European Standard Time").
//
// The tables in locale_names.cc were printed by joda-time 2.13.1 on OpenJDK 17.0.15 (CLDR 39)
// through DateTimeFormat (the oracle is tests/unit/sink/joda_oracle/). Only the text fields
// (MMM, MMMM, E, EEEE, a, G, z, zzzz) depend on the locale; numbers are always ASCII digits.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace sluice::sink {

// Text of one JDK locale, as java.text.DateFormatSymbols gives it to Joda (format context).
struct LocaleNames {
  std::string_view language;                       // "en", "fr", ... or "root"
  std::array<std::string_view, 12> months;         // MMMM, January first
  std::array<std::string_view, 12> short_months;   // MMM
  std::array<std::string_view, 7> weekdays;        // EEEE, Monday first (Joda's 1..7)
  std::array<std::string_view, 7> short_weekdays;  // E, EE, EEE
  std::array<std::string_view, 2> halfdays;        // a: AM, PM
  std::array<std::string_view, 2> eras;            // G: before Christ, anno Domini
};

// Zone names of one zone in one locale (Joda's getShortName / getName).
struct ZoneNames {
  std::string_view standard_short;  // z, standard time
  std::string_view standard_long;   // zzzz
  std::string_view daylight_short;  // empty when the zone has no DST today
  std::string_view daylight_long;
};

// What the JDK makes of a `locale` configuration value.
struct ResolvedLocale {
  std::string language;  // Locale(s).getLanguage(): the whole string, ASCII lower-cased
  // Text for the language, or the root table when the JDK does not know the language; null when
  // the JDK has localized text for it that sluice does not carry (text fields are then refused).
  const LocaleNames* names = nullptr;
  bool is_root = false;  // the JDK falls back to the root locale for this language
};

ResolvedLocale resolve_locale(std::string_view locale_config);

// The languages whose text sluice carries, for error messages ("en, fr, de, ...").
std::string supported_languages();

// Zone names for `zone_id` (Joda's canonical id) in `locale`: known for English and the root
// fallback and for the common zones listed in locale_names.cc; null otherwise.
const ZoneNames* find_zone_names(const ResolvedLocale& locale, std::string_view zone_id);
// Whether zone names can be printed at all for this locale (English or root fallback).
bool has_zone_names(const ResolvedLocale& locale);

}  // namespace sluice::sink
