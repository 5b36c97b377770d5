// JSON Schema -> Connect schema as Confluent's JsonSchemaData.toConnectSchema does it
// (json_schema_loader.h, json_schema_to_connect.h; kafka-connect.md §2.8).
#include "connect/json_schema_to_connect.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connect/connect_to_avro_schema.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using testing::render;

Result<SchemaPtr> convert(std::string_view text, const JsonSchemaDataConfig& config = {},
                          std::optional<int32_t> version = std::nullopt,
                          const std::vector<JsonSchemaSource>& refs = {}) {
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<LoadedJsonSchema> loaded,
                          load_json_schema({"", std::string(text)}, refs));
  return json_schema_to_connect(*loaded, version, config);
}

// The rendered schema, or "error: <message>".
std::string mapped(std::string_view text, const JsonSchemaDataConfig& config = {}) {
  Result<SchemaPtr> s = convert(text, config);
  return s.ok() ? render(s->get()) : "error: " + s.status().message();
}

TEST(JsonSchemaToConnectTest, PrimitiveTypes) {
  EXPECT_EQ(mapped(R"({"type":"boolean"})"), "boolean");
  EXPECT_EQ(mapped(R"({"type":"integer"})"), "int64");
  EXPECT_EQ(mapped(R"({"type":"number"})"), "double");
  EXPECT_EQ(mapped(R"({"type":"string"})"), "string");
  EXPECT_EQ(mapped(R"({"type":"string","format":"date-time"})"), "string");
}

TEST(JsonSchemaToConnectTest, ConnectTypePicksTheConnectType) {
  EXPECT_EQ(mapped(R"({"type":"integer","connect.type":"int8"})"), "int8");
  EXPECT_EQ(mapped(R"({"type":"integer","connect.type":"int16"})"), "int16");
  EXPECT_EQ(mapped(R"({"type":"integer","connect.type":"int32"})"), "int32");
  EXPECT_EQ(mapped(R"({"type":"integer","connect.type":"int64"})"), "int64");
  EXPECT_EQ(mapped(R"({"type":"number","connect.type":"float32"})"), "float");
  EXPECT_EQ(mapped(R"({"type":"number","connect.type":"float64"})"), "double");
  EXPECT_EQ(mapped(R"({"type":"number","connect.type":"bytes"})"), "bytes");
  EXPECT_EQ(mapped(R"({"type":"string","connect.type":"bytes"})"), "bytes");
  EXPECT_EQ(mapped(R"({"type":"number","connect.type":"int128"})"),
            "error: Unsupported type int128");
}

TEST(JsonSchemaToConnectTest, ObjectPropertiesFollowJavaHashMapOrderWithoutConnectIndex) {
  // everit keeps properties in a java.util.HashMap: "a".."o" hash to buckets 1..15 in order.
  EXPECT_EQ(mapped(R"({"type":"object","properties":{
                        "c":{"type":"string"},"a":{"type":"integer"},"b":{"type":"boolean"}}})"),
            "struct{a:int64,b:boolean,c:string}");
  // Two-letter names: "zeta" and "alpha" as Java iterates them (the golden corpus shows the same).
  EXPECT_EQ(mapped(R"({"type":"object","properties":{"alpha":{"type":"string"},
                                                      "zeta":{"type":"string"}}})"),
            "struct{zeta:string,alpha:string}");
}

TEST(JsonSchemaToConnectTest, ConnectIndexOrdersTheFields) {
  EXPECT_EQ(mapped(R"({"type":"object","title":"com.example.Order","properties":{
                        "a":{"type":"string","connect.index":2},
                        "b":{"type":"integer","connect.index":0},
                        "c":{"type":"boolean","connect.index":1}}})"),
            "struct com.example.Order{b:int64,c:boolean,a:string}");
}

TEST(JsonSchemaToConnectTest, OptionalForNonRequiredOnlyWhenAsked) {
  const std::string_view schema =
      R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},
          "required":["a"]})";
  EXPECT_EQ(mapped(schema), "struct{a:string,b:string}");
  JsonSchemaDataConfig config;
  config.use_optional_for_nonrequired = true;
  EXPECT_EQ(mapped(schema, config), "struct{a:string,b:optional string}");
}

