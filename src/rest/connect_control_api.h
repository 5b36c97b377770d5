// The control endpoints of Kafka Connect's REST API for the one connector of this process
// (Apache Kafka's "Kafka Connect REST Interface" documentation; ConnectorsResource and
// RootResource of org.apache.kafka.connect.runtime.rest; KIP-745 restarts, KIP-875 STOPPED,
// KIP-1017 health):
//
//   PUT  /connectors/{name}/pause      202        PUT  /connectors/{name}/config   200
//   PUT  /connectors/{name}/resume     202        POST /connectors/{name}/restart  204 or 202
//   PUT  /connectors/{name}/stop       204        POST /connectors/{name}/tasks/{id}/restart 204
//   GET  /health                       200
//
// Status codes and bodies are those a Kafka Connect 4.4 standalone worker answers, with these
// differences for requests naming another connector (Connect's answers there are internal
// errors, 500 with a NullPointerException's text): POST .../restart answers 404 "Unknown
// connector: <name>" with or without includeTasks, and POST .../tasks/{id}/restart 404 "Task
// <name>-<id> not found"; PUT .../config of another name answers 409 (this process runs exactly
// one connector, so none can be created).
#pragma once

#include "rest/connect_json.h"
#include "rest/connector_control.h"
#include "rest/connector_state.h"
#include "rest/router.h"

namespace sluice::rest {

// Adds the endpoints to `router`. `source` and `control` are borrowed: they must outlive every
// route() call.
void add_connect_control_routes(Router* router, const ConnectorStateSource* source,
                                ConnectorControl* control, ServerInfo server);

}  // namespace sluice::rest
