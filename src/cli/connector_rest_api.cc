#include "cli/connector_rest_api.h"

#include <unistd.h>

#include <algorithm>

#include "metrics/registry.h"
#include "rest/connect_api.h"
#include "rest/metrics_route.h"
#include "rest/rest_listeners.h"
#include "rest/shown_config.h"

namespace sluice::cli {

namespace {

std::string local_host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

}  // namespace

RuntimeStateSource::RuntimeStateSource(rest::ConnectorInfo info,
                                       const runtime::TaskStatusBoard* board, MessageMask mask)
    : info_(std::move(info)), board_(board), mask_(std::move(mask)) {}

std::vector<rest::TaskStateView> RuntimeStateSource::tasks() const {
  std::vector<rest::TaskStateView> out;
  for (const runtime::TaskStatus& t : board_->tasks()) {
    rest::TaskStateView view;
    view.id = t.id;
    switch (t.state) {
      case runtime::TaskState::kRunning:
        view.state = "RUNNING";
        break;
      case runtime::TaskState::kFailed:
        view.state = "FAILED";
        view.trace = mask_(t.trace);
        break;
    }
    out.push_back(std::move(view));
  }
  return out;
}

Result<std::unique_ptr<ConnectorRestApi>> ConnectorRestApi::start(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector,
    const config::RawConfig& connector_written, const runtime::TaskStatusBoard* board,
    MessageMask mask) {
  std::unique_ptr<ConnectorRestApi> api(new ConnectorRestApi());
  rest::ConnectorInfo info;
  info.name = connector.name();
  info.connector_class = "io.confluent.connect.s3.S3SinkConnector";
  info.task_class = "io.confluent.connect.s3.S3SinkTask";
  info.version = SLUICE_VERSION;
  info.tasks_max = std::max(1, connector.tasks_max());
  info.config = rest::shown_config(connector_written);
  api->source_ = std::make_unique<RuntimeStateSource>(std::move(info), board, std::move(mask));

  // The worker id is known once the listeners are bound (port 0 picks one), so the routes that
  // show it are added between binding and serving.
  rest::ServerInfo server;
  server.version = SLUICE_VERSION;
  // AppInfoParser's value when a build carries no commit id.
  server.commit = "unknown";
  SLUICE_ASSIGN_OR_RETURN(api->server_,
                          rest::RestServer::bind(worker.rest_listeners(), &api->router_));
  server.worker_id =
      rest::advertised_worker_id(worker, api->server_->bound_ports(), local_host_name());
  rest::add_connect_routes(&api->router_, api->source_.get(), server);
  rest::add_metrics_route(&api->router_, [] { return metrics::process_registry().render(); });
  api->server_->serve();
  return api;
}

ConnectorRestApi::~ConnectorRestApi() {
  if (server_) server_->stop();
}

}  // namespace sluice::cli
