#include "runtime/task_status_board.h"

#include <algorithm>

namespace sluice::runtime {

namespace {

TaskStatus& status_of(std::vector<TaskStatus>* tasks, int id) {
  auto it = std::lower_bound(tasks->begin(), tasks->end(), id,
                             [](const TaskStatus& t, int wanted) { return t.id < wanted; });
  if (it == tasks->end() || it->id != id) it = tasks->insert(it, TaskStatus{id, {}, {}});
  return *it;
}

void set_state(std::vector<TaskStatus>* tasks, int id, TaskState state, std::string trace) {
  TaskStatus& t = status_of(tasks, id);
  t.state = state;
  t.trace = std::move(trace);
}

}  // namespace

const char* task_state_name(TaskState state) {
  switch (state) {
    case TaskState::kRunning:
      return "RUNNING";
    case TaskState::kPaused:
      return "PAUSED";
    case TaskState::kFailed:
      return "FAILED";
    case TaskState::kRestarting:
      return "RESTARTING";
  }
  return "UNASSIGNED";
}

void TaskStatusBoard::set_running(int id) {
  std::lock_guard<std::mutex> lock(mutex_);
  set_state(&tasks_, id, TaskState::kRunning, "");
}

void TaskStatusBoard::set_paused(int id) {
  std::lock_guard<std::mutex> lock(mutex_);
  set_state(&tasks_, id, TaskState::kPaused, "");
}

void TaskStatusBoard::set_failed(int id, std::string trace) {
  std::lock_guard<std::mutex> lock(mutex_);
  set_state(&tasks_, id, TaskState::kFailed, std::move(trace));
}

void TaskStatusBoard::set_restarting(int id) {
  std::lock_guard<std::mutex> lock(mutex_);
  // A failed task keeps its trace while it restarts, as Connect shows it.
  status_of(&tasks_, id).state = TaskState::kRestarting;
}

void TaskStatusBoard::remove_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  tasks_.clear();
}

bool TaskStatusBoard::any_failed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const TaskStatus& t : tasks_) {
    if (t.state == TaskState::kFailed) return true;
  }
  return false;
}

void TaskStatusBoard::record_topic(const std::string& topic) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (std::find(topics_.begin(), topics_.end(), topic) == topics_.end()) topics_.push_back(topic);
}

void TaskStatusBoard::set_kafka_cluster_id(std::string id) {
  std::lock_guard<std::mutex> lock(mutex_);
  kafka_cluster_id_ = std::move(id);
}

std::vector<TaskStatus> TaskStatusBoard::tasks() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tasks_;
}

std::optional<TaskStatus> TaskStatusBoard::task(int id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const TaskStatus& t : tasks_) {
    if (t.id == id) return t;
  }
  return std::nullopt;
}

std::vector<std::string> TaskStatusBoard::topics() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return topics_;
}

std::optional<std::string> TaskStatusBoard::kafka_cluster_id() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return kafka_cluster_id_;
}

bool TaskStatusBoard::has_kafka_cluster_id() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return kafka_cluster_id_.has_value();
}

}  // namespace sluice::runtime
