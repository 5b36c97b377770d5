// Time zones and time bucketing with Joda-Time semantics, as the Java connector computes them.
//
// The Java partitioners and the scheduled rotation use joda-time's DateTimeZone: an instant is
// moved to local time by adding the offset in force, floored with Java's truncating division, and
// moved back with DateTimeZone.convertLocalToUTC(local, strict=false), which resolves DST gaps and
// overlaps in its own particular way. Object keys depend on every one of those details, so this
// file reproduces them exactly (verified against joda-time 2.13.1, see tests/unit/sink/).
//
// JodaZone is an immutable value: built once from the `timezone` configuration and shared by the
// partitioner, its formatter and the topic-partition writers of a task.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace date {
class time_zone;
}

namespace sluice::sink {

inline constexpr int64_t kMillisPerSecond = 1000;
inline constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
inline constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
inline constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;

// A time zone as joda-time's DateTimeZone sees it: a fixed offset or an IANA zone.
class JodaZone {
 public:
  // Joda's DateTimeZone.forID: "UTC" (also "Z", "UT", "+00:00"), a fixed offset written "+HH",
  // "+HH:mm", "+HHmm", "+HH:mm:ss" (hours 00..23), or an IANA zone id from the system tzdata
  // (links resolved to their target, as Joda does). Ids are case-sensitive. Anything else is an
  // InvalidArgument naming the id.
  static Result<JodaZone> for_id(std::string_view id);
  static JodaZone utc();
  static JodaZone fixed(int32_t offset_ms);  // id printed like Joda ("+05:30", "UTC" for 0)

  // Joda's getID(): the canonical id ("America/New_York" for "US/Eastern", "+05:30" for "+0530").
  const std::string& id() const { return id_; }
  bool is_fixed() const { return tz_ == nullptr; }

  // Offset from UTC in force at `utc_ms` (DateTimeZone.getOffset).
  int32_t offset_ms(int64_t utc_ms) const;
  // Whether the offset at `utc_ms` is the standard (non-DST) offset (isStandardOffset).
  bool is_standard_offset(int64_t utc_ms) const;
  // The tz abbreviation in force at `utc_ms` ("CET", "EDT"); empty for fixed-offset zones.
  // This is Joda's "name key", used to find zone names when nothing better is known.
  std::string abbreviation(int64_t utc_ms) const;
  // The first transition strictly after `utc_ms`, or `utc_ms` itself when there is none
  // (DateTimeZone.nextTransition).
  int64_t next_transition(int64_t utc_ms) const;

  // utc + offset(utc); an error when the sum overflows (Joda throws ArithmeticException).
  Result<int64_t> convert_utc_to_local(int64_t utc_ms) const;
  // DateTimeZone.convertLocalToUTC(local, strict=false): estimate the offset at `local` read as
  // UTC, then re-read it at local - estimate. Where the two differ (near a transition) and the
  // zone is west of Greenwich, Joda checks for a DST gap and keeps the first estimate there.
  // The result in gaps and overlaps is whatever that algorithm gives; it is reproduced exactly.
  Result<int64_t> convert_local_to_utc(int64_t local_ms) const;
  // The three-argument convertLocalToUTC: prefers the offset in force at `original_utc_ms`.
  Result<int64_t> convert_local_to_utc(int64_t local_ms, int64_t original_utc_ms) const;

 private:
  JodaZone(std::string id, const date::time_zone* tz, int32_t fixed_offset_ms)
      : id_(std::move(id)), tz_(tz), fixed_offset_ms_(fixed_offset_ms) {}

  std::string id_;
  const date::time_zone* tz_ = nullptr;  // owned by date's global tzdb, lives for the process
  int32_t fixed_offset_ms_ = 0;
};

// Java's `a / b` for longs: truncates toward zero (so pre-1970 instants round up).
inline int64_t java_div(int64_t a, int64_t b) {
  return a / b;
}
// Floor division, for calendar arithmetic.
inline int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// The start (UTC ms) of the time bucket holding `timestamp_ms`, as TimeBasedPartitioner's
// getPartition computes it: local = utc + offset; floored = (local / duration) * duration with
// Java's truncating division; convertLocalToUTC(floored, non-strict). Buckets are aligned to
// local midnight of 1970-01-01, so durations that do not divide a day drift against local days.
// `duration_ms` must be positive; overflow of the arithmetic is a DataError.
Result<int64_t> bucket_start(int64_t timestamp_ms, int64_t duration_ms, const JodaZone& zone);

// Joda's DateTime.withTimeAtStartOfDay(): the first instant of the local day holding `utc_ms`
// (midnight, or the end of a DST gap that swallows midnight; the earlier instant in an overlap).
Result<int64_t> start_of_day(int64_t utc_ms, const JodaZone& zone);

// rotate.schedule.interval.ms (spec §5.4): the next instant at which open files are cut,
// computed from `now_ms`: sod = start of today in `zone`, day_len = length of today (23, 24 or
// 25 h around DST changes), k = ((now - sod) / interval + 1) * interval, next = sod + min(k,
// day_len). So with a 7 h interval files are cut at 07:00, 14:00, 21:00 and midnight.
// `interval_ms` must be positive.
Result<int64_t> next_scheduled_rotation(int64_t now_ms, int64_t interval_ms, const JodaZone& zone);
// The same with the zone given as its configured id (resolved on each call: not for hot paths).
Result<int64_t> next_scheduled_rotation(int64_t now_ms, int64_t interval_ms,
                                        std::string_view timezone);

}  // namespace sluice::sink