TEST(JsonSchemaToConnectTest, MapsFromConnectTypeMap) {
  EXPECT_EQ(mapped(R"({"type":"object","connect.type":"map",
                       "additionalProperties":{"type":"integer","connect.type":"int32"}})"),
            "map<string,int32>");
  EXPECT_EQ(mapped(R"({"type":"array","connect.type":"map","items":{"type":"object",
                       "properties":{"key":{"type":"integer","connect.type":"int32"},
                                     "value":{"type":"string"}}}})"),
            "map<int32,string>");
  EXPECT_EQ(mapped(R"({"type":"object","connect.type":"map"})"),
            "error: valueSchema cannot be null.");
}

TEST(JsonSchemaToConnectTest, ArraysNeedAnItemsSchema) {
  EXPECT_EQ(mapped(R"({"type":"array","items":{"type":"string"}})"), "array<string>");
  EXPECT_EQ(mapped(R"({"type":"array"})"), "error: Array schema did not specify the items type");
}

TEST(JsonSchemaToConnectTest, NullableUnionsAreOptional) {
  EXPECT_EQ(mapped(R"({"oneOf":[{"type":"null"},{"type":"string"}]})"), "optional string");
  EXPECT_EQ(mapped(R"({"anyOf":[{"type":"integer"},{"type":"null"}]})"), "optional int64");
  EXPECT_EQ(mapped(R"({"type":["string","null"]})"), "optional string");
}

TEST(JsonSchemaToConnectTest, OtherUnionsAreOneOfStructs) {
  Result<SchemaPtr> s = convert(R"({"oneOf":[{"type":"string"},{"type":"null"},
                                            {"type":"integer","connect.type":"int32"}]})");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(render(s->get()),
            "optional struct io.confluent.connect.json.OneOf{"
            "io.confluent.connect.json.OneOf.field.0:optional string,"
            "io.confluent.connect.json.OneOf.field.1:optional int32}");
  EXPECT_EQ((*s)->fields[1].index, 1);
}

TEST(JsonSchemaToConnectTest, GeneralizedSumTypesNameUnionsAndEnumsTheGeneralizedWay) {
  JsonSchemaDataConfig config;
  config.generalized_sum_type_support = true;
  Result<SchemaPtr> s = convert(R"({"type":"object","properties":{
      "a":{"oneOf":[{"type":"string"},{"type":"integer"}]},
      "b":{"anyOf":[{"type":"boolean"},{"type":"number"}]},
      "c":{"type":"string","enum":["X","Y"]}}})",
                                config);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(render(s->get()),
            "struct{a:struct connect_union_0{connect_union_field_0:optional string,"
            "connect_union_field_1:optional int64},"
            "b:struct connect_union_1{connect_union_field_0:optional boolean,"
            "connect_union_field_1:optional double},c:string}");
  EXPECT_THAT((*s)->fields[0].schema->parameters,
              ElementsAre(Pair("org.apache.kafka.connect.data.Union", "connect_union_0")));
  EXPECT_THAT((*s)->fields[2].schema->parameters,
              ElementsAre(Pair("org.apache.kafka.connect.data.Enum", ""),
                          Pair("org.apache.kafka.connect.data.Enum.X", "0"),
                          Pair("org.apache.kafka.connect.data.Enum.Y", "1")));
}

TEST(JsonSchemaToConnectTest, SingletonUnionsFlattenUnlessDisabled) {
  EXPECT_EQ(mapped(R"({"oneOf":[{"type":"string"}]})"), "string");
  JsonSchemaDataConfig config;
  config.flatten_singleton_unions = false;
  EXPECT_EQ(mapped(R"({"oneOf":[{"type":"string"}]})", config),
            "struct io.confluent.connect.json.OneOf{"
            "io.confluent.connect.json.OneOf.field.0:optional string}");
}

TEST(JsonSchemaToConnectTest, EnumsAndConstsAreStringsWithEnumParameters) {
  Result<SchemaPtr> s = convert(R"({"type":"string","enum":["NEW","PAID"],"title":"Status"})");
  ASSERT_TRUE(s.ok()) << s.status().message();
  // {"type","enum"} is a synthetic allOf of an enum and a string schema; the title belongs to the
  // allOf, so the enum branch Java converts has none.
  EXPECT_EQ(render(s->get()), "string");
  EXPECT_EQ((*s)->name, std::nullopt);
  EXPECT_THAT((*s)->parameters, ElementsAre(Pair("io.confluent.connect.json.Enum", ""),
                                            Pair("io.confluent.connect.json.Enum.NEW", "NEW"),
                                            Pair("io.confluent.connect.json.Enum.PAID", "PAID")));
  Result<SchemaPtr> c = convert(R"({"const":"ONLY"})");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_THAT((*c)->parameters, ElementsAre(Pair("io.confluent.connect.json.Enum", ""),
                                            Pair("io.confluent.connect.json.Enum.ONLY", "ONLY")));
}

