// ConfigDef: a typed table of configuration keys, in the spirit of Kafka's ConfigDef.
//
// One ConfigDef per configuration class (the S3 sink connector, the worker) defines every key:
// name, type, default (or "required"), validator, importance, group and documentation, plus the
// key prefixes under which any key is accepted (converter sub-configs, transforms, client
// overrides). The same table drives parsing, validation, `sluice validate`, the REST validate
// endpoint and the generated docs/config-reference.md, so no other code reads raw string keys.
//
// Parsing follows Kafka's rules (spec confluent-s3-sink.md §2 intro, kafka-connect.md §7.2):
// STRING, CLASS and PASSWORD values are trimmed (Java String.trim: every character <= U+0020);
// LIST values are trimmed and split on commas with surrounding whitespace removed (an empty value
// is an empty list; empty items are kept, like Java's split(regex, -1)); BOOLEAN is true/false in
// any case; INT and LONG are decimal with an optional sign within Java's int/long limits; DOUBLE
// follows Double.parseDouble. Validators also run on defaults but never on a null value.
// Parsing collects every problem; unknown keys (neither defined nor under an accepted prefix) are
// warnings with a "did you mean" suggestion when a defined key is close.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/config_problem.h"
#include "config/password.h"
#include "config/raw_config.h"
#include "util/status.h"

namespace sluice::config {

// kShort is Java's short, parsed into an int32_t within -32768..32767.
enum class ConfigType { kString, kShort, kInt, kLong, kDouble, kBoolean, kList, kClass, kPassword };
std::string_view config_type_name(ConfigType type);  // "string", "int", ... as Kafka prints them

enum class Importance { kHigh, kMedium, kLow };
std::string_view importance_name(Importance importance);  // "high", "medium", "low"

// A parsed value: monostate is Java's null (an unset key whose default is null).
using ConfigValue = std::variant<std::monostate, std::string, int32_t, int64_t, double, bool,
                                 std::vector<std::string>, Password>;

// The value as text for messages and docs: lists comma-joined, passwords "[hidden]", null "null".
std::string format_config_value(const ConfigValue& value);

// Parses `text` as a value of `type` (trimming first unless `trim` is false). The error Status's
// message says what is allowed ("must be true or false").
Result<ConfigValue> parse_config_value(ConfigType type, std::string_view text, bool trim = true);

// Java's String.trim(): strips every character <= U+0020 from both ends.
std::string_view java_trim(std::string_view s);

// A check on a parsed, non-null value. check() returns nullopt when the value is allowed, else
// the reason ("must be one of none, gzip"); description() is what the docs print as valid values.
// A validator applied to a LIST value checks each element.
class Validator {
 public:
  using Check = std::function<std::optional<std::string>(const ConfigValue&)>;

  Validator() = default;  // accepts everything
  Validator(std::string description, Check check)
      : description_(std::move(description)), check_(std::move(check)) {}

  // Numeric ranges, for INT, LONG and DOUBLE values (inclusive bounds).
  static Validator at_least(int64_t min);
  static Validator at_most(int64_t max);
  static Validator between(int64_t min, int64_t max);
  // Allowed strings; `ignore_case` compares ASCII case-insensitively.
  static Validator one_of(std::vector<std::string> allowed, bool ignore_case = false);
  // A string that is not empty after trimming.
  static Validator non_empty_string();
  static Validator custom(std::string description, Check check) {
    return Validator(std::move(description), std::move(check));
  }

  explicit operator bool() const { return static_cast<bool>(check_); }
  std::optional<std::string> check(const ConfigValue& value) const;
  const std::string& description() const { return description_; }

