// Schema projection (connect/schema_projector.h): the rules of Confluent's storage-common
// SchemaProjector, one test per rule.
#include "connect/schema_projector.h"

#include <gtest/gtest.h>

#include "../format/format_test_support.h"

namespace sluice::connect {
namespace {

using format::testing::array_of;
using format::testing::map_of;
using format::testing::primitive;
using format::testing::record;
using format::testing::struct_of;
using format::testing::with_default;

SchemaPtr with_version(SchemaPtr base, int32_t version) {
  auto s = std::make_shared<Schema>(*base);
  s->version = version;
  return s;
}

SchemaPtr with_parameters(SchemaPtr base,
                          std::vector<std::pair<std::string, std::string>> parameters) {
  auto s = std::make_shared<Schema>(*base);
  s->parameters = std::move(parameters);
  return s;
}

TEST(SchemaProjectorTest, NumbersWidenUpTheChainOnly) {
  EXPECT_TRUE(is_promotable(SchemaType::kInt8, SchemaType::kFloat64));
  EXPECT_TRUE(is_promotable(SchemaType::kInt32, SchemaType::kInt32));
  EXPECT_TRUE(is_promotable(SchemaType::kInt64, SchemaType::kFloat32));
  EXPECT_FALSE(is_promotable(SchemaType::kInt64, SchemaType::kInt32));
  EXPECT_FALSE(is_promotable(SchemaType::kFloat64, SchemaType::kFloat32));
  EXPECT_FALSE(is_promotable(SchemaType::kString, SchemaType::kBytes));
  EXPECT_FALSE(is_promotable(SchemaType::kBoolean, SchemaType::kBoolean));

  Arena arena;
  Result<Value> f = project_value(*primitive(SchemaType::kInt32), Value::integer(7),
                                  *primitive(SchemaType::kFloat32), arena);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->kind(), ValueKind::kFloat32);
  EXPECT_EQ(f->as_double(), 7.0);
  // A float widened to double keeps the float's binary value, as Float.doubleValue() does.
  Result<Value> d = project_value(*primitive(SchemaType::kFloat32), Value::float32(0.1f),
                                  *primitive(SchemaType::kFloat64), arena);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->kind(), ValueKind::kFloat64);
  EXPECT_EQ(d->as_double(), static_cast<double>(0.1f));
  Result<Value> l = project_value(*primitive(SchemaType::kInt16), Value::integer(-3),
                                  *primitive(SchemaType::kInt64), arena);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->as_int(), -3);

  Result<Value> narrowed = project_value(*primitive(SchemaType::kInt64), Value::integer(1),
                                         *primitive(SchemaType::kInt32), arena);
  ASSERT_FALSE(narrowed.ok());
  EXPECT_EQ(narrowed.status().code(), StatusCode::kDataError);
  EXPECT_EQ(narrowed.status().message(),
            "Schema type mismatch. source type: INT64 and target type: INT32");
}

TEST(SchemaProjectorTest, StructTakesTargetFieldsByNameWithDefaultsForMissingOnes) {
  Arena arena;
  SchemaPtr v1 = with_version(struct_of("Order", {{"id", primitive(SchemaType::kInt32)},
                                                  {"note", primitive(SchemaType::kString, true)}}),
                              1);
  SchemaPtr v2 = with_version(
      struct_of("Order", {{"id", primitive(SchemaType::kInt64)},
                          {"qty", with_default(primitive(SchemaType::kInt32), Value::integer(1))},
                          {"tag", primitive(SchemaType::kString, true)},
                          {"note", primitive(SchemaType::kString, true)}}),
      2);
  Value old = record(arena, v1, {Value::integer(5), Value::string("hi")});
  Result<Value> projected = project_value(*v1, old, *v2, arena);
  ASSERT_TRUE(projected.ok()) << projected.status().message();
  ASSERT_EQ(projected->kind(), ValueKind::kStruct);
  EXPECT_EQ(projected->struct_schema(), v2.get());
  ASSERT_EQ(projected->items().size(), 4u);
  EXPECT_EQ(projected->items()[0].as_int(), 5);      // id, widened
  EXPECT_EQ(projected->items()[1].as_int(), 1);      // qty, the field's default
  EXPECT_TRUE(projected->items()[2].is_null());      // tag, optional and absent
  EXPECT_EQ(projected->items()[3].as_text(), "hi");  // note, found by name

  // A required target field with no default that the source lacks cannot be filled.
  SchemaPtr v3 = with_version(struct_of("Order", {{"id", primitive(SchemaType::kInt32)},
                                                  {"sku", primitive(SchemaType::kString)}}),
                              3);
  Result<Value> missing = project_value(*v1, old, *v3, arena);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "Required field `sku` is missing from source schema");
}

TEST(SchemaProjectorTest, OptionalOntoRequiredNeedsATargetDefault) {
  Arena arena;
  SchemaPtr optional_int = primitive(SchemaType::kInt32, true);
  SchemaPtr required_with_default = with_default(primitive(SchemaType::kInt32), Value::integer(42));
  Result<Value> from_null =
      project_value(*optional_int, Value::null(), *required_with_default, arena);
  ASSERT_TRUE(from_null.ok());
  EXPECT_EQ(from_null->as_int(), 42);
  Result<Value> kept =
      project_value(*optional_int, Value::integer(3), *required_with_default, arena);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->as_int(), 3);

  Result<Value> no_default =
      project_value(*optional_int, Value::integer(3), *primitive(SchemaType::kInt32), arena);
  ASSERT_FALSE(no_default.ok());
  EXPECT_EQ(no_default.status().message(),
            "Writer schema is optional, however, target schema does not provide a default "
            "value.");
}

