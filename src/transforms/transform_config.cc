#include "transforms/transform_config.h"

#include <cctype>

namespace sluice::transforms {

void define_replace_null_with_default(config::ConfigDef& def) {
  def.define(std::string(kReplaceNullWithDefault), config::ConfigType::kBoolean)
      .default_value("true")
      .importance(config::Importance::kMedium)
      .doc(
          "Whether to replace fields that have a default value and that are null to the default "
          "value. When set to true, the default value is used, otherwise null is used.");
}

namespace {

bool equals_ignore_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

config::Validator kafka_one_of(std::vector<std::string> allowed, bool ignore_case) {
  std::string listed;
  for (const std::string& a : allowed) listed += (listed.empty() ? "" : ", ") + a;
  std::string description = (ignore_case ? "(case insensitive) [" : "[") + listed + "]";
  std::string reason = std::string(ignore_case ? "String must be one of (case insensitive): "
                                               : "String must be one "
                                                 "of: ") +
                       listed;
  return config::Validator::custom(
      std::move(description),
      [allowed = std::move(allowed), reason = std::move(reason),
       ignore_case](const config::ConfigValue& value) -> std::optional<std::string> {
        const auto* s = std::get_if<std::string>(&value);
        if (s == nullptr) return std::nullopt;
        for (const std::string& a : allowed) {
          if (ignore_case ? equals_ignore_ascii_case(a, *s) : a == *s) return std::nullopt;
        }
        return reason;
      });
}

config::Validator kafka_non_empty_string() {
  return config::Validator::custom(
      "non-empty string", [](const config::ConfigValue& value) -> std::optional<std::string> {
        const auto* s = std::get_if<std::string>(&value);
        if (s != nullptr && s->empty()) return std::string("String must be non-empty");
        return std::nullopt;
      });
}

void add_problem(std::vector<config::ConfigProblem>* problems, std::string key, std::string value,
                 std::string message) {
  problems->push_back(config::ConfigProblem{
      std::move(key), std::move(value), std::move(message), config::Severity::kError, {}});
}

}  // namespace sluice::transforms
