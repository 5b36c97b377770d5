// RegexRouter, TimestampRouter and Filter. Expected values come from running Apache Kafka
// 4.4's transforms (connect-transforms-4.4.0.jar) on the same records in a JVM with UTC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "transform_test_support.h"

namespace sluice::transforms {
namespace {

using testing::build_errors;
using ::testing::HasSubstr;
using testing::make_record;
using testing::must_build;
using testing::transform;

struct Applied {
  Result<Disposition> result;
  std::string topic;
  std::string_view failure_class;
};

Applied apply(TransformChain& chain, connect::SinkRecord record, connect::Arena& arena) {
  TransformContext context{arena};
  auto result = chain.apply(record, context);
  return {std::move(result), std::string(record.topic), context.failure_class};
}

TEST(RegexRouterTest, RenamesWhenTheWholeTopicMatches) {
  connect::Arena arena;
  auto chain = must_build({transform(
      "r", "RegexRouter",
      {{"regex", "(?<base>[a-z]+)-(?<region>[a-z]+)"}, {"replacement", "${region}.${base}"}})});
  ASSERT_NE(chain, nullptr);
  EXPECT_EQ(apply(*chain, make_record(arena, "orders-eu", "v"), arena).topic, "eu.orders");
  // "orders-eu-1" does not match as a whole, so it keeps its topic.
  EXPECT_EQ(apply(*chain, make_record(arena, "orders-eu-1", "v"), arena).topic, "orders-eu-1");
}

TEST(RegexRouterTest, BadGroupReferenceFailsMatchingRecordsAsJava) {
  connect::Arena arena;
  config::ConfigReport report;
  auto chain = TransformChain::build(
      {transform("r", "RegexRouter", {{"regex", "(orders)-(.*)"}, {"replacement", "$3"}})}, {},
      &report);
  ASSERT_NE(chain, nullptr);  // Kafka accepts it at configure()
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].key, "transforms.r.replacement");
  EXPECT_EQ(apply(*chain, make_record(arena, "payments", "v"), arena).topic, "payments");
  Applied failed = apply(*chain, make_record(arena, "orders-eu", "v"), arena);
  ASSERT_FALSE(failed.result.ok());
  EXPECT_EQ(failed.result.status().message(), "No group 3");
  EXPECT_EQ(failed.failure_class, "java.lang.IndexOutOfBoundsException");
}

TEST(RegexRouterTest, RequiresBothKeys) {
  EXPECT_EQ(build_errors({transform("r", "RegexRouter")}),
            (std::vector<std::string>{
                "transforms.r.regex: Missing required configuration 'transforms.r.regex' which "
                "has no default value",
                "transforms.r.replacement: Missing required configuration "
                "'transforms.r.replacement' which has no default value"}));
}

TEST(TimestampRouterTest, FormatsTopicWithRecordTimestampInUtc) {
  connect::Arena arena;
  auto defaults = must_build({transform("t", "TimestampRouter")});
  ASSERT_NE(defaults, nullptr);
  connect::SinkRecord r = make_record(arena, "orders", nullptr);
  r.timestamp = 1700000000123;
  EXPECT_EQ(apply(*defaults, r, arena).topic, "orders-20231114");

  auto custom = must_build({transform("t", "org.apache.kafka.connect.transforms.TimestampRouter",
                                      {{"topic.format", "x_${topic}_${timestamp}_${topic}"},
                                       {"timestamp.format", "yyyy-MM-dd'T'HH"}})});
  ASSERT_NE(custom, nullptr);
  EXPECT_EQ(apply(*custom, r, arena).topic, "x_orders_2023-11-14T22_orders");
}

TEST(TimestampRouterTest, RecordWithoutTimestampFailsWithKafkasMessage) {
  connect::Arena arena;
  auto chain = must_build({transform("t", "TimestampRouter")});
  ASSERT_NE(chain, nullptr);
  connect::SinkRecord r = make_record(arena, "orders", "v");
  r.partition = 3;
  r.offset = 42;
  r.timestamp.reset();
  r.timestamp_type = connect::TimestampType::kNone;
  Applied failed = apply(*chain, r, arena);
  ASSERT_FALSE(failed.result.ok());
  // Java: "Timestamp missing on record: SinkRecord{kafkaOffset=42, timestampType=NoTimestampType,
  // originalTopic=orders, originalKafkaPartition=3, originalKafkaOffset=42} ConnectRecord{topic=
  // 'orders', kafkaPartition=3, key=..., value=..., timestamp=null, headers=...}"; sluice leaves
  // the record's contents out.
  EXPECT_THAT(failed.result.status().message(),
              HasSubstr("Timestamp missing on record: SinkRecord{kafkaOffset=42, "
                        "timestampType=NoTimestampType, originalTopic=orders, "
                        "originalKafkaPartition=3, originalKafkaOffset=42} "
                        "ConnectRecord{topic='orders', kafkaPartition=3, "));
  EXPECT_EQ(failed.failure_class, kDataException);
}

TEST(TimestampRouterTest, BadTimestampFormatFailsRecordsAsJava) {
  connect::Arena arena;
  config::ConfigReport report;
  auto chain = TransformChain::build(
      {transform("t", "TimestampRouter", {{"timestamp.format", "yyyyq"}})}, {}, &report);
  ASSERT_NE(chain, nullptr);  // Java creates the SimpleDateFormat on first use
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].key, "transforms.t.timestamp.format");
  Applied failed = apply(*chain, make_record(arena, "orders", "v"), arena);
  ASSERT_FALSE(failed.result.ok());
  EXPECT_EQ(failed.result.status().message(), "Illegal pattern character 'q'");
  EXPECT_EQ(failed.failure_class, kIllegalArgumentException);
}

TEST(FilterTest, DropsEveryRecord) {
  connect::Arena arena;
  auto chain = must_build({transform("f", "org.apache.kafka.connect.transforms.Filter")});
  ASSERT_NE(chain, nullptr);
  Applied a = apply(*chain, make_record(arena, "orders", "v"), arena);
  ASSERT_TRUE(a.result.ok());
  EXPECT_EQ(*a.result, Disposition::kDrop);
}

}  // namespace
}  // namespace sluice::transforms
