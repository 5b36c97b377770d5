#include "kafka/java_keys.h"

#include <cctype>

namespace sluice::kafka {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_secret_key(std::string_view key) {
  return key.find("password") != std::string_view::npos || key == "sasl.jaas.config" ||
         key == "ssl.keystore.key" || key == "ssl.key.pem" ||
         key.find("secret") != std::string_view::npos;
}

std::string invalid_value(const std::string& key, const std::string& value,
                          const std::string& why) {
  return "Invalid value " + (is_secret_key(key) ? std::string(kHidden) : value) +
         " for configuration " + key + ": " + why;
}

std::optional<std::string> get(const std::map<std::string, std::string>& java,
                               const std::string& key) {
  auto it = java.find(key);
  if (it == java.end()) return std::nullopt;
  return it->second;
}

}  // namespace sluice::kafka
