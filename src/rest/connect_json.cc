#include "rest/connect_json.h"

namespace sluice::rest {

Json server_info_json(const ServerInfo& server, const ConnectorStateSource& source) {
  Json out;
  out["version"] = server.version;
  out["commit"] = server.commit;
  std::optional<std::string> cluster = source.kafka_cluster_id();
  out["kafka_cluster_id"] = cluster ? Json(*cluster) : Json(nullptr);
  return out;
}

Json connector_config_json(const ConnectorInfo& info) {
  Json out = Json::object();
  for (const auto& [key, value] : info.config) out[key] = value;
  return out;
}

Json connector_info_json(const ConnectorStateSource& source) {
  const ConnectorInfo& info = source.info();
  Json out;
  out["name"] = info.name;
  out["config"] = connector_config_json(info);
  // The tasks the connector was configured with, whatever their state (ConnectorInfo.tasks); none
  // while it is STOPPED (KIP-875 removes its task configurations).
  Json tasks = Json::array();
  const int task_count = source.connector_state() == "STOPPED" ? 0 : info.tasks_max;
  for (int i = 0; i < task_count; ++i) tasks.push_back(Json{{"connector", info.name}, {"task", i}});
  out["tasks"] = std::move(tasks);
  out["type"] = "sink";
  return out;
}

Json task_state_json(const ServerInfo& server, const ConnectorInfo& info,
                     const TaskStateView& task) {
  Json out;
  out["id"] = task.id;
  out["state"] = task.state;
  out["worker_id"] = server.worker_id;
  out["version"] = info.version;
  if (!task.trace.empty()) out["trace"] = task.trace;
  return out;
}

Json connector_status_json(const ServerInfo& server, const ConnectorStateSource& source) {
  const ConnectorInfo& info = source.info();
  Json out;
  out["name"] = info.name;
  out["connector"] = Json{{"state", source.connector_state()},
                          {"worker_id", server.worker_id},
                          {"version", info.version}};
  if (std::string trace = source.connector_trace(); !trace.empty()) {
    out["connector"]["trace"] = std::move(trace);
  }
  Json tasks = Json::array();
  for (const TaskStateView& t : source.tasks()) tasks.push_back(task_state_json(server, info, t));
  out["tasks"] = std::move(tasks);
  out["type"] = "sink";
  return out;
}

Json task_configs_json(const ConnectorInfo& info) {
  // Connect shows each task the configuration its connector's taskConfigs() gave it; the S3
  // sink's tasks get the connector's configuration plus task.class.
  Json config = connector_config_json(info);
  config["task.class"] = info.task_class;
  Json out = Json::array();
  for (int i = 0; i < info.tasks_max; ++i) {
    Json task;
    task["id"] = Json{{"connector", info.name}, {"task", i}};
    task["config"] = config;
    out.push_back(std::move(task));
  }
  return out;
}

Json active_topics_json(const std::string& name, const std::vector<std::string>& topics) {
  Json out;
  out[name] = Json{{"topics", topics}};
  return out;
}

}  // namespace sluice::rest
