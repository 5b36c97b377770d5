// PUT /connector-plugins/{plugin}/config/validate against the answers recorded from a real Kafka
// Connect 4.4 worker running Confluent's S3 sink 12.1.9 (tests/data/rest/kafka-connect-4.4:
// validate_<case>.body/.status, request bodies in validate_requests/).
//
// The configuration is checked with the connector's real checks (S3SinkConnectorConfig::validate
// and the transforms' check_transform_configs, as `sluice validate` runs them); only the config
// providers and the worker's converter defaults are stood in for.
//
// Compared exactly: status codes and error bodies, `name`, the group list, the keys of each group
// in order (where both know the key; the keys only one side has are listed below with the
// reason), each shared key's type, required, default_value, importance, group, order_in_group,
// width, display_name and dependents, each value's `value`, which keys carry errors and
// error_count. Not compared: documentation (ours), recommended_values and visible (sluice
// computes neither, except the recommended classes of a transform's type), error texts where
// our validators' wording differs from Connect's.
#include "rest/validate_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "config/connector_config.h"
#include "recorded_responses.h"
#include "transforms/transform_config_check.h"

namespace sluice::rest {
namespace {

using nlohmann::json;

// Keys of Connect's answer that sluice's connector does not have: Connect 4.x's plugin version
// keys (KIP-891; sluice has one version of each plugin).
const std::set<std::string> kConnectOnly = {
    "connector.plugin.version", "key.converter.plugin.version", "value.converter.plugin.version",
    "header.converter.plugin.version"};

bool connect_only(const std::string& name) {
  return kConnectOnly.count(name) != 0 ||
         (name.ends_with(".plugin.version") &&
          (name.starts_with("transforms.") || name.starts_with("predicates.")));
}

// Keys sluice has that Confluent's connector does not: sluice's own keys, shown in the "" group
// as Connect shows keys defined without a group.
const std::set<std::string> kSluiceOnly = {
    "sluice.json.preserve.key.order", "sluice.json.double.digits", "shutdown.timeout.ms",
    "sluice.value.schema.file",       "sluice.value.schema.type",  "sluice.value.schema.subject",
    "sluice.s3.stall.timeout.ms"};

// Where sluice's answer differs on purpose (key -> definition field, or "value" for the value's
// value -> sluice's). sluice's table has no default for these secrets where Confluent's has an
// empty password (shown "[hidden]"); sluice's byte array separator defaults to "\n" where
// Confluent's null means the same line separator.
const std::map<std::string, std::map<std::string, json>> kDifferences = {
    {"aws.secret.access.key", {{"default_value", nullptr}}},
    {"s3.sse.customer.key", {{"default_value", nullptr}, {"value", nullptr}}},
    {"s3.proxy.password", {{"default_value", nullptr}, {"value", nullptr}}},
    {"format.bytearray.separator", {{"default_value", "\n"}, {"value", "\n"}}},
};

json expected_field(const std::string& name, const std::string& field, json connect) {
  if (auto k = kDifferences.find(name); k != kDifferences.end()) {
    if (auto f = k->second.find(field); f != k->second.end()) return f->second;
  }
  return connect;
}

// The checks of `sluice validate`, with config providers stood in for by a table of placeholders
// and the worker's converters those of the recorded worker (String converters).
class CheckingValidator : public ConfigValidator {
 public:
  std::map<std::string, std::string> provided;  // placeholder -> value

  ValidatedConfig validate(const config::RawConfig& connector) const override {
    ValidatedConfig out;
    out.resolved = connector;
    for (const config::RawEntry& e : connector.entries()) {
      if (auto it = provided.find(e.value); it != provided.end()) {
        out.resolved.replace_value(e.key, it->second);
      }
    }
    out.report.merge(config::S3SinkConnectorConfig::validate(out.resolved));
    out.report.merge(transforms::check_transform_configs(out.resolved));
    return out;
  }
  std::optional<std::string> worker_default(std::string_view key) const override {
    if (key == "key.converter" || key == "value.converter") {
      return "org.apache.kafka.connect.storage.StringConverter";
    }
    if (key == "header.converter") return "org.apache.kafka.connect.storage.SimpleHeaderConverter";
    return std::nullopt;
  }
};

constexpr const char* kPath =
    "/connector-plugins/io.confluent.connect.s3.S3SinkConnector/config/validate";

class ValidateApiTest : public ::testing::Test {
 protected:
  void SetUp() override { add_validate_route(&router_, &validator_, "12.1.9"); }

