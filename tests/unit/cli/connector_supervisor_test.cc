// ConnectorSupervisor's state machine without a broker: the connector's state through pause, stop
// and resume, a connector that could not start (FAILED, no tasks, restarted over REST), restart
// plans (Connect's includeTasks/onlyFailed semantics), task restarts, PUT config checked by the
// same checks `sluice run` makes, and the exit status a FAILED task leaves.
#include "cli/connector_supervisor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "runtime/shutdown_signal.h"

namespace sluice::cli {
namespace {

using namespace std::chrono_literals;

config::RawConfig worker_written() {
  return config::RawConfig{{"bootstrap.servers", "broker:9092"},
                           {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                           {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                           {"listeners", "http://127.0.0.1:0"}};
}

config::RawConfig connector_written(const std::string& flush_size) {
  return config::RawConfig{{"name", "orders-to-s3"},
                           {"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
                           {"tasks.max", "2"},
                           {"topics", "orders"},
                           {"s3.region", "us-east-1"},
                           {"s3.bucket.name", "bucket"},
                           {"format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
                           {"storage.class", "io.confluent.connect.s3.storage.S3Storage"},
                           {"flush.size", flush_size}};
}

// The checker run_connector gives the supervisor: the worker file's configuration with the new
// connector configuration, through check_configs and prepare_run.
ConfigChecker real_checker() {
  return [](config::RawConfig connector, std::vector<std::string>* errors) {
    CheckedConfig checked;
    checked.worker_written = worker_written();
    checked.connector_written = std::move(connector);
    check_configs(/*msk=*/false, &checked);
    std::vector<config::ConfigProblem> problems;
    std::unique_ptr<RunnableConfig> out = prepare_run(std::move(checked), &problems);
    for (const config::ConfigProblem& p : problems) errors->push_back(p.message);
    return out;
  };
}

rest::ConnectorInfo info(int tasks_max) {
  rest::ConnectorInfo out;
  out.name = "orders-to-s3";
  out.tasks_max = tasks_max;
  return out;
}

class ConnectorSupervisorTest : public ::testing::Test {
 protected:
  void SetUp() override { runtime::ShutdownSignal::clear(); }
  void TearDown() override { runtime::ShutdownSignal::clear(); }

  runtime::TaskStatusBoard board_;
  runtime::TaskSet tasks_{&board_};
  ConnectorSupervisor supervisor_{info(2), real_checker()};
};

TEST_F(ConnectorSupervisorTest, PauseStopAndResumeSetTheTargetState) {
  supervisor_.attach(&board_, &tasks_, info(2), nullptr);
  EXPECT_EQ(supervisor_.connector_state(), "RUNNING");
  supervisor_.pause();
  EXPECT_EQ(supervisor_.connector_state(), "PAUSED");
  EXPECT_EQ(tasks_.target_state(), runtime::TargetState::kPaused);
  supervisor_.stop();
  EXPECT_EQ(supervisor_.connector_state(), "STOPPED");
  EXPECT_EQ(tasks_.target_state(), runtime::TargetState::kStopped);
  EXPECT_FALSE(supervisor_.restart_task(0));  // a STOPPED connector has no tasks
  supervisor_.resume();
  EXPECT_EQ(supervisor_.connector_state(), "RUNNING");
  EXPECT_EQ(tasks_.target_state(), runtime::TargetState::kStarted);
}

TEST_F(ConnectorSupervisorTest, TheTargetStateCarriesOverToTheNextRuntime) {
  supervisor_.pause();
  supervisor_.attach(&board_, &tasks_, info(2), nullptr);
  EXPECT_EQ(tasks_.target_state(), runtime::TargetState::kPaused);
  EXPECT_EQ(supervisor_.connector_state(), "PAUSED");
}

TEST_F(ConnectorSupervisorTest, RestartPlansFollowIncludeTasksAndOnlyFailed) {
  supervisor_.attach(&board_, &tasks_, info(2), nullptr);
  board_.set_failed(0, "boom");
  board_.set_running(1);
  rest::RestartPlan connector_only = supervisor_.restart(false, false);
  EXPECT_TRUE(connector_only.connector);
  EXPECT_TRUE(connector_only.tasks.empty());
  rest::RestartPlan only_failed = supervisor_.restart(false, true);
  EXPECT_FALSE(only_failed.connector);  // the connector did not fail
  EXPECT_TRUE(only_failed.tasks.empty());
  rest::RestartPlan failed_tasks = supervisor_.restart(true, true);
  EXPECT_FALSE(failed_tasks.connector);
  EXPECT_EQ(failed_tasks.tasks, std::vector<int>{0});
  // The board shows the task RESTARTING at once, keeping its trace.
  std::vector<rest::TaskStateView> seen = supervisor_.tasks();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].state, "RESTARTING");
  EXPECT_EQ(seen[0].trace, "boom");
  EXPECT_EQ(seen[1].state, "RUNNING");
  rest::RestartPlan all = supervisor_.restart(true, false);
  EXPECT_TRUE(all.connector);
  EXPECT_EQ(all.tasks, (std::vector<int>{0, 1}));
}

TEST_F(ConnectorSupervisorTest, TaskRestartNeedsAKnownTask) {
  supervisor_.attach(&board_, &tasks_, info(2), nullptr);
  EXPECT_TRUE(supervisor_.restart_task(1));
  EXPECT_FALSE(supervisor_.restart_task(2));
  EXPECT_FALSE(supervisor_.restart_task(-1));
}

TEST_F(ConnectorSupervisorTest, AFailedStartShowsFailedWithoutTasksUntilRestarted) {
  supervisor_.attach(&board_, &tasks_, info(2), [](const std::string& m) { return "masked " + m; });
  supervisor_.detach();
  // The caller masks the trace (the mask of a runtime that ended is gone with it).
  supervisor_.set_failed("HeadBucket refused");
  EXPECT_EQ(supervisor_.connector_state(), "FAILED");
  EXPECT_EQ(supervisor_.connector_trace(), "HeadBucket refused");
  EXPECT_TRUE(supervisor_.tasks().empty());
  EXPECT_TRUE(supervisor_.failed());
  EXPECT_FALSE(supervisor_.restart_task(0));

  std::future<NextRun> next =
      std::async(std::launch::async, [this] { return supervisor_.wait_next(); });
  EXPECT_EQ(next.wait_for(300ms), std::future_status::timeout);  // waits for a restart
  rest::RestartPlan plan = supervisor_.restart(true, true);
  EXPECT_TRUE(plan.connector);  // it FAILED, so onlyFailed restarts it
  ASSERT_EQ(next.wait_for(5s), std::future_status::ready);
  NextRun run = next.get();
  EXPECT_FALSE(run.exit);
  EXPECT_EQ(run.config, nullptr);  // the same configuration again
  EXPECT_EQ(supervisor_.connector_state(), "RESTARTING");
  supervisor_.attach(&board_, &tasks_, info(2), nullptr);
  EXPECT_EQ(supervisor_.connector_state(), "RUNNING");
  EXPECT_FALSE(supervisor_.failed());
}

TEST_F(ConnectorSupervisorTest, ShutdownEndsTheWaitAndAFailedTaskIsRemembered) {
  supervisor_.attach(&board_, &tasks_, info(2), nullptr);
  board_.set_failed(1, "boom");
  supervisor_.detach();
  EXPECT_TRUE(supervisor_.failed());  // the exit status is 1
  runtime::ShutdownSignal::request();
  EXPECT_TRUE(supervisor_.wait_next().exit);
}

TEST_F(ConnectorSupervisorTest, PutConfigIsCheckedAsRunChecksIt) {
  supervisor_.attach(&board_, &tasks_, info(2), nullptr);
  std::vector<std::pair<std::string, std::string>> bad;
  const config::RawConfig bad_raw = connector_written("abc");
  for (const config::RawEntry& e : bad_raw.entries()) bad.emplace_back(e.key, e.value);
  rest::ConfigUpdate refused = supervisor_.put_config(bad);
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_NE(refused.errors[0].find("flush.size"), std::string::npos) << refused.errors[0];
  EXPECT_EQ(supervisor_.connector_state(), "RUNNING");

  std::vector<std::pair<std::string, std::string>> good;
  const config::RawConfig good_raw = connector_written("25");
  for (const config::RawEntry& e : good_raw.entries()) good.emplace_back(e.key, e.value);
  rest::ConfigUpdate accepted = supervisor_.put_config(good);
  EXPECT_TRUE(accepted.errors.empty());
  EXPECT_EQ(supervisor_.connector_state(), "RESTARTING");
  bool shown = false;
  for (const auto& [k, v] : supervisor_.info().config) shown |= k == "flush.size" && v == "25";
  EXPECT_TRUE(shown);
  supervisor_.detach();
  NextRun next = supervisor_.wait_next();
  ASSERT_NE(next.config, nullptr);
  EXPECT_EQ(next.config->connector->flush_size(), 25);
}

TEST_F(ConnectorSupervisorTest, APutConfigWhileARuntimeIsBuiltStopsItForTheNewOne) {
  // No runtime attached (the first one, or the next one, is being created) when the PUT comes.
  std::vector<std::pair<std::string, std::string>> good;
  const config::RawConfig good_raw = connector_written("25");
  for (const config::RawEntry& e : good_raw.entries()) good.emplace_back(e.key, e.value);
  ASSERT_TRUE(supervisor_.put_config(good).errors.empty());
  supervisor_.attach(&board_, &tasks_, info(2), nullptr);
  // Still RESTARTING with the new configuration shown, not the one of the runtime attached.
  EXPECT_EQ(supervisor_.connector_state(), "RESTARTING");
  bool shown = false;
  for (const auto& [k, v] : supervisor_.info().config) shown |= k == "flush.size" && v == "25";
  EXPECT_TRUE(shown);
  // The runtime attached is told to stop at once.
  std::future<void> ran = std::async(std::launch::async, [this] {
    tasks_.run(1,
               [](int, const runtime::TaskControl*) -> Result<std::unique_ptr<runtime::SinkTask>> {
                 return Status(StatusCode::kFatal, "not made in this test");
               });
  });
  ASSERT_EQ(ran.wait_for(10s), std::future_status::ready);
  supervisor_.detach();
  NextRun next = supervisor_.wait_next();
  ASSERT_NE(next.config, nullptr);
  EXPECT_EQ(next.config->connector->flush_size(), 25);
}

}  // namespace
}  // namespace sluice::cli
