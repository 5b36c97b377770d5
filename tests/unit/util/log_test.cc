#include "util/log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::util {
namespace {

using ::testing::ElementsAre;

TEST(LogTest, ModuleLoggersAreNamedAndShareTheDefaultSinks) {
  EXPECT_EQ(module_log(LogModule::kKafka).name(), "sluice.kafka");
  EXPECT_EQ(module_log(LogModule::kSchemaRegistry).name(), "sluice.schema_registry");
  EXPECT_EQ(module_log(LogModule::kSink).sinks(), spdlog::default_logger()->sinks());
}

TEST(LogTest, SpdlogsGlobalLevelReachesTheModuleLoggers) {
  // What --log-level does: spdlog::set_level sets every registered logger.
  spdlog::set_level(spdlog::level::debug);
  EXPECT_EQ(module_log(LogModule::kSink).level(), spdlog::level::debug);
  EXPECT_EQ(logger_level("root")->level, "DEBUG");
  spdlog::set_level(spdlog::level::info);
  EXPECT_EQ(module_log(LogModule::kSink).level(), spdlog::level::info);
}

TEST(LogTest, Log4jLevels) {
  EXPECT_EQ(parse_log4j_level("debug"), spdlog::level::debug);
  EXPECT_EQ(parse_log4j_level("FATAL"), spdlog::level::critical);
  EXPECT_EQ(parse_log4j_level("ALL"), spdlog::level::trace);
  EXPECT_EQ(parse_log4j_level("OFF"), spdlog::level::off);
  EXPECT_FALSE(parse_log4j_level("VERBOSE"));
  EXPECT_EQ(log4j_level_name(spdlog::level::err), "ERROR");
  EXPECT_EQ(log4j_level_name(spdlog::level::critical), "FATAL");
}

TEST(LogTest, ALevelSetsTheNameAndItsDescendants) {
  set_logger_level("root", spdlog::level::info, 1);
  std::optional<std::vector<std::string>> changed =
      set_logger_level("sluice", spdlog::level::warn, 2);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->size(), 18u);
  EXPECT_EQ(module_log(LogModule::kStorage).level(), spdlog::level::warn);
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::info);  // root is above sluice

  changed = set_logger_level("sluice.sink", spdlog::level::debug, 3);
  EXPECT_THAT(*changed, ElementsAre("sluice.sink"));
  EXPECT_EQ(logger_level("sluice.sink")->level, "DEBUG");
  EXPECT_EQ(logger_level("sluice.sink")->last_modified_ms, 3);
  EXPECT_EQ(logger_level("sluice.storage")->level, "WARN");

  changed = set_logger_level("root", spdlog::level::err, 4);
  EXPECT_EQ(changed->size(), 19u);
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::err);
  EXPECT_EQ(module_log(LogModule::kSink).level(), spdlog::level::err);
  set_logger_level("root", spdlog::level::info, 5);
}

TEST(LogTest, JavaNamespacesAreAliasesAndAncestorsOfAliasesReachThemToo) {
  set_logger_level("root", spdlog::level::info, 1);
  std::optional<std::vector<std::string>> changed =
      set_logger_level("org.apache.kafka.clients", spdlog::level::debug, 2);
  EXPECT_THAT(*changed, ElementsAre("sluice.kafka"));
  EXPECT_EQ(module_log(LogModule::kKafka).level(), spdlog::level::debug);
  EXPECT_EQ(module_log(LogModule::kRuntime).level(), spdlog::level::info);

  // org.apache.kafka is above org.apache.kafka.connect, .clients and .common.config.provider.
  changed = set_logger_level("org.apache.kafka", spdlog::level::trace, 3);
  EXPECT_THAT(*changed, ElementsAre("sluice.cli", "sluice.config", "sluice.connect", "sluice.kafka",
                                    "sluice.providers", "sluice.rest", "sluice.runtime",
                                    "sluice.transforms"));
  // An alias shows the most verbose level of its loggers.
  set_logger_level("sluice.sink", spdlog::level::debug, 4);
  EXPECT_EQ(logger_level("io.confluent.connect.s3")->level, "DEBUG");
  set_logger_level("root", spdlog::level::info, 5);
}

TEST(LogTest, UnknownNamesChangeNothing) {
  EXPECT_FALSE(set_logger_level("com.example", spdlog::level::debug, 1));
  EXPECT_FALSE(set_logger_level("sluice.kafk", spdlog::level::debug, 1));
  EXPECT_FALSE(
      set_logger_level("org.apache.kafka.connect.runtime.Worker", spdlog::level::debug, 1));
  EXPECT_FALSE(logger_level("com.example"));
}

}  // namespace
}  // namespace sluice::util
