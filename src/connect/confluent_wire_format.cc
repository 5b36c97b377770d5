#include "connect/confluent_wire_format.h"

#include <string>

namespace sluice::connect {

namespace {

// Kafka's ByteUtils.readVarint: a zig-zag encoded int32 in at most five 7-bit groups.
Result<int32_t> read_zigzag_varint(std::string_view& in) {
  uint32_t raw = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (in.empty()) return Status::data_error("the message-index path is truncated");
    auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    raw |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      return static_cast<int32_t>((raw >> 1) ^ (~(raw & 1) + 1));
    }
  }
  return Status::data_error("a varint of the message-index path is longer than 5 bytes");
}

}  // namespace

Result<WireFrame> parse_wire_frame(std::string_view bytes) {
  if (bytes.empty()) return Status::data_error("Unknown magic byte! (empty payload)");
  if (bytes[0] != '\0') return Status::data_error("Unknown magic byte!");
  if (bytes.size() < 5) {
    return Status::data_error("the payload is " + std::to_string(bytes.size()) +
                              " bytes long, shorter than the 5-byte Schema Registry header");
  }
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])); };
  WireFrame frame;
  frame.id.value = static_cast<int32_t>((b(1) << 24) | (b(2) << 16) | (b(3) << 8) | b(4));
  frame.payload = bytes.substr(5);
  return frame;
}

Result<std::vector<int32_t>> read_protobuf_message_indexes(std::string_view& payload) {
  SLUICE_ASSIGN_OR_RETURN(int32_t count, read_zigzag_varint(payload));
  if (count == 0) return std::vector<int32_t>{0};
  if (count < 0 || static_cast<size_t>(count) > payload.size()) {
    return Status::data_error("the message-index path has an invalid length " +
                              std::to_string(count));
  }
  std::vector<int32_t> indexes;
  indexes.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) {
    SLUICE_ASSIGN_OR_RETURN(int32_t index, read_zigzag_varint(payload));
    if (index < 0) return Status::data_error("the message-index path has a negative index");
    indexes.push_back(index);
  }
  return indexes;
}

Result<std::string_view> skip_protobuf_message_indexes(std::string_view& payload) {
  const std::string_view start = payload;
  SLUICE_ASSIGN_OR_RETURN(int32_t count, read_zigzag_varint(payload));
  if (count < 0 || static_cast<size_t>(count) > payload.size()) {
    return Status::data_error("the message-index path has an invalid length " +
                              std::to_string(count));
  }
  for (int32_t i = 0; i < count; ++i) {
    SLUICE_ASSIGN_OR_RETURN(int32_t index, read_zigzag_varint(payload));
    if (index < 0) return Status::data_error("the message-index path has a negative index");
  }
  return start.substr(0, start.size() - payload.size());
}

}  // namespace sluice::connect
