#include "rest/shown_config.h"

#include "config/config_def.h"
#include "config/connector_config.h"

namespace sluice::rest {

std::vector<std::pair<std::string, std::string>> shown_config(const config::RawConfig& written) {
  const config::ConfigDef& def = config::connector_definition();
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(written.size());
  for (const config::RawEntry& e : written.entries()) {
    const config::ConfigKey* key = def.find(e.key);
    bool secret = (key != nullptr && key->type() == config::ConfigType::kPassword) ||
                  config::is_sensitive_key(e.key);
    out.emplace_back(e.key, secret ? "[hidden]" : e.value);
  }
  return out;
}

}  // namespace sluice::rest
