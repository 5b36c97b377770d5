// ConnectorRestApi: the REST API of this process — the router with Kafka Connect's read-only and
// control endpoints for the process's connector, and the server on the worker's listeners.
//
// Owned by run_connector() on the main thread and alive for the whole process, across the
// runtimes built one after another: it reads and controls the connector through `source` and
// `control` (the ConnectorSupervisor), which must outlive it. Requests are answered on the
// server's threads.
#pragma once

#include <memory>
#include <string>

#include "config/worker_config.h"
#include "rest/config_validator.h"
#include "rest/connector_control.h"
#include "rest/connector_state.h"
#include "rest/rest_endpoints.h"
#include "rest/router.h"
#include "util/status.h"

namespace sluice::cli {

class ConnectorRestApi {
 public:
  // Binds the worker's listeners and serves. `validator`, when given, answers the config
  // validate endpoint. Fails (kFatal) naming a listener that cannot be bound.
  static Result<std::unique_ptr<ConnectorRestApi>> start(
      const config::WorkerConfig& worker, const rest::ConnectorStateSource* source,
      rest::ConnectorControl* control, std::unique_ptr<rest::ConfigValidator> validator = nullptr);
  ~ConnectorRestApi();

  // The listeners' ports after binding, in listener order.
  const std::vector<int>& bound_ports() const { return server_->bound_ports(); }

 private:
  ConnectorRestApi() = default;

  std::unique_ptr<rest::ConfigValidator> validator_;
  rest::Router router_;
  std::unique_ptr<rest::RestEndpoints> server_;  // declared last: stopped first
};

}  // namespace sluice::cli
