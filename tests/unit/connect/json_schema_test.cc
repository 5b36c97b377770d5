// The envelope's schema grammar and its error messages (kafka-connect.md §2.3, "Schema JSON
// grammar"), through JsonConverter as a user meets them.
#include <gtest/gtest.h>

#include <string>

#include "connect/json_converter.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::render;

class JsonSchemaGrammarTest : public ::testing::Test {
 protected:
  // The rendered schema, or "ERROR <message>".
  std::string schema(std::string_view schema_json, std::string_view payload = "null") {
    SchemaAndValue out;
    const std::string json =
        "{\"schema\":" + std::string(schema_json) + ",\"payload\":" + std::string(payload) + "}";
    Status st = converter_.to_connect("t", json, arena_, out);
    if (!st.ok()) return "ERROR " + st.message();
    last_ = out;
    return render(out.schema.get());
  }
  Arena arena_;
  JsonConverter converter_;
  SchemaAndValue last_;
};

TEST_F(JsonSchemaGrammarTest, EveryPrimitiveType) {
  EXPECT_EQ(schema(R"({"type":"boolean","optional":true})"), "optional boolean");
  EXPECT_EQ(schema(R"({"type":"int8","optional":true})"), "optional int8");
  EXPECT_EQ(schema(R"({"type":"int16","optional":true})"), "optional int16");
  EXPECT_EQ(schema(R"({"type":"int32","optional":true})"), "optional int32");
  EXPECT_EQ(schema(R"({"type":"int64","optional":true})"), "optional int64");
  EXPECT_EQ(schema(R"({"type":"float","optional":true})"), "optional float");
  EXPECT_EQ(schema(R"({"type":"double","optional":true})"), "optional double");
  EXPECT_EQ(schema(R"({"type":"bytes","optional":true})"), "optional bytes");
  EXPECT_EQ(schema(R"({"type":"string","optional":true})"), "optional string");
}

TEST_F(JsonSchemaGrammarTest, ContainerTypes) {
  EXPECT_EQ(schema(R"({"type":"array","items":{"type":"int8"},"optional":true})"),
            "optional array<int8>");
  EXPECT_EQ(schema(R"({"type":"map","keys":{"type":"string"},"values":{"type":"int8"},
                       "optional":true})"),
            "optional map<string,int8>");
  EXPECT_EQ(schema(R"({"type":"struct","name":"S","optional":true,"fields":[
                       {"type":"int8","field":"a"},{"type":"string","optional":true,"field":"b"}]})"),
            "optional struct S{a:int8,b:optional string}");
}

TEST_F(JsonSchemaGrammarTest, TypeIsRequiredAndMustBeKnown) {
  EXPECT_EQ(schema("{}"), "ERROR Schema must contain 'type' field");
  EXPECT_EQ(schema(R"({"type":5})"), "ERROR Schema must contain 'type' field");
  EXPECT_EQ(schema(R"({"type":"int128"})"), "ERROR Unknown schema type: int128");
  EXPECT_EQ(schema(R"({"type":"INT32"})"), "ERROR Unknown schema type: INT32");
}

TEST_F(JsonSchemaGrammarTest, ArrayNeedsItems) {
  EXPECT_EQ(schema(R"({"type":"array"})"), "ERROR Array schema did not specify the element type");
  EXPECT_EQ(schema(R"({"type":"array","items":null})"),
            "ERROR Array schema did not specify the element type");
  EXPECT_EQ(schema(R"({"type":"array","items":5})"), "ERROR Schema must contain 'type' field");
}

TEST_F(JsonSchemaGrammarTest, MapNeedsKeysAndValues) {
  EXPECT_EQ(schema(R"({"type":"map","values":{"type":"int8"}})"),
            "ERROR Map schema did not specify the key type");
  EXPECT_EQ(schema(R"({"type":"map","keys":{"type":"int8"}})"),
            "ERROR Map schema did not specify the value type");
  EXPECT_EQ(schema(R"({"type":"map","keys":null,"values":{"type":"int8"}})"),
            "ERROR keySchema cannot be null.");
  EXPECT_EQ(schema(R"({"type":"map","keys":{"type":"int8"},"values":null})"),
            "ERROR valueSchema cannot be null.");
}

TEST_F(JsonSchemaGrammarTest, StructFields) {
  EXPECT_EQ(schema(R"({"type":"struct"})"),
            "ERROR Struct schema's \"fields\" argument is not an array.");
  EXPECT_EQ(schema(R"({"type":"struct","fields":{}})"),
            "ERROR Struct schema's \"fields\" argument is not an array.");
  EXPECT_EQ(schema(R"({"type":"struct","fields":[{"type":"int8"}]})"),
            "ERROR Struct schema's field name not specified properly");
  EXPECT_EQ(schema(R"({"type":"struct","fields":[{"type":"int8","field":1}]})"),
            "ERROR Struct schema's field name not specified properly");
  EXPECT_EQ(schema(R"({"type":"struct","fields":[5]})"),
            "ERROR Struct schema's field name not specified properly");
  EXPECT_EQ(schema(R"({"type":"struct","fields":[{"type":"int8","field":"a"},
                                                 {"type":"int16","field":"a"}]})"),
            "ERROR Cannot create field because of field name duplication a");
  EXPECT_EQ(schema(R"({"type":"struct","fields":[{"type":"int8","field":""}]})"),
            "ERROR fieldName cannot be null.");
  // The field's own schema is read before its name is checked.
  EXPECT_EQ(schema(R"({"type":"struct","fields":[{"type":"nope","field":""}]})"),
            "ERROR Unknown schema type: nope");
}

