// AvroToConnectSchema: one test per rule of Confluent's AvroData.toConnectSchema mapping.
#include "connect/avro_to_connect_schema.h"

#include <gtest/gtest.h>

#include <string>

#include "avro_test_util.h"

namespace sluice::connect {
namespace {

using testing::avro_schema;
using testing::dump;

class AvroToConnectTest : public ::testing::Test {
 protected:
  // The dumped Connect schema, or "ERROR <message>".
  std::string convert(std::string_view avro_json, std::optional<int32_t> version = std::nullopt) {
    avro::SchemaPtr schema = avro_schema(avro_json);
    if (schema == nullptr) return "PARSE ERROR";
    AvroToConnectSchema converter(config_);
    auto result = converter.convert(schema, version);
    if (!result.ok()) return "ERROR " + result.status().message();
    return dump(result->get());
  }
  AvroDataConfig config_;
};

TEST_F(AvroToConnectTest, Primitives) {
  EXPECT_EQ(convert(R"("boolean")"), "boolean");
  EXPECT_EQ(convert(R"("int")"), "int32");
  EXPECT_EQ(convert(R"("long")"), "int64");
  EXPECT_EQ(convert(R"("float")"), "float");
  EXPECT_EQ(convert(R"("double")"), "double");
  EXPECT_EQ(convert(R"("string")"), "string");
  EXPECT_EQ(convert(R"("bytes")"), "bytes");
}

TEST_F(AvroToConnectTest, ConnectTypeInt8AndInt16) {
  EXPECT_EQ(convert(R"({"type":"int","connect.type":"int8"})"), "int8");
  EXPECT_EQ(convert(R"({"type":"int","connect.type":"int16"})"), "int16");
  EXPECT_EQ(convert(R"({"type":"int","connect.type":"int64"})"),
            "ERROR Connect type annotation for Avro int field is null");
  // A logicalType wins over connect.type, even an unknown one.
  EXPECT_EQ(convert(R"({"type":"int","connect.type":"int8","logicalType":"foo"})"), "int32");
}

TEST_F(AvroToConnectTest, DateTimeTimestamp) {
  EXPECT_EQ(convert(R"({"type":"int","logicalType":"date"})"),
            "int32 name=org.apache.kafka.connect.data.Date v=1");
  EXPECT_EQ(convert(R"({"type":"int","logicalType":"time-millis"})"),
            "int32 name=org.apache.kafka.connect.data.Time v=1");
  EXPECT_EQ(convert(R"({"type":"long","logicalType":"timestamp-millis"})"),
            "int64 name=org.apache.kafka.connect.data.Timestamp v=1");
  // Compared ignoring case, as Java's equalsIgnoreCase.
  EXPECT_EQ(convert(R"({"type":"int","logicalType":"DATE"})"),
            "int32 name=org.apache.kafka.connect.data.Date v=1");
}

TEST_F(AvroToConnectTest, OtherLogicalTypesArePlain) {
  EXPECT_EQ(convert(R"({"type":"long","logicalType":"timestamp-micros"})"), "int64");
  EXPECT_EQ(convert(R"({"type":"long","logicalType":"time-micros"})"), "int64");
  EXPECT_EQ(convert(R"({"type":"long","logicalType":"local-timestamp-millis"})"), "int64");
  EXPECT_EQ(convert(R"({"type":"string","logicalType":"uuid"})"), "string");
}

TEST_F(AvroToConnectTest, DecimalOnBytes) {
  EXPECT_EQ(convert(R"({"type":"bytes","logicalType":"decimal","precision":10,"scale":2})"),
            "bytes name=org.apache.kafka.connect.data.Decimal v=1 "
            "params{scale=2,connect.decimal.precision=10}");
  // Precision 64 is Confluent's default and not kept; a missing scale is 0.
  EXPECT_EQ(convert(R"({"type":"bytes","logicalType":"decimal","precision":64})"),
            "bytes name=org.apache.kafka.connect.data.Decimal v=1 params{scale=0}");
  EXPECT_EQ(convert(R"({"type":"bytes","logicalType":"decimal","precision":"x"})"),
            "ERROR precision property must be a JSON Integer. "
            "https://avro.apache.org/docs/1.9.1/spec.html#Decimal");
}

TEST_F(AvroToConnectTest, FixedAndDecimalOnFixed) {
  EXPECT_EQ(convert(R"({"type":"fixed","name":"F4","namespace":"a.b","size":4})"),
            "bytes name=a.b.F4 params{connect.fixed.size=4}");
  // A fixed decimal keeps the Decimal builder's name: AvroData 7.x takes a FIXED's own full name
  // only when the builder is not a Decimal (no "Mismatched names" for a named fixed decimal).
  EXPECT_EQ(convert(R"({"type":"fixed","name":"D","namespace":"a.b","size":8,
                        "logicalType":"decimal","precision":18,"scale":3})"),
            "bytes name=org.apache.kafka.connect.data.Decimal v=1 "
            "params{scale=3,connect.decimal.precision=18,connect.fixed.size=8}");
  // Another connect.name still clashes with Decimal's, as in Java.
  EXPECT_EQ(
      convert(R"({"type":"fixed","name":"D","size":8,"logicalType":"decimal",
                        "precision":18,"scale":3,"connect.name":"a.b.Money"})"),
      "ERROR Mismatched names: name already added to SchemaBuilder "
      "(org.apache.kafka.connect.data.Decimal) differs from name in source schema (a.b.Money)");
  EXPECT_EQ(convert(R"({"type":"fixed","name":"D","size":8,"logicalType":"decimal",
                        "precision":18,"scale":3,
                        "connect.name":"org.apache.kafka.connect.data.Decimal"})"),
            "bytes name=org.apache.kafka.connect.data.Decimal v=1 "
            "params{scale=3,connect.decimal.precision=18,connect.fixed.size=8}");
}

