// TimeZoneId: a `timezone` value checked the way Joda-Time's DateTimeZone.forID reads it.
//
// Accepted: "UTC"; a zone id of the IANA database ("America/New_York", "Europe/Berlin", and the
// legacy ids the database links, such as "EST" or "US/Eastern"), looked up in the system tzdata
// through date::locate_zone; and fixed offsets "+05", "+05:30", "+0530", "-08:00:00". Ids are
// case-sensitive, as in Joda ("utc" is not a zone).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace date {
class time_zone;
}

namespace sluice::config {

struct TimeZoneId {
  std::string id;  // as given
  // Exactly one of the two is set: a fixed offset (also for "UTC") or a tzdata zone.
  std::optional<std::chrono::seconds> fixed_offset;
  const date::time_zone* zone = nullptr;  // owned by the process-wide tz database
};

// kInvalidArgument with the reason ("unknown time zone id 'Europe/Berln'") when not a zone.
Result<TimeZoneId> parse_time_zone_id(std::string_view id);

}  // namespace sluice::config
