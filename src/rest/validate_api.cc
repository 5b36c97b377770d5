#include "rest/validate_api.h"

#include <nlohmann/json.hpp>

#include "config/config_def.h"
#include "config/connector_config.h"
#include "rest/config_infos.h"

namespace sluice::rest {
namespace {

// Connect's ConnectorPluginsResource.normalizedPluginName.
std::string_view without_connector_suffix(std::string_view name) {
  constexpr std::string_view kSuffix = "Connector";
  if (name.size() > kSuffix.size() && name.ends_with(kSuffix)) {
    name.remove_suffix(kSuffix.size());
  }
  return name;
}

// Connect answers a BadRequestException thrown inside the herder's validation with 500 and the
// exception's toString() as message.
Response herder_bad_request(const std::string& message) {
  return error_response(
      500, "org.apache.kafka.connect.runtime.rest.errors.BadRequestException: " + message);
}

// The body as Connect's Jackson reads a Map<String,String>: a JSON object whose values are
// strings, numbers or booleans (read as their text); null values are dropped.
Result<config::RawConfig> parse_body(const std::string& body) {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Status::invalid_argument("Malformed JSON in the request body");
  }
  if (!parsed.is_object()) {
    return Status::invalid_argument(
        "Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,"
        "java.lang.String>` from " +
        std::string(parsed.type_name()) + " value");
  }
  config::RawConfig out("request body");
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_null()) continue;
    if (value.is_string()) {
      out.set(key, value.get<std::string>());
    } else if (value.is_primitive()) {
      out.set(key, value.dump());
    } else {
      return Status::invalid_argument("Cannot deserialize value of type `java.lang.String` from " +
                                      std::string(value.type_name()) + " value (for key \"" + key +
                                      "\")");
    }
  }
  return out;
}

bool names_our_connector(std::string_view connector_class) {
  const config::ConfigKey* key = config::connector_definition().find("connector.class");
  return key != nullptr && !key->validator().check(config::ConfigValue(
                               std::string(config::java_trim(connector_class))));
}

}  // namespace

void add_validate_route(Router* router, const ConfigValidator* validator, std::string version) {
  router->add(
      "PUT", "/connector-plugins/{plugin}/config/validate",
      [validator, version](const Request& req, const PathParams& p) {
        const std::string& plugin = p.at("plugin");
        // Jackson reads an empty body as a null map, which Connect then dereferences.
        if (config::java_trim(req.body).empty()) {
          return error_response(500,
                                "Cannot invoke \"java.util.Map.get(Object)\" because "
                                "\"connectorConfig\" is null");
        }
        Result<config::RawConfig> written = parse_body(req.body);
        if (!written.ok()) return error_response(500, written.status().message());
        std::optional<std::string_view> included = written->get("connector.class");
        if (included &&
            !without_connector_suffix(*included).ends_with(without_connector_suffix(plugin))) {
          return error_response(400, "Included connector type " + std::string(*included) +
                                         " does not match request type " + plugin);
        }
        if (!included) return herder_bad_request("Connector config contains no connector type");
        if (!names_our_connector(*included)) {
          std::string ours(config::kS3SinkConnectorClass);
          return herder_bad_request(
              "Failed to find any class that implements Connector and which name matches " +
              std::string(*included) + ", available connectors are: PluginDesc{klass=class " +
              ours + ", name='" + ours + "', version='" + version + "', encodedVersion=" + version +
              ", type=sink, typeName='sink', location='classpath'}");
        }
        ValidatedConfig checked = validator->validate(*written);
        return Response{
            200, config_infos_json(std::string(*included), *written, checked, *validator).dump()};
      });
}

}  // namespace sluice::rest
