// The control endpoints against responses recorded from a real Kafka Connect 4.4 standalone worker
// running Confluent's S3 sink 12.1.9 (tests/data/rest/kafka-connect-4.4, connector "rest-oracle",
// tasks.max=2): status codes, bodies (exact for errors, shapes for states), and what each request
// asks of the ConnectorControl.
#include "rest/connect_control_api.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sluice::rest {
namespace {

std::string recorded_text(const std::string& name) {
  std::filesystem::path dir =
      std::getenv("SLUICE_TEST_DATA") != nullptr
          ? std::filesystem::path(std::getenv("SLUICE_TEST_DATA")) / "rest" / "kafka-connect-4.4"
          : std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "data" / "rest" /
                "kafka-connect-4.4";
  std::ifstream in(dir / name);
  EXPECT_TRUE(in) << "missing " << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int recorded_status(const std::string& name) {
  return std::stoi(recorded_text(name + ".status"));
}
std::string recorded_body(const std::string& name) {
  return recorded_text(name + ".body");
}

// Keys and JSON types, values left out; arrays by their first element.
nlohmann::json shape(const nlohmann::json& j) {
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : j.items()) out[k] = shape(v);
    return out;
  }
  if (j.is_array())
    return j.empty() ? nlohmann::json::array() : nlohmann::json::array({shape(j[0])});
  if (j.is_number()) return "number";
  return j.type_name();
}

class FakeConnector : public ConnectorStateSource, public ConnectorControl {
 public:
  ConnectorInfo info() const override {
    ConnectorInfo info;
    info.name = "rest-oracle";
    info.version = "12.1.9";
    info.tasks_max = 2;
    info.config = config_;
    return info;
  }
  std::string connector_state() const override { return "RUNNING"; }
  std::vector<TaskStateView> tasks() const override { return tasks_; }
  std::vector<std::string> topics() const override { return {}; }
  std::optional<std::string> kafka_cluster_id() const override { return std::nullopt; }

  void pause() override { calls.push_back("pause"); }
  void resume() override { calls.push_back("resume"); }
  void stop() override { calls.push_back("stop"); }
  RestartPlan restart(bool include_tasks, bool only_failed) override {
    calls.push_back(std::string("restart") + (include_tasks ? " tasks" : "") +
                    (only_failed ? " failed" : ""));
    RestartPlan plan;
    plan.connector = !only_failed;
    for (const TaskStateView& t : tasks_) {
      if (include_tasks && (!only_failed || t.state == "FAILED")) plan.tasks.push_back(t.id);
    }
    return plan;
  }
  bool restart_task(int id) override {
    calls.push_back("restart task " + std::to_string(id));
    return id < 2;
  }
  ConfigUpdate put_config(std::vector<std::pair<std::string, std::string>> config) override {
    calls.push_back("put config");
    ConfigUpdate update;
    update.errors = errors;
    if (errors.empty()) config_ = std::move(config);
    return update;
  }

  std::vector<std::string> calls;
  std::vector<std::string> errors;
  std::vector<TaskStateView> tasks_{{0, "FAILED", "java.lang.Exception: boom"}, {1, "RUNNING", ""}};
  std::vector<std::pair<std::string, std::string>> config_{{"name", "rest-oracle"}};
};

class ConnectControlApiTest : public ::testing::Test {
 protected:
  ConnectControlApiTest() {
    add_connect_control_routes(&router_, &connector_, &connector_,
                               ServerInfo{"v", "c", "127.0.0.1:18391"});
  }
  Response call(std::string method, std::string path,
                std::multimap<std::string, std::string> query = {}, std::string body = {}) {
    return router_.route(
        Request{std::move(method), std::move(path), std::move(query), std::move(body)});
  }
  // Same status, and the same body (exactly, or empty for both).
  void expect_recorded(const std::string& name, const Response& ours) {
    EXPECT_EQ(ours.status, recorded_status(name)) << name;
    std::string theirs = recorded_body(name);
    if (theirs.empty()) {
      EXPECT_EQ(ours.body, "") << name;
    } else {
      EXPECT_EQ(nlohmann::json::parse(ours.body), nlohmann::json::parse(theirs)) << name;
    }
  }

  FakeConnector connector_;
  Router router_;
};

TEST_F(ConnectControlApiTest, PauseResumeAndStopAnswerAsConnect) {
  expect_recorded("pause", call("PUT", "/connectors/rest-oracle/pause"));
  expect_recorded("resume", call("PUT", "/connectors/rest-oracle/resume"));
  expect_recorded("stop", call("PUT", "/connectors/rest-oracle/stop"));
  EXPECT_EQ(connector_.calls, (std::vector<std::string>{"pause", "resume", "stop"}));
  expect_recorded("pause_unknown", call("PUT", "/connectors/nope/pause"));
  expect_recorded("resume_unknown", call("PUT", "/connectors/nope/resume"));
  expect_recorded("stop_unknown", call("PUT", "/connectors/nope/stop"));
  EXPECT_EQ(connector_.calls.size(), 3u);
}

TEST_F(ConnectControlApiTest, RestartWithoutParametersRestartsTheConnectorOnly) {
  expect_recorded("restart", call("POST", "/connectors/rest-oracle/restart"));
  EXPECT_EQ(connector_.calls, (std::vector<std::string>{"restart"}));
}

