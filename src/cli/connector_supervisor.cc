#include "cli/connector_supervisor.h"

#include <algorithm>

#include "rest/shown_config.h"
#include "runtime/shutdown_signal.h"
#include "util/log.h"

namespace sluice::cli {

rest::ConnectorInfo connector_info(const config::S3SinkConnectorConfig& connector,
                                   const config::RawConfig& written) {
  rest::ConnectorInfo info;
  info.name = connector.name();
  info.connector_class = "io.confluent.connect.s3.S3SinkConnector";
  info.task_class = "io.confluent.connect.s3.S3SinkTask";
  info.version = SLUICE_VERSION;
  info.tasks_max = std::max(1, connector.tasks_max());
  info.config = rest::shown_config(written);
  return info;
}

ConnectorSupervisor::ConnectorSupervisor(rest::ConnectorInfo info, ConfigChecker checker)
    : checker_(std::move(checker)), info_(std::move(info)) {}

void ConnectorSupervisor::attach(const runtime::TaskStatusBoard* board, runtime::TaskSet* tasks,
                                 rest::ConnectorInfo info, MessageMask mask) {
  std::lock_guard<std::mutex> lock(mutex_);
  board_ = board;
  task_set_ = tasks;
  mask_ = std::move(mask);
  tasks->set_target_state(target_);
  failure_.clear();
  tasks_failed_ = false;
  if (pending_ != nullptr) {
    // A configuration came over REST while this runtime was being built: it is what the REST
    // API already shows, so this runtime stops at once and the next one runs it.
    tasks->request_stop();
    return;
  }
  info_ = std::move(info);
  restarting_ = false;
}

void ConnectorSupervisor::detach() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (board_ != nullptr) {
    tasks_failed_ = board_->any_failed();
    topics_ = board_->topics();
    cluster_id_ = board_->kafka_cluster_id();
  }
  board_ = nullptr;
  task_set_ = nullptr;
  // The mask may read the configuration of the runtime that ends: it goes with it.
  mask_ = nullptr;
}

void ConnectorSupervisor::set_failed(std::string masked_trace) {
  std::lock_guard<std::mutex> lock(mutex_);
  failure_ = std::move(masked_trace);
  // A configuration that came over REST meanwhile is still to be run: keep showing RESTARTING.
  if (pending_ == nullptr) restarting_ = false;
}

NextRun ConnectorSupervisor::wait_next() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    NextRun next;
    if (runtime::ShutdownSignal::requested()) {
      next.exit = true;
      return next;
    }
    if (pending_ != nullptr) {
      restarting_ = true;
      next.config = std::move(pending_);
      return next;
    }
    if (restarting_) return next;
    // Signals only set a flag: look at it at least every 100 ms.
    wake_.wait_for(lock, std::chrono::milliseconds(100));
  }
}

bool ConnectorSupervisor::failed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return !failure_.empty() || tasks_failed_ || (board_ != nullptr && board_->any_failed());
}

rest::ConnectorInfo ConnectorSupervisor::info() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return info_;
}

std::string ConnectorSupervisor::connector_state() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (restarting_) return "RESTARTING";
  if (!failure_.empty()) return "FAILED";
  switch (target_) {
    case runtime::TargetState::kPaused:
      return "PAUSED";
    case runtime::TargetState::kStopped:
      return "STOPPED";
    case runtime::TargetState::kStarted:
      break;
  }
  return "RUNNING";
}

std::string ConnectorSupervisor::connector_trace() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return restarting_ ? "" : failure_;
}

std::vector<rest::TaskStateView> ConnectorSupervisor::tasks() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<rest::TaskStateView> out;
  if (board_ == nullptr) return out;
  for (const runtime::TaskStatus& t : board_->tasks()) {
    rest::TaskStateView view;
    view.id = t.id;
    view.state = runtime::task_state_name(t.state);
    if (!t.trace.empty()) view.trace = mask_ ? mask_(t.trace) : t.trace;
    out.push_back(std::move(view));
  }
  return out;
}

