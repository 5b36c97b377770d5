// Validators and text checks that several groups of the connector configuration share: the
// class-name validator, Kafka's topic name rule and the URL shape of endpoint and proxy keys.
#include <algorithm>
#include <cctype>
#include <string>

#include "config/connector_config_internal.h"
#include "config/key_suggestion.h"

namespace sluice::config::connector_internal {

Validator class_validator(const ClassAliasTable& table, std::string what) {
  std::string description = table.describe();
  return Validator::custom(description,
                           [&table, what = std::move(what),
                            description](const ConfigValue& value) -> std::optional<std::string> {
                             const auto* name = std::get_if<std::string>(&value);
                             if (name == nullptr || table.resolve(*name)) return std::nullopt;
                             std::string reason = "sluice supports " + what + " " + description;
                             if (auto suggestion = closest_match(*name, table.spellings())) {
                               reason += "; did you mean '" + *suggestion + "'?";
                             }
                             return reason;
                           });
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::string> topic_name_problem(std::string_view topic) {
  if (topic.empty()) return "a topic name must not be empty";
  if (topic.size() > 249) return "a topic name has at most 249 characters";
  if (topic == "." || topic == "..") return "'.' and '..' are not topic names";
  for (char c : topic) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-')) {
      return "a topic name may contain only ASCII letters, digits, '.', '_' and '-'";
    }
  }
  return std::nullopt;
}

bool looks_like_url(std::string_view url, std::initializer_list<std::string_view> schemes) {
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return false;
  std::string_view scheme = url.substr(0, sep);
  bool known = false;
  for (std::string_view s : schemes) known = known || equals_ignore_case(s, scheme);
  if (!known) return false;
  std::string_view rest = url.substr(sep + 3);
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  if (authority.empty()) return scheme == "file";
  std::string_view host = authority;
  if (host.front() == '[') {  // IPv6 literal
    size_t close = host.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view after = host.substr(close + 1);
    if (!after.empty() && after.front() != ':') return false;
    host = host.substr(0, close + 1);
    authority = after;
  } else if (size_t colon = host.find(':'); colon != std::string_view::npos) {
    authority = host.substr(colon);
    host = host.substr(0, colon);
  } else {
    authority = {};
  }
  if (host.empty()) return false;
  if (!authority.empty()) {
    std::string_view port = authority.substr(1);
    if (port.empty() || port.size() > 5) return false;
    for (char c : port) {
      if (c < '0' || c > '9') return false;
    }
    if (std::stoi(std::string(port)) > 65535) return false;
  }
  return true;
}

}  // namespace sluice::config::connector_internal