  Response put(const std::string& path, const std::string& body) {
    return router_.route(Request{"PUT", path, {}, body});
  }
  Response put_request(const std::string& path, const std::string& request_file) {
    return put(path, read_text("validate_requests/" + request_file));
  }
  // Status and parsed body of a recorded case.
  std::pair<int, json> recorded(const std::string& name) {
    return {std::stoi(read_text(name + ".status")), json::parse(read_text(name + ".body"))};
  }

  CheckingValidator validator_;
  Router router_;
};

// The configs of a ConfigInfos by name.
std::map<std::string, json> by_name(const json& infos) {
  std::map<std::string, json> out;
  for (const json& c : infos["configs"]) out[c["value"]["name"].get<std::string>()] = c;
  return out;
}

// Group -> the names of its keys by order_in_group, leaving out the keys only one side has.
// (Connect lists its keys in the order of the ConfigDefs that define them, so SinkConnectorConfig's
// topics and topics.regex, "Common" 4, come after "Error Handling"; sluice lists them by group and
// order in the group.)
std::map<std::string, std::vector<std::string>> keys_by_group(const json& infos) {
  std::vector<json> configs;
  for (const json& c : infos["configs"]) {
    if (!c["definition"].is_null()) configs.push_back(c["definition"]);
  }
  std::stable_sort(configs.begin(), configs.end(), [](const json& a, const json& b) {
    return a["order_in_group"].get<int>() < b["order_in_group"].get<int>();
  });
  std::map<std::string, std::vector<std::string>> out;
  for (const json& d : configs) {
    std::string name = d["name"];
    if (connect_only(name) || kSluiceOnly.count(name) != 0) continue;
    out[d["group"]].push_back(name);
  }
  return out;
}

std::map<std::string, std::vector<std::string>> errors_by_key(const json& infos) {
  std::map<std::string, std::vector<std::string>> out;
  for (const json& c : infos["configs"]) {
    if (!c["value"]["errors"].empty()) out[c["value"]["name"]] = c["value"]["errors"];
  }
  return out;
}

// Compares everything but the errors; returns the differences, one per line.
std::string compare_infos(const json& ours, const json& theirs) {
  std::ostringstream diff;
  if (ours["name"] != theirs["name"]) diff << "name: " << ours["name"] << "\n";
  if (ours["groups"] != theirs["groups"]) diff << "groups: " << ours["groups"] << "\n";
  if (keys_by_group(ours) != keys_by_group(theirs)) {
    for (const auto& [group, keys] : keys_by_group(theirs)) {
      if (keys_by_group(ours)[group] != keys) {
        diff << "group '" << group << "': " << json(keys_by_group(ours)[group]) << " vs "
             << json(keys) << "\n";
      }
    }
  }
  std::map<std::string, json> mine = by_name(ours);
  for (const auto& [name, entry] : by_name(theirs)) {
    if (connect_only(name)) continue;
    auto it = mine.find(name);
    if (it == mine.end()) {
      diff << name << ": missing\n";
      continue;
    }
    const json& d = it->second["definition"];
    for (const char* field : {"name", "type", "required", "default_value", "importance", "group",
                              "order_in_group", "width", "display_name", "dependents"}) {
      json expected = expected_field(name, field, entry["definition"][field]);
      if (d[field] != expected) {
        diff << name << "." << field << ": " << d[field] << " vs " << expected << "\n";
      }
    }
    json expected = expected_field(name, "value", entry["value"]["value"]);
    if (it->second["value"]["value"] != expected) {
      diff << name << ".value: " << it->second["value"]["value"] << " vs " << expected << "\n";
    }
  }
  return diff.str();
}

TEST_F(ValidateApiTest, ValidConfigAnswersLikeConnect) {
  Response ours = put_request(kPath, "valid.json");
  auto [status, theirs] = recorded("validate_valid");
  ASSERT_EQ(ours.status, status) << ours.body;
  json parsed = json::parse(ours.body);
  EXPECT_EQ(compare_infos(parsed, theirs), "");
  EXPECT_EQ(parsed["error_count"], 0) << json(errors_by_key(parsed));
  // The secret is hidden.
  json secret = by_name(parsed)["aws.secret.access.key"];
  EXPECT_EQ(secret["value"]["value"], "[hidden]");
  EXPECT_EQ(secret["definition"]["type"], "PASSWORD");
}

// The invalid configurations: which keys carry errors and how many, where the recording differs
// only as `differences` says (key -> sluice's error count there).
void expect_errors_like_connect(const json& ours, const json& theirs,
                                const std::map<std::string, int>& differences = {}) {
  EXPECT_EQ(compare_infos(ours, theirs), "");
  std::map<std::string, std::vector<std::string>> mine = errors_by_key(ours);
  std::map<std::string, std::vector<std::string>> connect = errors_by_key(theirs);
  int expected_count = theirs["error_count"];
  for (const auto& [key, count] : differences) {
    expected_count += count - static_cast<int>(connect[key].size());
    if (count == 0) connect.erase(key);
  }
  for (const auto& [key, errors] : connect) {
    EXPECT_TRUE(mine.count(key) != 0) << key << " has no error; Connect's: " << json(errors);
  }
  for (const auto& [key, errors] : mine) {
    EXPECT_TRUE(connect.count(key) != 0) << key << " has errors Connect does not: " << json(errors);
  }
  EXPECT_EQ(ours["error_count"], expected_count) << json(mine);
}

TEST_F(ValidateApiTest, InvalidValuesAreReportedOnTheirKeys) {
  Response ours = put_request(kPath, "invalid_values.json");
  auto [status, theirs] = recorded("validate_invalid_values");
  ASSERT_EQ(ours.status, status) << ours.body;
  json parsed = json::parse(ours.body);
  // Connect puts "Must configure one of topics or topics.regex" on both keys; sluice reports it
  // once, on topics. Unknown keys are warnings in sluice, and not listed by Connect either.
  expect_errors_like_connect(parsed, theirs, {{"topics.regex", 0}});
  // A CLASS value naming no class and a number that does not parse show as null, as in Connect;
  // a value its validator refuses shows as given.
  std::map<std::string, json> configs = by_name(parsed);
  EXPECT_TRUE(configs["format.class"]["value"]["value"].is_null());
  EXPECT_TRUE(configs["flush.size"]["value"]["value"].is_null());
  EXPECT_EQ(configs["s3.part.size"]["value"]["value"], "100");
}

TEST_F(ValidateApiTest, InvalidCommonKeysAreReportedOnTheirKeys) {
  Response ours = put_request(kPath, "invalid_common.json");
  auto [status, theirs] = recorded("validate_invalid_common");
  ASSERT_EQ(ours.status, status) << ours.body;
  expect_errors_like_connect(json::parse(ours.body), theirs);
}

TEST_F(ValidateApiTest, TransformAliasesGetTheirOwnGroups) {
  Response ours = put_request(kPath, "invalid_transforms.json");
  auto [status, theirs] = recorded("validate_invalid_transforms");
  ASSERT_EQ(ours.status, status) << ours.body;
  json parsed = json::parse(ours.body);
  expect_errors_like_connect(parsed, theirs);
  std::map<std::string, json> configs = by_name(parsed);
  std::map<std::string, json> connect = by_name(theirs);
  for (const char* type : {"transforms.ok.type", "transforms.badtype.type"}) {
    EXPECT_EQ(configs[type]["value"]["recommended_values"],
              connect[type]["value"]["recommended_values"])
        << type;
  }
  // sluice's messages are its own (none is word for word Connect's), but each names its key.
  for (const auto& [key, errors] : errors_by_key(parsed)) {
    for (const std::string& e : errors) EXPECT_THAT(e, ::testing::HasSubstr(key));
  }
  EXPECT_TRUE(configs["transforms.badtype.type"]["value"]["value"].is_null());
  EXPECT_EQ(configs["transforms.ok.static.field"]["value"]["value"], "src");
}

TEST_F(ValidateApiTest, ValuesFromConfigProvidersShowAsTheirPlaceholders) {
  validator_.provided = {{"${env:H4_BUCKET}", "from-env-bucket"},
                         {"${file:/tmp/h4oracle/secrets.properties:secret}", "from-file-secret"},
                         {"${file:/tmp/h4oracle/secrets.properties:bucket}", "from-file-bucket"}};
  Response ours = put_request(kPath, "provider2.json");
  auto [status, theirs] = recorded("validate_provider_resolved");
  ASSERT_EQ(ours.status, status) << ours.body;
  json parsed = json::parse(ours.body);
  // Connect's env provider leaves ${env:H4_MISSING} as it is, and flush.size fails to parse.
  expect_errors_like_connect(parsed, theirs);
  // Even the password shows as its placeholder, as in Connect.
  EXPECT_EQ(by_name(parsed)["aws.secret.access.key"]["value"]["value"],
            "${file:/tmp/h4oracle/secrets.properties:secret}");
}

TEST_F(ValidateApiTest, AliasesOfTheConnectorClass) {
  for (const auto& [path, request, name] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"/connector-plugins/S3SinkConnector/config/validate", "valid.json",
            "validate_alias_path"},
           {"/connector-plugins/S3SinkConnector/config/validate", "alias.json",
            "validate_alias_class"}}) {
    Response ours = put_request(path, request);
    auto [status, theirs] = recorded(name);
    ASSERT_EQ(ours.status, status) << name << ": " << ours.body;
    json parsed = json::parse(ours.body);
    EXPECT_EQ(parsed["name"], theirs["name"]) << name;
    EXPECT_EQ(parsed["error_count"], 0) << name << ": " << json(errors_by_key(parsed));
  }
}

