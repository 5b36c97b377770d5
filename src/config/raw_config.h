// RawConfig: the key/value pairs of one configuration source, exactly as the user wrote them.
//
// Produced by the .properties and JSON parsers (and by tests or the REST API directly), consumed by
// ConfigDef::parse, which turns it into typed values. Entries keep the order in which keys first
// appeared and the line each value came from, so every problem report can point at a line. A key
// given twice keeps its first position and takes the later value, as java.util.Properties and
// Jackson do; the repetition is remembered so that it can be reported as a warning.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::config {

struct RawEntry {
  std::string key;
  std::string value;
  int line = 0;  // 1-based line of the value's source; 0 when unknown (built in code)
};

// A key that was set more than once in the same source.
struct DuplicateKey {
  std::string key;
  int first_line = 0;
  int line = 0;  // the line whose value won
};

class RawConfig {
 public:
  RawConfig() = default;
  // `source_name` names the origin in messages ("connector.properties", "REST request").
  explicit RawConfig(std::string source_name) : source_name_(std::move(source_name)) {}
  RawConfig(std::initializer_list<std::pair<std::string, std::string>> pairs);

  // Sets `key`; a later value replaces an earlier one. With a line number (a value read from a
  // source) the repetition is recorded as a duplicate.
  void set(std::string key, std::string value, int line = 0);
  // Replaces the value of a present key, keeping its position and line (a config provider's value
  // stands where its placeholder was written); returns whether the key was present.
  bool replace_value(std::string_view key, std::string value);
  // Removes `key`; returns whether it was present.
  bool erase(std::string_view key);

  const RawEntry* find(std::string_view key) const;
  std::optional<std::string_view> get(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  // In order of first appearance.
  const std::vector<RawEntry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  const std::vector<DuplicateKey>& duplicates() const { return duplicates_; }

  // Every entry whose key starts with `prefix`, keyed by the rest of the key (the prefix
  // stripped), the way Connect's originalsWithPrefix hands sub-configs to converters.
  std::map<std::string, std::string> with_prefix(std::string_view prefix) const;

  const std::string& source_name() const { return source_name_; }
  void set_source_name(std::string name) { source_name_ = std::move(name); }
  // "<source>:<line>", "<source>", or "" — where `key`'s value came from, for messages.
  std::string location(std::string_view key) const;

 private:
  std::string source_name_;
  std::vector<RawEntry> entries_;
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<DuplicateKey> duplicates_;
};

}  // namespace sluice::config
