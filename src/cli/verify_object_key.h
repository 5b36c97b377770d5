// Reading a sink object's key back: which Kafka partition and start offset it holds, and which
// file of the start offset it is (values, .keys or .headers view) — for `sluice verify`.
//
// Confluent's S3 sink names every object
//   [topics.dir + D] + topic + D + encodedPartition + D + topic + F + kafkaPartition + F +
//   zeroPad(startOffset) + viewExtension + formatExtension
// (D = directory.delim, F = file.delim; sink/object_key.h builds it). The topic and the layout
// are known to the caller, so the key is read from its file name (after the last D) with the
// topic as an anchor: the topic, F, a partition number, F, an offset, then the extension. The
// encoded partition is everything between the topic's directory and the file name. Keys that do
// not have this shape are not the sink's (a stray upload, a routed topic) and are reported apart.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sink/object_key.h"

namespace sluice::cli {

enum class ObjectView { kValues, kKeys, kHeaders };

struct ParsedObjectKey {
  std::string encoded_partition;  // "partition=0", "year=2024/month=05", ...
  int32_t kafka_partition = 0;
  int64_t start_offset = 0;
  ObjectView view = ObjectView::kValues;
  std::string extension;  // the format's extension, after any view extension (".json.gz")
};

// The prefix every object of `topic` has: [topics.dir + D] + topic + D.
std::string topic_object_prefix(const sink::ObjectKeyLayout& layout, std::string_view topic);

// Reads `key`, an object listed under topic_object_prefix(layout, topic); nullopt when it does
// not have the sink's shape.
std::optional<ParsedObjectKey> parse_object_key(const sink::ObjectKeyLayout& layout,
                                                std::string_view topic, std::string_view key);

}  // namespace sluice::cli
