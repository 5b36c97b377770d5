// RestEndpoints: every REST server of one run — the main listeners (`listeners`) serving the
// caller's Router, and the admin endpoints (/admin/loggers): on the main listeners when
// `admin.listeners` is unset, on servers of their own with a Router of their own when it lists
// listeners, nowhere when it is empty (as Kafka Connect). Both kinds share the basic
// authenticator and take their TLS settings from `listeners.https.` / `admin.listeners.https.`
// (else the worker's ssl.* keys).
//
// Owned by the CLI for one run; the main Router is borrowed and must outlive this object. Call
// bind, serve and stop from one thread; the servers answer on their own threads.
#pragma once

#include <memory>
#include <vector>

#include "config/worker_config.h"
#include "rest/rest_server.h"
#include "rest/router.h"
#include "util/status.h"

namespace sluice::rest {

class RestEndpoints {
 public:
  // Binds the main and admin listeners; adds the admin routes to `router` when they are served
  // on the main listeners. Fails (kFatal) naming a listener that cannot be bound or whose TLS
  // settings fail, or (kInvalidArgument) when the credentials file cannot be read.
  static Result<std::unique_ptr<RestEndpoints>> bind(const config::WorkerConfig& worker,
                                                     Router* router);
  ~RestEndpoints();
  RestEndpoints(const RestEndpoints&) = delete;
  RestEndpoints& operator=(const RestEndpoints&) = delete;

  // The main listeners' ports after binding, in listener order.
  const std::vector<int>& bound_ports() const { return main_->bound_ports(); }
  // The admin listeners' ports (empty when they have no servers of their own).
  std::vector<int> admin_bound_ports() const;

  // REQUIRES: called once, after bind(); the main router is complete.
  void serve();
  void stop();

 private:
  RestEndpoints() = default;

  Router admin_router_;
  std::unique_ptr<RestServer> admin_;  // null when admin.listeners is unset or empty
  std::unique_ptr<RestServer> main_;
};

}  // namespace sluice::rest
