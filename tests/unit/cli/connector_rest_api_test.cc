// ConnectorRestApi end to end over HTTP on a loopback port of the system's choice: the runtime's
// TaskStatusBoard as the REST API shows it through the ConnectorSupervisor (Connect's state names,
// a FAILED task's trace with provider values masked), the configuration as written with secrets
// hidden, a control request reaching the task set, and the listener refusing a port that is taken.
#include "cli/connector_rest_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "cli/connector_supervisor.h"

namespace sluice::cli {
namespace {

using ::testing::HasSubstr;

config::WorkerConfig worker(const std::string& listeners) {
  config::RawConfig raw{{"bootstrap.servers", "broker:9092"},
                        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"listeners", listeners}};
  Result<config::WorkerConfig> w = config::WorkerConfig::parse(raw);
  EXPECT_TRUE(w.ok()) << w.status().to_string();
  return std::move(w).value();
}

config::RawConfig connector_written() {
  return config::RawConfig{
      {"name", "orders-to-s3"},
      {"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
      {"tasks.max", "2"},
      {"topics", "orders"},
      {"s3.region", "us-east-1"},
      {"s3.bucket.name", "${file:/etc/sluice/s3.properties:bucket}"},
      {"aws.access.key.id", "AKIAEXAMPLE"},
      {"aws.secret.access.key", "wJalrXUtnFEMI"},
      {"format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
      {"storage.class", "io.confluent.connect.s3.storage.S3Storage"},
      {"flush.size", "3"},
  };
}

config::S3SinkConnectorConfig connector() {
  config::RawConfig resolved = connector_written();
  resolved.replace_value("s3.bucket.name", "secret-bucket");
  Result<config::S3SinkConnectorConfig> c = config::S3SinkConnectorConfig::parse(resolved);
  EXPECT_TRUE(c.ok()) << c.status().to_string();
  return std::move(c).value();
}

std::string hide_bucket(const std::string& message) {
  std::string out = message;
  for (size_t at; (at = out.find("secret-bucket")) != std::string::npos;) {
    out.replace(at, 13, "${file:/etc/sluice/s3.properties:bucket}");
  }
  return out;
}

ConfigChecker no_checker() {
  return [](config::RawConfig, std::vector<std::string>* errors) {
    errors->push_back("not checked here");
    return std::unique_ptr<RunnableConfig>();
  };
}

TEST(ConnectorRestApiTest, ServesTheRuntimeStatusOverHttp) {
  runtime::TaskStatusBoard board;
  runtime::TaskSet task_set(&board);
  rest::ConnectorInfo info = connector_info(connector(), connector_written());
  ConnectorSupervisor supervisor(info, no_checker());
  supervisor.attach(&board, &task_set, info, hide_bucket);
  config::WorkerConfig w = worker("http://127.0.0.1:0");
  Result<std::unique_ptr<ConnectorRestApi>> api =
      ConnectorRestApi::start(w, &supervisor, &supervisor);
  ASSERT_TRUE(api.ok()) << api.status().to_string();
  int port = (*api)->bound_ports().at(0);
  httplib::Client client("127.0.0.1", port);

  auto status = [&client] {
    httplib::Result res = client.Get("/connectors/orders-to-s3/status");
    EXPECT_TRUE(res) << "no answer";
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    return nlohmann::json::parse(res->body);
  };
  EXPECT_EQ(status()["tasks"], nlohmann::json::array());
  EXPECT_EQ(status()["connector"]["worker_id"], "127.0.0.1:" + std::to_string(port));

  board.set_running(0);
  board.set_running(1);
  board.set_failed(1, "FATAL: PutObject secret-bucket/topics/orders: 403 AccessDenied");
  nlohmann::json s = status();
  ASSERT_EQ(s["tasks"].size(), 2u);
  EXPECT_EQ(s["tasks"][0]["state"], "RUNNING");
  EXPECT_FALSE(s["tasks"][0].contains("trace"));
  EXPECT_EQ(s["tasks"][1]["state"], "FAILED");
  EXPECT_EQ(s["tasks"][1]["trace"],
            "FATAL: PutObject ${file:/etc/sluice/s3.properties:bucket}/topics/orders: 403 "
            "AccessDenied");

  httplib::Result config = client.Get("/connectors/orders-to-s3/config");
  ASSERT_TRUE(config);
  nlohmann::json c = nlohmann::json::parse(config->body);
  EXPECT_EQ(c["aws.secret.access.key"], "[hidden]");
  EXPECT_EQ(c["s3.bucket.name"], "${file:/etc/sluice/s3.properties:bucket}");
  EXPECT_EQ(config->body.find("wJalrXUtnFEMI"), std::string::npos);

  board.set_kafka_cluster_id("cluster-1");
  board.record_topic("orders");
  httplib::Result root = client.Get("/");
  ASSERT_TRUE(root);
  EXPECT_EQ(nlohmann::json::parse(root->body)["kafka_cluster_id"], "cluster-1");
  httplib::Result topics = client.Get("/connectors/orders-to-s3/topics");
  ASSERT_TRUE(topics);
  EXPECT_EQ(topics->body, R"({"orders-to-s3":{"topics":["orders"]}})");

  // A control request reaches the task set (carried out once it runs).
  httplib::Result paused = client.Put("/connectors/orders-to-s3/pause");
  ASSERT_TRUE(paused);
  EXPECT_EQ(paused->status, 202);
  EXPECT_EQ(paused->body, "");
  EXPECT_EQ(task_set.target_state(), runtime::TargetState::kPaused);
  httplib::Result put =
      client.Put("/connectors/orders-to-s3/config", R"({"flush.size":"1"})", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 400);
  EXPECT_NE(put->body.find("not checked here"), std::string::npos);

  api->reset();  // stops the server: the port no longer answers
  EXPECT_FALSE(client.Get("/"));
}

TEST(ConnectorRestApiTest, TakenPortFailsNamingTheListener) {
  ConnectorSupervisor supervisor(connector_info(connector(), connector_written()), no_checker());
  Result<std::unique_ptr<ConnectorRestApi>> first =
      ConnectorRestApi::start(worker("http://127.0.0.1:0"), &supervisor, &supervisor);
  ASSERT_TRUE(first.ok());
  std::string listener = "http://127.0.0.1:" + std::to_string((*first)->bound_ports().at(0));
  Result<std::unique_ptr<ConnectorRestApi>> second =
      ConnectorRestApi::start(worker(listener), &supervisor, &supervisor);
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(second.status().message(), HasSubstr("REST listener " + listener));
}

}  // namespace
}  // namespace sluice::cli