 private:
  std::string description_;
  Check check_;
};

enum class DefaultKind { kRequired, kNull, kValue };

// Kafka's ConfigDef.Width: how wide a UI should draw the key's field.
enum class Width { kNone, kShort, kMedium, kLong };
std::string_view width_name(Width width);  // "NONE", "SHORT", "MEDIUM", "LONG"

// Where Kafka Connect's ConfigDef of the same configuration places a key (ConfigDef.define's
// group, orderInGroup, width and displayName), as the REST validate endpoint
// (PUT /connector-plugins/{plugin}/config/validate) reports it. A key without a layout is shown as
// Connect shows a key defined without one: group "", order -1, width NONE, its name as display
// name. The layout group is Connect's and is independent of the documentation group.
struct KeyLayout {
  std::string group;
  int order = -1;
  Width width = Width::kNone;
  std::string display_name;  // empty: the key's name
};

// One key's definition. Built fluently by ConfigDef::define().
class ConfigKey {
 public:
  ConfigKey(std::string name, ConfigType type, std::string group)
      : name_(std::move(name)), type_(type), group_(std::move(group)) {}

  ConfigKey& required() {
    default_kind_ = DefaultKind::kRequired;
    return *this;
  }
  ConfigKey& default_null() {
    default_kind_ = DefaultKind::kNull;
    return *this;
  }
  // The default as the text a user would write; it is parsed and validated like user input.
  ConfigKey& default_value(std::string text) {
    default_kind_ = DefaultKind::kValue;
    default_text_ = std::move(text);
    return *this;
  }
  ConfigKey& validator(Validator v) {
    validator_ = std::move(v);
    return *this;
  }
  ConfigKey& importance(Importance i) {
    importance_ = i;
    return *this;
  }
  ConfigKey& doc(std::string text) {
    documentation_ = std::move(text);
    return *this;
  }
  // Keep surrounding whitespace (Java reads format.bytearray.separator from the originals).
  ConfigKey& keep_whitespace() {
    trim_ = false;
    return *this;
  }
  // Undocumented upstream; listed in the reference with a note.
  ConfigKey& internal() {
    internal_ = true;
    return *this;
  }
  // Accepted for compatibility but not used by sluice: setting it yields an info note.
  ConfigKey& ignored(std::string note) {
    ignored_note_ = std::move(note);
    return *this;
  }
  // A copy of this key under another name (a transform's parameter under transforms.<alias>.).
  ConfigKey renamed(std::string name) const {
    ConfigKey copy = *this;
    copy.name_ = std::move(name);
    return copy;
  }
  // Connect's layout of the key (see KeyLayout).
  ConfigKey& layout(std::string group, int order, Width width, std::string display_name) {
    layout_ = KeyLayout{std::move(group), order, width, std::move(display_name)};
    return *this;
  }
  // Keys whose meaning depends on this one (ConfigDef's dependents), for the validate endpoint.
  ConfigKey& dependents(std::vector<std::string> names) {
    dependents_ = std::move(names);
    return *this;
  }
  // Appended to the "Missing required configuration" error (how to supply the key).
  ConfigKey& hint_when_missing(std::string hint) {
    missing_hint_ = std::move(hint);
    return *this;
  }

  const std::string& name() const { return name_; }
  ConfigType type() const { return type_; }
  const std::string& group() const { return group_; }
  DefaultKind default_kind() const { return default_kind_; }
  bool is_required() const { return default_kind_ == DefaultKind::kRequired; }
  const std::string& default_text() const { return default_text_; }
  const Validator& validator() const { return validator_; }
  Importance importance() const { return importance_; }
  const std::string& doc() const { return documentation_; }
  bool trims() const { return trim_; }
  bool is_internal() const { return internal_; }
  const std::string& ignored_note() const { return ignored_note_; }
  const std::string& missing_hint() const { return missing_hint_; }
  const KeyLayout& layout() const { return layout_; }
  const std::vector<std::string>& dependents() const { return dependents_; }

