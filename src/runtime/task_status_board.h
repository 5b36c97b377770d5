// TaskStatusBoard: what the connector's tasks are doing, for readers outside the task threads
// (the REST API's status endpoints): each started task's state and failure trace, the topics the
// tasks were assigned, and the Kafka cluster id the consumers saw.
//
// Owned by ConnectorRuntime and alive as long as it is. Every method is thread-safe: task
// threads write (set_running, set_paused, set_failed, record_topic, set_kafka_cluster_id, never on
// the record path), the runtime's supervising thread writes set_restarting and remove_all, while
// any thread reads snapshots.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "util/thread_annotations.h"

namespace sluice::runtime {

// Kafka Connect's task states (org.apache.kafka.connect.runtime.AbstractStatus.State) that a
// sluice task can be in (UNASSIGNED and DESTROYED do not occur: a task has no status until it
// starts, and a stopped connector's tasks have none).
enum class TaskState { kRunning, kPaused, kFailed, kRestarting };

// Connect's spelling of a state: "RUNNING", "PAUSED", "FAILED", "RESTARTING".
const char* task_state_name(TaskState state);

struct TaskStatus {
  int id = 0;
  TaskState state = TaskState::kRunning;
  std::string trace;  // the failure, for kFailed (and kRestarting after it)
};

class TaskStatusBoard {
 public:
  TaskStatusBoard() = default;
  TaskStatusBoard(const TaskStatusBoard&) = delete;
  TaskStatusBoard& operator=(const TaskStatusBoard&) = delete;

  // A task thread began running task `id` (a task has no status before, as in Connect).
  void set_running(int id);
  // Task `id` paused all its partitions (it keeps polling, so it stays in the group).
  void set_paused(int id);
  // Task `id` stopped with `trace` as its failure.
  void set_failed(int id, std::string trace);
  // Task `id` is being stopped to be started again (a FAILED task's trace stays).
  void set_restarting(int id);
  // Every task stopped (the connector is STOPPED): no task has a status.
  void remove_all();
  // A partition of `topic` was assigned to a task; kept once per topic, in first-seen order.
  void record_topic(const std::string& topic);
  void set_kafka_cluster_id(std::string id);

  // The tasks with a status, by id.
  std::vector<TaskStatus> tasks() const;
  std::optional<TaskStatus> task(int id) const;
  bool any_failed() const;
  std::vector<std::string> topics() const;
  std::optional<std::string> kafka_cluster_id() const;
  bool has_kafka_cluster_id() const;

 private:
  mutable std::mutex mutex_;
  std::vector<TaskStatus> tasks_ GUARDED_BY(mutex_);  // sorted by id
  std::vector<std::string> topics_ GUARDED_BY(mutex_);
  std::optional<std::string> kafka_cluster_id_ GUARDED_BY(mutex_);
};

}  // namespace sluice::runtime
