#include "kafka/consumer_statistics.h"

#include <nlohmann/json.hpp>

namespace sluice::kafka {

namespace {

// An integer field of a statistics object; -1 when absent or not an integer. (librdkafka writes
// -1001, its "no offset", for offsets it does not know.)
int64_t int_field(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_number_integer()) return -1;
  return it->get<int64_t>();
}

}  // namespace

Result<std::vector<PartitionLag>> parse_consumer_lag(std::string_view json, LagEnd end) {
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
      if (id == p.end() || !id->is_number_integer() || id->get<int64_t>() < 0) continue;
      const int64_t last = int_field(p, end == LagEnd::kLastStable ? "ls_offset" : "hi_offset");
      const int64_t next = int_field(p, "app_offset");
      int64_t lag = -1;
      if (last >= 0 && next >= 0) {
        lag = last > next ? last - next : 0;
      } else {
        // No message handed over since the assignment: the position is still the committed
        // offset, from which librdkafka's consumer_lag counts (-1 when not known yet).
        lag = int_field(p, "consumer_lag");
      }
      if (lag < 0) continue;
      out.push_back(PartitionLag{topic, static_cast<int32_t>(id->get<int64_t>()), lag});
    }
  }
  return out;
}

}  // namespace sluice::kafka
