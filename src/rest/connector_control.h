// ConnectorControl: how the REST API changes the one connector of this process (Kafka Connect's
// herder operations for one connector: pause, resume, stop, restart, new configuration).
//
// Implemented outside this module by whatever runs the connector (the CLI's ConnectorSupervisor).
// Called from the REST server's threads, concurrently: implementations must be thread-safe.
// Every request is asynchronous, as in Connect: it is accepted here and carried out by the
// connector's own thread, so the status read right after may still show the old state.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sluice::rest {

// What POST /connectors/{name}/restart restarts (Connect's RestartPlan).
struct RestartPlan {
  bool connector = false;
  std::vector<int> tasks;  // ids, ascending
};

// The outcome of PUT /connectors/{name}/config.
struct ConfigUpdate {
  // Every problem found, one message each; empty when the configuration was accepted.
  std::vector<std::string> errors;
};

class ConnectorControl {
 public:
  virtual ~ConnectorControl() = default;
  virtual void pause() = 0;
  virtual void resume() = 0;
  virtual void stop() = 0;
  // Restarts the connector when `only_failed` is false or it FAILED, and with `include_tasks`
  // the tasks (only the FAILED ones with `only_failed`); returns what it restarts.
  virtual RestartPlan restart(bool include_tasks, bool only_failed) = 0;
  // Restarts task `id`; false when the connector has no such task now (STOPPED, or an id past
  // tasks.max).
  virtual bool restart_task(int id) = 0;
  // Validates `config` (the connector's whole configuration, `name` included) as `sluice run`
  // does and, when valid, rebuilds the connector's tasks with it.
  virtual ConfigUpdate put_config(std::vector<std::pair<std::string, std::string>> config) = 0;
};

}  // namespace sluice::rest
