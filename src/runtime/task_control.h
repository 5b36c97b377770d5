// TaskControl: what a running SinkTask is told from outside its thread — stop (gracefully, as on
// SIGTERM, but this task only) and pause (all its partitions, while it keeps polling).
//
// Owned by TaskSet, one per started task, and outlives the task's thread. Written by the
// supervising thread, read by the task's loop once per poll; plain atomics.
#pragma once

#include <atomic>

namespace sluice::runtime {

struct TaskControl {
  std::atomic<bool> stop{false};
  std::atomic<bool> paused{false};
};

}  // namespace sluice::runtime
