#include "rest/connect_control_api.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace sluice::rest {

namespace {

Response empty_response(int status) {
  return Response{status, ""};
}

// Jersey reads a boolean query value case-insensitively, anything but "true" being false.
bool query_flag(const Request& req, const std::string& key) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return false;
  std::string v = it->second;
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "true";
}

int task_id(const std::string& text) {
  int id = 0;
  std::from_chars(text.data() + (text[0] == '+' ? 1 : 0), text.data() + text.size(), id);
  return id;
}

// ConnectorsResource's answer for a connector the standalone herder does not know.
Response unknown_connector(const std::string& name) {
  return error_response(404, "Unknown connector " + name);
}

// PUT pause, resume and stop.
void add_state_routes(Router* router, const ConnectorStateSource* source,
                      ConnectorControl* control) {
  router->add("PUT", "/connectors/{name}/pause",
              [source, control](const Request&, const PathParams& p) {
                if (p.at("name") != source->info().name) return unknown_connector(p.at("name"));
                control->pause();
                return empty_response(202);
              });
  router->add("PUT", "/connectors/{name}/resume",
              [source, control](const Request&, const PathParams& p) {
                if (p.at("name") != source->info().name) return unknown_connector(p.at("name"));
                control->resume();
                return empty_response(202);
              });
  router->add("PUT", "/connectors/{name}/stop",
              [source, control](const Request&, const PathParams& p) {
                if (p.at("name") != source->info().name) {
                  // StandaloneHerder.stopConnector's answer.
                  return error_response(500, "No connector `" + p.at("name") + "` configured");
                }
                control->stop();
                return empty_response(204);
              });
}

// The status body of a restart: `before` (the status read before the restart was asked for, as
// Connect builds it) with what restarts shown RESTARTING (a failed task keeps its trace).
Json restarting_status(Json before, const RestartPlan& plan) {
  Json out = std::move(before);
  if (plan.connector) out["connector"]["state"] = "RESTARTING";
  for (Json& task : out["tasks"]) {
    int id = task["id"].get<int>();
    if (std::binary_search(plan.tasks.begin(), plan.tasks.end(), id)) {
      task["state"] = "RESTARTING";
    }
  }
  return out;
}

// POST restart of the connector and of one task.
void add_restart_routes(Router* router, const ConnectorStateSource* source,
                        ConnectorControl* control, const ServerInfo& server) {
  router->add("POST", "/connectors/{name}/restart",
              [source, control, server](const Request& req, const PathParams& p) {
                if (p.at("name") != source->info().name) {
                  return error_response(404, "Unknown connector: " + p.at("name"));
                }
                const bool include_tasks = query_flag(req, "includeTasks");
                const bool only_failed = query_flag(req, "onlyFailed");
                // Only the connector object, as before KIP-745: no body.
                if (!include_tasks && !only_failed) {
                  control->restart(false, false);
                  return empty_response(204);
                }
                // Read before the restart, which may be carried out before the answer is sent.
                Json before = connector_status_json(server, *source);
                RestartPlan plan = control->restart(include_tasks, only_failed);
                return Response{202, restarting_status(std::move(before), plan).dump()};
              });
  router->add("POST", "/connectors/{name}/tasks/{id:int}/restart",
              [source, control](const Request&, const PathParams& p) {
                const int id = task_id(p.at("id"));
                if (p.at("name") != source->info().name || !control->restart_task(id)) {
                  return error_response(
                      404, "Task " + p.at("name") + "-" + std::to_string(id) + " not found");
                }
                return empty_response(204);
              });
}

// The body of PUT .../config as Connect's Jackson reads a Map<String, String>: strings, and
// numbers and booleans as their text; null values are dropped. Returns false (with *error) for
// anything else.
bool read_config_body(const std::string& body,
                      std::vector<std::pair<std::string, std::string>>* out, std::string* error) {
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    *error = "Cannot read the request body as JSON";
    return false;
  }
  if (!parsed.is_object()) {
    *error =
        "Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,"
        "java.lang.String>` from " +
        std::string(parsed.is_array() ? "Array" : "non-object") + " value";
    return false;
  }
  for (auto& [key, value] : parsed.items()) {
    // A null value leaves the key unset, as at the validate endpoint.
    if (value.is_null()) continue;
    if (value.is_string()) {
      out->emplace_back(key, value.get<std::string>());
    } else if (value.is_number() || value.is_boolean()) {
      out->emplace_back(key, value.dump());
    } else {
      *error = "Cannot deserialize value of type `java.lang.String` for key " + key;
      return false;
    }
  }
  return true;
}

void add_config_route(Router* router, const ConnectorStateSource* source,
                      ConnectorControl* control) {
  router->add(
      "PUT", "/connectors/{name}/config",
      [source, control](const Request& req, const PathParams& p) {
        std::vector<std::pair<std::string, std::string>> config;
        std::string error;
        if (!read_config_body(req.body, &config, &error)) return error_response(500, error);
        const std::string& name = p.at("name");
        // ConnectorsResource.checkAndPutConnectorConfigName: the body's name, if any, must be
        // the path's; without one the path's is added at the end.
        auto it = std::find_if(config.begin(), config.end(),
                               [](const auto& kv) { return kv.first == "name"; });
        if (it != config.end() && it->second != name) {
          return error_response(400, "Connector name configuration (" + it->second +
                                         ") doesn't match connector name in the URL (" + name +
                                         ")");
        }
        if (it == config.end()) config.emplace_back("name", name);
        const std::string ours = source->info().name;
        if (name != ours) {
          return error_response(409, "Connector " + name +
                                         " cannot be created: this sluice process runs exactly "
                                         "one connector, " +
                                         ours);
        }
        ConfigUpdate update = control->put_config(std::move(config));
        if (!update.errors.empty()) {
          // AbstractHerder.maybeAddConfigErrors's text.
          std::string message = "Connector configuration is invalid and contains the following " +
                                std::to_string(update.errors.size()) + " error(s):";
          for (const std::string& e : update.errors) message += "\n" + e;
          message +=
              "\nYou can also find the above list of errors at the endpoint "
              "`/connector-plugins/{connectorType}/config/validate`";
          return error_response(400, message);
        }
        return Response{200, connector_info_json(*source).dump()};
      });
}

}  // namespace

void add_connect_control_routes(Router* router, const ConnectorStateSource* source,
                                ConnectorControl* control, ServerInfo server) {
  add_state_routes(router, source, control);
  add_restart_routes(router, source, control, server);
  add_config_route(router, source, control);
  // KIP-1017: the worker has started and answers requests. This process serves its REST API
  // only after its configuration passed every check, so from then on it is ready.
  router->add("GET", "/health", [](const Request&, const PathParams&) {
    Json body;
    body["status"] = "healthy";
    body["message"] = "Worker has completed startup and is ready to handle requests.";
    return Response{200, body.dump()};
  });
}

}  // namespace sluice::rest
