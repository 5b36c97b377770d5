// RestServer: serves a Router over HTTP on the worker's REST listeners (cpp-httplib, Debian's
// libcpp-httplib), one httplib server and one accept thread per listener, each with a small
// pool of request threads.
//
// An https listener is served with the TLS settings of ListenerSecurity (rest_tls.h); with an
// authenticator, every request but `GET /health` (container probes) needs basic credentials and
// is answered 401 with Connect's body otherwise.
//
// bind() binds every listener before serving any, so a taken port fails the start with the
// listener named; serve() starts the threads; stop() (or the destructor) stops accepting,
// finishes requests in progress and joins the threads. Owned by the CLI for the whole process;
// the Router is borrowed and must outlive the server. Call bind, serve and stop from
// one thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/worker_config.h"
#include "rest/basic_auth.h"
#include "rest/rest_tls.h"
#include "rest/router.h"
#include "util/status.h"

namespace httplib {
class Server;
}

namespace sluice::rest {

// The address a listener binds: an empty host (`http://:8083`) is every IPv4 interface.
std::string bind_host(const config::RestListener& listener);

// How the listeners of one server are protected.
struct ListenerSecurity {
  // The TLS settings of its https listeners. REQUIRES: set when a listener is https.
  std::optional<ServerTlsSettings> tls;
  // Basic authentication; null = none.
  std::shared_ptr<const BasicAuthenticator> auth;
};

class RestServer {
 public:
  // Binds every listener; kFatal naming the listener that could not be bound or whose TLS
  // settings fail.
  static Result<std::unique_ptr<RestServer>> bind(
      const std::vector<config::RestListener>& listeners, const Router* router,
      ListenerSecurity security = {});
  // Starts answering requests. REQUIRES: called once, after bind(); the router is complete.
  void serve();
  ~RestServer();
  RestServer(const RestServer&) = delete;
  RestServer& operator=(const RestServer&) = delete;

  // The port each listener was bound to (the system's choice for port 0), in listener order.
  const std::vector<int>& bound_ports() const { return ports_; }

  void stop();

 private:
  RestServer(const Router* router, ListenerSecurity security);

  const Router* router_;
  const ListenerSecurity security_;
  std::vector<std::unique_ptr<httplib::Server>> servers_;
  std::vector<std::thread> threads_;
  std::vector<int> ports_;
  std::vector<config::RestListener> listeners_;
};

}  // namespace sluice::rest
