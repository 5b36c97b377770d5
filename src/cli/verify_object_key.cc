#include "cli/verify_object_key.h"

#include <charconv>

namespace sluice::cli {

namespace {

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Reads a decimal number (an optional '-' first, as Java's %0Nd prints negative offsets) from the
// front of *text and drops it from there.
template <typename Int>
std::optional<Int> take_number(std::string_view* text) {
  Int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end == text->data()) return std::nullopt;
  text->remove_prefix(static_cast<size_t>(end - text->data()));
  return value;
}

bool consume(std::string_view* text, std::string_view prefix) {
  if (!text->starts_with(prefix)) return false;
  text->remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::string topic_object_prefix(const sink::ObjectKeyLayout& layout, std::string_view topic) {
  std::string prefix;
  if (!blank(layout.topics_dir)) prefix = layout.topics_dir + layout.directory_delim;
  prefix += topic;
  prefix += layout.directory_delim;
  return prefix;
}

std::optional<ParsedObjectKey> parse_object_key(const sink::ObjectKeyLayout& layout,
                                                std::string_view topic, std::string_view key) {
  const std::string prefix = topic_object_prefix(layout, topic);
  if (!key.starts_with(prefix) || layout.directory_delim.empty()) return std::nullopt;
  std::string_view rest = key.substr(prefix.size());
  const size_t name_at = rest.rfind(layout.directory_delim);
  if (name_at == std::string_view::npos) return std::nullopt;
  ParsedObjectKey parsed;
  parsed.encoded_partition = std::string(rest.substr(0, name_at));
  std::string_view name = rest.substr(name_at + layout.directory_delim.size());

  if (!consume(&name, topic) || !consume(&name, layout.file_delim)) return std::nullopt;
  std::optional<int32_t> partition = take_number<int32_t>(&name);
  if (!partition || *partition < 0 || !consume(&name, layout.file_delim)) return std::nullopt;
  std::optional<int64_t> offset = take_number<int64_t>(&name);
  if (!offset || name.empty() || name.front() != '.') return std::nullopt;
  parsed.kafka_partition = *partition;
  parsed.start_offset = *offset;
  if (consume(&name, sink::kKeysViewExtension)) {
    parsed.view = ObjectView::kKeys;
  } else if (consume(&name, sink::kHeadersViewExtension)) {
    parsed.view = ObjectView::kHeaders;
  }
  if (name.empty() || name.front() != '.') return std::nullopt;
  parsed.extension = std::string(name);
  return parsed;
}

}  // namespace sluice::cli
