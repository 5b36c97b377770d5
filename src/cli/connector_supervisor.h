// ConnectorSupervisor: the one connector of this process as the REST API sees and controls it,
// across the runtimes the main thread builds one after another (config provider reloads, PUT
// config, restarts of a FAILED connector). It is the REST API's rest::ConnectorStateSource and
// rest::ConnectorControl, and the main thread's mailbox of what to do when a runtime ends.
//
// Thread rules: attach(), detach(), set_failed() and wait_next() are called by the main thread,
// which owns the runtimes; every other method may be called from any thread (the REST server's).
// All state is guarded by one mutex; the attached board and task set are only touched under it,
// and detach() (under it too) runs before the runtime that owns them is destroyed.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cli/checked_config.h"
#include "rest/connector_control.h"
#include "rest/connector_state.h"
#include "runtime/task_set.h"
#include "runtime/task_status_board.h"
#include "util/thread_annotations.h"

namespace sluice::cli {

// Rewrites a message so that values from config providers show as their placeholders.
using MessageMask = std::function<std::string(const std::string&)>;

// Checks a connector configuration given over REST as `sluice run` would; fills *errors (masked
// messages) and returns null when it cannot run.
using ConfigChecker = std::function<std::unique_ptr<RunnableConfig>(
    config::RawConfig connector_written, std::vector<std::string>* errors)>;

// What the main thread does once a runtime has ended (or could not start).
struct NextRun {
  bool exit = false;                       // SIGTERM: stop for good
  std::unique_ptr<RunnableConfig> config;  // a new configuration (PUT config), or null
};

// What the REST API shows of `connector`, configured as `written` (placeholders unresolved).
rest::ConnectorInfo connector_info(const config::S3SinkConnectorConfig& connector,
                                   const config::RawConfig& written);

class ConnectorSupervisor : public rest::ConnectorStateSource, public rest::ConnectorControl {
 public:
  // `info` is what the REST API shows before the first runtime is attached.
  ConnectorSupervisor(rest::ConnectorInfo info, ConfigChecker checker);

  // Main thread. The runtime's board and task set are shown and controlled from now on; the
  // current target state (paused, stopped) is applied to `tasks` before it runs.
  void attach(const runtime::TaskStatusBoard* board, runtime::TaskSet* tasks,
              rest::ConnectorInfo info, MessageMask mask) EXCLUDES(mutex_);
  // Main thread, before the attached runtime is destroyed: remembers whether a task FAILED.
  void detach() EXCLUDES(mutex_);
  // Main thread: the connector could not start; FAILED with `masked_trace` and no tasks until
  // restarted. REQUIRES: values from config providers in the trace are already masked.
  void set_failed(std::string masked_trace) EXCLUDES(mutex_);
  // Main thread, after a runtime ended: waits for a SIGTERM, a new configuration or (when the
  // runtime ended by itself, e.g. it could not start) a restart of the connector.
  NextRun wait_next() EXCLUDES(mutex_);
  // Whether the connector or one of its tasks ended FAILED (the exit code on SIGTERM).
  bool failed() const EXCLUDES(mutex_);

  // rest::ConnectorStateSource
  rest::ConnectorInfo info() const override EXCLUDES(mutex_);
  std::string connector_state() const override EXCLUDES(mutex_);
  std::string connector_trace() const override EXCLUDES(mutex_);
  std::vector<rest::TaskStateView> tasks() const override EXCLUDES(mutex_);
  std::vector<std::string> topics() const override EXCLUDES(mutex_);
  std::optional<std::string> kafka_cluster_id() const override EXCLUDES(mutex_);

  // rest::ConnectorControl
  void pause() override EXCLUDES(mutex_);
  void resume() override EXCLUDES(mutex_);
  void stop() override EXCLUDES(mutex_);
  rest::RestartPlan restart(bool include_tasks, bool only_failed) override EXCLUDES(mutex_);
  bool restart_task(int id) override EXCLUDES(mutex_);
  rest::ConfigUpdate put_config(std::vector<std::pair<std::string, std::string>> config) override
      EXCLUDES(mutex_);

 private:
  void set_target(runtime::TargetState state) EXCLUDES(mutex_);

  const ConfigChecker checker_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  rest::ConnectorInfo info_ GUARDED_BY(mutex_);
  MessageMask mask_ GUARDED_BY(mutex_);
  runtime::TargetState target_ GUARDED_BY(mutex_) = runtime::TargetState::kStarted;
  const runtime::TaskStatusBoard* board_ GUARDED_BY(mutex_) = nullptr;
  runtime::TaskSet* task_set_ GUARDED_BY(mutex_) = nullptr;
  std::string failure_ GUARDED_BY(mutex_);  // the connector's trace when it FAILED
  bool tasks_failed_ GUARDED_BY(mutex_) = false;
  bool restarting_ GUARDED_BY(mutex_) = false;  // a rebuild was asked for
  std::unique_ptr<RunnableConfig> pending_ GUARDED_BY(mutex_);
  // The last board's topics and cluster id, shown while no runtime is attached.
  std::vector<std::string> topics_ GUARDED_BY(mutex_);
  std::optional<std::string> cluster_id_ GUARDED_BY(mutex_);
};

}  // namespace sluice::cli
