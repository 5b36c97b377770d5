#include "format/java_date_format.h"

#include <charconv>

#include "format/logical_types.h"

namespace sluice::format {
namespace {

void append_padded(std::string& out, int64_t value, int width) {
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof(buf), value).ptr;
  for (int pad = width - static_cast<int>(end - buf); pad > 0; --pad) out.push_back('0');
  out.append(buf, end);
}

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Proleptic Gregorian civil date of a day count since 1970-01-01.
void civil_from_days(int64_t days, int64_t& year, int& month, int& day) {
  // Count from 0000-03-01 so that each 400-year era ends with its leap day.
  int64_t z = days + 719468;
  int64_t era = floor_div(z, 146097);
  int64_t day_of_era = z - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t shifted_month = (5 * day_of_year + 2) / 153;  // 0 = March
  day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
}

void append_date(std::string& out, int64_t days) {
  int64_t year;
  int month, day;
  civil_from_days(days, year, month, day);
  append_padded(out, year, 4);
  out.push_back('-');
  append_padded(out, month, 2);
  out.push_back('-');
  append_padded(out, day, 2);
}

void append_time_of_day(std::string& out, int64_t millis_of_day) {
  append_padded(out, millis_of_day / 3600000, 2);
  out.push_back(':');
  append_padded(out, millis_of_day / 60000 % 60, 2);
  out.push_back(':');
  append_padded(out, millis_of_day / 1000 % 60, 2);
  out.push_back('.');
  append_padded(out, millis_of_day % 1000, 3);
}

}  // namespace

void append_connect_date_string(std::string& out, int64_t epoch_millis) {
  int64_t days = floor_div(epoch_millis, kMillisPerDay);
  int64_t millis_of_day = epoch_millis - days * kMillisPerDay;
  if (epoch_millis < kMillisPerDay) {
    append_time_of_day(out, millis_of_day);
    out.push_back('Z');
    return;
  }
  append_date(out, days);
  if (millis_of_day == 0) return;
  out.push_back('T');
  append_time_of_day(out, millis_of_day);
  out.push_back('Z');
}

void append_jackson_date_key(std::string& out, int64_t epoch_millis) {
  int64_t days = floor_div(epoch_millis, kMillisPerDay);
  append_date(out, days);
  out.push_back('T');
  append_time_of_day(out, epoch_millis - days * kMillisPerDay);
  out.append("+00:00");
}

}  // namespace sluice::format
