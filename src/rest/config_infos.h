// config_infos_json: Kafka Connect's ConfigInfos entity, the answer of
// PUT /connector-plugins/{plugin}/config/validate (org.apache.kafka.connect.runtime.rest.entities:
// ConfigInfos, ConfigInfo, ConfigKeyInfo, ConfigValueInfo), built from sluice's connector table
// (config::connector_definition(), with each key's Connect layout) and the transform and
// predicate aliases' keys (transforms::transform_alias_keys), and the problems a ConfigValidator
// found.
//
// Shape, as Connect's Jackson writes it:
//   {"name": <connector.class as given>, "error_count": N, "groups": [...],
//    "configs": [{"definition": {"name","type","required","default_value","importance",
//                                "documentation","group","order_in_group","width",
//                                "display_name","dependents"},
//                 "value": {"name","value","recommended_values","errors","visible"}}, ...]}
// Keys are listed by layout group (the table's layout_groups(), the alias groups after
// "Error Handling" as Connect's enriched ConfigDef puts them), then by order in the group. A
// value shows the key's value as given, normalised as Connect's ConfigDef.convertToString does
// (lists comma-joined), or its default when unset; null when it does not parse as the key's type
// (a CLASS value naming no known class included, as Connect cannot load it); PASSWORD values
// "[hidden]"; a value from a config provider as its placeholder (also for passwords, as Connect).
// A problem about a key the table does not list (a client override, say) gets an entry whose
// definition is null, as Connect does for values its ConfigDef lacks.
//
// Stateless; thread-safe.
#pragma once

#include <string>

#include "config/raw_config.h"
#include "rest/config_validator.h"
#include "rest/connect_json.h"

namespace sluice::rest {

// `written` is the configuration as given in the request, `checked` what the validator made of
// it, `validator` supplies the worker's defaults.
Json config_infos_json(const std::string& connector_class, const config::RawConfig& written,
                       const ValidatedConfig& checked, const ConfigValidator& validator);

}  // namespace sluice::rest
