// Recursive Protobuf messages: ProtobufToConnectSchema makes a cyclic Connect schema (reference
// nodes, schema.h) where ProtobufData wraps the builder being filled (its SchemaWrapper), the
// common google.protobuf.Struct / Value / ListValue included, and values several levels deep
// decode.
#include <gtest/gtest.h>

#include <string>

#include "connect/connect_to_avro_schema.h"
#include "connect/protobuf_to_connect_schema.h"
#include "connect/protobuf_value_decoder.h"
#include "protobuf_test_util.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::describe;
using testing::encode;
using testing::load_proto;
using testing::message_type;
using testing::render;

constexpr std::string_view kTreeProto = R"(syntax = "proto3";
package t;
message Node {
  repeated Node children = 1;
  int32 v = 2;
  Node next = 3;
}
)";

constexpr std::string_view kDocProto = R"(syntax = "proto3";
package d;
import "google/protobuf/struct.proto";
message Doc {
  string id = 1;
  google.protobuf.Struct attrs = 2;
  google.protobuf.Value any = 3;
}
)";

TEST(RecursiveProtobufSchemaTest, ARecursiveTopLevelMessageIsOptionalWithReferences) {
  auto file = load_proto(kTreeProto);
  ASSERT_NE(file, nullptr);
  ProtobufToConnectSchema converter;
  auto schema = converter.convert(message_type(*file, "t.Node"), 3);
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  // SchemaWrapper.optional() makes the wrapped top-level builder optional too.
  EXPECT_EQ(describe(schema->get()),
            "opt struct Node@3 [children: opt array {Tag=1} <opt ref Node>, v: opt int32 {Tag=2}, "
            "next: opt ref Node]");
  const Schema& next = *(*schema)->fields[2].schema;
  ASSERT_TRUE(next.is_reference());
  EXPECT_EQ(next.reference_target, schema->get());
  // The wrapper reads the builder's version and keeps its own Tag over the builder's parameters.
  EXPECT_EQ(next.version, 3);
  ASSERT_EQ(next.parameters.size(), 1u);
  EXPECT_EQ(next.parameters[0].second, "3");
  const Schema& element = *(*schema)->fields[0].schema->value_schema;
  EXPECT_TRUE(element.parameters.empty());  // an array element has no Tag of its own
}

TEST(RecursiveProtobufSchemaTest, AvroSchemaOfARecursiveTopLevelMessageIsJavas) {
  auto file = load_proto(kTreeProto);
  ASSERT_NE(file, nullptr);
  ProtobufToConnectSchema converter;
  auto schema = converter.convert(message_type(*file, "t.Node"), std::nullopt);
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  ConnectToAvroSchema to_avro;
  auto avro = to_avro.convert(*schema);
  ASSERT_TRUE(avro.ok()) << avro.status().message();
  // What AvroData.fromConnectSchema(ProtobufData.toConnectSchema(...)) gives with the 7.7.8 jars.
  EXPECT_EQ(
      (*avro)->to_json(),
      R"(["null",{"type":"record","name":"Node","fields":[{"name":"children","type":["null",)"
      R"({"type":"array","items":["null","Node"],"connect.parameters":)"
      R"({"io.confluent.connect.protobuf.Tag":"1"}}],"default":null},{"name":"v","type":)"
      R"(["null",{"type":"int","connect.parameters":{"io.confluent.connect.protobuf.Tag":"2"}}],)"
      R"("default":null},{"name":"next","type":["null","Node"],"default":null}],)"
      R"("connect.name":"Node"}])");
}

TEST(RecursiveProtobufSchemaTest, GoogleProtobufStructValueAndListValue) {
  auto file = load_proto(kDocProto);
  ASSERT_NE(file, nullptr);
  ProtobufToConnectSchema converter;
  auto schema = converter.convert(message_type(*file, "d.Doc"), 1);
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  const std::string value_struct =
      "opt struct Value {Tag=2} [kind_0: opt struct io.confluent.connect.protobuf.Union.kind ["
      "null_value: opt string NullValue {Enum=NullValue,Enum.NULL_VALUE=0,Tag=1}, "
      "number_value: opt double {Tag=2}, string_value: opt string {Tag=3}, "
      "bool_value: opt boolean {Tag=4}, struct_value: opt ref Struct, "
      "list_value: opt struct ListValue {Tag=6} [values: opt array {Tag=1} <opt ref Value>]]]";
  EXPECT_EQ(describe(schema->get()),
            "struct Doc@1 [id: opt string {Tag=1}, attrs: opt struct Struct {Tag=2} [fields: opt "
            "map fields {Tag=1} <opt string {Tag=1}, " +
                value_struct +
                ">], any: opt struct Value {Tag=3} [kind_0: opt struct "
                "io.confluent.connect.protobuf.Union.kind [null_value: opt string NullValue "
                "{Enum=NullValue,Enum.NULL_VALUE=0,Tag=1}, number_value: opt double {Tag=2}, "
                "string_value: opt string {Tag=3}, bool_value: opt boolean {Tag=4}, "
                "struct_value: opt ref Struct, list_value: opt struct ListValue {Tag=6} [values: "
                "opt array {Tag=1} <opt ref Value>]]]]");
}

TEST(RecursiveProtobufSchemaTest, StructValuesSeveralLevelsDeepDecode) {
  auto file = load_proto(kDocProto);
  ASSERT_NE(file, nullptr);
  ProtobufToConnectSchema converter;
  auto schema = converter.convert(message_type(*file, "d.Doc"), 1);
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  const std::string bytes = encode(*file, "d.Doc", R"(
    id: "x"
    attrs { fields { key: "a" value { struct_value { fields { key: "b" value {
      list_value { values { number_value: 1.5 } values { struct_value {} } } } } } } } }
    any { string_value: "s" })");
  ProtobufValueDecoder decoder;
  Arena arena;
  Value value;
  Status st = decoder.decode(bytes, message_type(*file, "d.Doc"), **schema, arena, &value);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(render(value),
            "Struct{id=\"x\",attrs=Struct{fields={\"a\":Struct{kind_0=Struct{null_value=null,"
            "number_value=null,string_value=null,bool_value=null,struct_value=Struct{fields={"
            "\"b\":Struct{kind_0=Struct{null_value=null,number_value=null,string_value=null,"
            "bool_value=null,struct_value=null,list_value=Struct{values=[Struct{kind_0=Struct{"
            "null_value=null,number_value=d:1.5,string_value=null,bool_value=null,"
            "struct_value=null,list_value=null}},Struct{kind_0=Struct{null_value=null,"
            "number_value=null,string_value=null,bool_value=null,struct_value=Struct{fields={}},"
            "list_value=null}}]}}}}},list_value=null}}}},any=Struct{kind_0=Struct{null_value=null,"
            "number_value=null,string_value=\"s\",bool_value=null,struct_value=null,"
            "list_value=null}}}");
}

}  // namespace
}  // namespace sluice::connect