TEST_F(JsonSchemaGrammarTest, FieldIndexesFollowDeclarationOrder) {
  ASSERT_EQ(schema(R"({"type":"struct","fields":[{"type":"int8","field":"z"},
                                                 {"type":"int8","field":"a"}]})",
                   R"({"a":2,"z":1})"),
            "struct{z:int8,a:int8}");
  EXPECT_EQ(render(last_.value), "Struct{z=1,a=2}");
  EXPECT_EQ(last_.schema->fields[0].index, 0);
  EXPECT_EQ(last_.schema->fields[1].index, 1);
}

TEST_F(JsonSchemaGrammarTest, OptionalOnlyWhenBooleanTrue) {
  EXPECT_EQ(schema(R"({"type":"int8","optional":"true"})", "1"), "int8");
  EXPECT_EQ(schema(R"({"type":"int8","optional":false})", "1"), "int8");
  EXPECT_EQ(schema(R"({"type":"int8","optional":1})", "1"), "int8");
}

TEST_F(JsonSchemaGrammarTest, NameVersionDocOnlyWithTheRightJsonType) {
  ASSERT_EQ(schema(R"({"type":"int8","optional":true,"name":5,"version":2.0,"doc":true})"),
            "optional int8");
  EXPECT_FALSE(last_.schema->name);
  EXPECT_FALSE(last_.schema->version);
  EXPECT_FALSE(last_.schema->doc);
  ASSERT_EQ(schema(R"({"type":"int8","optional":true,"version":4294967298})"), "optional int8");
  EXPECT_EQ(last_.schema->version, 2);  // intValue() of an integral number
}

TEST_F(JsonSchemaGrammarTest, ParametersMustBeStrings) {
  EXPECT_EQ(schema(R"({"type":"int8","parameters":{"a":"1","b":2}})"),
            "ERROR Schema parameters must have string values.");
  ASSERT_EQ(schema(R"({"type":"int8","optional":true,"parameters":[1]})"), "optional int8");
  EXPECT_TRUE(last_.schema->parameters.empty());  // a non-object is ignored
}

TEST_F(JsonSchemaGrammarTest, DefaultsAreConvertedWithTheSchema) {
  ASSERT_EQ(schema(R"({"type":"int32","default":5})", "null"), "int32");
  EXPECT_EQ(render(last_.value), "5");
  ASSERT_EQ(schema(R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                       "parameters":{"scale":"2"},"default":"AN0="})"),
            "Decimal(scale=2) bytes");
  EXPECT_EQ(render(last_.value), "dec(0x00dd,2)");
  ASSERT_EQ(
      schema(R"({"type":"array","items":{"type":"struct","fields":[{"type":"int8","field":"x"}]},
                       "default":[{"x":1}]})"),
      "array<struct{x:int8}>");
  EXPECT_EQ(render(last_.value), "[Struct{x=1}]");
  ASSERT_EQ(schema(R"({"type":"map","keys":{"type":"string"},"values":{"type":"string"},
                       "default":{"k":"v"}})"),
            "map<string,string>");
  EXPECT_EQ(render(last_.value), "{\"k\":\"v\"}");
}

TEST_F(JsonSchemaGrammarTest, DefaultsOutliveTheMessage) {
  JsonConverter converter;
  Arena arena;
  SchemaAndValue first;
  {
    std::string json = R"({"schema":{"type":"string","default":"fallback"},"payload":null})";
    ASSERT_TRUE(converter.to_connect("t", json, arena, first).ok());
    json.assign(json.size(), 'x');  // the message buffer is reused
  }
  EXPECT_EQ(render(first.schema->default_value->value()), "\"fallback\"");
}

TEST_F(JsonSchemaGrammarTest, InvalidDefaults) {
  // SchemaBuilder.defaultValue validates; a JSON number is not text, so the default is null.
  EXPECT_EQ(schema(R"({"type":"string","default":5})"), "ERROR Invalid default value");
  EXPECT_EQ(schema(R"({"type":"array","items":{"type":"string"},"default":[1]})"),
            "ERROR Invalid default value");
  EXPECT_EQ(schema(R"({"type":"int32","default":null})"),
            "ERROR Invalid null value for required INT32 field");
  EXPECT_EQ(schema(R"({"type":"array","items":{"type":"int32"},"default":[1,null]})"),
            "ERROR Invalid null value for required INT32 field");
  // An optional schema with a default that converts to null has no default.
  ASSERT_EQ(schema(R"({"type":"string","optional":true,"default":5})"), "optional string");
  EXPECT_EQ(last_.schema->default_value, nullptr);
}

TEST_F(JsonSchemaGrammarTest, StructDefaultsAreAlwaysRejectedAsInJava) {
  // ConnectSchema.equals(SchemaBuilder) is false, so SchemaBuilder.defaultValue refuses any
  // Struct default.
  EXPECT_EQ(schema(R"({"type":"struct","fields":[{"type":"int8","field":"x"}],"default":{"x":1}})"),
            "ERROR Invalid default value");
  // ...after converting it, whose errors come first.
  EXPECT_EQ(schema(R"({"type":"struct","fields":[{"type":"int8","field":"x"}],"default":{}})"),
            "ERROR Invalid null value for required INT8 field");
}

TEST_F(JsonSchemaGrammarTest, NestedSchemaErrorsSurface) {
  EXPECT_EQ(schema(R"({"type":"array","items":{"type":"map","keys":{"type":"x"},"values":{}}})"),
            "ERROR Unknown schema type: x");
}

}  // namespace
}  // namespace sluice::connect
