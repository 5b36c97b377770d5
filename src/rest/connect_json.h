// The JSON bodies of Kafka Connect's REST API (org.apache.kafka.connect.runtime.rest.entities:
// ServerInfo, ConnectorInfo, ConnectorStateInfo, TaskInfo, ActiveTopicsInfo, PluginInfo), built
// from a ConnectorStateSource. Keys are in the order Connect's Jackson writes them.
//
// Stateless functions; thread-safe as the source is.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "rest/connector_state.h"

namespace sluice::rest {

using Json = nlohmann::ordered_json;

// What GET / and the statuses say about this process.
struct ServerInfo {
  std::string version;    // GET / "version"
  std::string commit;     // GET / "commit"
  std::string worker_id;  // "host:port" of the advertised URL, in statuses
};

// GET /: {"version","commit","kafka_cluster_id"}.
Json server_info_json(const ServerInfo& server, const ConnectorStateSource& source);
// GET /connectors/{name}: {"name","config","tasks":[{"connector","task"}],"type":"sink"}.
Json connector_info_json(const ConnectorStateSource& source);
// GET /connectors/{name}/config.
Json connector_config_json(const ConnectorInfo& info);
// GET /connectors/{name}/status: {"name","connector":{...},"tasks":[...],"type":"sink"}.
Json connector_status_json(const ServerInfo& server, const ConnectorStateSource& source);
// One task's state: {"id","state","worker_id","version"[,"trace"]}.
Json task_state_json(const ServerInfo& server, const ConnectorInfo& info,
                     const TaskStateView& task);
// GET /connectors/{name}/tasks: [{"id":{"connector","task"},"config":{...,"task.class"}}].
Json task_configs_json(const ConnectorInfo& info);
// GET /connectors/{name}/topics: {"<name>":{"topics":[...]}}.
Json active_topics_json(const std::string& name, const std::vector<std::string>& topics);

}  // namespace sluice::rest
