// The values of the messages ProtobufData maps to Connect logical types, computed as Java computes
// them (ProtobufData's TO_CONNECT_LOGICAL_CONVERTERS, schema-registry 7.7):
//
//   google.protobuf.Timestamp  Timestamps.toMillis: seconds in [-62135596800, 253402300799] and
//                              nanos in [0, 999999999], else an error; seconds * 1000 + nanos /
//                              10^6
//   google.type.Date           a non-lenient java.util.GregorianCalendar in UTC: year >= 1, month
//                              1..12, a day the month has, Julian calendar before 1582-10-15 (the
//                              ten days before it do not exist); the Connect value is the day
//                              count since 1970-01-01, as Date.fromLogical truncates it to an int
//   google.type.TimeOfDay      LocalTime.of(hours, minutes, seconds, nanos) (each in range, else an
//                              error); milliseconds of the day
//   confluent.type.Decimal     new BigDecimal(new BigInteger(value), scale, new
//   MathContext(precision))
//                              when precision is set, without MathContext otherwise; an empty value
//                              is an error ("Zero length BigInteger")
//
// Errors are kDataError with Java's messages where it has one. Stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "util/status.h"

namespace sluice::connect {

Result<int64_t> protobuf_timestamp_millis(int64_t seconds, int64_t nanos);
Result<int32_t> protobuf_date_days(int64_t year, int64_t month, int64_t day);
Result<int32_t> protobuf_time_of_day_millis(int64_t hours, int64_t minutes, int64_t seconds,
                                            int64_t nanos);

// Checks a confluent.type.Decimal: a non-empty unscaled value, and a precision (when set) that is
// not negative and not smaller than the value's digit count. Java would round such a value to
// `precision` digits (changing its scale, which no Connect Decimal schema then accepts); sluice
// reports it instead.
Status check_protobuf_decimal(std::string_view unscaled, std::optional<int64_t> precision);

}  // namespace sluice::connect