TEST(JsonSchemaToConnectTest, AllOfMergesPropertiesOrPicksTheTypedBranch) {
  EXPECT_EQ(mapped(R"({"allOf":[{"type":"object","properties":{"a":{"type":"string"}}},
                                {"type":"object","properties":{"b":{"type":"integer"}}}]})"),
            "struct{a:string,b:int64}");
  EXPECT_EQ(mapped(R"({"allOf":[{"type":"string"},{"enum":["A","B"]}]})"), "string");
  EXPECT_EQ(mapped(R"({"type":"number","format":"decimal"})"), "double");
  EXPECT_THAT(mapped(R"({"allOf":[{"type":"boolean"},{"type":"array","items":{}}]})"),
              HasSubstr("error: Unsupported criterion allOf for"));
}

TEST(JsonSchemaToConnectTest, TitleDescriptionVersionParametersAndDefault) {
  Result<SchemaPtr> s = convert(R"({"type":"object","title":"com.example.Order",
      "description":"an order","connect.parameters":{"zz":"1","aa":"2"},
      "properties":{
        "price":{"type":"number","title":"org.apache.kafka.connect.data.Decimal",
                 "connect.type":"bytes","connect.parameters":{"scale":"2"}},
        "day":{"type":"integer","title":"org.apache.kafka.connect.data.Date",
               "connect.type":"int32","connect.version":1},
        "n":{"type":"integer","default":7}}})",
                                {}, 4);
  ASSERT_TRUE(s.ok()) << s.status().message();
  const Schema& root = **s;
  EXPECT_EQ(render(&root),
            "struct com.example.Order{price:Decimal(scale=2) bytes,day:Date int32,n:int64}");
  EXPECT_EQ(root.version, 4);  // the registry version, for the top-level schema only
  EXPECT_EQ(root.doc, "an order");
  // connect.parameters is read into a HashMap: "zz" and "aa" share bucket 0, in put order.
  EXPECT_THAT(root.parameters, ElementsAre(Pair("zz", "1"), Pair("aa", "2")));
  EXPECT_EQ(root.field("day")->schema->version, 1);
  EXPECT_EQ(root.field("price")->schema->version, std::nullopt);
  ASSERT_NE(root.field("n")->schema->default_value, nullptr);
  EXPECT_EQ(render(root.field("n")->schema->default_value->value()), "7");
}

TEST(JsonSchemaToConnectTest, InvalidDefaultsAreRefused) {
  EXPECT_EQ(mapped(R"({"type":"string","default":5})"), "error: Invalid default value");
  EXPECT_EQ(mapped(R"({"type":"object","properties":{"a":{"type":"string"}},"default":{"a":"x"}})"),
            "error: Invalid default value");
}

TEST(JsonSchemaToConnectTest, RepeatedReferencesShareTheStructAndMarkIt) {
  Result<SchemaPtr> s = convert(R"({"type":"object","definitions":{
        "Addr":{"type":"object","title":"com.example.Address","properties":{"a":{"type":"string"}},
                "connect.parameters":{"k":"v"}}},
      "properties":{"b":{"$ref":"#/definitions/Addr"},"c":{"$ref":"#/definitions/Addr"}}})");
  ASSERT_TRUE(s.ok()) << s.status().message();
  const Schema& root = **s;
  EXPECT_EQ(render(&root),
            "struct{b:struct com.example.Address{a:string},"
            "c:struct com.example.Address{a:string}}");
  // Java puts the id on the struct when the second $ref reuses it; the reuse (a SchemaWrapper)
  // lists the parameters in HashMap order.
  EXPECT_THAT(root.field("b")->schema->parameters,
              ElementsAre(Pair("k", "v"), Pair("io.confluent.connect.json.Id", "#id1")));
  EXPECT_THAT(root.field("c")->schema->parameters,
              ElementsAre(Pair("io.confluent.connect.json.Id", "#id1"), Pair("k", "v")));
}

