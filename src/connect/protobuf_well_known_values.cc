#include "connect/protobuf_well_known_values.h"

#include <string>
#include <vector>

namespace sluice::connect {
namespace {

constexpr int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z
constexpr int64_t kMaxCalendarYear = 292278994;         // GregorianCalendar.getMaximum(YEAR)
constexpr int64_t kUnixEpochJulianDay = 2440588;

bool gregorian_leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int64_t year, int64_t month, bool julian) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month != 2) return kDays[month - 1];
  return (julian ? year % 4 == 0 : gregorian_leap(year)) ? 29 : 28;
}

// The Julian day number of a date in the Julian or the Gregorian calendar (year >= 1).
int64_t julian_day_number(int64_t year, int64_t month, int64_t day, bool julian) {
  const int64_t a = (14 - month) / 12;
  const int64_t y = year + 4800 - a;
  const int64_t m = month + 12 * a - 3;
  const int64_t common = day + (153 * m + 2) / 5 + 365 * y + y / 4;
  return julian ? common - 32083 : common - y / 100 + y / 400 - 32045;
}

// Decimal digits of the magnitude of a big-endian two's-complement integer (at least 1).
int64_t decimal_digits(std::string_view twos_complement) {
  const bool negative = (static_cast<uint8_t>(twos_complement[0]) & 0x80) != 0;
  // Little-endian 32-bit limbs of the magnitude.
  std::vector<uint32_t> limbs((twos_complement.size() + 3) / 4, 0);
  for (size_t i = 0; i < twos_complement.size(); ++i) {
    uint8_t byte = static_cast<uint8_t>(twos_complement[twos_complement.size() - 1 - i]);
    if (negative) byte = static_cast<uint8_t>(~byte);
    limbs[i / 4] |= static_cast<uint32_t>(byte) << (8 * (i % 4));
  }
  if (negative) {  // magnitude = ~x + 1
    for (uint32_t& limb : limbs) {
      if (++limb != 0) break;
    }
  }
  int64_t digits = 0;
  for (;;) {
    while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
    if (limbs.empty()) return digits == 0 ? 1 : digits;
    uint64_t rest = 0;
    for (size_t i = limbs.size(); i-- > 0;) {
      const uint64_t cur = (rest << 32) | limbs[i];
      limbs[i] = static_cast<uint32_t>(cur / 10);
      rest = cur % 10;
    }
    ++digits;
  }
}

}  // namespace

Result<int64_t> protobuf_timestamp_millis(int64_t seconds, int64_t nanos) {
  if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds || nanos < 0 ||
      nanos > 999999999) {
    return Status::data_error(
        "Timestamp is not valid. See proto definition for valid values. Seconds (" +
        std::to_string(seconds) +
        ") must be in range [-62,135,596,800, +253,402,300,799]. Nanos (" + std::to_string(nanos) +
        ") must be in range [0, +999,999,999].");
  }
  return seconds * 1000 + nanos / 1000000;
}

Result<int32_t> protobuf_date_days(int64_t year, int64_t month, int64_t day) {
  if (year < 1 || year > kMaxCalendarYear) return Status::data_error("Invalid Date: YEAR");
  if (month < 1 || month > 12) return Status::data_error("Invalid Date: MONTH");
  if (day < 1 || day > 31) return Status::data_error("Invalid Date: DAY_OF_MONTH");
  // GregorianCalendar: the Julian calendar up to 1582-10-04, the Gregorian from 1582-10-15.
  const int64_t ymd = year * 10000 + month * 100 + day;
  if (ymd > 15821004 && ymd < 15821015) {
    return Status::data_error("Invalid Date: DAY_OF_MONTH: " + std::to_string(day) + " -> " +
                              std::to_string(day + 10));
  }
  const bool julian = ymd <= 15821004;
  const int length = days_in_month(year, month, julian);
  if (day > length) {
    // The non-lenient calendar names the first field that the overflow changed.
    return Status::data_error(
        month == 12
            ? "Invalid Date: YEAR: " + std::to_string(year) + " -> " + std::to_string(year + 1)
            : "Invalid Date: MONTH: " + std::to_string(month - 1) + " -> " + std::to_string(month));
  }
  // Date.fromLogical casts the day count to an int.
  return static_cast<int32_t>(julian_day_number(year, month, day, julian) - kUnixEpochJulianDay);
}

Result<int32_t> protobuf_time_of_day_millis(int64_t hours, int64_t minutes, int64_t seconds,
                                            int64_t nanos) {
  struct Check {
    int64_t value;
    int64_t max;
    const char* name;
  };
  for (const Check& c :
       {Check{hours, 23, "HourOfDay"}, Check{minutes, 59, "MinuteOfHour"},
        Check{seconds, 59, "SecondOfMinute"}, Check{nanos, 999999999, "NanoOfSecond"}}) {
    if (c.value < 0 || c.value > c.max) {
      return Status::data_error("Invalid value for " + std::string(c.name) + " (valid values 0 - " +
                                std::to_string(c.max) + "): " + std::to_string(c.value));
    }
  }
  const int64_t nano_of_day = ((hours * 60 + minutes) * 60 + seconds) * 1000000000 + nanos;
  return static_cast<int32_t>(nano_of_day / 1000000);
}

Status check_protobuf_decimal(std::string_view unscaled, std::optional<int64_t> precision) {
  if (unscaled.empty()) return Status::data_error("Zero length BigInteger");
  if (!precision || *precision == 0) return Status::ok_status();
  if (*precision < 0 || *precision > INT32_MAX) return Status::data_error("Digits < 0");
  // An n-byte value has fewer than 2.41 * n + 1 digits: most values need no counting.
  if (*precision > static_cast<int64_t>(unscaled.size()) * 5 / 2 + 1) return Status::ok_status();
  const int64_t digits = decimal_digits(unscaled);
  if (digits > *precision) {
    return Status::data_error("the decimal has " + std::to_string(digits) +
                              " digits, more than its precision " + std::to_string(*precision) +
                              " (Java rounds it to a different scale; sluice does not)");
  }
  return Status::ok_status();
}

}  // namespace sluice::connect
