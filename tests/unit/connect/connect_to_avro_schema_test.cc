// ConnectToAvroSchema: Confluent's AvroData.fromConnectSchema, checked as the JSON text Java's
// Schema.toString() writes into AvroFormat files, one test per rule, and byte for byte against
// the writer schema of real Confluent output.
#include "connect/connect_to_avro_schema.h"

#include <gtest/gtest.h>

#include <string>

#include "avro_test_util.h"
#include "connect/json_converter.h"

namespace sluice::connect {
namespace {

using testing::connect_schema;

class ConnectToAvroTest : public ::testing::Test {
 protected:
  // Schema.toString() of the converted schema, or "ERROR <message>".
  std::string convert(const SchemaPtr& schema) {
    if (schema == nullptr) return "NO SCHEMA";
    ConnectToAvroSchema converter(config_);
    auto result = converter.convert(schema);
    if (!result.ok()) return "ERROR " + result.status().message();
    return (*result)->to_json();
  }
  std::string convert(std::string_view connect_json) {
    return convert(connect_schema(connect_json));
  }
  // The converted schema of a one-field struct, as the field's JSON.
  std::string field(std::string_view field_json) {
    std::string s =
        convert(R"({"type":"struct","name":"R","fields":[)" + std::string(field_json) + "]}");
    const std::string prefix = R"({"type":"record","name":"R","fields":[)";
    const std::string suffix = R"(],"connect.name":"R"})";
    if (s.rfind(prefix, 0) != 0 || s.size() < prefix.size() + suffix.size()) return s;
    return s.substr(prefix.size(), s.size() - prefix.size() - suffix.size());
  }
  AvroDataConfig config_;
};

TEST_F(ConnectToAvroTest, GoldenRichSchemaByteForByte) {
  const std::string golden = testing::read_data("avro/connect/golden-rich.avsc");
  for (const char* file :
       {"avro/connect/avro-snappy-p0-0.values", "avro/connect/avro-deflate-p1-50.values"}) {
    JsonConverter json;
    Arena arena;
    for (const std::string& line : testing::read_lines(file)) {
      SchemaAndValue record;
      ASSERT_TRUE(json.to_connect("t", line, arena, record).ok());
      EXPECT_EQ(convert(record.schema), golden);
    }
  }
}

TEST_F(ConnectToAvroTest, Primitives) {
  EXPECT_EQ(convert(R"({"type":"int8"})"), R"({"type":"int","connect.type":"int8"})");
  EXPECT_EQ(convert(R"({"type":"int16"})"), R"({"type":"int","connect.type":"int16"})");
  EXPECT_EQ(convert(R"({"type":"int32"})"), R"("int")");
  EXPECT_EQ(convert(R"({"type":"int64"})"), R"("long")");
  EXPECT_EQ(convert(R"({"type":"float"})"), R"("float")");
  EXPECT_EQ(convert(R"({"type":"double"})"), R"("double")");
  EXPECT_EQ(convert(R"({"type":"boolean"})"), R"("boolean")");
  EXPECT_EQ(convert(R"({"type":"string"})"), R"("string")");
  EXPECT_EQ(convert(R"({"type":"bytes"})"), R"("bytes")");
}

TEST_F(ConnectToAvroTest, OptionalIsAUnionWithNull) {
  EXPECT_EQ(convert(R"({"type":"int32","optional":true})"), R"(["null","int"])");
  EXPECT_EQ(field(R"({"field":"f","type":"int32","optional":true})"),
            R"({"name":"f","type":["null","int"],"default":null})");
  // A default puts the type first, so that the default is valid for the union.
  EXPECT_EQ(field(R"({"field":"f","type":"int32","optional":true,"default":5})"),
            R"({"name":"f","type":[{"type":"int","connect.default":5},"null"],"default":5})");
  EXPECT_EQ(field(R"({"field":"f","type":"string","default":"x"})"),
            R"({"name":"f","type":{"type":"string","connect.default":"x"},"default":"x"})");
  // An optional struct is always ["null", record]; its default is then invalid and dropped.
  EXPECT_EQ(field(R"({"field":"f","type":"struct","optional":true,"fields":[]})"),
            R"({"name":"f","type":["null",{"type":"record","name":"ConnectDefault",)"
            R"("namespace":"io.confluent.connect.avro","fields":[]}],"default":null})");
}

TEST_F(ConnectToAvroTest, LogicalTypes) {
  EXPECT_EQ(convert(R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                        "version":1,"parameters":{"scale":"2"}})"),
            R"({"type":"bytes","scale":2,"precision":64,"connect.version":1,)"
            R"("connect.parameters":{"scale":"2"},)"
            R"("connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"})");
  EXPECT_EQ(
      convert(R"({"type":"int32","name":"org.apache.kafka.connect.data.Date","version":1})"),
      R"({"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Date",)"
      R"("logicalType":"date"})");
  EXPECT_EQ(
      convert(R"({"type":"int32","name":"org.apache.kafka.connect.data.Time","version":1})"),
      R"({"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Time",)"
      R"("logicalType":"time-millis"})");
  EXPECT_EQ(
      convert(R"({"type":"int64","name":"org.apache.kafka.connect.data.Timestamp","version":1})"),
      R"({"type":"long","connect.version":1,)"
      R"("connect.name":"org.apache.kafka.connect.data.Timestamp","logicalType":"timestamp-millis"})");
}

TEST_F(ConnectToAvroTest, DecimalScaleAbovePrecisionKeepsOnlyTheLegacyProperty) {
  EXPECT_EQ(convert(R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                        "parameters":{"scale":"5","connect.decimal.precision":"3"}})"),
            R"({"type":"bytes","scale":5,"precision":3,)"
            R"("connect.parameters":{"scale":"5","connect.decimal.precision":"3"},)"
            R"("connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"})");
}