TEST_F(AvroToConnectTest, EnumWithItsParameters) {
  EXPECT_EQ(convert(R"({"type":"enum","name":"Color","namespace":"x","symbols":["RED","GREEN"]})"),
            "string name=x.Color params{io.confluent.connect.avro.Enum=x.Color,"
            "io.confluent.connect.avro.Enum.RED=RED,io.confluent.connect.avro.Enum.GREEN=GREEN}");
  EXPECT_EQ(convert(R"({"type":"enum","name":"E","doc":"d","symbols":["A","B"],"default":"B"})"),
            "string name=E params{io.confluent.connect.avro.enum.doc.E=d,"
            "io.confluent.connect.avro.enum.default.E=B,io.confluent.connect.avro.Enum=E,"
            "io.confluent.connect.avro.Enum.A=A,io.confluent.connect.avro.Enum.B=B}");
  config_.connect_meta_data = false;
  EXPECT_EQ(
      convert(R"({"type":"enum","name":"E","doc":"d","symbols":["A"],"default":"A"})"),
      "string name=E params{io.confluent.connect.avro.Enum=E,io.confluent.connect.avro.Enum.A=A}");
}

TEST_F(AvroToConnectTest, EnumWithGeneralizedSumTypes) {
  config_.generalized_sum_type_support = true;
  EXPECT_EQ(convert(R"({"type":"enum","name":"E","symbols":["A","B"]})"),
            "string name=E params{org.apache.kafka.connect.data.Enum=E,"
            "org.apache.kafka.connect.data.Enum.A=0,org.apache.kafka.connect.data.Enum.B=1}");
}

TEST_F(AvroToConnectTest, ArraysAndMaps) {
  EXPECT_EQ(convert(R"({"type":"array","items":"long"})"), "array<int64>");
  EXPECT_EQ(convert(R"({"type":"map","values":["null","int"]})"), "map<string,optional int32>");
}

TEST_F(AvroToConnectTest, MapEntryArraysBecomeMaps) {
  EXPECT_EQ(convert(R"({"type":"array","items":{"type":"record","name":"MapEntry",
      "namespace":"io.confluent.connect.avro",
      "fields":[{"name":"key","type":"int"},{"name":"value","type":"string"}]}})"),
            "map<int32,string>");
  EXPECT_EQ(convert(R"({"type":"array","connect.name":"foo.bar","items":{"type":"record",
      "name":"bar","namespace":"foo","connect.internal.type":"MapEntry",
      "fields":[{"name":"key","type":["null","string"],"default":null},
                {"name":"value","type":"int"}]}})"),
            "map name=foo.bar<optional string,int32>");
  EXPECT_EQ(convert(R"({"type":"array","items":{"type":"record","name":"MapEntry",
      "namespace":"io.confluent.connect.avro","fields":[{"name":"key","type":"int"}]}})"),
            "ERROR Found map encoded as array of key-value pairs, but array elements do not match "
            "the expected format.");
}

