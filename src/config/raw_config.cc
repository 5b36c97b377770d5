#include "config/raw_config.h"

namespace sluice::config {

RawConfig::RawConfig(std::initializer_list<std::pair<std::string, std::string>> pairs) {
  for (const auto& [key, value] : pairs) set(key, value);
}

void RawConfig::set(std::string key, std::string value, int line) {
  auto it = index_.find(key);
  if (it != index_.end()) {
    RawEntry& entry = entries_[it->second];
    // Only a repetition inside a parsed source is worth reporting; code that sets a key again
    // (line 0) means to replace it.
    if (line > 0) duplicates_.push_back(DuplicateKey{entry.key, entry.line, line});
    entry.value = std::move(value);
    entry.line = line;
    return;
  }
  index_.emplace(key, entries_.size());
  entries_.push_back(RawEntry{std::move(key), std::move(value), line});
}

bool RawConfig::replace_value(std::string_view key, std::string value) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  entries_[it->second].value = std::move(value);
  return true;
}

bool RawConfig::erase(std::string_view key) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  size_t pos = it->second;
  index_.erase(it);
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(pos));
  for (auto& [name, index] : index_) {
    if (index > pos) --index;
  }
  return true;
}

const RawEntry* RawConfig::find(std::string_view key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

std::optional<std::string_view> RawConfig::get(std::string_view key) const {
  const RawEntry* entry = find(key);
  if (entry == nullptr) return std::nullopt;
  return std::string_view(entry->value);
}

std::map<std::string, std::string> RawConfig::with_prefix(std::string_view prefix) const {
  std::map<std::string, std::string> out;
  for (const RawEntry& entry : entries_) {
    if (entry.key.size() >= prefix.size() && entry.key.compare(0, prefix.size(), prefix) == 0) {
      out[entry.key.substr(prefix.size())] = entry.value;
    }
  }
  return out;
}

std::string RawConfig::location(std::string_view key) const {
  const RawEntry* entry = find(key);
  if (entry == nullptr || entry->line <= 0) return source_name_;
  if (source_name_.empty()) return "line " + std::to_string(entry->line);
  return source_name_ + ":" + std::to_string(entry->line);
}

}  // namespace sluice::config