TEST_F(ConnectToAvroTest, FixedAndFixedDecimal) {
  EXPECT_EQ(convert(R"({"type":"bytes","name":"a.F","parameters":{"connect.fixed.size":"4"}})"),
            R"({"type":"fixed","name":"F","namespace":"a","size":4,)"
            R"("connect.parameters":{"connect.fixed.size":"4"},"connect.name":"a.F"})");
  // Precision 64 does not fit 8 bytes: Avro's Decimal.validate throws.
  EXPECT_EQ(convert(R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                        "parameters":{"scale":"2","connect.fixed.size":"8"}})"),
            "ERROR fixed(8) cannot store 64 digits (max 18)");
}

TEST_F(ConnectToAvroTest, UnnamedStructsAreConnectDefaultN) {
  EXPECT_EQ(convert(R"({"type":"struct","fields":[
      {"field":"a","type":"struct","fields":[{"field":"x","type":"int32"}]},
      {"field":"b","type":"struct","fields":[{"field":"x","type":"int32"}]},
      {"field":"c","type":"struct","fields":[{"field":"y","type":"int32"}]}]})"),
            R"({"type":"record","name":"ConnectDefault","namespace":"io.confluent.connect.avro",)"
            R"("fields":[{"name":"a","type":{"type":"record","name":"ConnectDefault2",)"
            R"("fields":[{"name":"x","type":"int"}]}},{"name":"b","type":"ConnectDefault2"},)"
            R"({"name":"c","type":{"type":"record","name":"ConnectDefault3",)"
            R"("fields":[{"name":"y","type":"int"}]}}]})");
}

TEST_F(ConnectToAvroTest, NamespacesFromDottedNames) {
  EXPECT_EQ(convert(R"({"type":"struct","name":"a.b.Outer","fields":[
      {"field":"i","type":"struct","name":"Inner","fields":[]},
      {"field":"j","type":"struct","name":"a.b.Same","fields":[]}]})"),
            R"({"type":"record","name":"Outer","namespace":"a.b","fields":[)"
            R"({"name":"i","type":{"type":"record","name":"Inner","namespace":"","fields":[],)"
            R"("connect.name":"Inner"}},{"name":"j","type":{"type":"record","name":"Same",)"
            R"("fields":[],"connect.name":"a.b.Same"}}],"connect.name":"a.b.Outer"})");
}

TEST_F(ConnectToAvroTest, SameNameDifferentTypeCannotBeRedefined) {
  EXPECT_EQ(convert(R"({"type":"struct","name":"R","fields":[
      {"field":"a","type":"struct","name":"X","fields":[{"field":"x","type":"int32"}]},
      {"field":"b","type":"struct","name":"X","fields":[{"field":"y","type":"int32"}]}]})"),
            "ERROR Can't redefine: X");
}