TEST_F(AvroToConnectTest, RecordWithDocsAndDefaults) {
  EXPECT_EQ(convert(R"({"type":"record","name":"R","namespace":"n","doc":"rd","fields":[
      {"name":"a","type":"int","doc":"ad","default":7},
      {"name":"b","type":["null","string"],"default":null},
      {"name":"c","type":["string","null"],"default":"x"},
      {"name":"d","type":"string","default":"dv"}]})"),
            "struct name=n.R params{io.confluent.connect.avro.record.doc=rd,"
            "io.confluent.connect.avro.field.doc.a=ad} {"
            "a:int32 params{io.confluent.connect.avro.field.default=true} default=7, "
            "b:optional string, c:optional string, "
            "d:string params{io.confluent.connect.avro.field.default=true} default=\"dv\"}");
}

TEST_F(AvroToConnectTest, RecordDefaultsOfEveryKind) {
  EXPECT_EQ(
      convert(R"({"type":"record","name":"R","fields":[
      {"name":"l","type":"long","default":5},
      {"name":"f","type":"float","default":1.5},
      {"name":"by","type":"bytes","default":"\u0000\u00dd"},
      {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":5,"scale":2},
       "default":"\u00dd"},
      {"name":"arr","type":{"type":"array","items":"int"},"default":[1,2]},
      {"name":"m","type":{"type":"map","values":"boolean"},"default":{"k":true}},
      {"name":"n","type":{"type":"record","name":"N","fields":[{"name":"x","type":"int"}]},
       "default":{"x":3}},
      {"name":"u","type":["int","string"],"default":4}]})"),
      "struct name=R {"
      "l:int64 params{io.confluent.connect.avro.field.default=true} default=5, "
      "f:float params{io.confluent.connect.avro.field.default=true} default=f:1.5, "
      "by:bytes params{io.confluent.connect.avro.field.default=true} default=0x00dd, "
      "dec:bytes name=org.apache.kafka.connect.data.Decimal v=1 "
      "params{scale=2,connect.decimal.precision=5,io.confluent.connect.avro.field.default=true}"
      " default=dec(0xdd,2), "
      "arr:array params{io.confluent.connect.avro.field.default=true} default=[1,2]<int32>, "
      "m:map params{io.confluent.connect.avro.field.default=true} default={\"k\":true}"
      "<string,boolean>, "
      "n:struct name=N params{io.confluent.connect.avro.field.default=true} "
      "default=Struct{x=3} {x:int32}, "
      "u:struct name=io.confluent.connect.avro.Union "
      "params{io.confluent.connect.avro.field.default=true} default=Struct{int=4,string=null}"
      " {int:optional int32, string:optional string}}");
}

TEST_F(AvroToConnectTest, NullableAndSingletonUnions) {
  EXPECT_EQ(convert(R"(["null","long"])"), "optional int64");
  EXPECT_EQ(convert(R"(["long","null"])"), "optional int64");
  EXPECT_EQ(convert(R"(["long"])"), "int64");
  config_.flatten_singleton_union = false;
  EXPECT_EQ(convert(R"(["long"])"),
            "struct name=io.confluent.connect.avro.Union {long:optional int64}");
}

TEST_F(AvroToConnectTest, GeneralUnionsBecomeUnionStructs) {
  EXPECT_EQ(convert(R"(["null","int","string",{"type":"record","name":"a.R","fields":[]},
                        {"type":"enum","name":"b.E","symbols":["X"]}])"),
            "optional struct name=io.confluent.connect.avro.Union {int:optional int32, "
            "string:optional string, R:optional struct name=a.R {}, E:optional string name=b.E "
            "params{io.confluent.connect.avro.Enum=b.E,io.confluent.connect.avro.Enum.X=X}}");
  EXPECT_EQ(convert(R"([{"type":"record","name":"a.R","fields":[]},
                        {"type":"record","name":"b.R","fields":[]}])"),
            "ERROR Multiple union schemas map to the Connect union field name");
  config_.enhanced_avro_schema_support = true;
  EXPECT_EQ(convert(R"([{"type":"record","name":"a.R","fields":[]},
                        {"type":"record","name":"b.R","fields":[]}])"),
            "struct name=io.confluent.connect.avro.Union {a.R:optional struct name=a.R {}, "
            "b.R:optional struct name=b.R {}}");
}

TEST_F(AvroToConnectTest, GeneralizedUnionsAreNumbered) {
  config_.generalized_sum_type_support = true;
  EXPECT_EQ(convert(R"({"type":"record","name":"R","fields":[{"name":"a","type":["int","string"]},
                        {"name":"b","type":["int","boolean"]}]})"),
            "struct name=R {a:struct name=connect_union_0 "
            "params{org.apache.kafka.connect.data.Union=connect_union_0} "
            "{connect_union_field_0:optional int32, connect_union_field_1:optional string}, "
            "b:struct name=connect_union_1 "
            "params{org.apache.kafka.connect.data.Union=connect_union_1} "
            "{connect_union_field_0:optional int32, connect_union_field_1:optional boolean}}");
}

