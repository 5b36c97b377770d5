#include "avro/schema_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "avro/schema_writer.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::parse_or_die;

std::string error_of(std::string_view json) {
  auto schema = parse_schema(json);
  EXPECT_FALSE(schema.ok()) << json;
  if (schema.ok()) return "";
  EXPECT_EQ(schema.status().code(), StatusCode::kDataError);
  return schema.status().message();
}

TEST(SchemaParserTest, BuildsTheModel) {
  SchemaPtr s = parse_or_die(R"({"type":"record","name":"R","namespace":"a.b","doc":"d",
    "aliases":["X","c.Y","X"],"p":1,
    "fields":[
      {"name":"f","type":"int","doc":"fd","default":1,"order":"DESCENDING","aliases":["g"],"q":[1]},
      {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"B"}},
      {"name":"x","type":{"type":"fixed","name":"F","namespace":"o","size":4}},
      {"name":"u","type":["null",{"type":"array","items":"E"},{"type":"map","values":"o.F"}]}]})");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type(), Type::kRecord);
  EXPECT_EQ(s->name(), "R");
  EXPECT_EQ(s->space(), "a.b");
  EXPECT_EQ(s->full_name(), "a.b.R");
  EXPECT_EQ(s->doc(), "d");
  EXPECT_THAT(s->aliases(), ElementsAre("a.b.X", "c.Y"));
  ASSERT_NE(s->prop("p"), nullptr);
  EXPECT_EQ(s->prop("p")->as_int(), 1);
  ASSERT_EQ(s->fields().size(), 4u);
  const Field& f = s->fields()[0];
  EXPECT_EQ(f.name(), "f");
  EXPECT_EQ(f.schema().type(), Type::kInt);
  EXPECT_EQ(f.doc(), "fd");
  EXPECT_EQ(f.default_value()->as_int(), 1);
  EXPECT_EQ(f.order(), FieldOrder::kDescending);
  EXPECT_THAT(f.aliases(), ElementsAre("g"));
  EXPECT_EQ(f.props().size(), 1u);
  const Schema& e = s->field("e")->schema();
  EXPECT_EQ(e.full_name(), "a.b.E");
  EXPECT_THAT(e.symbols(), ElementsAre("A", "B"));
  EXPECT_EQ(e.enum_default(), "B");
  EXPECT_EQ(e.symbol_index("B"), 1);
  EXPECT_EQ(e.symbol_index("C"), -1);
  EXPECT_EQ(s->field("x")->schema().full_name(), "o.F");
  EXPECT_EQ(s->field("x")->schema().fixed_size(), 4);
  const Schema& u = s->field("u")->schema();
  ASSERT_EQ(u.branches().size(), 3u);
  EXPECT_EQ(&u.branches()[1]->items(), &e);  // a reference is the same node
  EXPECT_EQ(&u.branches()[2]->values(), &s->field("x")->schema());
  EXPECT_EQ(u.branch_index("map"), 2);
  EXPECT_EQ(u.branch_index("null"), 0);
  EXPECT_EQ(s->field("nope"), nullptr);
}

TEST(SchemaParserTest, RecursiveTypesAreCycles) {
  SchemaPtr s = parse_or_die(
      R"({"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]})");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->fields()[0].schema().branches()[1], s.get());
  EXPECT_EQ(s->to_json(),
            R"({"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]})");
}

TEST(SchemaParserTest, LogicalTypesAreAnnotations) {
  struct Case {
    std::string_view json;
    LogicalType expected;
  };
  const Case cases[] = {
      {R"({"type":"int","logicalType":"date"})", LogicalType::kDate},
      {R"({"type":"long","logicalType":"date"})", LogicalType::kNone},
      {R"({"type":"long","logicalType":"timestamp-nanos"})", LogicalType::kTimestampNanos},
      {R"({"type":"long","logicalType":"local-timestamp-nanos"})",
       LogicalType::kLocalTimestampNanos},
      {R"({"type":"string","logicalType":"uuid"})", LogicalType::kUuid},
      {R"({"type":"fixed","name":"U","size":16,"logicalType":"uuid"})", LogicalType::kUuid},
      {R"({"type":"fixed","name":"U","size":15,"logicalType":"uuid"})", LogicalType::kNone},
      {R"({"type":"fixed","name":"D","size":12,"logicalType":"duration"})", LogicalType::kDuration},
      {R"({"type":"bytes","logicalType":"big-decimal"})", LogicalType::kBigDecimal},
      {R"({"type":"string","logicalType":"uuid","avro.java.string":"String"})", LogicalType::kNone},
      {R"({"type":"string","logicalType":"mystery"})", LogicalType::kNone},
  };
  for (const Case& c : cases) {
    SchemaPtr s = parse_or_die(c.json);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->logical_type(), c.expected) << c.json;
    EXPECT_EQ(s->to_json(), c.json);  // annotations never change the text
  }
  SchemaPtr decimal =
      parse_or_die(R"({"type":"bytes","logicalType":"decimal","precision":10,"scale":2})");
  EXPECT_EQ(decimal->logical_type(), LogicalType::kDecimal);
  EXPECT_EQ(decimal->decimal_precision(), 10);
  EXPECT_EQ(decimal->decimal_scale(), 2);
  SchemaPtr fixed9 =
      parse_or_die(R"({"type":"fixed","name":"d","size":4,"logicalType":"decimal","precision":9})");
  EXPECT_EQ(fixed9->logical_type(), LogicalType::kDecimal);
  EXPECT_EQ(fixed9->decimal_scale(), 0);
  SchemaPtr fixed10 = parse_or_die(
      R"({"type":"fixed","name":"d","size":4,"logicalType":"decimal","precision":10})");
  EXPECT_EQ(fixed10->logical_type(), LogicalType::kNone);
}