TEST_F(ConnectToAvroTest, AnOptionalStructWithAKnownNameIsThatRecordEvenIfItDiffers) {
  // Java's fromConnectSchemaWithCycle (array items, map values, union branches, optional structs)
  // finds records by Connect name: ProtobufData gives every use of a message type its own Tag.
  EXPECT_EQ(convert(R"({"type":"struct","name":"R","fields":[
      {"field":"a","type":"struct","name":"X","optional":true,"parameters":{"t":"1"},
       "fields":[{"field":"x","type":"int32"}]},
      {"field":"b","type":"struct","name":"X","optional":true,"parameters":{"t":"2"},
       "fields":[{"field":"x","type":"int32"}]},
      {"field":"c","type":"array","items":{"type":"struct","name":"X","fields":[]}}]})"),
            R"({"type":"record","name":"R","fields":[{"name":"a","type":["null",{"type":"record",)"
            R"("name":"X","fields":[{"name":"x","type":"int"}],"connect.parameters":{"t":"1"},)"
            R"("connect.name":"X"}],"default":null},{"name":"b","type":["null","X"],)"
            R"("default":null},{"name":"c","type":{"type":"array","items":"X"}}],)"
            R"("connect.name":"R"})");
}

TEST_F(ConnectToAvroTest, Maps) {
  EXPECT_EQ(convert(R"({"type":"map","keys":{"type":"string"},"values":{"type":"int32"}})"),
            R"({"type":"map","values":"int"})");
  EXPECT_EQ(convert(R"({"type":"map","keys":{"type":"int32"},"values":{"type":"string"}})"),
            R"({"type":"array","items":{"type":"record","name":"MapEntry",)"
            R"("namespace":"io.confluent.connect.avro","fields":[{"name":"key","type":"int"},)"
            R"({"name":"value","type":"string"}]}})");
  EXPECT_EQ(convert(R"({"type":"map","name":"foo.bar","keys":{"type":"string","optional":true},
                        "values":{"type":"int32"}})"),
            R"({"type":"array","items":{"type":"record","name":"bar","namespace":"foo",)"
            R"("fields":[{"name":"key","type":["null","string"],"default":null},)"
            R"({"name":"value","type":"int"}],"connect.internal.type":"MapEntry"},)"
            R"("connect.name":"foo.bar"})");
  config_.allow_optional_map_keys = true;
  EXPECT_EQ(convert(R"({"type":"map","keys":{"type":"string","optional":true},
                        "values":{"type":"int32"}})"),
            R"({"type":"map","values":"int"})");
}

TEST_F(ConnectToAvroTest, EnumsWithEnhancedSupport) {
  const char* schema = R"({"type":"string","name":"x.Color","parameters":{
      "io.confluent.connect.avro.Enum":"x.Color","io.confluent.connect.avro.Enum.RED":"RED",
      "io.confluent.connect.avro.Enum.BLUE":"BLUE"}})";
  EXPECT_EQ(convert(schema),
            R"({"type":"string","connect.parameters":{"io.confluent.connect.avro.Enum":"x.Color",)"
            R"("io.confluent.connect.avro.Enum.RED":"RED","io.confluent.connect.avro.Enum.BLUE":)"
            R"("BLUE"},"connect.name":"x.Color"})");
  config_.enhanced_avro_schema_support = true;
  EXPECT_EQ(convert(schema),
            R"({"type":"enum","name":"Color","namespace":"x","symbols":["RED","BLUE"],)"
            R"("connect.parameters":{"io.confluent.connect.avro.Enum":"x.Color",)"
            R"("io.confluent.connect.avro.Enum.RED":"RED","io.confluent.connect.avro.Enum.BLUE":)"
            R"("BLUE"},"connect.name":"x.Color"})");
}

TEST_F(ConnectToAvroTest, ConnectUnionStructs) {
  EXPECT_EQ(convert(R"({"type":"struct","name":"io.confluent.connect.avro.Union","optional":true,
      "fields":[{"field":"int","type":"int32","optional":true},
                {"field":"string","type":"string","optional":true}]})"),
            R"(["null","int","string"])");
}

