// JavaCalendar: the date arithmetic of java.util.GregorianCalendar in UTC with the en/US week
// rules (weeks start on Sunday, week 1 is the week that contains January 1), which
// SimpleDateFormat formats and parses with.
//
// Days before 1582-10-15 (Gregorian) are in the Julian calendar, as GregorianCalendar's default
// cutover has it: 1582-10-04 is followed by 1582-10-15. Years are astronomical (1 BC is 0).
// Stateless functions; thread-safe.
#pragma once

#include <cstdint>

namespace sluice::transforms::java_calendar {

inline constexpr int64_t kMillisPerDay = 86'400'000;
// 1582-10-15, the first Gregorian day, in days since 1970-01-01.
inline constexpr int64_t kGregorianCutoverDay = -141'427;

// Floor division and its non-negative remainder.
inline int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
inline int64_t floor_mod(int64_t a, int64_t b) {
  return a - floor_div(a, b) * b;
}

// The fields of one local date-time, as Calendar.get() returns them.
struct Fields {
  int64_t year = 0;              // astronomical
  int month = 1;                 // 1..12
  int day = 1;                   // day of month
  int day_of_year = 1;           // 1..366 (355 in 1582)
  int weekday = 1;               // 1 = Sunday .. 7 = Saturday, as Calendar.DAY_OF_WEEK
  int week_of_year = 1;          // Calendar.WEEK_OF_YEAR
  int64_t week_year = 0;         // astronomical year the week belongs to
  int week_of_month = 1;         // Calendar.WEEK_OF_MONTH
  int day_of_week_in_month = 1;  // Calendar.DAY_OF_WEEK_IN_MONTH
  int hour = 0;                  // 0..23
  int minute = 0;
  int second = 0;
  int millisecond = 0;
};

Fields fields_of(int64_t epoch_millis);

// Days since 1970-01-01 of day `day` of month `month` of `year`; `month` (1-based) and `day`
// may be out of range and roll over, as a lenient GregorianCalendar does. The calendar is picked
// by `year` as given (before `month` rolls it over), as GregorianCalendar does: before 1582
// Julian, after it Gregorian; in 1582 a date that is Gregorian-valid after the cutover is
// Gregorian, else Julian (so the skipped days 1582-10-05..14 count as Julian dates).
int64_t epoch_day_of(int64_t year, int64_t month, int64_t day);

// Days since 1970-01-01 of January 1 of `year`, in the calendar in force then.
int64_t first_day_of_year(int64_t year);

// Weekday of an epoch day, 1 = Sunday .. 7 = Saturday.
inline int weekday_of(int64_t epoch_day) {
  return static_cast<int>(floor_mod(epoch_day + 4, 7)) + 1;  // 1970-01-01 was a Thursday
}

// The day on or before `epoch_day` that falls on `weekday` (1 = Sunday).
inline int64_t weekday_on_or_before(int64_t epoch_day, int weekday) {
  return epoch_day - floor_mod(weekday_of(epoch_day) - weekday, 7);
}

}  // namespace sluice::transforms::java_calendar
