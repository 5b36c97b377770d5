#include "transforms/transform_chain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "transform_test_support.h"

namespace sluice::transforms {
namespace {

using testing::build_errors;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::header_keys;
using testing::make_record;
using testing::must_build;
using testing::predicate;
using testing::transform;

// The expected outcomes were produced by Kafka Connect 4.4's own TransformationStage objects
// (org.apache.kafka.connect.runtime) wrapping the real RegexRouter, InsertHeader, DropHeaders,
// Filter, TopicNameMatches and RecordIsTombstone, applied to the same four records:
//   orders-raw   -> topic=orders-clean headers=other=x:STRING
//   payments-raw -> dropped
//   payments     -> topic=payments headers=other=x:STRING source=42:INT8
//   orders-eu    -> dropped
TEST(TransformChainTest, ChainWithPredicatesDoesWhatConnectDoes) {
  auto chain = must_build(
      {transform("route", "org.apache.kafka.connect.transforms.RegexRouter",
                 {{"regex", "(.*)-raw"}, {"replacement", "$1-clean"}}),
       transform("tag", "InsertHeader", {{"header", "source"}, {"value.literal", "42"}}, "isOrders",
                 /*negate=*/true),
       transform("drop", "org.apache.kafka.connect.transforms.DropHeaders",
                 {{"headers", "secret"}}),
       transform("dropTomb", "Filter", {}, "isTomb")},
      {predicate("isTomb", "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone"),
       predicate("isOrders", "TopicNameMatches", {{"pattern", "orders-.*"}})});
  ASSERT_NE(chain, nullptr);
  ASSERT_EQ(chain->size(), 4u);
  connect::Arena arena;
  const std::vector<std::pair<std::string, std::string>> headers = {{"secret", "s"},
                                                                    {"other", "x"}};

  auto run = [&](const char* topic, const char* value, connect::SinkRecord* out) {
    *out = make_record(arena, topic, value, headers);
    TransformContext context{arena};
    auto result = chain->apply(*out, context);
    EXPECT_TRUE(result.ok()) << result.status().message();
    return result.ok() ? *result : Disposition::kKeep;
  };
  connect::SinkRecord r;
  ASSERT_EQ(run("orders-raw", "v", &r), Disposition::kKeep);
  EXPECT_EQ(r.topic, "orders-clean");
  EXPECT_EQ(header_keys(r), "other;");

  EXPECT_EQ(run("payments-raw", nullptr, &r), Disposition::kDrop);

  ASSERT_EQ(run("payments", "v", &r), Disposition::kKeep);
  EXPECT_EQ(r.topic, "payments");
  ASSERT_EQ(header_keys(r), "other;source;");
  EXPECT_EQ(r.headers[1].schema->type, connect::SchemaType::kInt8);
  EXPECT_EQ(r.headers[1].value.as_int(), 42);

  EXPECT_EQ(run("orders-eu", nullptr, &r), Disposition::kDrop);
}

TEST(TransformChainTest, ReportsEveryProblemInOnePassWithFullKeys) {
  auto errors = build_errors(
      {transform("route", "RegexRouter", {{"regex", "a(b"}}),
       transform("hdr", "org.apache.kafka.connect.transforms.InsertHeader", {{"header", "h"}}),
       transform("nope", "com.example.MyTransform")},
      {predicate("p", "TopicNameMatches", {{"pattern", " "}}),
       predicate("q", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey")});
  ASSERT_EQ(errors.size(), 6u) << ::testing::PrintToString(errors);
  EXPECT_THAT(errors[0], HasSubstr("predicates.p.pattern: Invalid value ' ' for configuration "
                                   "predicates.p.pattern: must not be empty"));
  EXPECT_THAT(errors[1], HasSubstr("predicates.q.name: Missing required configuration "
                                   "'predicates.q.name' which has no default value"));
  EXPECT_THAT(errors[2], HasSubstr("transforms.route.regex: Invalid value 'a(b' for "
                                   "configuration transforms.route.regex: Invalid regex: "));
  EXPECT_THAT(errors[3], HasSubstr("transforms.route.replacement: Missing required configuration "
                                   "'transforms.route.replacement'"));
  EXPECT_THAT(errors[4], HasSubstr("transforms.hdr.value.literal: Missing required"));
  EXPECT_THAT(errors[5], HasSubstr("transforms.nope.type: Invalid value 'com.example.MyTransform' "
                                   "for configuration transforms.nope.type: Class "
                                   "com.example.MyTransform could not be found; the known "
                                   "transforms are "));
  EXPECT_THAT(errors[5],
              HasSubstr("org.apache.kafka.connect.transforms.RegexRouter (RegexRouter)"));
}

TEST(TransformChainTest, AcceptsPluginAliasesAsConnectDoes) {
  // DelegatingClassLoader resolves the simple class name, or the simple name without the
  // plugin kind's suffix, when no other plugin claims it; class names are case-sensitive.
  EXPECT_NE(resolve_transform_type("RegexRouter"), nullptr);
  EXPECT_NE(resolve_transform_type("org.apache.kafka.connect.transforms.TimestampRouter"), nullptr);
  EXPECT_EQ(resolve_transform_type("regexrouter"), nullptr);
  EXPECT_EQ(resolve_transform_type("org.apache.kafka.connect.transforms.RegexRouterX"), nullptr);
  EXPECT_NE(resolve_predicate_type("HasHeaderKey"), nullptr);
  // A predicate is not a transform, and the other way round.
  EXPECT_EQ(resolve_transform_type("HasHeaderKey"), nullptr);
  EXPECT_EQ(resolve_predicate_type("Filter"), nullptr);
  EXPECT_THAT(build_errors({}, {predicate("p", "Filter")}),
              ElementsAre(HasSubstr("predicates.p.type: Invalid value 'Filter'")));
}

TEST(TransformChainTest, WarnsAboutUnknownParametersWithTheirFullKey) {
  config::ConfigReport report;
  auto chain = TransformChain::build({transform("f", "Filter", {{"foo", "bar"}})}, {}, &report);
  ASSERT_NE(chain, nullptr);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].key, "transforms.f.foo");
  EXPECT_EQ(report.warnings[0].message, "Unknown configuration 'transforms.f.foo' is ignored");
}

TEST(TransformChainTest, NamesTheFailingTransformClass) {
  auto chain = must_build({transform("ts", "TimestampRouter")});
  ASSERT_NE(chain, nullptr);
  connect::Arena arena;
  connect::SinkRecord r = make_record(arena, "orders", "v");
  r.timestamp.reset();
  r.timestamp_type = connect::TimestampType::kNone;
  TransformContext context{arena};
  auto result = chain->apply(r, context);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kDataError);
  EXPECT_EQ(chain->failed_class(), "org.apache.kafka.connect.transforms.TimestampRouter");
  EXPECT_EQ(context.failure_class, kDataException);
}

TEST(TransformChainTest, EmptyChainKeepsRecords) {
  auto chain = must_build({});
  ASSERT_NE(chain, nullptr);
  EXPECT_TRUE(chain->empty());
  connect::Arena arena;
  connect::SinkRecord r = make_record(arena, "orders", nullptr);
  TransformContext context{arena};
  auto result = chain->apply(r, context);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, Disposition::kKeep);
}

}  // namespace
}  // namespace sluice::transforms
