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

}  // namespace

void TaskStatusBoard::set_running(int id) {
  std::lock_guard<std::mutex> lock(mutex_);
  TaskStatus& t = status_of(&tasks_, id);
  t.state = TaskState::kRunning;
  t.trace.clear();
}

void TaskStatusBoard::set_failed(int id, std::string trace) {
  std::lock_guard<std::mutex> lock(mutex_);
  TaskStatus& t = status_of(&tasks_, id);
  t.state = TaskState::kFailed;
  t.trace = std::move(trace);
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
