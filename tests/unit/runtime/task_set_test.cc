// TaskSet without a broker: SinkTasks whose consumers point at an unreachable bootstrap server
// (librdkafka creates them and polls nothing), so the lifecycle — start, pause, stop, restart, a
// task that cannot be made — is seen on the TaskStatusBoard alone.
#include "runtime/task_set.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "runtime/shutdown_signal.h"
#include "sink/memory_budget.h"

namespace sluice::runtime {
namespace {

using namespace std::chrono_literals;

class TaskSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ShutdownSignal::clear();
    services_.budget = &budget_;
  }
  void TearDown() override {
    tasks_.request_stop();
    if (runner_.joinable()) runner_.join();
    ShutdownSignal::clear();
  }

  TaskFactory factory() {
    return [this](int id, const TaskControl* control) -> Result<std::unique_ptr<SinkTask>> {
      made_.fetch_add(1);
      if (id == fail_id_)
        return Status(StatusCode::kFatal, "no converter for task " + std::to_string(id));
      TaskSettings s;
      s.task_id = id;
      s.consumer.properties = {{"bootstrap.servers", "127.0.0.1:1"},
                               {"group.id", "task-set-test"},
                               {"enable.auto.commit", "false"}};
      s.consumer.subscription = {"task-set-test"};
      s.poll_timeout = 20ms;
      s.status = &board_;
      s.control = control;
      return std::make_unique<SinkTask>(std::move(s), TaskPipeline{}, services_);
    };
  }

  void run(int count) {
    runner_ = std::thread([this, count] { tasks_.run(count, factory()); });
  }

  // Waits until the board shows `want` (state names by id).
  bool shows(const std::vector<std::string>& want) {
    for (auto deadline = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(10ms)) {
      std::vector<std::string> seen;
      for (const TaskStatus& t : board_.tasks()) seen.push_back(task_state_name(t.state));
      if (seen == want) return true;
    }
    return false;
  }

  sink::MemoryBudget budget_{1 << 20};
  sink::WriterServices services_;
  TaskStatusBoard board_;
  TaskSet tasks_{&board_};
  std::thread runner_;
  std::atomic<int> made_{0};
  int fail_id_ = -1;
};

TEST_F(TaskSetTest, PausesResumesStopsAndStartsAgain) {
  run(2);
  ASSERT_TRUE(shows({"RUNNING", "RUNNING"}));
  tasks_.set_target_state(TargetState::kPaused);
  ASSERT_TRUE(shows({"PAUSED", "PAUSED"}));
  tasks_.set_target_state(TargetState::kStarted);
  ASSERT_TRUE(shows({"RUNNING", "RUNNING"}));
  EXPECT_EQ(made_.load(), 2);  // pausing keeps the same tasks
  tasks_.set_target_state(TargetState::kStopped);
  ASSERT_TRUE(shows({}));
  tasks_.set_target_state(TargetState::kStarted);
  ASSERT_TRUE(shows({"RUNNING", "RUNNING"}));
  EXPECT_EQ(made_.load(), 4);  // stopped tasks are made again
}

TEST_F(TaskSetTest, StartsPausedWhenTheTargetIsPaused) {
  tasks_.set_target_state(TargetState::kPaused);
  run(1);
  ASSERT_TRUE(shows({"PAUSED"}));
}

TEST_F(TaskSetTest, ATaskThatCannotBeMadeIsFailedAndTheOthersRunUntilItIsRestarted) {
  fail_id_ = 1;
  run(2);
  ASSERT_TRUE(shows({"RUNNING", "FAILED"}));
  EXPECT_TRUE(board_.any_failed());
  EXPECT_NE(board_.task(1)->trace.find("no converter for task 1"), std::string::npos);
  fail_id_ = -1;
  tasks_.request_restart(1);
  ASSERT_TRUE(shows({"RUNNING", "RUNNING"}));
  EXPECT_FALSE(board_.any_failed());
  EXPECT_EQ(made_.load(), 3);  // only task 1 was made again
}

TEST_F(TaskSetTest, RestartIsIgnoredWhileStopped) {
  run(1);
  ASSERT_TRUE(shows({"RUNNING"}));
  tasks_.set_target_state(TargetState::kStopped);
  ASSERT_TRUE(shows({}));
  tasks_.request_restart(0);
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(shows({}));
  EXPECT_EQ(made_.load(), 1);
}

TEST_F(TaskSetTest, ShutdownSignalStopsEveryTaskAndRunReturns) {
  run(2);
  ASSERT_TRUE(shows({"RUNNING", "RUNNING"}));
  ShutdownSignal::request();
  runner_.join();
  EXPECT_FALSE(board_.any_failed());
}

}  // namespace
}  // namespace sluice::runtime
