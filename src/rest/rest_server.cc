#include "rest/rest_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "util/log.h"

namespace sluice::rest {

namespace {

// Request threads per listener. Most endpoints answer from memory, but PUT .../config and the
// validate endpoint resolve config providers (possibly AWS calls) and keep-alive clients hold a
// thread between requests: enough threads that GET /health still answers a probe meanwhile.
constexpr size_t kRequestThreads = 8;

std::string listener_text(const config::RestListener& l) {
  return l.scheme + "://" + l.host + ":" + std::to_string(l.port);
}

// Container probes reach GET /health without credentials.
bool needs_credentials(const httplib::Request& req) {
  return !(req.method == "GET" && req.path == "/health");
}

// Refuses a request without valid credentials, before its body is read. Whether it did.
bool refuse_unauthenticated(const BasicAuthenticator* auth, const httplib::Request& req,
                            httplib::Response& res) {
  if (auth == nullptr || !needs_credentials(req) ||
      auth->authenticate(req.get_header_value("Authorization"))) {
    return false;
  }
  // JaasBasicAuthFilter's answer; the WWW-Authenticate header (which Connect leaves out) lets
  // browsers and curl offer basic authentication.
  res.status = 401;
  res.set_header("WWW-Authenticate", "Basic realm=\"sluice\"");
  res.set_content(std::string(kUnauthorizedBody), "text/plain");
  return true;
}

void answer(const Router& router, const httplib::Request& req, httplib::Response& res) {
  Request request;
  request.method = req.method;
  request.path = req.path;
  for (const auto& [key, value] : req.params) request.query.emplace(key, value);
  request.body = req.body;
  Response response = router.route(request);
  res.status = response.status;
  if (!response.body.empty()) res.set_content(response.body, response.content_type);
}

// The server of one listener: httplib's SSLServer for https, configured by rest_tls.
Result<std::unique_ptr<httplib::Server>> make_server(const config::RestListener& l,
                                                     const ListenerSecurity& security) {
  if (l.scheme != "https") return std::make_unique<httplib::Server>();
  Status tls_status = Status::fatal("an https listener needs TLS settings");
  auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
    if (!security.tls) return false;
    tls_status = configure_server_tls(*security.tls, &ctx);
    return tls_status.ok();
  });
  if (!server->is_valid()) {
    return Status::fatal("cannot serve the REST listener " + listener_text(l) + ": " +
                         tls_status.message());
  }
  return std::unique_ptr<httplib::Server>(std::move(server));
}

}  // namespace

std::string bind_host(const config::RestListener& listener) {
  if (listener.host.empty()) return "0.0.0.0";
  // [::1] in a URL is ::1 to bind.
  if (listener.host.front() == '[' && listener.host.back() == ']') {
    return listener.host.substr(1, listener.host.size() - 2);
  }
  return listener.host;
}

Result<std::unique_ptr<RestServer>> RestServer::bind(
    const std::vector<config::RestListener>& listeners, const Router* router,
    ListenerSecurity security) {
  std::unique_ptr<RestServer> out(new RestServer(router, std::move(security)));
  const BasicAuthenticator* auth = out->security_.auth.get();
  for (const config::RestListener& l : listeners) {
    Result<std::unique_ptr<httplib::Server>> made = make_server(l, out->security_);
    if (!made.ok()) {
      out->stop();
      return made.status();
    }
    std::unique_ptr<httplib::Server> server = std::move(made).value();
    // httplib takes ownership of the queue it is handed.
    server->new_task_queue = [] { return new httplib::ThreadPool(kRequestThreads); };
    // httplib's default also sets SO_REUSEPORT, which would let a second process bind the same
    // port and share its connections; SO_REUSEADDR alone keeps a restart from waiting out
    // TIME_WAIT while a taken port still fails the bind.
    server->set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    server->set_pre_routing_handler([auth](const httplib::Request& req, httplib::Response& res) {
      return refuse_unauthenticated(auth, req, res) ? httplib::Server::HandlerResponse::Handled
                                                    : httplib::Server::HandlerResponse::Unhandled;
    });
    // Every path and method goes to the Router (its 404 and 405 are Connect's); handlers, unlike
    // the pre-routing handler, see the request body.
    auto handler = [router](const httplib::Request& req, httplib::Response& res) {
      answer(*router, req, res);
    };
    server->Get(".*", handler);
    server->Put(".*", handler);
    server->Post(".*", handler);
    server->Patch(".*", handler);
    server->Delete(".*", handler);
    server->Options(".*", handler);
    std::string host = bind_host(l);
    int port = l.port;
    if (port == 0) {
      port = server->bind_to_any_port(host);
      if (port < 0) port = 0;
    } else if (!server->bind_to_port(host, port)) {
      port = 0;
    }
    if (port == 0) {
      out->stop();
      return Status(StatusCode::kFatal,
                    "cannot listen on REST listener " + listener_text(l) + " (bind " + host + ":" +
                        std::to_string(l.port) + " failed: " + std::strerror(errno) +
                        "); set `listeners` in the worker configuration to a free address");
    }
    out->ports_.push_back(port);
    out->servers_.push_back(std::move(server));
  }
  out->listeners_ = listeners;
  return out;
}

void RestServer::serve() {
  for (size_t i = 0; i < servers_.size(); ++i) {
    httplib::Server* server = servers_[i].get();
    threads_.emplace_back([server] { server->listen_after_bind(); });
    // httplib's stop() does nothing until the server runs: wait, so that a stop right after the
    // start cannot leave the thread accepting forever.
    while (!server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    SLUICE_LOG(kRest).info("REST API listening on {}://{}:{}", listeners_[i].scheme,
                           bind_host(listeners_[i]), ports_[i]);
  }
}

RestServer::RestServer(const Router* router, ListenerSecurity security)
    : router_(router), security_(std::move(security)) {}

RestServer::~RestServer() {
  stop();
}

void RestServer::stop() {
  for (auto& server : servers_) server->stop();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace sluice::rest
