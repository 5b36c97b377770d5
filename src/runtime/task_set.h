// TaskSet: the tasks of one connector run, each on its own thread, and their lifecycle under
// outside control (Kafka Connect's herder for one connector, without the cluster): start them,
// keep the others running when one fails, restart one, pause or stop them all and start them
// again.
//
// Requests (request_restart, set_target_state, request_stop) are thread-safe and may come from
// any thread (the REST API's); they are carried out by the thread inside run(), which alone
// starts, stops and joins task threads. A failed task stays FAILED on the board, its thread
// ended, until it is restarted. The board and the factory are borrowed and must outlive run().
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "runtime/sink_task.h"
#include "runtime/task_control.h"
#include "runtime/task_status_board.h"
#include "util/status.h"
#include "util/thread_annotations.h"

namespace sluice::runtime {

// Connect's target states (org.apache.kafka.connect.runtime.TargetState).
enum class TargetState { kStarted, kPaused, kStopped };

// Makes task `id`, controlled by `control` (REQUIRES: set it as TaskSettings::control).
using TaskFactory =
    std::function<Result<std::unique_ptr<SinkTask>>(int id, const TaskControl* control)>;

class TaskSet {
 public:
  explicit TaskSet(TaskStatusBoard* board) : board_(board) {}
  ~TaskSet();
  TaskSet(const TaskSet&) = delete;
  TaskSet& operator=(const TaskSet&) = delete;

  // Starts `count` tasks (none while the target state is kStopped) and supervises them until
  // ShutdownSignal::requested() or request_stop(); then stops every task gracefully and returns.
  // A task that fails (or cannot be made) is FAILED on the board; the others keep running.
  void run(int count, const TaskFactory& factory) EXCLUDES(mutex_);

  // Stops task `id` gracefully (its durable offsets committed, its open files abandoned) and
  // starts a new one with the same id; the board shows it RESTARTING meanwhile. Ids outside
  // [0, count) are ignored. A restart while the target state is kStopped does nothing.
  void request_restart(int id) EXCLUDES(mutex_);
  // kPaused pauses every task's partitions, kStopped stops every task (the board then has no
  // tasks), kStarted resumes paused tasks or starts stopped ones.
  void set_target_state(TargetState state) EXCLUDES(mutex_);
  TargetState target_state() const EXCLUDES(mutex_);
  // Makes run() stop every task and return (a rebuild of the runtime).
  void request_stop() EXCLUDES(mutex_);

 private:
  struct Slot {
    std::unique_ptr<TaskControl> control;
    std::thread thread;  // not joinable when the task is not started
  };

  void start(int id, const TaskFactory& factory, bool paused);
  void stop(int id);
  // Carries out the requests made since the last call. Runs on run()'s thread.
  void apply_requests(const TaskFactory& factory) EXCLUDES(mutex_);

  TaskStatusBoard* const board_;
  std::vector<Slot> slots_;  // only touched by run()'s thread

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  TargetState target_ GUARDED_BY(mutex_) = TargetState::kStarted;
  std::set<int> restarts_ GUARDED_BY(mutex_);
  bool stop_ GUARDED_BY(mutex_) = false;
};

}  // namespace sluice::runtime
