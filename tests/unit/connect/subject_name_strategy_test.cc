// Subject name strategies of the Confluent converters.
#include "connect/subject_name_strategy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::connect {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

SubjectNameStrategy read(const std::map<std::string, std::string>& config, bool is_key,
                         std::vector<std::string>* problems = nullptr) {
  ConverterOptions options(config, is_key ? "key.converter." : "value.converter.");
  SubjectNameStrategy s = read_subject_name_strategy(options, is_key);
  if (problems != nullptr) *problems = options.problems();
  return s;
}

TEST(SubjectNameStrategyTest, TopicNameByDefault) {
  EXPECT_EQ(read({}, false), SubjectNameStrategy::kTopicName);
  EXPECT_EQ(subject_name(SubjectNameStrategy::kTopicName, "orders", false, "com.x.Order").name(),
            "orders-value");
  EXPECT_EQ(subject_name(SubjectNameStrategy::kTopicName, "orders", true, "").name(), "orders-key");
}

TEST(SubjectNameStrategyTest, RecordStrategiesByFullOrSimpleClassName) {
  EXPECT_EQ(read({{"value.subject.name.strategy",
                   "io.confluent.kafka.serializers.subject.RecordNameStrategy"}},
                 false),
            SubjectNameStrategy::kRecordName);
  EXPECT_EQ(read({{"key.subject.name.strategy", " TopicRecordNameStrategy "}}, true),
            SubjectNameStrategy::kTopicRecordName);
  // The key's strategy does not set the value's.
  EXPECT_EQ(read({{"key.subject.name.strategy", "RecordNameStrategy"}}, false),
            SubjectNameStrategy::kTopicName);
  EXPECT_EQ(subject_name(SubjectNameStrategy::kRecordName, "orders", false, "com.x.Order").name(),
            "com.x.Order");
  EXPECT_EQ(
      subject_name(SubjectNameStrategy::kTopicRecordName, "orders", false, "com.x.Order").name(),
      "orders-com.x.Order");
}

TEST(SubjectNameStrategyTest, UnknownStrategyIsAProblemNamingTheKey) {
  std::vector<std::string> problems;
  read({{"value.subject.name.strategy", "com.acme.MyStrategy"}}, false, &problems);
  ASSERT_THAT(problems, ElementsAre(HasSubstr("Invalid value com.acme.MyStrategy for configuration "
                                              "value.converter.value.subject.name.strategy")));
}

}  // namespace
}  // namespace sluice::connect