TEST(JsonSchemaToConnectTest, RecursiveReferencesBecomeReferenceNodes) {
  // A $ref back to the enclosing object: Java's SchemaWrapper of the builder, with its own optional
  // flag; the struct gets io.confluent.connect.json.Id as for any reuse.
  Result<SchemaPtr> s = convert(R"({"type":"object","title":"Node","properties":{
                          "value":{"type":"integer"},
                          "next":{"oneOf":[{"type":"null"},{"$ref":"#"}]},
                          "kids":{"type":"array","items":{"$ref":"#"}}}})");
  ASSERT_TRUE(s.ok()) << s.status().message();
  // As everit loads it, "#" refers to a schema loaded apart from the root: the first $ref converts
  // it in full, the $refs inside it are recursive, and a later one reuses it (a copy).
  EXPECT_EQ(render(s->get()),
            "struct Node{next:optional struct Node{next:optional ref Node,value:int64,"
            "kids:array<ref Node>},value:int64,kids:array<struct Node{next:optional ref Node,"
            "value:int64,kids:array<ref Node>}>}");
  const Schema& referred = *(*s)->field("next")->schema;
  const Schema& next = *referred.field("next")->schema;
  ASSERT_TRUE(next.is_reference());
  EXPECT_EQ(next.reference_target, &referred);
  EXPECT_TRUE(next.optional);
  EXPECT_EQ(next.parameters, referred.parameters);
  EXPECT_NE(referred.parameter("io.confluent.connect.json.Id"), nullptr);
  const Schema& kid = *referred.field("kids")->schema->value_schema;
  ASSERT_TRUE(kid.is_reference());
  EXPECT_FALSE(kid.optional);
  EXPECT_FALSE((*s)->field("kids")->schema->value_schema->is_reference());
}

TEST(JsonSchemaToConnectTest, AvroSchemaOfARecursiveSchemaIsJavas) {
  Result<SchemaPtr> s = convert(R"({"type":"object","title":"Node","properties":{
                          "value":{"type":"integer"},
                          "next":{"oneOf":[{"type":"null"},{"$ref":"#"}]},
                          "kids":{"type":"array","items":{"$ref":"#"}}}})");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(*(*s)->field("next")->schema->parameter("io.confluent.connect.json.Id"), "#id3");
  ConnectToAvroSchema to_avro;
  auto avro = to_avro.convert(*s);
  ASSERT_TRUE(avro.ok()) << avro.status().message();
  // What AvroData.fromConnectSchema(JsonSchemaData.toConnectSchema(...)) gives with the 7.7.8 jars.
  EXPECT_EQ(
      (*avro)->to_json(),
      R"({"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"],)"
      R"("default":null},{"name":"value","type":"long"},{"name":"kids","type":{"type":"array",)"
      R"("items":"Node"}}],"connect.name":"Node"})");
}

TEST(JsonSchemaToConnectTest, ReferencesToOtherRegisteredSchemasResolveByName) {
  Result<SchemaPtr> s = convert(
      R"({"type":"object","properties":{"addr":{"$ref":"address.json"},
                                        "zip":{"$ref":"address.json#/definitions/Zip"}}})",
      {}, std::nullopt, {{"address.json", R"({"type":"object","title":"Address",
                            "definitions":{"Zip":{"type":"string"}},
                            "properties":{"zip":{"$ref":"#/definitions/Zip"}}})"}});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(render(s->get()), "struct{zip:string,addr:struct Address{zip:string}}");
  EXPECT_THAT(mapped(R"({"$ref":"missing.json"})"),
              HasSubstr("names no schema among the schema's references"));
}

TEST(JsonSchemaToConnectTest, SchemasJavaCannotConvertAreErrors) {
  EXPECT_EQ(mapped("{}"), "error: Unsupported schema type org.everit.json.schema.EmptySchema");
  EXPECT_EQ(mapped(R"({"type":"null"})"),
            "error: Unsupported schema type org.everit.json.schema.NullSchema");
  EXPECT_EQ(mapped(R"({"not":{"type":"string"}})"),
            "error: Unsupported schema type org.everit.json.schema.NotSchema");
  EXPECT_EQ(mapped(R"({"type":"text"})"), "error: unknown type: [text]");
  EXPECT_THAT(mapped(R"({"type":"object")"), HasSubstr("error: "));
}

}  // namespace
}  // namespace sluice::connect