TEST_F(ConnectControlApiTest, RestartBodiesShowWhatRestarts) {
  // Recorded with both tasks FAILED; ours has task 0 FAILED and task 1 RUNNING.
  Response only_failed = call("POST", "/connectors/rest-oracle/restart", {{"onlyFailed", "true"}});
  EXPECT_EQ(only_failed.status, recorded_status("restart_only_failed"));
  nlohmann::json body = nlohmann::json::parse(only_failed.body);
  EXPECT_EQ(shape(body), shape(nlohmann::json::parse(recorded_body("restart_only_failed"))));
  EXPECT_EQ(body["connector"]["state"], "RUNNING");
  EXPECT_EQ(body["tasks"][0]["state"], "FAILED");

  Response failed_tasks = call("POST", "/connectors/rest-oracle/restart",
                               {{"includeTasks", "TRUE"}, {"onlyFailed", "true"}});
  EXPECT_EQ(failed_tasks.status, recorded_status("restart_include_tasks_only_failed"));
  body = nlohmann::json::parse(failed_tasks.body);
  nlohmann::json theirs = nlohmann::json::parse(recorded_body("restart_include_tasks_only_failed"));
  EXPECT_EQ(shape(body["tasks"][0]), shape(theirs["tasks"][0]));  // RESTARTING keeps the trace
  EXPECT_EQ(body["tasks"][0]["state"], "RESTARTING");
  EXPECT_EQ(body["tasks"][0]["trace"], "java.lang.Exception: boom");
  EXPECT_EQ(body["tasks"][1]["state"], "RUNNING");
  EXPECT_EQ(body["connector"]["state"], theirs["connector"]["state"]);

  Response all = call("POST", "/connectors/rest-oracle/restart", {{"includeTasks", "true"}});
  EXPECT_EQ(all.status, recorded_status("restart_include_tasks"));
  body = nlohmann::json::parse(all.body);
  theirs = nlohmann::json::parse(recorded_body("restart_include_tasks"));
  EXPECT_EQ(body["connector"]["state"], theirs["connector"]["state"]);
  EXPECT_EQ(body["tasks"][0]["state"], "RESTARTING");
  EXPECT_EQ(body["tasks"][1]["state"], "RESTARTING");
  EXPECT_EQ(connector_.calls,
            (std::vector<std::string>{"restart failed", "restart tasks failed", "restart tasks"}));

  expect_recorded("restart_unknown_tasks",
                  call("POST", "/connectors/nope/restart", {{"includeTasks", "true"}}));
}

TEST_F(ConnectControlApiTest, TaskRestart) {
  expect_recorded("task_restart", call("POST", "/connectors/rest-oracle/tasks/1/restart"));
  expect_recorded("task_restart_unknown", call("POST", "/connectors/rest-oracle/tasks/7/restart"));
  EXPECT_EQ(connector_.calls, (std::vector<std::string>{"restart task 1", "restart task 7"}));
}

TEST_F(ConnectControlApiTest, PutConfigAnswersWithTheConnectorInfo) {
  Response ok = call("PUT", "/connectors/rest-oracle/config", {},
                     R"({"connector.class":"io.confluent.connect.s3.S3SinkConnector",)"
                     R"("tasks.max":2,"flush.size":"5","s3.part.size":null})");
  EXPECT_EQ(ok.status, recorded_status("put_config"));
  nlohmann::json body = nlohmann::json::parse(ok.body);
  nlohmann::json theirs = nlohmann::json::parse(recorded_body("put_config"));
  body["config"] = theirs["config"] = nlohmann::json::object();
  EXPECT_EQ(shape(body), shape(theirs));
  // The name is added last, numbers read as their text, null values left out.
  EXPECT_EQ(connector_.config_, (std::vector<std::pair<std::string, std::string>>{
                                    {"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
                                    {"tasks.max", "2"},
                                    {"flush.size", "5"},
                                    {"name", "rest-oracle"}}));
}

TEST_F(ConnectControlApiTest, PutConfigErrorsAnswerAsConnect) {
  connector_.errors = {"Invalid value 0 for configuration tasks.max: Value must be at least 1",
                       "Invalid value abc for configuration flush.size: Not a number of type INT"};
  expect_recorded("put_config_invalid",
                  call("PUT", "/connectors/rest-oracle/config", {}, R"({"tasks.max":"0"})"));
  expect_recorded("put_config_name_mismatch",
                  call("PUT", "/connectors/rest-oracle/config", {}, R"({"name":"other"})"));
  // A second connector cannot be created in this process: 409, where Connect creates it (201).
  Response other = call("PUT", "/connectors/other/config", {}, R"({"tasks.max":"1"})");
  EXPECT_EQ(other.status, 409);
  EXPECT_EQ(recorded_status("put_config_other_name"), 201);
  EXPECT_EQ(nlohmann::json::parse(other.body)["error_code"], 409);
  Response not_a_map = call("PUT", "/connectors/rest-oracle/config", {}, R"(["a"])");
  EXPECT_EQ(not_a_map.status, 500);
  EXPECT_EQ(connector_.calls, (std::vector<std::string>{"put config"}));
}

TEST_F(ConnectControlApiTest, HealthIsKafka44s) {
  expect_recorded("health", call("GET", "/health"));
}

}  // namespace
}  // namespace sluice::rest
