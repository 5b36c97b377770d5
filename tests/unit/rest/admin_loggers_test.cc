#include "rest/admin_loggers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "util/log.h"

namespace sluice::rest {
namespace {

using Json = nlohmann::json;

class AdminLoggersTest : public ::testing::Test {
 protected:
  AdminLoggersTest() {
    add_admin_logger_routes(&router_, [] { return int64_t{1700000000000}; });
    util::set_logger_level("root", spdlog::level::info, 1);
  }
  Response call(std::string method, std::string path, std::string body = "",
                std::multimap<std::string, std::string> query = {}) {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.query = std::move(query);
    return router_.route(r);
  }
  Router router_;
};

TEST_F(AdminLoggersTest, ListsEveryLogger) {
  Response r = call("GET", "/admin/loggers");
  ASSERT_EQ(r.status, 200);
  Json body = Json::parse(r.body);
  EXPECT_FALSE(body.contains("root"));  // as Connect 4.4
  EXPECT_EQ(Json::parse(call("GET", "/admin/loggers/root").body)["level"], "INFO");
  EXPECT_TRUE(body["sluice.kafka"].contains("last_modified"));
  EXPECT_EQ(body["sluice.kafka"]["level"], "INFO");
}

TEST_F(AdminLoggersTest, SetsALoggerAndItsDescendants) {
  Response r = call("PUT", "/admin/loggers/sluice", R"({"level":"debug"})");
  ASSERT_EQ(r.status, 200) << r.body;
  Json changed = Json::parse(r.body);
  EXPECT_EQ(changed.size(), 18u);
  EXPECT_EQ(changed[0], "sluice.avro");
  Json one = Json::parse(call("GET", "/admin/loggers/sluice.storage").body);
  EXPECT_EQ(one["level"], "DEBUG");
  EXPECT_EQ(one["last_modified"], 1700000000000);
  EXPECT_EQ(Json::parse(call("GET", "/admin/loggers/root").body)["level"], "INFO");
}

TEST_F(AdminLoggersTest, ConnectsErrors) {
  Response bad = call("PUT", "/admin/loggers/sluice.sink", R"({"level":"LOUD"})");
  EXPECT_EQ(bad.status, 404);
  EXPECT_EQ(Json::parse(bad.body)["message"], "invalid log level 'LOUD'.");
  Response missing = call("PUT", "/admin/loggers/sluice.sink", R"({"lvl":"DEBUG"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(Json::parse(missing.body)["message"],
            "Desired 'level' parameter was not specified in request.");
  Response unknown = call("GET", "/admin/loggers/com.example");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Json::parse(unknown.body)["message"], "Logger com.example not found.");
  EXPECT_EQ(call("PUT", "/admin/loggers/com.example", R"({"level":"DEBUG"})").status, 404);
  EXPECT_EQ(call("PUT", "/admin/loggers/sluice.sink", "notjson").status, 500);
  EXPECT_EQ(call("PUT", "/admin/loggers/sluice.sink", R"({"level":null})").status, 400);
}

TEST_F(AdminLoggersTest, ClusterScopeAnswersNoContent) {
  Response r = call("PUT", "/admin/loggers/org.apache.kafka.clients", R"({"level":"TRACE"})",
                    {{"scope", "cluster"}});
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(util::module_log(util::LogModule::kKafka).level(), spdlog::level::trace);
  Response worker = call("PUT", "/admin/loggers/org.apache.kafka.clients", R"({"level":"INFO"})",
                         {{"scope", "nonsense"}});
  EXPECT_EQ(worker.status, 200);
  EXPECT_EQ(Json::parse(worker.body), Json::array({"sluice.kafka"}));
}

}  // namespace
}  // namespace sluice::rest
