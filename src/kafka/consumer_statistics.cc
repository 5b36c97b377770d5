#include "kafka/consumer_statistics.h"

#include <nlohmann/json.hpp>

namespace sluice::kafka {

Result<std::vector<PartitionLag>> parse_consumer_lag(std::string_view json) {
  nlohmann::json stats = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!stats.is_object()) {
    return Status::invalid_argument("librdkafka statistics are not a JSON object");
  }
  std::vector<PartitionLag> out;
  auto topics = stats.find("topics");
  if (topics == stats.end() || !topics->is_object()) return out;
  for (const auto& [topic, info] : topics->items()) {
    if (!info.is_object()) continue;
    auto partitions = info.find("partitions");
    if (partitions == info.end() || !partitions->is_object()) continue;
    for (const auto& [key, p] : partitions->items()) {
      if (!p.is_object()) continue;
      auto id = p.find("partition");
      auto lag = p.find("consumer_lag");
      if (id == p.end() || !id->is_number_integer() || lag == p.end() ||
          !lag->is_number_integer()) {
        continue;
      }
      const int64_t partition = id->get<int64_t>();
      const int64_t value = lag->get<int64_t>();
      if (partition < 0 || value < 0) continue;
      out.push_back(PartitionLag{topic, static_cast<int32_t>(partition), value});
    }
  }
  return out;
}

}  // namespace sluice::kafka
