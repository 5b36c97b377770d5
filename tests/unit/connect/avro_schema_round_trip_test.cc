// Connect -> Avro -> Connect gives back the original schema for the schemas Confluent's AvroData
// round-trips (the metadata travels in connect.* properties), and Avro -> Connect -> Avro gives
// back an Avro-origin schema with Connect's properties added.
#include <gtest/gtest.h>

#include <string>

#include "avro_test_util.h"
#include "connect/avro_to_connect_schema.h"
#include "connect/connect_to_avro_schema.h"

namespace sluice::connect {
namespace {

using testing::connect_schema;
using testing::dump;

// The schema after the round trip, dumped.
std::string round_trip(const SchemaPtr& schema, const AvroDataConfig& config = {}) {
  ConnectToAvroSchema to_avro(config);
  auto avro = to_avro.convert(schema);
  if (!avro.ok()) return "ERROR " + avro.status().message();
  AvroToConnectSchema to_connect(config);
  auto back = to_connect.convert(*avro);
  if (!back.ok()) return "ERROR " + back.status().message();
  return dump(back->get());
}

void expect_round_trip(std::string_view connect_json, const AvroDataConfig& config = {}) {
  SchemaPtr schema = connect_schema(connect_json);
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(round_trip(schema, config), dump(schema.get())) << connect_json;
}

TEST(AvroSchemaRoundTripTest, Primitives) {
  for (const char* type :
       {"int8", "int16", "int32", "int64", "float", "double", "boolean", "string", "bytes"}) {
    expect_round_trip(std::string(R"({"type":")") + type + R"("})");
    expect_round_trip(std::string(R"({"type":")") + type + R"(","optional":true})");
  }
}

TEST(AvroSchemaRoundTripTest, LogicalTypes) {
  expect_round_trip(R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","version":1,
                        "parameters":{"scale":"2"}})");
  expect_round_trip(R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","version":1,
                        "parameters":{"scale":"2","connect.decimal.precision":"10"}})");
  expect_round_trip(R"({"type":"int32","name":"org.apache.kafka.connect.data.Date","version":1})");
  expect_round_trip(R"({"type":"int32","name":"org.apache.kafka.connect.data.Time","version":1,
                        "optional":true})");
  expect_round_trip(
      R"({"type":"int64","name":"org.apache.kafka.connect.data.Timestamp","version":1})");
}

TEST(AvroSchemaRoundTripTest, StructsArraysAndMaps) {
  expect_round_trip(R"({"type":"struct","name":"com.example.Order","version":3,"doc":"an order",
      "parameters":{"owner":"sales"},"fields":[
      {"field":"id","type":"int64"},
      {"field":"note","type":"string","optional":true},
      {"field":"qty","type":"int32","default":1},
      {"field":"tags","type":"array","items":{"type":"string"}},
      {"field":"attrs","type":"map","keys":{"type":"string"},"values":{"type":"int64","optional":true}},
      {"field":"by_id","type":"map","keys":{"type":"int32"},"values":{"type":"string"}},
      {"field":"lines","type":"array","items":{"type":"struct","name":"com.example.Line",
        "fields":[{"field":"sku","type":"string"}]}},
      {"field":"when","type":"int64","name":"org.apache.kafka.connect.data.Timestamp","version":1}
      ]})");
  // Unnamed structs come back unnamed (ConnectDefault names are dropped).
  expect_round_trip(R"({"type":"struct","fields":[{"field":"inner","type":"struct",
                        "fields":[{"field":"x","type":"int8"}]}]})");
}

TEST(AvroSchemaRoundTripTest, EnumsFixedAndUnionsWithEnhancedSupport) {
  AvroDataConfig enhanced;
  enhanced.enhanced_avro_schema_support = true;
  expect_round_trip(R"({"type":"string","name":"x.Color","parameters":{
      "io.confluent.connect.avro.Enum":"x.Color","io.confluent.connect.avro.Enum.RED":"RED",
      "io.confluent.connect.avro.Enum.BLUE":"BLUE"}})",
                    enhanced);
  expect_round_trip(R"({"type":"bytes","name":"a.F","parameters":{"connect.fixed.size":"4"}})");
  expect_round_trip(R"({"type":"struct","name":"io.confluent.connect.avro.Union","optional":true,
      "fields":[{"field":"int","type":"int32","optional":true},
                {"field":"string","type":"string","optional":true}]})");
}

TEST(AvroSchemaRoundTripTest, OptionalDefaultsTravelInConnectDefault) {
  // Java reads a nullable union without the field's default; the connect.default property of the
  // member type brings it back.
  SchemaPtr schema = connect_schema(R"({"type":"struct","name":"R","fields":[
      {"field":"a","type":"int32","optional":true,"default":5}]})");
  EXPECT_EQ(round_trip(schema), "struct name=R {a:optional int32 default=5}");
  // Without connect.meta.data it is lost.
  AvroDataConfig no_meta;
  no_meta.connect_meta_data = false;
  EXPECT_EQ(round_trip(schema, no_meta), "struct name=R {a:optional int32}");
}

TEST(AvroSchemaRoundTripTest, AvroOriginSchemaWrittenBack) {
  avro::SchemaPtr avro = testing::avro_schema(R"({"type":"record","name":"R","namespace":"n",
      "doc":"rd","fields":[{"name":"a","type":"int","doc":"ad","default":7},
      {"name":"b","type":["null","string"],"default":null},
      {"name":"c","type":{"type":"enum","name":"E","symbols":["X","Y"]}}]})");
  AvroDataConfig config;
  config.enhanced_avro_schema_support = true;
  auto connect = AvroToConnectSchema(config).convert(avro);
  ASSERT_TRUE(connect.ok());
  auto back = ConnectToAvroSchema(config).convert(*connect);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ((*back)->to_json(),
            R"({"type":"record","name":"R","namespace":"n","doc":"rd","fields":[)"
            R"({"name":"a","type":"int","doc":"ad","default":7},)"
            R"({"name":"b","type":["null","string"],"default":null},)"
            R"({"name":"c","type":{"type":"enum","name":"E","symbols":["X","Y"],)"
            R"("connect.parameters":{"io.confluent.connect.avro.Enum":"n.E",)"
            R"("io.confluent.connect.avro.Enum.X":"X","io.confluent.connect.avro.Enum.Y":"Y"},)"
            R"("connect.name":"n.E"}}],)"
            R"("connect.parameters":{"io.confluent.connect.avro.record.doc":"rd",)"
            R"("io.confluent.connect.avro.field.doc.a":"ad"},"connect.name":"n.R"})");
}

}  // namespace
}  // namespace sluice::connect
