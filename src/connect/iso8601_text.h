// ISO-8601 text -> Connect's logical time values, for the schemaless value binder
// (schemaless_value_binder.h): what a JSON document may hold instead of epoch numbers.
//
//   date       YYYY-MM-DD                                      -> days since 1970-01-01
//   time       HH:MM[:SS[.fraction]]                           -> milliseconds of the day
//   timestamp  YYYY-MM-DD('T'|' ')HH:MM[:SS[.fraction]][zone]  -> milliseconds since the epoch
//              zone: 'Z', +HH, +HH:MM or +HHMM (or '-'); none means UTC
//
// The proleptic Gregorian calendar, years 0000-9999; fractions beyond milliseconds are truncated
// (Connect's Time and Timestamp hold milliseconds). Pure functions, no allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sluice::connect {

std::optional<int32_t> parse_iso_date(std::string_view text);
std::optional<int32_t> parse_iso_time_millis(std::string_view text);
std::optional<int64_t> parse_iso_timestamp_millis(std::string_view text);

}  // namespace sluice::connect
