// Router: maps an HTTP method and path to a handler, the way Kafka Connect's JAX-RS resources do
// (path templates with {param} segments), and answers what Connect's Jersey answers when nothing
// matches: 404 for an unknown path, 405 for a known path with another method, both with
// Connect's error body {"error_code":...,"message":...}.
//
// Built once before the server starts (add), then only read (route), so route() may be called
// from several server threads at once; handlers must be thread-safe themselves.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::rest {

struct Request {
  std::string method;  // "GET", "PUT", ...
  std::string path;    // decoded, without the query
  std::multimap<std::string, std::string> query;
  std::string body;
};

struct Response {
  int status = 200;
  std::string body;  // JSON, unless content_type says otherwise
  std::string content_type = "application/json";
};

// The values of a template's {param} segments, by name.
using PathParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<Response(const Request&, const PathParams&)>;

// Connect's error body: {"error_code":<status>,"message":<message>} (ErrorMessage).
Response error_response(int status, std::string_view message);

class Router {
 public:
  // `pattern` is a path template such as "/connectors/{name}/tasks/{id}/status". A segment
  // "{id:int}" only matches decimal integers, as a JAX-RS int parameter (another text is a 404).
  // REQUIRES: not called once route() may run.
  void add(std::string method, std::string_view pattern, Handler handler);

  Response route(const Request& request) const;

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter's name
    bool param = false;
    bool integer = false;
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
    Handler handler;
  };
  static bool matches(const Route& route, const std::vector<std::string_view>& parts,
                      PathParams* params);

  std::vector<Route> routes_;
};

}  // namespace sluice::rest
