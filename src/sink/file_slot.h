// File slots: the identity of an open file inside a TopicPartitionWriter.
//
// A writer belongs to one consumed topic-partition and keeps one open file per slot. Without
// transforms, or with transforms that keep the record's topic and partition, a slot is just the
// encoded partition (the partitioner's directory), exactly as before routing existed, so the
// rotation plans recorded in commit metadata keep their form. A record that a transform routed to
// another topic or partition (RegexRouter, TimestampRouter; Kafka Connect lets a transform set
// both) gets the slot
//
//     "\0" <topic> "\0" <partition> "\0" <encoded partition>
//
// which no encoded partition produced by a built-in partitioner starts with; an encoded partition
// that does start with NUL is written in this routed form too, with the writer's own topic, so a
// slot always parses back to what made it. The routed topic and partition name the object's
// directory (partitionedPath); the object's file name keeps the consumed topic, partition and
// start offset, which is what makes keys unique when several topic-partitions are routed to one
// (docs/compatibility.md, "Transforms that route records").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::sink {

struct FileSlot {
  std::string_view topic;  // the routed topic, or the writer's own
  int32_t partition = 0;
  std::string_view encoded;  // the partitioner's encoded partition
  bool routed = false;       // true when the slot carries its own topic and partition
};

// Makes `slot` the slot of `encoded` for a record of `topic`/`partition` in the writer of
// `own_topic`/`own_partition`. Reuses `slot`'s capacity (no allocation once grown).
// REQUIRES: `encoded` does not alias `slot`.
void make_file_slot(std::string_view own_topic, int32_t own_partition, std::string_view topic,
                    int32_t partition, std::string_view encoded, std::string* slot);

// The parts of a slot made by make_file_slot (views into `slot`). A slot that does not start with
// NUL is an encoded partition of the writer's own topic-partition.
FileSlot parse_file_slot(std::string_view slot, std::string_view own_topic, int32_t own_partition);

}  // namespace sluice::sink