 private:
  std::string name_;
  ConfigType type_;
  std::string group_;
  DefaultKind default_kind_ = DefaultKind::kRequired;
  std::string default_text_;
  Validator validator_;
  Importance importance_ = Importance::kMedium;
  std::string documentation_;
  bool trim_ = true;
  bool internal_ = false;
  std::string ignored_note_;
  std::string missing_hint_;
  KeyLayout layout_;
  std::vector<std::string> dependents_;
};

// Any key starting with `prefix` is accepted as is (its meaning belongs to a sub-component).
struct ConfigPrefix {
  std::string prefix;
  std::string group;
  std::string documentation;
};

// The result of ConfigDef::parse: a value for every defined key. A key whose value was invalid
// holds null (monostate) and is_valid() is false, so checks across keys can skip it instead of
// reporting a follow-on problem.
class ParsedConfig {
 public:
  bool is_set(std::string_view name) const;    // the user gave the key
  bool is_valid(std::string_view name) const;  // parsed and validated (or defaulted) cleanly
  bool is_null(std::string_view name) const;
  const ConfigValue& value(std::string_view name) const;
  std::string location(std::string_view name) const;  // where the user's value came from

  // Typed access; a null or invalid value yields the type's zero value ("", 0, false, {}).
  std::string string_value(std::string_view name) const;
  std::optional<std::string> optional_string(std::string_view name) const;  // nullopt for null
  int32_t int_value(std::string_view name) const;
  int64_t long_value(std::string_view name) const;
  double double_value(std::string_view name) const;
  bool bool_value(std::string_view name) const;
  const std::vector<std::string>& list_value(std::string_view name) const;
  std::optional<Password> password_value(std::string_view name) const;  // nullopt for null

 private:
  friend class ConfigDef;
  struct Slot {
    ConfigValue value;
    bool set = false;
    bool valid = true;
    std::string location;
  };
  const Slot& slot(std::string_view name) const;

  std::map<std::string, Slot, std::less<>> slots_;
};

class ConfigDef {
 public:
  explicit ConfigDef(std::string title) : title_(std::move(title)) {}

  // Keys defined after this call belong to `group` (a heading in the docs).
  ConfigDef& begin_group(std::string group, std::string description = {});
  // Defines a key in the current group; finish it with the ConfigKey setters. Defining a name
  // twice is a programming error.
  ConfigKey& define(std::string name, ConfigType type);
  ConfigDef& define_prefix(std::string prefix, std::string documentation);

  const std::string& title() const { return title_; }
  const std::vector<ConfigKey>& keys() const { return keys_; }
  const std::vector<ConfigPrefix>& prefixes() const { return prefixes_; }
  // Groups in definition order, with their descriptions.
  const std::vector<std::pair<std::string, std::string>>& groups() const { return groups_; }
  const ConfigKey* find(std::string_view name) const;
  // The order of Connect's layout groups (KeyLayout::group) in its ConfigDef, for the validate
  // endpoint; a layout group not listed comes after the listed ones.
  ConfigDef& layout_groups(std::vector<std::string> groups) {
    layout_groups_ = std::move(groups);
    return *this;
  }
  const std::vector<std::string>& layout_groups() const { return layout_groups_; }
  // The prefix entry that accepts `name`, if any (the longest matching prefix).
  const ConfigPrefix* accepting_prefix(std::string_view name) const;

  // Parses every defined key of `raw`, adding problems to *report: invalid values, missing
  // required keys and failed validators as errors; unknown keys and keys set twice as warnings;
  // keys that are accepted but ignored as info notes.
  ParsedConfig parse(const RawConfig& raw, ConfigReport* report) const;

 private:
  std::string title_;
  std::string current_group_;
  std::vector<std::pair<std::string, std::string>> groups_;
  std::vector<ConfigKey> keys_;
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<ConfigPrefix> prefixes_;
  std::vector<std::string> layout_groups_;
};

// "Invalid value '<value>' for configuration <key>: <reason>", the value shown printable (control
// characters escaped) or "[hidden]" for secrets.
ConfigProblem invalid_value(const std::string& key, std::string_view value, std::string reason,
                            std::string location = {}, bool secret = false);

// Heuristic for keys outside the typed tables (client sub-configs such as
// consumer.sasl.jaas.config or ssl.key.password) whose values must never be printed.
bool is_sensitive_key(std::string_view key);

// `text` with control characters and backslashes escaped (\n, \t, \x01), for quoting in messages.
std::string printable(std::string_view text);

}  // namespace sluice::config
