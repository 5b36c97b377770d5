#include "rest/router.h"

#include <nlohmann/json.hpp>

namespace sluice::rest {

namespace {

// The path's segments; an empty path and "/" have none, and a trailing slash is ignored as
// Jersey ignores it.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(i, end - i));
    i = end;
  }
  return parts;
}

bool is_integer(std::string_view text) {
  size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  if (i == text.size() || text.size() - i > 9) return false;  // fits an int, as Java's parseInt
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace

Response error_response(int status, std::string_view message) {
  nlohmann::ordered_json body;
  body["error_code"] = status;
  body["message"] = message;
  return Response{status, body.dump()};
}

void Router::add(std::string method, std::string_view pattern, Handler handler) {
  Route route{std::move(method), {}, std::move(handler)};
  for (std::string_view part : split_path(pattern)) {
    Segment segment;
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      std::string_view name = part.substr(1, part.size() - 2);
      segment.param = true;
      if (size_t colon = name.find(':'); colon != std::string_view::npos) {
        segment.integer = name.substr(colon + 1) == "int";
        name = name.substr(0, colon);
      }
      segment.text = std::string(name);
    } else {
      segment.text = std::string(part);
    }
    route.segments.push_back(std::move(segment));
  }
  routes_.push_back(std::move(route));
}

bool Router::matches(const Route& route, const std::vector<std::string_view>& parts,
                     PathParams* params) {
  if (route.segments.size() != parts.size()) return false;
  PathParams found;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Segment& s = route.segments[i];
    if (!s.param) {
      if (s.text != parts[i]) return false;
      continue;
    }
    if (s.integer && !is_integer(parts[i])) return false;
    found.emplace(s.text, std::string(parts[i]));
  }
  *params = std::move(found);
  return true;
}

Response Router::route(const Request& request) const {
  std::vector<std::string_view> parts = split_path(request.path);
  bool path_known = false;
  for (const Route& r : routes_) {
    PathParams params;
    if (!matches(r, parts, &params)) continue;
    if (r.method == request.method) return r.handler(request, params);
    path_known = true;
  }
  // Jersey's answers when no resource method matches (NotFoundException, NotAllowedException),
  // which Connect's ConnectExceptionMapper renders as its error body.
  if (path_known) return error_response(405, "HTTP 405 Method Not Allowed");
  return error_response(404, "HTTP 404 Not Found");
}

}  // namespace sluice::rest
