// What the REST API shows about the one connector of this process, and the interface through
// which it reads it (Kafka Connect's REST API for one connector: the connector, its tasks, its
// configuration, its topics).
//
// ConnectorStateSource is implemented outside this module by whatever runs the connector (the
// CLI's ConnectorSupervisor, which reads the current runtime's TaskStatusBoard). Its methods are
// called from the REST server's threads, concurrently: implementations must be thread-safe, and
// what they return may change between two calls (a PUT of the configuration, a restart).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sluice::rest {

// A task's state as Connect spells it ("RUNNING", "FAILED", ...) with its failure, if any.
struct TaskStateView {
  int id = 0;
  std::string state;
  std::string trace;  // empty unless FAILED
};

// The parts of the connector that change only with its configuration.
struct ConnectorInfo {
  std::string name;
  std::string connector_class;  // io.confluent.connect.s3.S3SinkConnector
  std::string task_class;       // io.confluent.connect.s3.S3SinkTask
  std::string version;          // the connector's version, shown in statuses
  int tasks_max = 1;
  // The configuration as GET /connectors/{name}/config shows it, in the order written: values
  // from config providers as their placeholders, secrets masked.
  std::vector<std::pair<std::string, std::string>> config;
};

class ConnectorStateSource {
 public:
  virtual ~ConnectorStateSource() = default;
  // A copy: the configuration may change while the process runs (PUT .../config).
  virtual ConnectorInfo info() const = 0;
  // "RUNNING" (or another of Connect's connector states: PAUSED, STOPPED, FAILED, RESTARTING).
  virtual std::string connector_state() const = 0;
  // Why the connector FAILED; empty otherwise.
  virtual std::string connector_trace() const { return {}; }
  // The tasks that have a status, by id.
  virtual std::vector<TaskStateView> tasks() const = 0;
  // Topics the connector's tasks have used, in first-used order.
  virtual std::vector<std::string> topics() const = 0;
  // The Kafka cluster id, once a consumer has learned it.
  virtual std::optional<std::string> kafka_cluster_id() const = 0;
};

}  // namespace sluice::rest
