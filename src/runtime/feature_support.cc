#include "runtime/feature_support.h"

#include <string>

namespace sluice::runtime {

namespace {

config::ConfigProblem no_effect(const config::RawConfig& raw, const std::string& key,
                                const std::string& why) {
  std::string value(raw.get(key).value_or(""));
  return config::ConfigProblem{key, value,
                               "Configuration " + key + " has no effect in sluice: " + why,
                               config::Severity::kWarning, raw.location(key)};
}

}  // namespace

std::vector<config::ConfigProblem> check_feature_support(const config::RawConfig& raw,
                                                         const config::WorkerConfig& /*worker*/,
                                                         const config::S3SinkConnectorConfig& c) {
  std::vector<config::ConfigProblem> out;
  // Settings that are accepted but change nothing here.
  if (raw.contains("max.write.duration.ms")) {
    out.push_back(no_effect(raw, "max.write.duration.ms",
                            "uploads run on their own threads, so a task never blocks on S3 long "
                            "enough to leave the group"));
  }
  if (raw.contains("s3.elastic.buffer.enable") || raw.contains("s3.elastic.buffer.init.capacity")) {
    out.push_back(no_effect(raw,
                            raw.contains("s3.elastic.buffer.enable")
                                ? "s3.elastic.buffer.enable"
                                : "s3.elastic.buffer.init.capacity",
                            "buffers always grow with the data, under one memory budget"));
  }
  if (raw.contains("enable.conditional.writes") && c.enable_conditional_writes() &&
      !c.conditional_writes_active()) {
    out.push_back(no_effect(raw, "enable.conditional.writes",
                            "as in the Java connector, If-None-Match is sent only with "
                            "rotate.schedule.interval.ms set and neither store.kafka.keys nor "
                            "store.kafka.headers"));
  }
  return out;
}

}  // namespace sluice::runtime
