#include "sink/file_slot.h"

#include <charconv>

namespace sluice::sink {

void make_file_slot(std::string_view own_topic, int32_t own_partition, std::string_view topic,
                    int32_t partition, std::string_view encoded, std::string* slot) {
  slot->clear();
  const bool routed = topic != own_topic || partition != own_partition;
  if (!routed && (encoded.empty() || encoded.front() != '\0')) {
    slot->append(encoded);
    return;
  }
  char digits[16];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, partition);
  slot->push_back('\0');
  slot->append(topic);
  slot->push_back('\0');
  slot->append(digits, end);
  slot->push_back('\0');
  slot->append(encoded);
}

FileSlot parse_file_slot(std::string_view slot, std::string_view own_topic, int32_t own_partition) {
  FileSlot out{own_topic, own_partition, slot, false};
  if (slot.empty() || slot.front() != '\0') return out;
  const size_t topic_end = slot.find('\0', 1);
  const size_t partition_end =
      topic_end == std::string_view::npos ? topic_end : slot.find('\0', topic_end + 1);
  if (partition_end == std::string_view::npos) return out;  // not made by make_file_slot
  int32_t partition = 0;
  const char* first = slot.data() + topic_end + 1;
  const char* last = slot.data() + partition_end;
  const auto [ptr, ec] = std::from_chars(first, last, partition);
  if (ec != std::errc() || ptr != last) return out;
  out.topic = slot.substr(1, topic_end - 1);
  out.partition = partition;
  out.encoded = slot.substr(partition_end + 1);
  out.routed = true;
  return out;
}

}  // namespace sluice::sink
