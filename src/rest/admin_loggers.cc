#include "rest/admin_loggers.h"

#include <nlohmann/json.hpp>

#include "util/log.h"

namespace sluice::rest {

namespace {

using Json = nlohmann::ordered_json;

Json level_json(const util::LoggerLevelView& view) {
  Json out;
  out["level"] = view.level;
  out["last_modified"] = view.last_modified_ms ? Json(*view.last_modified_ms) : Json(nullptr);
  return out;
}

Response set_level(const Request& req, const PathParams& p, int64_t now_ms) {
  const std::string& name = p.at("name");
  Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    // Connect answers Jackson's parse error as a 500.
    return error_response(500,
                          "The request body is not a JSON object such as "
                          "{\"level\": \"DEBUG\"}");
  }
  auto it = body.find("level");
  if (it == body.end() || it->is_null()) {
    return error_response(400, "Desired 'level' parameter was not specified in request.");
  }
  std::string level = it->is_string() ? it->get<std::string>() : it->dump();
  std::optional<spdlog::level::level_enum> parsed = util::parse_log4j_level(level);
  if (!parsed) return error_response(404, "invalid log level '" + level + "'.");
  std::optional<std::vector<std::string>> changed = util::set_logger_level(name, *parsed, now_ms);
  if (!changed) return error_response(404, "Logger " + name + " not found.");
  SLUICE_LOG(kRest).info("Setting level of namespace {} and children to {}", name,
                         util::log4j_level_name(*parsed));
  auto scope = req.query.find("scope");
  if (scope != req.query.end()) {
    std::string s = scope->second;
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "cluster") return Response{204, ""};
  }
  return Response{200, Json(*changed).dump()};
}

}  // namespace

void add_admin_logger_routes(Router* router, std::function<int64_t()> now_ms) {
  router->add("GET", "/admin/loggers", [](const Request&, const PathParams&) {
    Json out = Json::object();
    // Connect 4.4 lists its loggers without the root logger (GET /admin/loggers/root shows it).
    for (const auto& [name, view] : util::all_logger_levels()) {
      if (name != "root") out[name] = level_json(view);
    }
    return Response{200, out.dump()};
  });
  router->add("GET", "/admin/loggers/{name}", [](const Request&, const PathParams& p) {
    std::optional<util::LoggerLevelView> view = util::logger_level(p.at("name"));
    if (!view) return error_response(404, "Logger " + p.at("name") + " not found.");
    return Response{200, level_json(*view).dump()};
  });
  router->add("PUT", "/admin/loggers/{name}",
              [now_ms = std::move(now_ms)](const Request& req, const PathParams& p) {
                return set_level(req, p, now_ms());
              });
}

}  // namespace sluice::rest
