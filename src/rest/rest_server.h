// RestServer: serves a Router over HTTP on the worker's REST listeners (cpp-httplib, Debian's
// libcpp-httplib), one httplib server and one accept thread per listener, each with a small
// pool of request threads.
//
// bind() binds every listener before serving any, so a taken port fails the start with the
// listener named; serve() starts the threads; stop() (or the destructor) stops accepting,
// finishes requests in progress and joins the threads. Owned by the CLI for the whole process;
// the Router is borrowed and must outlive the server. Call bind, serve and stop from
// one thread.
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "config/worker_config.h"
#include "rest/router.h"
#include "util/status.h"

namespace httplib {
class Server;
}

namespace sluice::rest {

// The address a listener binds: an empty host (`http://:8083`) is every IPv4 interface.
std::string bind_host(const config::RestListener& listener);

class RestServer {
 public:
  // Binds every listener; kFatal naming the listener that could not be bound. REQUIRES: every
  // listener is http (HTTPS listeners are refused before this).
  static Result<std::unique_ptr<RestServer>> bind(
      const std::vector<config::RestListener>& listeners, const Router* router);
  // Starts answering requests. REQUIRES: called once, after bind(); the router is complete.
  void serve();
  ~RestServer();
  RestServer(const RestServer&) = delete;
  RestServer& operator=(const RestServer&) = delete;

  // The port each listener was bound to (the system's choice for port 0), in listener order.
  const std::vector<int>& bound_ports() const { return ports_; }

  void stop();

 private:
  explicit RestServer(const Router* router);

  const Router* router_;
  std::vector<std::unique_ptr<httplib::Server>> servers_;
  std::vector<std::thread> threads_;
  std::vector<int> ports_;
  std::vector<config::RestListener> listeners_;
};

}  // namespace sluice::rest