TEST_F(ValidateApiTest, ErrorBodiesAreConnects) {
  struct Case {
    std::string name, path, body;
  };
  const std::string ours_path = kPath;
  for (const Case& c : std::vector<Case>{
           {"validate_unknown_plugin",
            "/connector-plugins/com.example.NoSuchConnector/config/validate",
            read_text("validate_requests/valid.json")},
           {"validate_mismatched_class", ours_path, read_text("validate_requests/mismatch.json")},
           {"validate_empty_body", ours_path, ""},
           {"validate_no_body", ours_path, ""},
           {"validate_empty_object", ours_path, "{}"}}) {
    Response ours = put(c.path, c.body);
    auto [status, theirs] = recorded(c.name);
    EXPECT_EQ(ours.status, status) << c.name;
    EXPECT_EQ(json::parse(ours.body), theirs) << c.name;
  }
  Response wrong_method = router_.route(Request{"POST", kPath, {}, "{}"});
  auto [status, theirs] = recorded("validate_wrong_method");
  EXPECT_EQ(wrong_method.status, status);
  EXPECT_EQ(json::parse(wrong_method.body), theirs);
}

TEST_F(ValidateApiTest, UnknownClassAndBadJsonAnswer500) {
  // Connect's messages quote its plugin descriptors and Jackson's parser positions; the status,
  // the error code and the start of the message are the same.
  Response unknown =
      put_request("/connector-plugins/com.example.NoSuchConnector/config/validate", "unknown.json");
  auto [status, theirs] = recorded("validate_unknown_class");
  EXPECT_EQ(unknown.status, status);
  std::string prefix = theirs["message"].get<std::string>().substr(0, 230);
  EXPECT_THAT(json::parse(unknown.body)["message"].get<std::string>(),
              ::testing::StartsWith(prefix));
  for (const auto& [request, name] : std::vector<std::pair<std::string, std::string>>{
           {"malformed.json", "validate_malformed"}, {"notobject.json", "validate_not_object"}}) {
    Response ours = put_request(kPath, request);
    auto [code, body] = recorded(name);
    EXPECT_EQ(ours.status, code) << name;
    EXPECT_EQ(json::parse(ours.body)["error_code"], body["error_code"]) << name;
  }
  EXPECT_THAT(json::parse(put_request(kPath, "notobject.json").body)["message"].get<std::string>(),
              ::testing::StartsWith("Cannot deserialize value of type `java.util.LinkedHashMap"));
}

}  // namespace
}  // namespace sluice::rest