TEST_F(ConnectToAvroTest, MetadataInJavaOrder) {
  EXPECT_EQ(convert(R"({"type":"string","name":"n.S","version":2,"doc":"d",
                        "parameters":{"p":"1","io.confluent.connect.avro.field.default":"true",
                                      "avro.java.string":"String"}})"),
            R"({"type":"string","connect.doc":"d","connect.version":2,)"
            R"("connect.parameters":{"p":"1","avro.java.string":"String"},"connect.name":"n.S",)"
            R"("avro.java.string":"String"})");
  config_.connect_meta_data = false;
  EXPECT_EQ(convert(R"({"type":"int8","name":"n.S","version":2,"doc":"d"})"), R"("int")");
}

TEST_F(ConnectToAvroTest, RecordAndFieldDocsFromParameters) {
  EXPECT_EQ(convert(R"({"type":"struct","name":"R","parameters":{
      "io.confluent.connect.avro.record.doc":"rd","io.confluent.connect.avro.field.doc.a":"ad"},
      "fields":[{"field":"a","type":"int32"}]})"),
            R"({"type":"record","name":"R","doc":"rd","fields":[{"name":"a","type":"int",)"
            R"("doc":"ad"}],"connect.parameters":{"io.confluent.connect.avro.record.doc":"rd",)"
            R"("io.confluent.connect.avro.field.doc.a":"ad"},"connect.name":"R"})");
}

TEST_F(ConnectToAvroTest, DefaultsRenderedAsJava) {
  // (A map with non-string keys: [[k, v]] is no valid default for an array of MapEntry records,
  // so Avro's Field drops it and only connect.default keeps it.)
  EXPECT_EQ(
      field(R"({"field":"b","type":"bytes","default":"AN0="})"),
      R"({"name":"b","type":{"type":"bytes","connect.default":"\u0000Ý"},"default":"\u0000Ý"})");
  EXPECT_EQ(field(R"({"field":"a","type":"array","items":{"type":"int64"},"default":[1,2]})"),
            R"({"name":"a","type":{"type":"array","items":"long","connect.default":[1,2]},)"
            R"("default":[1,2]})");
  EXPECT_EQ(field(R"({"field":"m","type":"map","keys":{"type":"int32"},
                      "values":{"type":"boolean"},"default":[[1,true]]})"),
            R"({"name":"m","type":{"type":"array","items":{"type":"record","name":"MapEntry",)"
            R"("namespace":"io.confluent.connect.avro","fields":[{"name":"key","type":"int"},)"
            R"({"name":"value","type":"boolean"}]},"connect.default":[[1,true]]}})");
  EXPECT_EQ(field(R"({"field":"d","type":"double","default":1.5})"),
            R"({"name":"d","type":{"type":"double","connect.default":1.5},"default":1.5})");
}

TEST_F(ConnectToAvroTest, DecimalDefaults) {
  EXPECT_EQ(field(R"({"field":"d","type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                      "parameters":{"scale":"2"},"default":"AN0="})"),
            R"({"name":"d","type":{"type":"bytes","scale":2,"precision":64,)"
            R"("connect.parameters":{"scale":"2"},"connect.default":"\u0000Ý",)"
            R"("connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"},)"
            R"("default":"\u0000Ý"})");
  // JsonConverter keeps the scale written in a JSON number; Decimal.fromLogical refuses it.
  EXPECT_EQ(field(R"({"field":"d","type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                      "parameters":{"scale":"2"},"default":2.2})"),
            "ERROR BigDecimal has mismatching scale value for given Decimal schema");
}

TEST_F(ConnectToAvroTest, InvalidNamesAndScrubbing) {
  EXPECT_EQ(
      convert(R"({"type":"struct","name":"R","fields":[{"field":"my-field","type":"int32"}]})"),
      "ERROR Illegal character in: my-field");
  config_.scrub_invalid_names = true;
  EXPECT_EQ(convert(R"({"type":"struct","name":"a-b.1R","fields":[
                        {"field":"my-field","type":"int32"},{"field":"é","type":"int32"}]})"),
            R"({"type":"record","name":"x1R","namespace":"a_b","fields":[)"
            R"({"name":"my_field","type":"int"},{"name":"_C3_A9","type":"int"}],)"
            R"("connect.name":"a-b.1R"})");
}

TEST_F(ConnectToAvroTest, CachedBySchemaIdentity) {
  SchemaPtr schema = connect_schema(R"({"type":"struct","name":"R","fields":[]})");
  ConnectToAvroSchema converter(config_);
  auto a = converter.convert(schema);
  auto b = converter.convert(schema);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_EQ(converter.cached_count(), 1u);
}

}  // namespace
}  // namespace sluice::connect
