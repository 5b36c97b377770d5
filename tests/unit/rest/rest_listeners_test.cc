#include "rest/rest_listeners.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rest/test_worker.h"

namespace sluice::rest {
namespace {

config::WorkerConfig worker(std::initializer_list<std::pair<std::string, std::string>> extra) {
  return test_worker(extra);
}

TEST(RestListenersTest, WorkerIdIsTheListenersHostAndBoundPort) {
  // Connect: listeners=http://127.0.0.1:18383 shows worker_id "127.0.0.1:18383".
  EXPECT_EQ(advertised_worker_id(worker({{"listeners", "http://127.0.0.1:0"}}), {41234}, "box"),
            "127.0.0.1:41234");
}

TEST(RestListenersTest, EveryInterfaceListenerAdvertisesTheMachine) {
  EXPECT_EQ(advertised_worker_id(worker({{"listeners", "http://:8083"}}), {8083}, "box"),
            "box:8083");
}

TEST(RestListenersTest, AdvertisedKeysOverrideHostAndPort) {
  config::WorkerConfig w = worker({{"listeners", "http://127.0.0.1:8083"},
                                   {"rest.advertised.host.name", "sluice-0.sluice"},
                                   {"rest.advertised.port", "80"}});
  EXPECT_EQ(advertised_worker_id(w, {8083}, "box"), "sluice-0.sluice:80");
}

TEST(RestListenersTest, AdvertisedListenerPicksTheListenerOfThatScheme) {
  config::WorkerConfig w = worker({{"listeners", "http://127.0.0.1:8083,http://10.0.0.5:9000"},
                                   {"rest.advertised.listener", "http"}});
  EXPECT_EQ(advertised_worker_id(w, {8083, 9000}, "box"), "127.0.0.1:8083");
}

TEST(RestListenersTest, AnHttpsListenerNeedsAKeyStore) {
  EXPECT_THAT(check_rest_listeners(worker({{"listeners", "http://127.0.0.1:8083"}}), ""),
              ::testing::IsEmpty());
  // No listeners.https. key: Connect falls back to the worker's ssl.* keys, which name none.
  std::vector<config::ConfigProblem> problems =
      check_rest_listeners(worker({{"listeners", "https://127.0.0.1:8443"}}), "");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, ::testing::HasSubstr("ssl.keystore.location"));
  problems = check_rest_listeners(
      worker({{"listeners", "https://127.0.0.1:8443"},
              {"listeners.https.ssl.keystore.location", "/nonexistent/keystore.p12"}}),
      "");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, ::testing::HasSubstr("listeners.https.ssl.keystore.location"));
}

TEST(RestListenersTest, HttpsAdminListenersUseTheirOwnPrefix) {
  // admin.listeners.https. keys, when set, are what an https admin listener uses.
  std::vector<config::ConfigProblem> problems = check_rest_listeners(
      worker({{"admin.listeners", "https://127.0.0.1:9443"},
              {"admin.listeners.https.ssl.keystore.location", "/nonexistent/admin.p12"},
              {"listeners.https.ssl.keystore.location", "/nonexistent/main.p12"}}),
      "");
  ASSERT_EQ(problems.size(), 1u);  // the main listener is http: its TLS keys are not read
  EXPECT_EQ(problems[0].key, "admin.listeners.https.");
  EXPECT_THAT(problems[0].message,
              ::testing::AllOf(::testing::HasSubstr("admin.listeners.https.ssl.keystore.location"),
                               ::testing::HasSubstr("/nonexistent/admin.p12")));
  // An empty admin.listeners disables the admin endpoints: nothing to check.
  EXPECT_THAT(check_rest_listeners(worker({{"admin.listeners", ""}}), ""), ::testing::IsEmpty());
  EXPECT_TRUE(worker({{"admin.listeners", ""}}).admin_listeners()->empty());
  EXPECT_FALSE(worker({}).admin_listeners().has_value());
}

TEST(RestListenersTest, LoopbackHosts) {
  for (const char* host : {"127.0.0.1", "127.3.2.1", "localhost", "LOCALHOST", "[::1]", "::1"}) {
    EXPECT_TRUE(is_loopback_listener(config::RestListener{"http", host, 1})) << host;
  }
  for (const char* host :
       {"", "0.0.0.0", "10.0.0.5", "128.0.0.1", "[::]", "sluice-0", "[fe80::1]"}) {
    EXPECT_FALSE(is_loopback_listener(config::RestListener{"http", host, 1})) << host;
  }
}

TEST(RestListenersTest, AnExposedListenerNeedsAuthenticationOrTheOptOut) {
  std::vector<config::ConfigProblem> problems =
      check_rest_listeners(worker({{"listeners", "http://127.0.0.1:8083,http://:8084"}}), "");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "listeners");
  EXPECT_EQ(problems[0].value, "http://127.0.0.1:8083,http://:8084");
  EXPECT_THAT(problems[0].message,
              ::testing::AllOf(::testing::HasSubstr("http://:8084"),
                               ::testing::HasSubstr("sluice.rest.basic.auth.credentials.file"),
                               ::testing::HasSubstr("sluice.rest.allow.unauthenticated=true")));
  problems = check_rest_listeners(
      worker({{"listeners", "http://127.0.0.1:8083"}, {"admin.listeners", "http://10.1.2.3:9"}}),
      "");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "admin.listeners");
  EXPECT_THAT(check_rest_listeners(worker({{"listeners", "http://:8083"},
                                           {"sluice.rest.allow.unauthenticated", "true"}}),
                                   ""),
              ::testing::IsEmpty());
}

TEST(RestListenersTest, AnUnreadableCredentialsFileIsAProblem) {
  std::vector<config::ConfigProblem> problems = check_rest_listeners(
      worker({{"listeners", "http://:8083"},
              {"sluice.rest.basic.auth.credentials.file", "/nonexistent/credentials"}}),
      "");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "sluice.rest.basic.auth.credentials.file");
  EXPECT_THAT(problems[0].message, ::testing::HasSubstr("/nonexistent/credentials"));
}

}  // namespace
}  // namespace sluice::rest
