// The read-only endpoints against responses recorded from a real Kafka Connect 4.4 standalone
// worker running Confluent's S3 sink 12.1.9 (tests/data/rest/kafka-connect-4.4: <case>.body and
// <case>.status for the connector "rest-oracle" with tasks.max=2). Shapes, status codes and
// error bodies must match; versions, commit, cluster and worker ids may differ.
#include "rest/connect_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "recorded_responses.h"

namespace sluice::rest {
namespace {

struct Recorded {
  int status;
  std::string body;
};

Recorded recorded(const std::string& name) {
  return Recorded{std::stoi(read_text(name + ".status")), read_text(name + ".body")};
}

// Whether `ours` has `theirs`'s shape: the same keys in every object, the same JSON type in
// every scalar, and array elements of the same shape (each of ours against theirs' first).
::testing::AssertionResult same_shape(const nlohmann::json& ours, const nlohmann::json& theirs,
                                      const std::string& where = "$") {
  if (ours.type() != theirs.type()) {
    return ::testing::AssertionFailure()
           << where << ": " << ours.type_name() << " where Connect has " << theirs.type_name();
  }
  if (ours.is_object()) {
    for (const auto& [key, value] : theirs.items()) {
      if (!ours.contains(key))
        return ::testing::AssertionFailure() << where << ": no \"" << key << "\"";
      auto r = same_shape(ours[key], value, where + "." + key);
      if (!r) return r;
    }
    for (const auto& [key, value] : ours.items()) {
      if (!theirs.contains(key)) {
        return ::testing::AssertionFailure() << where << ": \"" << key << "\" not in Connect's";
      }
    }
  }
  if (ours.is_array() && !theirs.empty()) {
    for (size_t i = 0; i < ours.size(); ++i) {
      auto r = same_shape(ours[i], theirs[0], where + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
  }
  return ::testing::AssertionSuccess();
}

// The recorded connector, seen through the interface the runtime implements.
class RecordedConnector : public ConnectorStateSource {
 public:
  RecordedConnector() {
    info_.name = "rest-oracle";
    info_.connector_class = "io.confluent.connect.s3.S3SinkConnector";
    info_.task_class = "io.confluent.connect.s3.S3SinkTask";
    info_.version = "0.0-test";
    info_.tasks_max = 2;
    const nlohmann::json recorded_config = nlohmann::json::parse(read_text("config.body"));
    for (const auto& [key, value] : recorded_config.items()) {
      info_.config.emplace_back(
          key, key == "aws.secret.access.key" ? "[hidden]" : value.get<std::string>());
    }
  }
  ConnectorInfo info() const override { return info_; }
  std::string connector_state() const override { return "RUNNING"; }
  std::vector<TaskStateView> tasks() const override { return tasks_; }
  std::vector<std::string> topics() const override { return topics_; }
  std::optional<std::string> kafka_cluster_id() const override { return "c2x1aWNlLXRlc3RlbnYwMQ"; }

  ConnectorInfo info_;
  std::vector<TaskStateView> tasks_{{0, "RUNNING", ""}, {1, "RUNNING", ""}};
  std::vector<std::string> topics_{"rest-oracle-1796650111"};
};

class ConnectApiTest : public ::testing::Test {
 protected:
  ConnectApiTest() {
    add_connect_routes(&router_, &source_, ServerInfo{"0.0-test", "unknown", "127.0.0.1:18383"});
  }

  Response get(std::string path, std::multimap<std::string, std::string> query = {}) {
    return router_.route(Request{"GET", std::move(path), std::move(query), {}});
  }
  // Checks status and shape against the recording; returns our body parsed.
  nlohmann::json check_like(const std::string& name, const Response& ours) {
    Recorded theirs = recorded(name);
    EXPECT_EQ(ours.status, theirs.status) << name;
    nlohmann::json parsed = nlohmann::json::parse(ours.body);
    EXPECT_TRUE(same_shape(parsed, nlohmann::json::parse(theirs.body)))
        << name << ": " << ours.body;
    return parsed;
  }
  void check_same(const std::string& name, const Response& ours) {
    Recorded theirs = recorded(name);
    EXPECT_EQ(ours.status, theirs.status) << name;
    EXPECT_EQ(nlohmann::json::parse(ours.body), nlohmann::json::parse(theirs.body)) << name;
  }

  RecordedConnector source_;
  Router router_;
};

TEST_F(ConnectApiTest, RootHasVersionCommitAndClusterId) {
  nlohmann::json root = check_like("root", get("/"));
  EXPECT_EQ(root["kafka_cluster_id"], "c2x1aWNlLXRlc3RlbnYwMQ");
}

TEST_F(ConnectApiTest, RootClusterIdIsNullUntilKnown) {
  struct NoCluster : RecordedConnector {
    std::optional<std::string> kafka_cluster_id() const override { return std::nullopt; }
  } source;
  Router router;
  add_connect_routes(&router, &source, ServerInfo{"v", "c", "w:1"});
  EXPECT_EQ(router.route(Request{"GET", "/", {}, {}}).body,
            R"({"version":"v","commit":"c","kafka_cluster_id":null})");
}

TEST_F(ConnectApiTest, ConnectorListAndExpansions) {
  check_same("connectors", get("/connectors"));
  check_like("connectors_expand_status", get("/connectors", {{"expand", "status"}}));
  check_like("connectors_expand_both",
             get("/connectors", {{"expand", "status"}, {"expand", "info"}}));
  check_same("connectors_expand_bogus", get("/connectors", {{"expand", "bogus"}}));
  // info holds the configuration: the same as Connect's but for the hidden secret.
  nlohmann::json info =
      check_like("connectors_expand_info", get("/connectors", {{"expand", "info"}}));
  nlohmann::json theirs = nlohmann::json::parse(recorded("connectors_expand_info").body);
  theirs["rest-oracle"]["info"]["config"]["aws.secret.access.key"] = "[hidden]";
  EXPECT_EQ(info, theirs);
}

TEST_F(ConnectApiTest, ConnectorInfoAndConfig) {
  nlohmann::json theirs = nlohmann::json::parse(recorded("connector").body);
  theirs["config"]["aws.secret.access.key"] = "[hidden]";
  EXPECT_EQ(nlohmann::json::parse(get("/connectors/rest-oracle").body), theirs);
  EXPECT_EQ(nlohmann::json::parse(get("/connectors/rest-oracle/config").body), theirs["config"]);
}

TEST_F(ConnectApiTest, StatusOfRunningTasks) {
  nlohmann::json status = check_like("status", get("/connectors/rest-oracle/status"));
  nlohmann::json theirs = nlohmann::json::parse(recorded("status").body);
  // The worker id and the state of each task are values that must match.
  EXPECT_EQ(status["connector"]["state"], theirs["connector"]["state"]);
  EXPECT_EQ(status["connector"]["worker_id"], theirs["connector"]["worker_id"]);
  ASSERT_EQ(status["tasks"].size(), theirs["tasks"].size());
  for (size_t i = 0; i < theirs["tasks"].size(); ++i) {
    EXPECT_EQ(status["tasks"][i]["id"], theirs["tasks"][i]["id"]);
    EXPECT_EQ(status["tasks"][i]["state"], theirs["tasks"][i]["state"]);
  }
  check_like("task_status", get("/connectors/rest-oracle/tasks/0/status"));
}

TEST_F(ConnectApiTest, FailedTaskShowsItsTrace) {
  source_.tasks_[1] = TaskStateView{1, "FAILED", "S3 upload failed: AccessDenied"};
  nlohmann::json task = nlohmann::json::parse(get("/connectors/rest-oracle/tasks/1/status").body);
  EXPECT_EQ(task["state"], "FAILED");
  EXPECT_EQ(task["trace"], "S3 upload failed: AccessDenied");
  nlohmann::json status = nlohmann::json::parse(get("/connectors/rest-oracle/status").body);
  EXPECT_EQ(status["tasks"][1]["trace"], "S3 upload failed: AccessDenied");
  EXPECT_FALSE(status["tasks"][0].contains("trace"));
}

TEST_F(ConnectApiTest, TasksBeforeTheyStartHaveNoStatus) {
  source_.tasks_.clear();
  check_same("task_status_unknown", get("/connectors/rest-oracle/tasks/7/status"));
  Response r = get("/connectors/rest-oracle/tasks/0/status");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error_code":404,"message":"No status found for task rest-oracle-0"})");
  EXPECT_EQ(nlohmann::json::parse(get("/connectors/rest-oracle/status").body)["tasks"],
            nlohmann::json::array());
}

TEST_F(ConnectApiTest, TaskConfigsAddTaskClass) {
  nlohmann::json tasks = check_like("tasks", get("/connectors/rest-oracle/tasks"));
  nlohmann::json theirs = nlohmann::json::parse(recorded("tasks").body);
  for (auto& t : theirs) t["config"]["aws.secret.access.key"] = "[hidden]";
  EXPECT_EQ(tasks, theirs);
}

TEST_F(ConnectApiTest, Topics) {
  check_same("topics", get("/connectors/rest-oracle/topics"));
}

TEST_F(ConnectApiTest, UnknownConnectorAnswersAsConnectDoes) {
  check_same("unknown_connector", get("/connectors/nope"));
  check_same("unknown_connector_config", get("/connectors/nope/config"));
  check_same("unknown_connector_status", get("/connectors/nope/status"));
  check_same("unknown_connector_tasks", get("/connectors/nope/tasks"));
  check_same("unknown_connector_task_status", get("/connectors/nope/tasks/0/status"));
  // Connect's quirk: the topics of an unknown connector are an empty list, 200.
  check_same("unknown_connector_topics", get("/connectors/nope/topics"));
}

TEST_F(ConnectApiTest, UnknownPathWrongMethodAndBadTaskId) {
  check_same("unknown_path", get("/nothing/here"));
  check_same("task_status_bad_id", get("/connectors/rest-oracle/tasks/abc/status"));
  check_same("wrong_method_root", router_.route(Request{"POST", "/", {}, {}}));
  check_same("wrong_method_connector_status",
             router_.route(Request{"DELETE", "/connectors/rest-oracle/status", {}, {}}));
  check_same("wrong_method_topics",
             router_.route(Request{"POST", "/connectors/rest-oracle/topics", {}, {}}));
}

TEST_F(ConnectApiTest, ConnectorPlugins) {
  nlohmann::json only = check_like("connector_plugins", get("/connector-plugins"));
  ASSERT_EQ(only.size(), 1u);  // Connect also lists the storage library's SchemaSourceConnector
  EXPECT_EQ(only[0]["class"], "io.confluent.connect.s3.S3SinkConnector");
  EXPECT_EQ(only[0]["type"], "sink");

  nlohmann::json all =
      nlohmann::json::parse(get("/connector-plugins", {{"connectorsOnly", "false"}}).body);
  nlohmann::json theirs = nlohmann::json::parse(recorded("connector_plugins_all").body);
  // Every transformation, predicate, converter and header converter Connect lists (apart from
  // the storage library's source connector, which sluice has no use for) is listed, with the
  // same type, in Connect's order of types.
  auto index_of = [&all](const nlohmann::json& plugin) -> long {
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i]["class"] == plugin["class"] && all[i]["type"] == plugin["type"]) return long(i);
    }
    return -1;
  };
  const nlohmann::json plugin_shape =
      nlohmann::json::parse(R"({"class":"c","type":"t","version":"v"})");
  long previous = -1;
  for (const nlohmann::json& plugin : theirs) {
    if (plugin["type"] == "source") continue;
    long i = index_of(plugin);
    EXPECT_GE(i, 0) << plugin.dump();
    EXPECT_GT(i, previous) << plugin.dump() << " out of Connect's order";
    previous = std::max(previous, i);
    if (i >= 0) {
      EXPECT_TRUE(same_shape(all[i], plugin_shape));
    }
  }
}

}  // namespace
}  // namespace sluice::rest
