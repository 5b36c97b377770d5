// ConverterOptions: reads a converter's sub-config the way Connect's ConfigDef parses it.
//
// Converters are configured with the slot's sub-config (prefix already stripped, kafka-connect.md
// §2.0). Values are parsed with ConfigDef's rules (BOOLEAN: true/false ignoring case and
// surrounding whitespace; INT: trimmed decimal; STRING: trimmed) and a bad value is reported in
// ConfigException's words, naming the full key ("value.converter.schemas.enable"), the value and
// what is allowed. Problems are collected, not returned one at a time, so that a user sees every
// mistake in one run. Keys a converter does not define are ignored, as Java ignores them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::connect {

class ConverterOptions {
 public:
  // `prefix` is the slot prefix used in messages ("value.converter.").
  ConverterOptions(const std::map<std::string, std::string>& config, std::string prefix)
      : config_(config), prefix_(std::move(prefix)) {}

  bool has(std::string_view key) const;
  // The raw value, or nullptr when absent.
  const std::string* raw(std::string_view key) const;

  bool boolean(std::string_view key, bool default_value);
  int32_t int32(std::string_view key, int32_t default_value);
  // Trimmed, as ConfigDef's STRING type.
  std::string string(std::string_view key, std::string_view default_value);
  // A STRING restricted to `allowed`, compared ignoring case
  // (ConfigDef.CaseInsensitiveValidString); returns the allowed spelling.
  std::string choice_ignoring_case(std::string_view key, std::string_view default_value,
                                   const std::vector<std::string>& allowed);

  // Records a problem with `key` in ConfigException's form.
  void add_problem(std::string_view key, std::string_view value, std::string_view message);
  // Records a problem worded in full by the caller (e.g. a missing required key).
  void add_message(std::string problem) { problems_.push_back(std::move(problem)); }

  const std::string& prefix() const { return prefix_; }
  const std::map<std::string, std::string>& config() const { return config_; }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  const std::map<std::string, std::string>& config_;
  std::string prefix_;
  std::vector<std::string> problems_;
};

// Java's String.trim(): strips every character <= U+0020 from both ends.
std::string_view java_trim(std::string_view s);

}  // namespace sluice::connect
