// TopicPartition: the unit of assignment, ordering and offset commit.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace sluice::kafka {

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;

  bool operator==(const TopicPartition&) const = default;
  auto operator<=>(const TopicPartition&) const = default;
  std::string to_string() const { return topic + "-" + std::to_string(partition); }
};

// An offset to commit (the next offset to read) with optional commit metadata.
struct OffsetCommit {
  TopicPartition tp;
  int64_t offset = 0;
  std::string metadata;
};

struct TopicPartitionHash {
  size_t operator()(const TopicPartition& tp) const {
    return std::hash<std::string>()(tp.topic) * 31 + static_cast<size_t>(tp.partition);
  }
};

}  // namespace sluice::kafka
