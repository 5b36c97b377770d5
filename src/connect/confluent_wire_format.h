// The framing Confluent's serializers put around a schema'd payload (Schema Registry "wire
// format",
// https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#wire-format):
//
//   byte 0       magic 0x00
//   bytes 1..4   schema id, int32 big-endian
//   [Protobuf]   the message-index path: a zig-zag varint count, then that many zig-zag varint
//                indexes; the single byte 0x00 stands for [0]
//   rest         the payload (Avro binary datum, JSON text, or protobuf message)
//
// Stateless; the results are views into the input.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "schema_registry/registry_types.h"
#include "util/status.h"

namespace sluice::connect {

struct WireFrame {
  schema_registry::SchemaId id;
  std::string_view payload;  // everything after the id
};

// kDataError "Unknown magic byte!" for a first byte other than 0x00, and a message naming the
// length when the bytes are shorter than the 5-byte header.
Result<WireFrame> parse_wire_frame(std::string_view bytes);

// Reads the Protobuf message-index path off the front of `payload` and advances it past the path.
// kDataError for a truncated or malformed path.
Result<std::vector<int32_t>> read_protobuf_message_indexes(std::string_view& payload);

// The same path as raw bytes, checked as above but not decoded (no allocation): advances `payload`
// past it and returns the bytes it took, so a converter can recognize a path it has seen.
Result<std::string_view> skip_protobuf_message_indexes(std::string_view& payload);

}  // namespace sluice::connect
