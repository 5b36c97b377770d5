// Kafka Connect's config validation endpoint for the one connector plugin of this process
// (ConnectorPluginsResource.validateConfigs and AbstractHerder.validateConnectorConfig):
//
//   PUT /connector-plugins/{pluginName}/config/validate   body: the connector config, a JSON map
//
// Answers 200 with ConfigInfos (config_infos.h) when the plugin is ours, whatever the config's
// problems. Otherwise Connect's status codes and error bodies: 400 when the body's
// connector.class does not match the path ("Included connector type X does not match request
// type Y", with Connect's loose match: the body's class minus a trailing "Connector" must end
// with the path's name minus a trailing "Connector"), 500 for a body without connector.class, naming a class that is not ours, empty or not
// a JSON object whose values are strings, numbers or booleans.
#pragma once

#include <string>

#include "rest/config_validator.h"
#include "rest/router.h"

namespace sluice::rest {

// Adds the endpoint to `router`. `validator` is borrowed: it must outlive every route() call.
// `version` is the plugin's version (in the unknown-class message).
void add_validate_route(Router* router, const ConfigValidator* validator, std::string version);

}  // namespace sluice::rest
