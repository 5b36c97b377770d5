#include "runtime/task_set.h"

#include "runtime/shutdown_signal.h"
#include "util/log.h"

namespace sluice::runtime {

TaskSet::~TaskSet() {
  for (size_t i = 0; i < slots_.size(); ++i) stop(static_cast<int>(i));
}

void TaskSet::start(int id, const TaskFactory& factory, bool paused) {
  Slot& slot = slots_[static_cast<size_t>(id)];
  slot.control = std::make_unique<TaskControl>();
  slot.control->paused.store(paused);
  Result<std::unique_ptr<SinkTask>> task = factory(id, slot.control.get());
  if (!task.ok()) {
    // As Connect: a task that cannot be created is FAILED with the reason.
    SLUICE_LOG(kRuntime).error("task={} could not be started: {}", id, task.status().message());
    board_->set_failed(id, task.status().to_string());
    return;
  }
  if (paused) {
    board_->set_paused(id);
  } else {
    board_->set_running(id);
  }
  slot.thread = std::thread([this, id, t = std::move(task).value()]() mutable {
    Status st = t->run();
    // Destroyed here, so the consumer leaves the group before the supervisor learns of the end.
    t.reset();
    if (!st.ok()) {
      // The task stays FAILED, its trace shown by the REST API, until it is restarted; the other
      // tasks keep running (as in Connect).
      board_->set_failed(id, st.to_string());
    }
    std::lock_guard<std::mutex> lock(mutex_);
    wake_.notify_all();
  });
}

void TaskSet::stop(int id) {
  Slot& slot = slots_[static_cast<size_t>(id)];
  if (slot.control) slot.control->stop.store(true);
  if (slot.thread.joinable()) slot.thread.join();
  slot.control.reset();
}

void TaskSet::run(int count, const TaskFactory& factory) {
  slots_.resize(static_cast<size_t>(count));
  TargetState target = target_state();
  if (target != TargetState::kStopped) {
    for (int i = 0; i < count; ++i) start(i, factory, target == TargetState::kPaused);
  }
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // Signals only set a flag: look at it at least every 100 ms.
      wake_.wait_for(lock, std::chrono::milliseconds(100));
      if (stop_ || ShutdownSignal::requested()) break;
    }
    apply_requests(factory);
  }
  for (int i = 0; i < count; ++i) stop(i);
}

void TaskSet::apply_requests(const TaskFactory& factory) {
  TargetState target;
  std::set<int> restarts;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    target = target_;
    restarts.swap(restarts_);
  }
  const int count = static_cast<int>(slots_.size());
  if (target == TargetState::kStopped) {
    bool any = false;
    for (int i = 0; i < count; ++i) {
      any |= slots_[static_cast<size_t>(i)].control != nullptr;
      stop(i);
    }
    if (any) SLUICE_LOG(kRuntime).info("all {} task(s) stopped (connector STOPPED)", count);
    board_->remove_all();
    return;
  }
  const bool paused = target == TargetState::kPaused;
  for (int i = 0; i < count; ++i) {
    Slot& slot = slots_[static_cast<size_t>(i)];
    if (restarts.count(i) != 0) {
      SLUICE_LOG(kRuntime).info("task={} restarting", i);
      stop(i);
      start(i, factory, paused);
    } else if (slot.control == nullptr) {
      start(i, factory, paused);  // coming back from STOPPED
    } else {
      slot.control->paused.store(paused);
    }
  }
}

void TaskSet::request_restart(int id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (target_ == TargetState::kStopped) return;
  restarts_.insert(id);
  board_->set_restarting(id);
  wake_.notify_all();
}

void TaskSet::set_target_state(TargetState state) {
  std::lock_guard<std::mutex> lock(mutex_);
  target_ = state;
  wake_.notify_all();
}

TargetState TaskSet::target_state() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return target_;
}

void TaskSet::request_stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  stop_ = true;
  wake_.notify_all();
}

}  // namespace sluice::runtime
