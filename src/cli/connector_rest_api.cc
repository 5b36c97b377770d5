#include "cli/connector_rest_api.h"

#include <unistd.h>

#include "metrics/registry.h"
#include "rest/connect_api.h"
#include "rest/connect_control_api.h"
#include "rest/metrics_route.h"
#include "rest/rest_listeners.h"
#include "rest/validate_api.h"

namespace sluice::cli {

namespace {

std::string local_host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

}  // namespace

Result<std::unique_ptr<ConnectorRestApi>> ConnectorRestApi::start(
    const config::WorkerConfig& worker, const rest::ConnectorStateSource* source,
    rest::ConnectorControl* control, std::unique_ptr<rest::ConfigValidator> validator) {
  std::unique_ptr<ConnectorRestApi> api(new ConnectorRestApi());
  api->validator_ = std::move(validator);
  // The worker id is known once the listeners are bound (port 0 picks one), so the routes that
  // show it are added between binding and serving.
  rest::ServerInfo server;
  server.version = SLUICE_VERSION;
  // AppInfoParser's value when a build carries no commit id.
  server.commit = "unknown";
  SLUICE_ASSIGN_OR_RETURN(api->server_, rest::RestEndpoints::bind(worker, &api->router_));
  server.worker_id =
      rest::advertised_worker_id(worker, api->server_->bound_ports(), local_host_name());
  rest::add_connect_routes(&api->router_, source, server);
  rest::add_connect_control_routes(&api->router_, source, control, server);
  if (api->validator_) {
    rest::add_validate_route(&api->router_, api->validator_.get(), SLUICE_VERSION);
  }
  rest::add_metrics_route(&api->router_, [] { return metrics::process_registry().render(); });
  api->server_->serve();
  return api;
}

ConnectorRestApi::~ConnectorRestApi() {
  if (server_) server_->stop();
}

}  // namespace sluice::cli
