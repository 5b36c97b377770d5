// ConnectorRestApi: the REST API of one run of the connector — the router with Kafka Connect's
// read-only endpoints, the runtime's status seen through rest::ConnectorStateSource, and the
// server on the worker's listeners.
//
// Owned by run_once() on the main thread; start it before ConnectorRuntime::run() and destroy it
// after run() returns, before the runtime (it reads the runtime's TaskStatusBoard until then).
// Requests are answered on the server's threads.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "config/connector_config.h"
#include "config/raw_config.h"
#include "config/worker_config.h"
#include "rest/config_validator.h"
#include "rest/connector_state.h"
#include "rest/rest_endpoints.h"
#include "rest/router.h"
#include "runtime/task_status_board.h"
#include "util/status.h"

namespace sluice::cli {

// Rewrites a message so that values from config providers show as their placeholders.
using MessageMask = std::function<std::string(const std::string&)>;

// The runtime's state as the REST API reads it. Thread-safe: the board is, and the rest is
// immutable after construction.
class RuntimeStateSource : public rest::ConnectorStateSource {
 public:
  // `board` is borrowed and must outlive this object.
  RuntimeStateSource(rest::ConnectorInfo info, const runtime::TaskStatusBoard* board,
                     MessageMask mask);
  const rest::ConnectorInfo& info() const override { return info_; }
  std::string connector_state() const override { return "RUNNING"; }
  std::vector<rest::TaskStateView> tasks() const override;
  std::vector<std::string> topics() const override { return board_->topics(); }
  std::optional<std::string> kafka_cluster_id() const override {
    return board_->kafka_cluster_id();
  }

 private:
  const rest::ConnectorInfo info_;
  const runtime::TaskStatusBoard* board_;
  const MessageMask mask_;
};

class ConnectorRestApi {
 public:
  // Binds the worker's listeners and serves. `connector_written` is the connector configuration
  // as written (placeholders unresolved); `validator`, when given, answers the config validate
  // endpoint.
  // Fails (kFatal) naming a listener that cannot be bound.
  static Result<std::unique_ptr<ConnectorRestApi>> start(
      const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector,
      const config::RawConfig& connector_written, const runtime::TaskStatusBoard* board,
      MessageMask mask, std::unique_ptr<rest::ConfigValidator> validator = nullptr);
  ~ConnectorRestApi();

  // The listeners' ports after binding, in listener order.
  const std::vector<int>& bound_ports() const { return server_->bound_ports(); }

 private:
  ConnectorRestApi() = default;

  std::unique_ptr<RuntimeStateSource> source_;
  std::unique_ptr<rest::ConfigValidator> validator_;
  rest::Router router_;
  std::unique_ptr<rest::RestEndpoints> server_;  // declared last: stopped first
};

}  // namespace sluice::cli
