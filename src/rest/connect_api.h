// The read-only endpoints of Kafka Connect's REST API for the one connector of this process
// (Apache Kafka's "Kafka Connect REST Interface" documentation; ConnectorsResource,
// ConnectorPluginsResource and RootResource of org.apache.kafka.connect.runtime.rest):
//
//   GET /                                    GET /connectors/{name}/tasks
//   GET /connectors[?expand=status|info]     GET /connectors/{name}/tasks/{id}/status
//   GET /connectors/{name}                   GET /connectors/{name}/topics
//   GET /connectors/{name}/config            GET /connector-plugins[?connectorsOnly=false]
//   GET /connectors/{name}/status
//
// Status codes and error bodies are Connect's, including its quirks (GET .../topics of an unknown
// connector answers 200 with an empty list, as Connect's status store does).
#pragma once

#include "rest/connect_json.h"
#include "rest/connector_state.h"
#include "rest/router.h"

namespace sluice::rest {

// Adds the endpoints to `router`. `source` is borrowed: it must outlive every route() call.
void add_connect_routes(Router* router, const ConnectorStateSource* source, ServerInfo server);

}  // namespace sluice::rest
