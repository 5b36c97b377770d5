#include "transforms/java_calendar.h"

namespace sluice::transforms::java_calendar {
namespace {

struct Date {
  int64_t year;
  int month;
  int day;
};

// Day of the March-based year (March 1 = 0), the trick of H. Hinnant's civil-date algorithms.
int64_t march_day_of_year(int month, int64_t day) {
  return (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
}

Date from_march_day(int64_t year_of_march, int64_t doy) {
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {year_of_march + (month <= 2), month, day};
}

int64_t gregorian_days(int64_t year, int month, int64_t day) {
  year -= month <= 2;
  const int64_t era = floor_div(year, 400);
  const int64_t yoe = year - era * 400;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + march_day_of_year(month, day);
  return era * 146097 + doe - 719468;
}

Date gregorian_date(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  return from_march_day(yoe + era * 400, doe - (365 * yoe + yoe / 4 - yoe / 100));
}

// Julian days counted from an arbitrary origin; kJulianOrigin maps them to epoch days (Julian
// 1582-10-05 is Gregorian 1582-10-15).
int64_t julian_raw_days(int64_t year, int month, int64_t day) {
  year -= month <= 2;
  const int64_t era = floor_div(year, 4);
  const int64_t yoe = year - era * 4;
  return era * 1461 + yoe * 365 + march_day_of_year(month, day);
}

const int64_t kJulianOrigin = julian_raw_days(1582, 10, 5) - kGregorianCutoverDay;

int64_t julian_days(int64_t year, int month, int64_t day) {
  return julian_raw_days(year, month, day) - kJulianOrigin;
}

Date julian_date(int64_t days) {
  const int64_t z = days + kJulianOrigin;
  const int64_t era = floor_div(z, 1461);
  const int64_t doe = z - era * 1461;
  const int64_t yoe = (doe - doe / 1460) / 365;
  return from_march_day(yoe + era * 4, doe - 365 * yoe);
}

Date date_of(int64_t epoch_day) {
  return epoch_day >= kGregorianCutoverDay ? gregorian_date(epoch_day) : julian_date(epoch_day);
}

}  // namespace

int64_t epoch_day_of(int64_t year, int64_t month, int64_t day) {
  // GregorianCalendar picks the calendar by the year as given, before months roll it over.
  const int64_t given_year = year;
  year += floor_div(month - 1, 12);
  const int m = static_cast<int>(floor_mod(month - 1, 12)) + 1;
  if (given_year > 1582) return gregorian_days(year, m, 1) + day - 1;
  if (given_year < 1582) return julian_days(year, m, 1) + day - 1;
  const int64_t gregorian = gregorian_days(year, m, 1) + day - 1;
  return gregorian >= kGregorianCutoverDay ? gregorian : julian_days(year, m, 1) + day - 1;
}

int64_t first_day_of_year(int64_t year) {
  return year > 1582 ? gregorian_days(year, 1, 1) : julian_days(year, 1, 1);
}

Fields fields_of(int64_t epoch_millis) {
  const int64_t day = floor_div(epoch_millis, kMillisPerDay);
  const int64_t millis_of_day = epoch_millis - day * kMillisPerDay;
  const Date date = date_of(day);
  Fields f;
  f.year = date.year;
  f.month = date.month;
  f.day = date.day;
  const int64_t jan1 = first_day_of_year(date.year);
  f.day_of_year = static_cast<int>(day - jan1 + 1);
  f.weekday = weekday_of(day);
  const int64_t next_week1 = weekday_on_or_before(first_day_of_year(date.year + 1), 1);
  if (day >= next_week1) {
    f.week_of_year = 1;
    f.week_year = date.year + 1;
  } else {
    f.week_of_year = static_cast<int>((day - weekday_on_or_before(jan1, 1)) / 7 + 1);
    f.week_year = date.year;
  }
  // Counted from the month's first day rather than from day-of-month, so that the cutover
  // month (October 1582 lost ten days) counts weeks as GregorianCalendar does.
  const int64_t month_first = epoch_day_of(date.year, date.month, 1);
  f.week_of_month = static_cast<int>((day - month_first + weekday_of(month_first) - 1) / 7 + 1);
  f.day_of_week_in_month = static_cast<int>((day - month_first) / 7 + 1);
  f.hour = static_cast<int>(millis_of_day / 3'600'000);
  f.minute = static_cast<int>(millis_of_day / 60'000 % 60);
  f.second = static_cast<int>(millis_of_day / 1000 % 60);
  f.millisecond = static_cast<int>(millis_of_day % 1000);
  return f;
}

}  // namespace sluice::transforms::java_calendar
