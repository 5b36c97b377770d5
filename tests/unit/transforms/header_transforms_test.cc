// InsertHeader, DropHeaders and the predicates. Expected values come from running Apache Kafka
// 4.4's transforms and predicates (connect-transforms-4.4.0.jar) on the same records.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "transform_test_support.h"

namespace sluice::transforms {
namespace {

using testing::build_errors;
using testing::header_keys;
using testing::make_record;
using testing::must_build;
using testing::predicate;
using testing::transform;

connect::SinkRecord applied(TransformChain& chain, connect::SinkRecord record,
                            connect::Arena& arena) {
  TransformContext context{arena};
  auto result = chain.apply(record, context);
  EXPECT_TRUE(result.ok());
  return record;
}

TEST(InsertHeaderTest, TypesTheLiteralAsValuesParseString) {
  // Java: "42" -> INT8 42, "true" -> BOOLEAN, "[1,2]" -> ARRAY, "hello world" -> STRING,
  // "null" -> null schema and value, "  padded  " -> STRING "padded" (ConfigDef trims),
  // "3.5" -> FLOAT32, "2024-01-05" -> INT32 org.apache.kafka.connect.data.Date.
  const struct {
    const char* literal;
    bool null_schema;
    connect::SchemaType type;
  } cases[] = {
      {"42", false, connect::SchemaType::kInt8},
      {"true", false, connect::SchemaType::kBoolean},
      {"[1,2]", false, connect::SchemaType::kArray},
      {"hello world", false, connect::SchemaType::kString},
      {"null", true, connect::SchemaType::kString},
      {"  padded  ", false, connect::SchemaType::kString},
      {"3.5", false, connect::SchemaType::kFloat32},
      {"2024-01-05", false, connect::SchemaType::kInt32},
  };
  connect::Arena arena;
  for (const auto& c : cases) {
    auto chain = must_build(
        {transform("i", "InsertHeader", {{"header", "h"}, {"value.literal", c.literal}})});
    ASSERT_NE(chain, nullptr);
    connect::SinkRecord r = applied(*chain, make_record(arena, "t", "v", {{"a", "x"}}), arena);
    ASSERT_EQ(header_keys(r), "a;h;") << c.literal;
    const connect::Header& h = r.headers[1];
    EXPECT_EQ(h.schema == nullptr, c.null_schema) << c.literal;
    if (h.schema != nullptr) {
      EXPECT_EQ(h.schema->type, c.type) << c.literal;
    }
  }
  auto padded = must_build(
      {transform("i", "InsertHeader", {{"header", "h"}, {"value.literal", "  padded  "}})});
  connect::SinkRecord r = applied(*padded, make_record(arena, "t", "v"), arena);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].value.as_text(), "padded");
}

TEST(DropHeadersTest, RemovesEveryHeaderWithAListedName) {
  // Java: headers a,b,a,c,d with headers="a, c" -> b,d.
  connect::Arena arena;
  auto chain = must_build({transform("d", "DropHeaders", {{"headers", "a, c"}})});
  ASSERT_NE(chain, nullptr);
  connect::SinkRecord r = applied(
      *chain,
      make_record(arena, "t", "v", {{"a", "1"}, {"b", "2"}, {"a", "3"}, {"c", "4"}, {"d", "5"}}),
      arena);
  EXPECT_EQ(header_keys(r), "b;d;");
  EXPECT_EQ(r.headers[0].value.as_text(), "2");
}

TEST(DropHeadersTest, RejectsEmptyListsAndNames) {
  // Java: "Configuration 'headers' must not be empty." / "... values must not be empty."
  EXPECT_THAT(build_errors({transform("d", "DropHeaders", {{"headers", ""}})}),
              ::testing::ElementsAre(::testing::HasSubstr(
                  "transforms.d.headers: Invalid value '' for configuration transforms.d.headers: "
                  "must not be empty")));
  EXPECT_THAT(build_errors({transform("d", "DropHeaders", {{"headers", "a,,b"}})}),
              ::testing::ElementsAre(::testing::HasSubstr("values must not be empty")));
}

TEST(PredicatesTest, TestAsKafkasPredicates) {
  connect::Arena arena;
  // A Filter per predicate: dropped means the predicate held.
  auto dropped = [&](const char* type, std::map<std::string, std::string> params,
                     connect::SinkRecord r) {
    auto chain = must_build({transform("f", "Filter", {}, "p")}, {predicate("p", type, params)});
    EXPECT_NE(chain, nullptr);
    TransformContext context{arena};
    return *chain->apply(r, context) == Disposition::kDrop;
  };
  // Java: HasHeaderKey(name=b) true for headers a,b and false for a.
  EXPECT_TRUE(dropped("HasHeaderKey", {{"name", "b"}},
                      make_record(arena, "t", "v", {{"a", "x"}, {"b", "x"}})));
  EXPECT_FALSE(
      dropped("HasHeaderKey", {{"name", "b"}}, make_record(arena, "t", "v", {{"a", "x"}})));
  // Java: TopicNameMatches(orders-.*) true for orders-eu, false for xorders-eu and orders.
  const std::map<std::string, std::string> orders = {{"pattern", "orders-.*"}};
  EXPECT_TRUE(dropped("TopicNameMatches", orders, make_record(arena, "orders-eu", "v")));
  EXPECT_FALSE(dropped("TopicNameMatches", orders, make_record(arena, "xorders-eu", "v")));
  EXPECT_FALSE(dropped("TopicNameMatches", orders, make_record(arena, "orders", "v")));
  // Java: RecordIsTombstone true for a null value only.
  EXPECT_TRUE(dropped("RecordIsTombstone", {}, make_record(arena, "t", nullptr)));
  EXPECT_FALSE(dropped("RecordIsTombstone", {}, make_record(arena, "t", "v")));
}

TEST(PredicatesTest, NegateInvertsThePredicate) {
  connect::Arena arena;
  auto chain = must_build({transform("f", "Filter", {}, "p", /*negate=*/true)},
                          {predicate("p", "RecordIsTombstone")});
  ASSERT_NE(chain, nullptr);
  TransformContext context{arena};
  connect::SinkRecord tombstone = make_record(arena, "t", nullptr);
  connect::SinkRecord record = make_record(arena, "t", "v");
  EXPECT_EQ(*chain->apply(tombstone, context), Disposition::kKeep);
  EXPECT_EQ(*chain->apply(record, context), Disposition::kDrop);
}

}  // namespace
}  // namespace sluice::transforms
