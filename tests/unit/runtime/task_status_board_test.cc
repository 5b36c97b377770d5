#include "runtime/task_status_board.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace sluice::runtime {
namespace {

TEST(TaskStatusBoardTest, TasksHaveNoStatusUntilTheyRun) {
  TaskStatusBoard board;
  EXPECT_TRUE(board.tasks().empty());
  EXPECT_FALSE(board.task(0).has_value());
  board.set_running(1);
  board.set_running(0);
  std::vector<TaskStatus> tasks = board.tasks();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].id, 0);  // by id, whatever order the threads started in
  EXPECT_EQ(tasks[1].id, 1);
  EXPECT_EQ(tasks[1].state, TaskState::kRunning);
}

TEST(TaskStatusBoardTest, FailedTaskKeepsItsTrace) {
  TaskStatusBoard board;
  board.set_running(0);
  board.set_failed(0, "FATAL: HeadBucket: 403 AccessDenied");
  ASSERT_TRUE(board.task(0).has_value());
  EXPECT_EQ(board.task(0)->state, TaskState::kFailed);
  EXPECT_EQ(board.task(0)->trace, "FATAL: HeadBucket: 403 AccessDenied");
  board.set_running(0);  // a restarted task
  EXPECT_EQ(board.task(0)->state, TaskState::kRunning);
  EXPECT_EQ(board.task(0)->trace, "");
}

TEST(TaskStatusBoardTest, TopicsOnceInFirstSeenOrder) {
  TaskStatusBoard board;
  board.record_topic("orders");
  board.record_topic("payments");
  board.record_topic("orders");
  EXPECT_THAT(board.topics(), ::testing::ElementsAre("orders", "payments"));
}

TEST(TaskStatusBoardTest, ClusterIdOnceKnown) {
  TaskStatusBoard board;
  EXPECT_FALSE(board.has_kafka_cluster_id());
  EXPECT_EQ(board.kafka_cluster_id(), std::nullopt);
  board.set_kafka_cluster_id("c2x1aWNlLXRlc3RlbnYwMQ");
  EXPECT_EQ(board.kafka_cluster_id(), "c2x1aWNlLXRlc3RlbnYwMQ");
}

TEST(TaskStatusBoardTest, WritersAndReadersOnManyThreads) {
  // Task threads write while REST threads read (run under ThreadSanitizer by make test-tsan).
  TaskStatusBoard board;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&board, t] {
      for (int i = 0; i < 200; ++i) {
        board.set_running(t);
        board.record_topic("topic-" + std::to_string(i % 7));
        if (i == 199 && t == 3) board.set_failed(t, "failed");
      }
    });
    threads.emplace_back([&board] {
      for (int i = 0; i < 200; ++i) {
        (void)board.tasks();
        (void)board.topics();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(board.tasks().size(), 4u);
  EXPECT_EQ(board.topics().size(), 7u);
  EXPECT_EQ(board.task(3)->state, TaskState::kFailed);
}

}  // namespace
}  // namespace sluice::runtime
