#include "rest/connect_api.h"

#include <cctype>
#include <charconv>

#include "rest/plugin_catalog.h"

namespace sluice::rest {

namespace {

Response json_response(const Json& body) {
  return Response{200, body.dump()};
}

// ConnectorsResource answers for a name the herder does not know.
Response connector_not_found(std::string_view name) {
  return error_response(404, "Connector " + std::string(name) + " not found");
}

bool is_ours(const ConnectorStateSource& source, const PathParams& params) {
  return params.at("name") == source.info().name;
}

// GET /connectors and GET /connectors/{name}[/config|/status|/topics].
void add_connector_routes(Router* router, const ConnectorStateSource* source,
                          const ServerInfo& server) {
  router->add("GET", "/connectors", [source, server](const Request& req, const PathParams&) {
    const std::string name = source->info().name;
    auto [first, last] = req.query.equal_range("expand");
    if (first == last) return json_response(Json::array({name}));
    // ?expand=status and/or ?expand=info; other values add nothing (Connect ignores them).
    Json expanded = Json::object();
    for (auto it = first; it != last; ++it) {
      if (it->second == "status") expanded["status"] = connector_status_json(server, *source);
      if (it->second == "info") expanded["info"] = connector_info_json(*source);
    }
    Json out;
    out[name] = std::move(expanded);
    return json_response(out);
  });

  router->add("GET", "/connectors/{name}", [source](const Request&, const PathParams& p) {
    if (!is_ours(*source, p)) return connector_not_found(p.at("name"));
    return json_response(connector_info_json(*source));
  });

  router->add("GET", "/connectors/{name}/config", [source](const Request&, const PathParams& p) {
    if (!is_ours(*source, p)) return connector_not_found(p.at("name"));
    return json_response(connector_config_json(source->info()));
  });

  router->add("GET", "/connectors/{name}/status",
              [source, server](const Request&, const PathParams& p) {
                if (!is_ours(*source, p)) {
                  return error_response(404, "No status found for connector " + p.at("name"));
                }
                return json_response(connector_status_json(server, *source));
              });
}

// GET /connectors/{name}/tasks and /connectors/{name}/tasks/{id}/status.
void add_task_routes(Router* router, const ConnectorStateSource* source, const ServerInfo& server) {
  router->add("GET", "/connectors/{name}/tasks", [source](const Request&, const PathParams& p) {
    if (!is_ours(*source, p)) return connector_not_found(p.at("name"));
    // A STOPPED connector (KIP-875) has no task configurations.
    if (source->connector_state() == "STOPPED") return json_response(Json::array());
    return json_response(task_configs_json(source->info()));
  });

  router->add("GET", "/connectors/{name}/tasks/{id:int}/status",
              [source, server](const Request&, const PathParams& p) {
                const std::string& name = p.at("name");
                const std::string& id_text = p.at("id");
                int id = 0;
                std::from_chars(id_text.data() + (id_text[0] == '+' ? 1 : 0),
                                id_text.data() + id_text.size(), id);
                if (is_ours(*source, p)) {
                  for (const TaskStateView& t : source->tasks()) {
                    if (t.id == id)
                      return json_response(task_state_json(server, source->info(), t));
                  }
                }
                return error_response(
                    404, "No status found for task " + name + "-" + std::to_string(id));
              });
}

}  // namespace

void add_connect_routes(Router* router, const ConnectorStateSource* source, ServerInfo server) {
  router->add("GET", "/", [source, server](const Request&, const PathParams&) {
    return json_response(server_info_json(server, *source));
  });
  add_connector_routes(router, source, server);
  add_task_routes(router, source, server);

  router->add("GET", "/connectors/{name}/topics", [source](const Request&, const PathParams& p) {
    const std::string& name = p.at("name");
    if (!is_ours(*source, p)) return json_response(active_topics_json(name, {}));
    return json_response(active_topics_json(name, source->topics()));
  });

  router->add("GET", "/connector-plugins", [source](const Request& req, const PathParams&) {
    // connectorsOnly defaults to true; Jersey reads a boolean query value case-insensitively,
    // anything but "true" being false.
    bool connectors_only = true;
    if (auto it = req.query.find("connectorsOnly"); it != req.query.end()) {
      std::string v = it->second;
      for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      connectors_only = v == "true";
    }
    const ConnectorInfo& info = source->info();
    return json_response(
        connector_plugins_json(connectors_only, info.connector_class, info.version));
  });
}

}  // namespace sluice::rest
