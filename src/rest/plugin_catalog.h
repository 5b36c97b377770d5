// The plugins GET /connector-plugins lists: the S3 sink connector and, with
// ?connectorsOnly=false, the transformations, predicates, converters and header converters sluice
// implements, in Connect's order (connectors, transformations, predicates, converters, header
// converters; each sorted by class name, as Connect's PluginDesc sorts them).
//
// Stateless; thread-safe.
#pragma once

#include <string>

#include "rest/connect_json.h"

namespace sluice::rest {

// [{"class","type","version"}...]; `version` is given to every plugin (sluice implements them
// all, so they share its version).
Json connector_plugins_json(bool connectors_only, const std::string& connector_class,
                            const std::string& version);

}  // namespace sluice::rest