std::vector<std::string> ConnectorSupervisor::topics() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return board_ != nullptr ? board_->topics() : topics_;
}

std::optional<std::string> ConnectorSupervisor::kafka_cluster_id() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (board_ != nullptr && board_->has_kafka_cluster_id()) return board_->kafka_cluster_id();
  return cluster_id_;
}

void ConnectorSupervisor::set_target(runtime::TargetState state) {
  std::lock_guard<std::mutex> lock(mutex_);
  target_ = state;
  if (task_set_ != nullptr) task_set_->set_target_state(state);
}

void ConnectorSupervisor::pause() {
  SLUICE_LOG(kCli).info("REST: pausing connector");
  set_target(runtime::TargetState::kPaused);
}

void ConnectorSupervisor::resume() {
  SLUICE_LOG(kCli).info("REST: resuming connector");
  set_target(runtime::TargetState::kStarted);
}

void ConnectorSupervisor::stop() {
  SLUICE_LOG(kCli).info("REST: stopping connector (its tasks shut down; resume starts them again)");
  set_target(runtime::TargetState::kStopped);
}

rest::RestartPlan ConnectorSupervisor::restart(bool include_tasks, bool only_failed) {
  std::lock_guard<std::mutex> lock(mutex_);
  rest::RestartPlan plan;
  const bool connector_failed = !failure_.empty() && !restarting_;
  plan.connector = !only_failed || connector_failed;
  if (connector_failed) {
    // Nothing runs: restarting the connector builds its runtime again (and so its tasks).
    if (plan.connector) {
      SLUICE_LOG(kCli).info("REST: restarting the FAILED connector");
      restarting_ = true;
      wake_.notify_all();
    }
    return plan;
  }
  // A running connector object has nothing of its own to restart in sluice: its tasks do the
  // work, and they restart only with includeTasks.
  if (!include_tasks || board_ == nullptr || task_set_ == nullptr) return plan;
  for (const runtime::TaskStatus& t : board_->tasks()) {
    if (only_failed && t.state != runtime::TaskState::kFailed) continue;
    plan.tasks.push_back(t.id);
  }
  for (int id : plan.tasks) {
    SLUICE_LOG(kCli).info("REST: restarting task {}", id);
    task_set_->request_restart(id);
  }
  return plan;
}

bool ConnectorSupervisor::restart_task(int id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (task_set_ == nullptr || target_ == runtime::TargetState::kStopped || id < 0 ||
      id >= info_.tasks_max) {
    return false;
  }
  SLUICE_LOG(kCli).info("REST: restarting task {}", id);
  task_set_->request_restart(id);
  return true;
}

rest::ConfigUpdate ConnectorSupervisor::put_config(
    std::vector<std::pair<std::string, std::string>> config) {
  rest::ConfigUpdate update;
  config::RawConfig written("PUT /connectors/{name}/config");
  for (auto& [key, value] : config) written.set(std::move(key), std::move(value));
  // Resolving placeholders may call AWS: not under the lock.
  std::unique_ptr<RunnableConfig> runnable = checker_(std::move(written), &update.errors);
  if (runnable == nullptr) return update;
  std::lock_guard<std::mutex> lock(mutex_);
  SLUICE_LOG(kCli).info(
      "REST: new configuration for connector {}: its tasks stop and start again with it",
      runnable->connector->name());
  info_ = connector_info(*runnable->connector, runnable->checked.connector_written);
  pending_ = std::move(runnable);
  // RESTARTING until the new runtime is attached, so nobody mistakes the old tasks for new ones.
  restarting_ = true;
  // The running tasks stop gracefully (durable offsets committed) before the rebuild.
  if (task_set_ != nullptr) task_set_->request_stop();
  wake_.notify_all();
  return update;
}

}  // namespace sluice::cli
