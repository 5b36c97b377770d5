// Text helpers shared by the translators of Java client settings into librdkafka properties
// (client_config.cc, jaas_config.cc, tls_stores.cc, kerberos_config.cc). Stateless; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::kafka {

// What a message shows instead of a secret value.
inline constexpr const char* kHidden = "[hidden]";

std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

// Keys whose values are secrets: they are shown as [hidden] in every message, as Connect does for
// PASSWORD-typed settings.
bool is_secret_key(std::string_view key);

// "Invalid value <value> for configuration <key>: <why>", as Java's ConfigException words it, with
// the value hidden for a secret key.
std::string invalid_value(const std::string& key, const std::string& value, const std::string& why);

// The value of `key` in Java client properties, if set.
std::optional<std::string> get(const std::map<std::string, std::string>& java,
                               const std::string& key);

}  // namespace sluice::kafka
