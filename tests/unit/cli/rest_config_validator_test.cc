// RestConfigValidator behind the REST validate endpoint, over HTTP on a loopback port: the request
// body reaches the checks, the worker's converters are the defaults shown, and the checks that
// need the parsed configuration (here the converter checks) run once the table's pass.
#include "cli/rest_config_validator.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "cli/connector_rest_api.h"
#include "cli/connector_supervisor.h"

namespace sluice::cli {
namespace {

config::RawConfig worker_raw() {
  return config::RawConfig{{"bootstrap.servers", "broker:9092"},
                           {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                           {"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
                           {"listeners", "http://127.0.0.1:0"}};
}

nlohmann::json connector_json() {
  return {{"name", "orders-to-s3"},
          {"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
          {"topics", "orders"},
          {"s3.bucket.name", "bucket"},
          {"format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
          {"storage.class", "io.confluent.connect.s3.storage.S3Storage"},
          {"flush.size", "3"}};
}

std::map<std::string, nlohmann::json> by_name(const nlohmann::json& infos) {
  std::map<std::string, nlohmann::json> out;
  for (const nlohmann::json& c : infos["configs"]) out[c["value"]["name"]] = c;
  return out;
}

TEST(RestConfigValidatorTest, AnswersTheValidateEndpointWithTheWorkersDefaults) {
  Result<config::WorkerConfig> worker = config::WorkerConfig::parse(worker_raw());
  ASSERT_TRUE(worker.ok()) << worker.status().to_string();
  config::RawConfig connector_raw;
  const nlohmann::json given = connector_json();
  for (const auto& [k, v] : given.items()) connector_raw.set(k, v);
  Result<config::S3SinkConnectorConfig> connector =
      config::S3SinkConnectorConfig::parse(connector_raw);
  ASSERT_TRUE(connector.ok()) << connector.status().to_string();
  // Nothing runs: the supervisor only answers the read-only endpoints.
  ConnectorSupervisor supervisor(connector_info(*connector, connector_raw),
                                 [](config::RawConfig, std::vector<std::string>* errors) {
                                   errors->push_back("not checked here");
                                   return std::unique_ptr<RunnableConfig>();
                                 });
  Result<std::unique_ptr<ConnectorRestApi>> api = ConnectorRestApi::start(
      *worker, &supervisor, &supervisor,
      std::make_unique<RestConfigValidator>(worker_raw(), *worker, /*msk=*/false));
  ASSERT_TRUE(api.ok()) << api.status().to_string();
  httplib::Client client("127.0.0.1", (*api)->bound_ports().at(0));
  const std::string path =
      "/connector-plugins/io.confluent.connect.s3.S3SinkConnector/config/validate";

  httplib::Result valid = client.Put(path, connector_json().dump(), "application/json");
  ASSERT_TRUE(valid);
  ASSERT_EQ(valid->status, 200) << valid->body;
  nlohmann::json infos = nlohmann::json::parse(valid->body);
  EXPECT_EQ(infos["error_count"], 0) << valid->body;
  auto configs = by_name(infos);
  EXPECT_EQ(configs["value.converter"]["definition"]["default_value"],
            "org.apache.kafka.connect.json.JsonConverter");
  EXPECT_EQ(configs["value.converter"]["value"]["value"],
            "org.apache.kafka.connect.json.JsonConverter");
  EXPECT_EQ(configs["key.converter"]["value"]["value"],
            "org.apache.kafka.connect.storage.StringConverter");

  // A problem found by the checks of the parsed configuration: a converter override whose
  // sub-configuration the converter refuses.
  nlohmann::json bad = connector_json();
  bad["value.converter"] = "org.apache.kafka.connect.json.JsonConverter";
  bad["value.converter.schemas.enable"] = "maybe";
  httplib::Result invalid = client.Put(path, bad.dump(), "application/json");
  ASSERT_TRUE(invalid);
  ASSERT_EQ(invalid->status, 200) << invalid->body;
  nlohmann::json found = nlohmann::json::parse(invalid->body);
  EXPECT_EQ(found["error_count"], 1) << invalid->body;
  EXPECT_EQ(by_name(found)["value.converter"]["value"]["errors"].size(), 1u) << invalid->body;
}

}  // namespace
}  // namespace sluice::cli