TEST(SchemaParserTest, ErrorsNameTheProblemAndThePath) {
  EXPECT_EQ(
      error_of(
          R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"long"}]})"),
      "avro schema: Duplicate field a in record R (at $)");
  EXPECT_EQ(error_of(R"({"type":"record","name":"R","fields":[{"name":"a","type":"Nope"}]})"),
            "avro schema: \"Nope\" is not a defined name. The type of the \"a\" field must be a "
            "defined name or a {\"type\": ...} expression. (at $.fields[0].type)");
  EXPECT_EQ(
      error_of(R"({"type":"record","name":"R","fields":[{"name":"u","type":["int",["null"]]}]})"),
      "avro schema: Nested union (at $.fields[0].type)");
  EXPECT_EQ(error_of(R"(["int",{"type":"int","p":1}])"),
            "avro schema: Duplicate in union: int (at $)");
  EXPECT_EQ(
      error_of(
          R"({"type":"record","name":"R","fields":[{"name":"i","type":"int","default":2147483648}]})"),
      "avro schema: Invalid default for field i: 2147483648 not a \"int\" (at $)");
  EXPECT_THAT(
      error_of(
          R"({"type":"record","name":"R","fields":[{"name":"x","type":{"type":"array","items":{"type":"enum","name":"E","symbols":["A","A"]}}}]})"),
      HasSubstr("Duplicate enum symbol: A (at $.fields[0].type.items)"));
  EXPECT_THAT(error_of(R"({"type":"record","name":"1R","fields":[]})"),
              HasSubstr("Illegal initial character: 1R"));
  EXPECT_THAT(error_of(R"({"type":"record","name":"R-x","fields":[]})"),
              HasSubstr("Illegal character in: R-x"));
  EXPECT_THAT(error_of(R"({"type":"fixed","name":"F","size":-1})"),
              HasSubstr("Length is negative"));
  EXPECT_THAT(
      error_of(
          R"({"type":"record","name":"R","fields":[{"name":"d","type":"float","default":"abc"}]})"),
      HasSubstr("(at $.fields[0].default)"));
  EXPECT_THAT(
      error_of(R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]})"),
      HasSubstr("Invalid field order"));
  EXPECT_THAT(error_of(R"({"type":"int")"),
              HasSubstr("avro schema: invalid JSON: parse error at line 1"));
}

TEST(SchemaParserTest, ValidationCanBeTurnedOffAsJavasReaders) {
  SchemaParseOptions lenient{.validate_names = false, .validate_defaults = false};
  auto s = parse_schema(
      R"({"type":"record","name":"1-R","fields":[{"name":"x y","type":"int","default":"no"}]})",
      lenient);
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  EXPECT_EQ((*s)->name(), "1-R");
}

TEST(SchemaParserTest, StringDefaultsOfFloatingFieldsBecomeNumbers) {
  SchemaPtr s = parse_or_die(R"({"type":"record","name":"R","fields":[
    {"name":"a","type":"double","default":"NaN"},{"name":"b","type":"float","default":" 2.5f "},
    {"name":"c","type":"double","default":"-Infinity"},{"name":"d","type":"double","default":"1e999"},
    {"name":"e","type":"double","default":"+.5e-1"}]})");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(
      s->to_json(),
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"double","default":"NaN"},)"
      R"({"name":"b","type":"float","default":2.5},{"name":"c","type":"double","default":"-Infinity"},)"
      R"({"name":"d","type":"double","default":"Infinity"},{"name":"e","type":"double","default":0.05}]})");
}

TEST(SchemaParserTest, NamedTypesStayKnownToLaterParses) {
  SchemaParser parser;
  auto first = parser.parse(R"({"type":"record","name":"Ref","namespace":"x","fields":[]})");
  ASSERT_TRUE(first.ok());
  auto second =
      parser.parse(R"({"type":"record","name":"User","fields":[{"name":"r","type":"x.Ref"}]})");
  ASSERT_TRUE(second.ok()) << second.status().to_string();
  EXPECT_EQ(&(*second)->fields()[0].schema(), first->get());
  // The referenced type is written in full where first used, as Java does.
  EXPECT_EQ(
      (*second)->to_json(),
      R"({"type":"record","name":"User","fields":[{"name":"r","type":{"type":"record","name":"Ref","namespace":"x","fields":[]}}]})");
  first = Status::data_error("dropped");  // the second schema keeps the first one's nodes alive
  EXPECT_EQ((*second)->fields()[0].schema().full_name(), "x.Ref");
  EXPECT_FALSE(parser.parse(R"({"type":"record","name":"x.Ref","fields":[]})").ok());
}

TEST(SchemaParserTest, SubSchemaHandlesKeepTheGraphAlive) {
  SchemaPtr field_type;
  {
    SchemaPtr s = parse_or_die(
        R"({"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"R"}}]})");
    field_type = s->fields()[0].schema().share();
  }
  EXPECT_EQ(field_type->items().full_name(), "R");
  EXPECT_EQ(field_type->items().fields()[0].schema().type(), Type::kArray);
}

TEST(SchemaParserTest, MutatedTextFailsCleanly) {
  std::string original(testing::kMixedSchema);
  uint64_t x = 7;
  auto next = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return x >> 33;
  };
  int accepted = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text = original;
    text[next() % text.size()] = "{}[]\",:0a.\\ "[next() % 13];
    auto schema = parse_schema(text);
    if (schema.ok()) {
      ++accepted;
      EXPECT_TRUE(parse_schema((*schema)->to_json()).ok()) << text;
    }
  }
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace sluice::avro
