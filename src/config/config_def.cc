#include "config/config_def.h"

#include <fmt/format.h>

#include <cassert>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "config/key_suggestion.h"

namespace sluice::config {
namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Java regex \s: [ \t\n\x0B\f\r].
bool is_regex_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\x0B' || c == '\f' || c == '\r';
}

std::string_view strip_regex_space(std::string_view s) {
  while (!s.empty() && is_regex_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_regex_space(s.back())) s.remove_suffix(1);
  return s;
}

// Integer.parseInt / Long.parseLong: an optional sign, then at least one ASCII digit.
template <typename T>
std::optional<T> parse_java_integer(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  // Accumulate negatively so that the minimum value parses without overflow.
  T value = 0;
  for (char c : s) {
    T digit = static_cast<T>(c - '0');
    if (value < (std::numeric_limits<T>::min() + digit) / 10) return std::nullopt;
    value = static_cast<T>(value * 10 - digit);
  }
  if (negative) return value;
  if (value == std::numeric_limits<T>::min()) return std::nullopt;
  return static_cast<T>(-value);
}

// Double.parseDouble: decimal or hexadecimal floating point, "NaN", "Infinity" (with a sign),
// and an optional f/F/d/D suffix.
std::optional<double> parse_java_double(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string_view body = s;
  bool negative = false;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (body == "Infinity") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (body.empty() || std::isalpha(static_cast<unsigned char>(body.front())) != 0) {
    return std::nullopt;
  }
  std::string text(s);
  char last = text.back();
  if (last == 'f' || last == 'F' || last == 'd' || last == 'D') {
    bool hex = text.find("0x") != std::string::npos || text.find("0X") != std::string::npos;
    // In a hex float 'd'/'f' could be digits only before the mandatory 'p' exponent.
    if (!hex || text.find_first_of("pP") != std::string::npos) text.pop_back();
  }
  const char* begin = text.c_str();
  char* end = nullptr;
  double value = std::strtod(begin, &end);
  if (end != begin + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::optional<int64_t> as_integer(const ConfigValue& value) {
  if (const auto* v = std::get_if<int32_t>(&value)) return *v;
  if (const auto* v = std::get_if<int64_t>(&value)) return *v;
  return std::nullopt;
}

}  // namespace

std::string_view config_type_name(ConfigType type) {
  switch (type) {
    case ConfigType::kString:
      return "string";
    case ConfigType::kShort:
      return "short";
    case ConfigType::kInt:
      return "int";
    case ConfigType::kLong:
      return "long";
    case ConfigType::kDouble:
      return "double";
    case ConfigType::kBoolean:
      return "boolean";
    case ConfigType::kList:
      return "list";
    case ConfigType::kClass:
      return "class";
    case ConfigType::kPassword:
      return "password";
  }
  return "string";
}

std::string_view importance_name(Importance importance) {
  switch (importance) {
    case Importance::kHigh:
      return "high";
    case Importance::kMedium:
      return "medium";
    case Importance::kLow:
      return "low";
  }
  return "medium";
}

std::string_view width_name(Width width) {
  switch (width) {
    case Width::kNone:
      return "NONE";
    case Width::kShort:
      return "SHORT";
    case Width::kMedium:
      return "MEDIUM";
    case Width::kLong:
      return "LONG";
  }
  return "NONE";
}

std::string_view java_trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

std::string format_config_value(const ConfigValue& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(const std::string& v) const { return v; }
    std::string operator()(int32_t v) const { return std::to_string(v); }
    std::string operator()(int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return fmt::format("{}", v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::vector<std::string>& v) const { return join(v, ","); }
    std::string operator()(const Password& v) const { return to_string(v); }
  };
  return std::visit(Visitor{}, value);
}

Result<ConfigValue> parse_config_value(ConfigType type, std::string_view text, bool trim) {
  std::string_view trimmed = java_trim(text);
  switch (type) {
    case ConfigType::kString:
    case ConfigType::kClass:
      return ConfigValue(std::string(trim ? trimmed : text));
    case ConfigType::kPassword:
      return ConfigValue(Password(std::string(trim ? trimmed : text)));
    case ConfigType::kBoolean:
      if (equals_ignore_case(trimmed, "true")) return ConfigValue(true);
      if (equals_ignore_case(trimmed, "false")) return ConfigValue(false);
      return Status::invalid_argument("must be true or false");
    case ConfigType::kShort:
      if (auto v = parse_java_integer<int16_t>(trimmed)) return ConfigValue(int32_t{*v});
      return Status::invalid_argument(
          "must be a whole number between -32768 and 32767 (type short)");
    case ConfigType::kInt:
      if (auto v = parse_java_integer<int32_t>(trimmed)) return ConfigValue(*v);
      return Status::invalid_argument(
          "must be a whole number between -2147483648 and 2147483647 (type int)");
    case ConfigType::kLong:
      if (auto v = parse_java_integer<int64_t>(trimmed)) return ConfigValue(*v);
      return Status::invalid_argument(
          "must be a whole number between -9223372036854775808 and 9223372036854775807 (type "
          "long)");
    case ConfigType::kDouble:
      if (auto v = parse_java_double(trimmed)) return ConfigValue(*v);
      return Status::invalid_argument("must be a number (type double)");
    case ConfigType::kList: {
      std::vector<std::string> items;
      if (trimmed.empty()) return ConfigValue(std::move(items));
      size_t start = 0;
      while (true) {
        size_t comma = trimmed.find(',', start);
        std::string_view item = trimmed.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        items.emplace_back(strip_regex_space(item));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      return ConfigValue(std::move(items));
    }
  }
  return Status::invalid_argument("unsupported type");
}

// ---------------------------------------------------------------------------------------------
// Validator

Validator Validator::at_least(int64_t min) {
  return Validator(
      fmt::format("[{},...]", min), [min](const ConfigValue& value) -> std::optional<std::string> {
        if (auto v = as_integer(value); v && *v < min) {
          return fmt::format("must be at least {}", min);
        }
        if (const auto* d = std::get_if<double>(&value); d && !(*d >= static_cast<double>(min))) {
          return fmt::format("must be at least {}", min);
        }
        return std::nullopt;
      });
}

Validator Validator::at_most(int64_t max) {
  return Validator(
      fmt::format("[...,{}]", max), [max](const ConfigValue& value) -> std::optional<std::string> {
        if (auto v = as_integer(value); v && *v > max) {
          return fmt::format("must be at most {}", max);
        }
        if (const auto* d = std::get_if<double>(&value); d && !(*d <= static_cast<double>(max))) {
          return fmt::format("must be at most {}", max);
        }
        return std::nullopt;
      });
}

Validator Validator::between(int64_t min, int64_t max) {
  return Validator(fmt::format("[{},...,{}]", min, max),
                   [min, max](const ConfigValue& value) -> std::optional<std::string> {
                     bool outside = false;
                     if (auto v = as_integer(value)) outside = *v < min || *v > max;
                     if (const auto* d = std::get_if<double>(&value)) {
                       outside =
                           !(*d >= static_cast<double>(min) && *d <= static_cast<double>(max));
                     }
                     if (outside) return fmt::format("must be between {} and {}", min, max);
                     return std::nullopt;
                   });
}

Validator Validator::one_of(std::vector<std::string> allowed, bool ignore_case) {
  std::vector<std::string> shown;
  for (const std::string& a : allowed) shown.push_back(a.empty() ? "\"\"" : a);
  std::string listed = join(shown, ", ");
  std::string description = "[" + listed + "]" + (ignore_case ? " (case-insensitive)" : "");
  std::string reason = "must be one of " + listed + (ignore_case ? " (case-insensitive)" : "");
  return Validator(std::move(description),
                   [allowed = std::move(allowed), ignore_case, reason = std::move(reason)](
                       const ConfigValue& value) -> std::optional<std::string> {
                     const auto* s = std::get_if<std::string>(&value);
                     if (s == nullptr) return std::nullopt;
                     for (const std::string& a : allowed) {
                       if (ignore_case ? equals_ignore_case(*s, a) : *s == a) return std::nullopt;
                     }
                     return reason;
                   });
}

Validator Validator::non_empty_string() {
  return Validator("non-empty string", [](const ConfigValue& value) -> std::optional<std::string> {
    const auto* s = std::get_if<std::string>(&value);
    if (s != nullptr && java_trim(*s).empty()) return "must not be empty";
    return std::nullopt;
  });
}

std::optional<std::string> Validator::check(const ConfigValue& value) const {
  if (!check_ || std::holds_alternative<std::monostate>(value)) return std::nullopt;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    for (const std::string& item : *list) {
      if (auto reason = check_(ConfigValue(item))) {
        return "item '" + printable(item) + "' " + *reason;
      }
    }
    return std::nullopt;
  }
  return check_(value);
}

// ---------------------------------------------------------------------------------------------
// ParsedConfig

const ParsedConfig::Slot& ParsedConfig::slot(std::string_view name) const {
  auto it = slots_.find(name);
  assert(it != slots_.end() && "reading a configuration key that is not defined");
  if (it == slots_.end()) {
    static const Slot kUndefined{std::monostate{}, false, false, {}};
    return kUndefined;
  }
  return it->second;
}

bool ParsedConfig::is_set(std::string_view name) const {
  return slot(name).set;
}
bool ParsedConfig::is_valid(std::string_view name) const {
  return slot(name).valid;
}
bool ParsedConfig::is_null(std::string_view name) const {
  return std::holds_alternative<std::monostate>(slot(name).value);
}
const ConfigValue& ParsedConfig::value(std::string_view name) const {
  return slot(name).value;
}
std::string ParsedConfig::location(std::string_view name) const {
  return slot(name).location;
}

std::string ParsedConfig::string_value(std::string_view name) const {
  const auto* v = std::get_if<std::string>(&slot(name).value);
  return v != nullptr ? *v : std::string();
}

std::optional<std::string> ParsedConfig::optional_string(std::string_view name) const {
  const auto* v = std::get_if<std::string>(&slot(name).value);
  if (v == nullptr) return std::nullopt;
  return *v;
}

int32_t ParsedConfig::int_value(std::string_view name) const {
  const auto* v = std::get_if<int32_t>(&slot(name).value);
  return v != nullptr ? *v : 0;
}

int64_t ParsedConfig::long_value(std::string_view name) const {
  const auto* v = std::get_if<int64_t>(&slot(name).value);
  return v != nullptr ? *v : 0;
}

double ParsedConfig::double_value(std::string_view name) const {
  const auto* v = std::get_if<double>(&slot(name).value);
  return v != nullptr ? *v : 0.0;
}

bool ParsedConfig::bool_value(std::string_view name) const {
  const auto* v = std::get_if<bool>(&slot(name).value);
  return v != nullptr && *v;
}

const std::vector<std::string>& ParsedConfig::list_value(std::string_view name) const {
  static const std::vector<std::string> kEmpty;
  const auto* v = std::get_if<std::vector<std::string>>(&slot(name).value);
  return v != nullptr ? *v : kEmpty;
}

std::optional<Password> ParsedConfig::password_value(std::string_view name) const {
  const auto* v = std::get_if<Password>(&slot(name).value);
  if (v == nullptr) return std::nullopt;
  return *v;
}

// ---------------------------------------------------------------------------------------------
// ConfigDef

ConfigDef& ConfigDef::begin_group(std::string group, std::string description) {
  current_group_ = group;
  groups_.emplace_back(std::move(group), std::move(description));
  return *this;
}

ConfigKey& ConfigDef::define(std::string name, ConfigType type) {
  assert(index_.count(name) == 0 && "configuration key defined twice");
  index_[name] = keys_.size();
  keys_.emplace_back(std::move(name), type, current_group_);
  return keys_.back();
}

ConfigDef& ConfigDef::define_prefix(std::string prefix, std::string documentation) {
  prefixes_.push_back(ConfigPrefix{std::move(prefix), current_group_, std::move(documentation)});
  return *this;
}

const ConfigKey* ConfigDef::find(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &keys_[it->second];
}

const ConfigPrefix* ConfigDef::accepting_prefix(std::string_view name) const {
  const ConfigPrefix* best = nullptr;
  for (const ConfigPrefix& p : prefixes_) {
    if (name.size() > p.prefix.size() && name.compare(0, p.prefix.size(), p.prefix) == 0) {
      if (best == nullptr || p.prefix.size() > best->prefix.size()) best = &p;
    }
  }
  return best;
}

ParsedConfig ConfigDef::parse(const RawConfig& raw, ConfigReport* report) const {
  ParsedConfig parsed;
  for (const ConfigKey& key : keys_) {
    ParsedConfig::Slot slot;
    const bool secret = key.type() == ConfigType::kPassword;
    if (const RawEntry* entry = raw.find(key.name())) {
      slot.set = true;
      slot.location = raw.location(key.name());
      Result<ConfigValue> value = parse_config_value(key.type(), entry->value, key.trims());
      if (!value.ok()) {
        report->add(invalid_value(key.name(), entry->value, value.status().message(), slot.location,
                                  secret));
        slot.valid = false;
      } else if (auto reason = key.validator().check(*value)) {
        report->add(invalid_value(key.name(), entry->value, *reason, slot.location, secret));
        slot.valid = false;
      } else {
        slot.value = std::move(value).value();
      }
      if (!key.ignored_note().empty()) {
        report->add(ConfigProblem{key.name(),
                                  secret ? std::string(Password::kHidden) : entry->value,
                                  key.name() + " is accepted but not used: " + key.ignored_note(),
                                  Severity::kInfo, slot.location});
      }
    } else if (key.default_kind() == DefaultKind::kRequired) {
      report->add(ConfigProblem{key.name(), "",
                                "Missing required configuration '" + key.name() +
                                    "' which has no default value" +
                                    (key.missing_hint().empty() ? "" : ": " + key.missing_hint()),
                                Severity::kError, raw.source_name()});
      slot.valid = false;
    } else if (key.default_kind() == DefaultKind::kValue) {
      Result<ConfigValue> value = parse_config_value(key.type(), key.default_text(), key.trims());
      assert(value.ok() && !key.validator().check(*value) && "invalid default in a ConfigDef");
      if (value.ok()) slot.value = std::move(value).value();
    }
    parsed.slots_.emplace(key.name(), std::move(slot));
  }

  std::vector<std::string> known_names;
  known_names.reserve(keys_.size());
  for (const ConfigKey& key : keys_) known_names.push_back(key.name());
  for (const RawEntry& entry : raw.entries()) {
    if (find(entry.key) != nullptr || accepting_prefix(entry.key) != nullptr) continue;
    std::string message = "Unknown configuration '" + printable(entry.key) + "' is ignored";
    if (auto suggestion = closest_match(entry.key, known_names)) {
      message += "; did you mean '" + *suggestion + "'?";
    }
    report->add(ConfigProblem{
        entry.key, is_sensitive_key(entry.key) ? std::string(Password::kHidden) : entry.value,
        std::move(message), Severity::kWarning, raw.location(entry.key)});
  }
  for (const DuplicateKey& dup : raw.duplicates()) {
    std::string where = dup.first_line > 0 && dup.line > 0
                            ? fmt::format(" (lines {} and {})", dup.first_line, dup.line)
                            : std::string();
    report->add(ConfigProblem{
        dup.key, "",
        "'" + printable(dup.key) + "' is set more than once" + where + "; the later value is used",
        Severity::kWarning, raw.location(dup.key)});
  }
  return parsed;
}

ConfigProblem invalid_value(const std::string& key, std::string_view value, std::string reason,
                            std::string location, bool secret) {
  std::string shown = secret ? std::string(Password::kHidden) : printable(value);
  return ConfigProblem{
      key, secret ? std::string(Password::kHidden) : std::string(value),
      "Invalid value '" + shown + "' for configuration " + key + ": " + std::move(reason),
      Severity::kError, std::move(location)};
}

bool is_sensitive_key(std::string_view key) {
  std::string lower(key);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view marker :
       {"password", "secret", "jaas.config", "sse.customer.key", "session.token", "keystore.key",
        "private.key", "api.key", "user.info", "bearer.auth.token"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

}  // namespace sluice::config
