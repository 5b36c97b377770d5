// The two renderings of a java.util.Date the JSON writer needs, both in UTC:
//  - Values.convertToString's ISO-like forms (headers view), see append_connect_date_string;
//  - Jackson's StdDateFormat for Date map keys, "yyyy-MM-dd'T'HH:mm:ss.SSS+00:00".
// Dates use the proleptic Gregorian calendar; Java switches to the Julian calendar before
// 1582-10-15, which only a map key before that date could show (not emulated).
#pragma once

#include <cstdint>
#include <string>

namespace sluice::format {

// Values.convertToString of a java.util.Date at `epoch_millis`: "HH:mm:ss.SSS'Z'" when the instant
// is before 1970-01-02 (so every negative instant prints as a time of day), "yyyy-MM-dd" at a
// midnight, else "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'".
void append_connect_date_string(std::string& out, int64_t epoch_millis);

// Jackson's default key serializer for a java.util.Date key.
void append_jackson_date_key(std::string& out, int64_t epoch_millis);

}  // namespace sluice::format