TEST_F(AvroToConnectTest, ConnectMetadataReadBack) {
  EXPECT_EQ(convert(R"({"type":"record","name":"R","connect.name":"x.Y","connect.version":3,
      "connect.doc":"the doc","connect.parameters":{"p":"1","q":"2"},"fields":[
      {"name":"i","type":{"type":"int","connect.default":5,"connect.doc":"idoc"}}]})"),
            "struct name=x.Y v=3 doc=the doc params{p=1,q=2} {i:int32 doc=idoc default=5}");
  // Names of ConnectDefault records are dropped.
  EXPECT_EQ(convert(R"({"type":"record","name":"ConnectDefault2",
      "namespace":"io.confluent.connect.avro","fields":[]})"),
            "struct {}");
  EXPECT_EQ(convert(R"({"type":"string","connect.parameters":{"p":1}})"),
            "ERROR Expected schema parameter values to be strings but found: 1");
  EXPECT_EQ(convert(R"({"type":"string","connect.parameters":"p"})"),
            "ERROR Expected JSON object for schema parameters but found: p");
  EXPECT_EQ(convert(R"({"type":"string","connect.version":"2"})"),
            "ERROR Invalid Connect version found: 2");
  EXPECT_EQ(convert(R"({"type":"string","connect.name":5})"), "ERROR Invalid schema name: 5");
  config_.connect_meta_data = false;
  EXPECT_EQ(convert(R"({"type":"string","connect.doc":"d","connect.parameters":{"p":"1"}})"),
            "string");
}

TEST_F(AvroToConnectTest, RegistryVersion) {
  const char* record = R"({"type":"record","name":"R","fields":[]})";
  EXPECT_EQ(convert(record, 4), "struct name=R v=4 {}");
  EXPECT_EQ(convert(R"({"type":"record","name":"R","connect.version":2,"fields":[]})", 4),
            "struct name=R v=2 {}");
  // Only the top-level schema takes it, and a nullable union passes it on to no one.
  EXPECT_EQ(convert(R"(["null",{"type":"record","name":"R","fields":[]}])", 4),
            "optional struct name=R {}");
  // A logical type already has version 1.
  EXPECT_EQ(convert(R"({"type":"int","logicalType":"date"})", 4),
            "ERROR Mismatched versions: version already added to SchemaBuilder (1) differs from "
            "version in source schema (4)");
}

TEST_F(AvroToConnectTest, AvroPropertiesBecomeParameters) {
  EXPECT_EQ(convert(R"({"type":"string","avro.java.string":"String","other":"x","avroX":3})"),
            "string params{avro.java.string=String,avroX=3}");
}

TEST_F(AvroToConnectTest, DiscardTypeDocDefault) {
  config_.discard_type_doc_default = true;
  EXPECT_EQ(convert(R"({"type":"record","name":"R","doc":"rd","fields":[
      {"name":"a","type":"int","doc":"ad","default":7}]})"),
            "struct name=R doc=rd params{connect.record.doc=rd} {a:int32 doc=ad default=7}");
}

TEST_F(AvroToConnectTest, StandaloneNullAndRecursion) {
  EXPECT_EQ(convert(R"("null")"),
            "ERROR Standalone null schemas are not supported by this converter");
  // A recursive record is fine (recursive_avro_schema_test.cc) unless it holds itself directly.
  EXPECT_EQ(convert(R"({"type":"record","name":"Node","fields":[
      {"name":"next","type":"Node"}]})"),
            "ERROR Recursive Avro schema Node cannot be converted: a field of the record is the "
            "record itself, with no union, array or map in between");
}

TEST_F(AvroToConnectTest, CachedPerSchemaAndVersion) {
  avro::SchemaPtr schema = avro_schema(R"({"type":"record","name":"R","fields":[]})");
  AvroToConnectSchema converter(config_);
  auto a = converter.convert(schema, 1);
  auto b = converter.convert(schema, 1);
  auto c = converter.convert(schema, 2);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_NE(a->get(), c->get());
  EXPECT_EQ(converter.cached_count(), 2u);
  config_.schemas_cache_size = 0;  // at least one entry is kept, as Math.max(1, size)
  AvroToConnectSchema small(config_);
  ASSERT_TRUE(small.convert(schema, 1).ok());
  ASSERT_TRUE(small.convert(schema, 2).ok());
  EXPECT_EQ(small.cached_count(), 1u);
}

}  // namespace
}  // namespace sluice::connect