TEST(SchemaProjectorTest, NamesAndParametersMustAgreeButDocumentationParametersDoNot) {
  Arena arena;
  SchemaPtr a =
      with_parameters(primitive(SchemaType::kString), {{"connect.record.doc", "old"}, {"x", "1"}});
  SchemaPtr b = with_parameters(
      primitive(SchemaType::kString),
      {{"x", "1"}, {"io.confluent.connect.avro.field.doc.f", "d"}, {"connect.record.doc", "new"}});
  EXPECT_TRUE(project_value(*a, Value::string("s"), *b, arena).ok());

  SchemaPtr c = with_parameters(primitive(SchemaType::kString), {{"x", "2"}});
  Result<Value> differ = project_value(*a, Value::string("s"), *c, arena);
  ASSERT_FALSE(differ.ok());
  EXPECT_EQ(differ.status().message(),
            "Schema parameters not equal. source parameters: {connect.record.doc=old, x=1} and "
            "target parameters: {x=2}");

  auto named = std::make_shared<Schema>(*primitive(SchemaType::kString));
  named->name = "a.B";
  Result<Value> renamed = project_value(*named, Value::string("s"), *c, arena);
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.status().message(),
            "Schema name mismatch. source name: a.B and target name: null");
}

TEST(SchemaProjectorTest, AnEnumMayProjectOntoAnEnumWithMoreSymbols) {
  Arena arena;
  SchemaPtr two = with_parameters(primitive(SchemaType::kString),
                                  {{"io.confluent.connect.avro.Enum", "Color"},
                                   {"io.confluent.connect.avro.Enum.RED", "RED"},
                                   {"io.confluent.connect.avro.Enum.GREEN", "GREEN"}});
  SchemaPtr three = with_parameters(primitive(SchemaType::kString),
                                    {{"io.confluent.connect.avro.Enum", "Color"},
                                     {"io.confluent.connect.avro.Enum.RED", "RED"},
                                     {"io.confluent.connect.avro.Enum.GREEN", "GREEN"},
                                     {"io.confluent.connect.avro.Enum.BLUE", "BLUE"}});
  EXPECT_TRUE(is_enum_schema(*two));
  EXPECT_FALSE(is_enum_schema(*primitive(SchemaType::kString)));
  EXPECT_TRUE(project_value(*two, Value::string("RED"), *three, arena).ok());
  Result<Value> fewer = project_value(*three, Value::string("RED"), *two, arena);
  ASSERT_FALSE(fewer.ok());
  EXPECT_NE(fewer.status().message().find("is not a subset of target parameters"),
            std::string::npos);
}

TEST(SchemaProjectorTest, ArraysAndMapsProjectElementByElement) {
  Arena arena;
  SchemaPtr ints = array_of(primitive(SchemaType::kInt32));
  SchemaPtr doubles = array_of(primitive(SchemaType::kFloat64));
  Value list = format::testing::list(arena, {Value::integer(1), Value::integer(2)});
  Result<Value> projected = project_value(*ints, list, *doubles, arena);
  ASSERT_TRUE(projected.ok());
  ASSERT_EQ(projected->items().size(), 2u);
  EXPECT_EQ(projected->items()[1].kind(), ValueKind::kFloat64);
  EXPECT_EQ(projected->items()[1].as_double(), 2.0);

  SchemaPtr m1 = map_of(primitive(SchemaType::kInt8), primitive(SchemaType::kInt32));
  SchemaPtr m2 = map_of(primitive(SchemaType::kInt64), primitive(SchemaType::kFloat32));
  Value map = format::testing::map(
      arena, {Value::integer(1), Value::integer(10), Value::integer(2), Value::integer(20)});
  Result<Value> widened = project_value(*m1, map, *m2, arena);
  ASSERT_TRUE(widened.ok());
  ASSERT_EQ(widened->map_size(), 2u);
  EXPECT_EQ(widened->map_key(1).as_int(), 2);
  EXPECT_EQ(widened->map_value(1).kind(), ValueKind::kFloat32);
  EXPECT_EQ(widened->map_value(1).as_double(), 20.0);

  SchemaPtr strings = array_of(primitive(SchemaType::kString));
  EXPECT_FALSE(project_value(*ints, list, *strings, arena).ok());
}

TEST(SchemaProjectorTest, NestedErrorsNameTheField) {
  Arena arena;
  SchemaPtr inner1 = struct_of("In", {{"n", primitive(SchemaType::kInt64)}});
  SchemaPtr inner2 = struct_of("In", {{"n", primitive(SchemaType::kInt32)}});
  SchemaPtr outer1 = struct_of("Out", {{"in", inner1}});
  SchemaPtr outer2 = struct_of("Out", {{"in", inner2}});
  Value v = record(arena, outer1, {record(arena, inner1, {Value::integer(1)})});
  Result<Value> projected = project_value(*outer1, v, *outer2, arena);
  ASSERT_FALSE(projected.ok());
  EXPECT_EQ(projected.status().message(),
            "Error projecting in: Error projecting n: Schema type mismatch. source type: INT64 "
            "and target type: INT32");
}

}  // namespace
}  // namespace sluice::connect
