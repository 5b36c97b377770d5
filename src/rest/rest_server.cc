#include "rest/rest_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace sluice::rest {

namespace {

// Request threads per listener: the endpoints answer from memory, so two keep a slow client from
// blocking the others without spending threads the connector's tasks could use.
constexpr size_t kRequestThreads = 2;

std::string listener_text(const config::RestListener& l) {
  return l.scheme + "://" + l.host + ":" + std::to_string(l.port);
}

void answer(const Router& router, const httplib::Request& req, httplib::Response& res) {
  Request request;
  request.method = req.method;
  request.path = req.path;
  for (const auto& [key, value] : req.params) request.query.emplace(key, value);
  request.body = req.body;
  Response response = router.route(request);
  res.status = response.status;
  res.set_content(response.body, response.content_type);
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
    const std::vector<config::RestListener>& listeners, const Router* router) {
  std::unique_ptr<RestServer> out(new RestServer(router));
  for (const config::RestListener& l : listeners) {
    auto server = std::make_unique<httplib::Server>();
    // httplib takes ownership of the queue it is handed.
    server->new_task_queue = [] { return new httplib::ThreadPool(kRequestThreads); };
    // httplib's default also sets SO_REUSEPORT, which would let a second process bind the same
    // port and share its connections; SO_REUSEADDR alone keeps a restart from waiting out
    // TIME_WAIT while a taken port still fails the bind.
    server->set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    server->set_pre_routing_handler([router](const httplib::Request& req, httplib::Response& res) {
      answer(*router, req, res);
      return httplib::Server::HandlerResponse::Handled;
    });
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
    spdlog::info("REST API listening on {}://{}:{}", listeners_[i].scheme, bind_host(listeners_[i]),
                 ports_[i]);
  }
}

RestServer::RestServer(const Router* router) : router_(router) {}

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
