#include "avro/schema_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "avro/schema_parser.h"
#include "avro/schema_writer.h"

namespace sluice::avro {
namespace {

using ::testing::HasSubstr;

JsonValue text(std::string s) {
  return JsonValue::string(std::move(s));
}

// What a Connect-to-Avro converter does: build a schema in code, with Confluent's properties.
TEST(SchemaBuilderTest, BuildsConfluentStyleSchemasInCode) {
  SchemaBuilder b;
  auto decimal =
      b.primitive(Type::kBytes, {{"scale", JsonValue::integer(2)},
                                 {"precision", JsonValue::integer(10)},
                                 {"connect.version", JsonValue::integer(1)},
                                 {"connect.parameters", JsonValue::object({{"scale", text("2")}})},
                                 {"connect.name", text("org.apache.kafka.connect.data.Decimal")},
                                 {"logicalType", text("decimal")}});
  ASSERT_TRUE(decimal.ok());
  EXPECT_EQ((*decimal)->logical_type(), LogicalType::kDecimal);
  auto optional = b.union_of({*b.primitive(Type::kNull), *b.primitive(Type::kDouble)});
  ASSERT_TRUE(optional.ok());
  auto record = b.record(NamedTypeSpec{.name = "Rich",
                                       .space = "com.example",
                                       .props = {{"connect.name", text("com.example.Rich")}}});
  ASSERT_TRUE(record.ok());
  std::vector<FieldSpec> fields;
  fields.push_back(FieldSpec{.name = "price", .type = *decimal});
  fields.push_back(FieldSpec{.name = "opt", .type = *optional, .default_value = JsonValue::null()});
  ASSERT_TRUE(b.set_fields(*record, std::move(fields)).ok());
  auto schema = b.build(*record);
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(
      (*schema)->to_json(),
      R"({"type":"record","name":"Rich","namespace":"com.example","fields":[)"
      R"({"name":"price","type":{"type":"bytes","scale":2,"precision":10,"connect.version":1,)"
      R"("connect.parameters":{"scale":"2"},"connect.name":"org.apache.kafka.connect.data.Decimal",)"
      R"("logicalType":"decimal"}},{"name":"opt","type":["null","double"],"default":null}],)"
      R"("connect.name":"com.example.Rich"})");
}

TEST(SchemaBuilderTest, ChecksWhatJavasConstructorsCheck) {
  SchemaBuilder b;
  EXPECT_THAT(b.primitive(Type::kInt, {{"type", text("x")}}).status().message(),
              HasSubstr("Can't set reserved property: type"));
  EXPECT_THAT(b.primitive(Type::kInt, {{"p", text("x")}, {"p", text("y")}}).status().message(),
              HasSubstr("Can't overwrite property: p"));
  EXPECT_TRUE(b.primitive(Type::kInt, {{"p", text("x")}, {"p", text("x")}}).ok());
  EXPECT_THAT(b.enumeration(NamedTypeSpec{.name = "E"}, {"A"}, "B").status().message(),
              HasSubstr("The Enum Default: B"));
  EXPECT_THAT(b.fixed(NamedTypeSpec{.name = "int"}, 1).status().message(),
              HasSubstr("may not be named after primitives"));
  EXPECT_TRUE(b.fixed(NamedTypeSpec{.name = "x.int"}, 1).ok());
  EXPECT_THAT(b.fixed(NamedTypeSpec{.name = "int", .space = "x"}, 1).status().message(),
              HasSubstr("Can't redefine: x.int"));
  auto r = b.record(NamedTypeSpec{.name = "R"});
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(b.build(*r).status().message(), HasSubstr("record R has no fields"));
  std::vector<FieldSpec> fields;
  fields.push_back(
      FieldSpec{.name = "f", .type = *b.primitive(Type::kInt), .props = {{"order", text("x")}}});
  EXPECT_THAT(b.set_fields(*r, std::move(fields)).message(),
              HasSubstr("Can't set reserved property: order"));
  EXPECT_TRUE(b.set_fields(*r, {}).ok());
  EXPECT_THAT(b.set_fields(*r, {}).message(), HasSubstr("Fields are already set"));
}

TEST(SchemaBuilderTest, DefaultsAreValidatedAsJavaDoes) {
  auto s = parse_schema(R"({"type":"record","name":"R","fields":[
      {"name":"r","type":{"type":"record","name":"S","fields":[
        {"name":"x","type":"int"},{"name":"y","type":"int","default":7}]}}]})");
  ASSERT_TRUE(s.ok());
  const Schema& inner = (*s)->fields()[0].schema();
  EXPECT_TRUE(is_valid_default(inner, JsonValue::object({{"x", JsonValue::integer(1)}})));
  EXPECT_FALSE(is_valid_default(inner, JsonValue::object({{"y", JsonValue::integer(1)}})));
  EXPECT_FALSE(is_valid_default(inner, JsonValue::array({})));
  auto int_schema = SchemaBuilder().primitive(Type::kLong);
  EXPECT_TRUE(is_valid_default(**int_schema, JsonValue::integer(INT64_MIN)));
  EXPECT_FALSE(is_valid_default(**int_schema, JsonValue::big_integer("9223372036854775808")));
  EXPECT_FALSE(is_valid_default(**int_schema, JsonValue::number(1.0)));
}

TEST(SchemaBuilderTest, KeepsNamesAcrossBuilds) {
  SchemaBuilder b;
  auto e = b.enumeration(NamedTypeSpec{.name = "E", .space = "n"}, {"A"}, std::nullopt);
  ASSERT_TRUE(e.ok());
  auto first = b.build(*e);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(b.find("n.E"), first->get());
  auto arr = b.array(b.find("n.E"));
  ASSERT_TRUE(arr.ok());
  auto second = b.build(*arr);
  ASSERT_TRUE(second.ok());
  first = Status::data_error("released");
  EXPECT_EQ(
      (*second)->to_json(),
      R"({"type":"array","items":{"type":"enum","name":"E","namespace":"n","symbols":["A"]}})");
}

TEST(SchemaBuilderTest, PlainPrimitivesAreSharedStaticNodes) {
  SchemaBuilder b;
  EXPECT_EQ(*b.primitive(Type::kString), *SchemaBuilder().primitive(Type::kString));
  auto built = b.build(*b.primitive(Type::kString));
  ASSERT_TRUE(built.ok());
  EXPECT_EQ((*built)->to_json(), "\"string\"");
}

}  // namespace
}  // namespace sluice::avro
