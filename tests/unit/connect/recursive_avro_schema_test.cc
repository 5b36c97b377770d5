// Recursive Avro schemas end to end in the connect module: AvroToConnectSchema makes a cyclic
// Connect schema (reference nodes, schema.h) as Java's toConnectSchemaWithCycles does, values
// several levels deep decode and encode, the Avro schema written back names the record instead of
// repeating it (as AvroData.fromConnectSchemaWithCycle and Schema.toString do), and equality and
// projection terminate on cycles.
#include <gtest/gtest.h>

#include <string>

#include "avro_test_util.h"
#include "connect/avro_to_connect_schema.h"
#include "connect/avro_value_decoder.h"
#include "connect/avro_value_encoder.h"
#include "connect/connect_to_avro_schema.h"
#include "connect/schema_projector.h"

namespace sluice::connect {
namespace {

using testing::avro_schema;
using testing::dump;
using testing::render;
using testing::to_hex;
using testing::unhex;

constexpr std::string_view kList = R"({"type":"record","name":"Node","namespace":"ex","fields":[
    {"name":"value","type":"int"},
    {"name":"next","type":["null","Node"],"default":null}]})";

SchemaPtr to_connect(std::string_view avro_json) {
  AvroToConnectSchema converter;
  auto result = converter.convert(avro_schema(avro_json));
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? *result : nullptr;
}

TEST(RecursiveAvroSchemaTest, LinkedListBecomesAReferenceToTheRecord) {
  SchemaPtr schema = to_connect(kList);
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(dump(schema.get()), "struct name=ex.Node {value:int32, next:optional ref ex.Node}");
  const Schema& next = *schema->fields[1].schema;
  ASSERT_TRUE(next.is_reference());
  EXPECT_EQ(next.reference_target, schema.get());
  EXPECT_EQ(&next.resolved(), schema.get());
  // The reference node looks like its target (but for `optional`), with non-owning children.
  EXPECT_EQ(next.type, SchemaType::kStruct);
  EXPECT_EQ(next.name, schema->name);
  ASSERT_EQ(next.fields.size(), 2u);
  EXPECT_EQ(next.fields[1].schema.get(), &next);
  EXPECT_EQ(next.fields[0].schema.use_count(), 0);
  EXPECT_FALSE(schema->is_reference());
}

TEST(RecursiveAvroSchemaTest, ArraysMapsAndMutualRecursion) {
  SchemaPtr schema = to_connect(R"({"type":"record","name":"Tree","fields":[
      {"name":"children","type":{"type":"array","items":"Tree"}},
      {"name":"byName","type":{"type":"map","values":"Tree"}},
      {"name":"meta","type":["null",{"type":"record","name":"Meta","fields":[
          {"name":"owner","type":["null","Tree"],"default":null}]}],"default":null},
      {"name":"other","type":["null","Meta"],"default":null}]})");
  ASSERT_NE(schema, nullptr);
  // Meta is not recursive itself: its second use is converted again.
  EXPECT_EQ(dump(schema.get()),
            "struct name=Tree {children:array<ref Tree>, byName:map<string,ref Tree>, "
            "meta:optional struct name=Meta {owner:optional ref Tree}, "
            "other:optional struct name=Meta {owner:optional ref Tree}}");
}

TEST(RecursiveAvroSchemaTest, ARecursiveRecordUsedAgainIsAReference) {
  // Java keeps a record found recursive in its cycleReferences: its later uses are wrappers.
  SchemaPtr schema = to_connect(R"({"type":"record","name":"Outer","fields":[
      {"name":"a","type":["null",{"type":"record","name":"Node","fields":[
          {"name":"next","type":["null","Node"],"default":null}]}],"default":null},
      {"name":"b","type":{"type":"array","items":"Node"}}]})");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(dump(schema.get()),
            "struct name=Outer {a:optional struct name=Node {next:optional ref Node}, "
            "b:array<ref Node>}");
  const Schema& item = *schema->fields[1].schema->value_schema;
  EXPECT_EQ(item.reference_target, schema->fields[0].schema.get());
  EXPECT_FALSE(item.optional);  // the reference has its own optional flag
}

TEST(RecursiveAvroSchemaTest, AFieldOfItsOwnRecordTypeIsAnError) {
  AvroToConnectSchema converter;
  auto result = converter.convert(
      avro_schema(R"({"type":"record","name":"Loop","fields":[{"name":"self","type":"Loop"}]})"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "Recursive Avro schema Loop cannot be converted: a field of the record is the record "
            "itself, with no union, array or map in between");
}

TEST(RecursiveAvroSchemaTest, EqualityTerminatesAndComparesStructure) {
  SchemaPtr a = to_connect(kList);
  SchemaPtr b = to_connect(kList);
  SchemaPtr other = to_connect(R"({"type":"record","name":"Node","namespace":"ex","fields":[
      {"name":"value","type":"long"},{"name":"next","type":["null","Node"],"default":null}]})");
  ASSERT_TRUE(a && b && other);
  EXPECT_NE(a.get(), b.get());
  EXPECT_TRUE(schemas_equal(a.get(), b.get()));
  EXPECT_TRUE(schemas_equal(a->fields[1].schema.get(), b->fields[1].schema.get()));
  EXPECT_FALSE(schemas_equal(a.get(), other.get()));
  // A reference node is not equal to a plain schema, as CyclicSchemaWrapper.equals is not.
  Schema plain = *a->fields[1].schema;
  plain.reference_target = nullptr;
  EXPECT_FALSE(schemas_equal(a->fields[1].schema.get(), &plain));
}

TEST(RecursiveAvroSchemaTest, ValueSeveralLevelsDeepDecodesAndEncodes) {
  avro::SchemaPtr writer = avro_schema(kList);
  AvroToConnectSchema schemas;
  auto schema = schemas.convert(writer);
  ASSERT_TRUE(schema.ok());
  // value 1, next -> value 2, next -> value 3, next -> value 4, next null.
  const std::string datum = unhex("0202040206020800");
  Arena arena;
  Value value;
  AvroValueDecoder decoder;
  ASSERT_TRUE(decoder.decode(datum, *writer, **schema, arena, &value).ok());
  EXPECT_EQ(render(value),
            "Struct{value=1,next=Struct{value=2,next=Struct{value=3,next=Struct{value=4,"
            "next=null}}}}");

  ConnectToAvroSchema to_avro;
  auto avro = to_avro.convert(*schema);
  ASSERT_TRUE(avro.ok()) << avro.status().message();
  EXPECT_EQ(
      (*avro)->to_json(),
      R"({"type":"record","name":"Node","namespace":"ex","fields":[)"
      R"({"name":"value","type":"int"},{"name":"next","type":["null","Node"],"default":null}],)"
      R"("connect.name":"ex.Node"})");
  AvroValueEncoder encoder;
  std::string out;
  ASSERT_TRUE(encoder.encode(**schema, **avro, value, out).ok());
  EXPECT_EQ(to_hex(out), to_hex(datum));
}

TEST(RecursiveAvroSchemaTest, AvroSchemaTextNamesEachRecordOnce) {
  SchemaPtr schema = to_connect(R"({"type":"record","name":"Tree","namespace":"ex","fields":[
      {"name":"children","type":{"type":"array","items":"Tree"}},
      {"name":"byName","type":{"type":"map","values":"Tree"}},
      {"name":"meta","type":["null",{"type":"record","name":"Meta","namespace":"other","fields":[
          {"name":"owner","type":["null","ex.Tree"],"default":null}]}],"default":null}]})");
  ASSERT_NE(schema, nullptr);
  ConnectToAvroSchema to_avro;
  auto avro = to_avro.convert(schema);
  ASSERT_TRUE(avro.ok()) << avro.status().message();
  EXPECT_EQ((*avro)->to_json(),
            R"({"type":"record","name":"Tree","namespace":"ex","fields":[)"
            R"({"name":"children","type":{"type":"array","items":"Tree"}},)"
            R"({"name":"byName","type":{"type":"map","values":"Tree"}},)"
            R"({"name":"meta","type":["null",{"type":"record","name":"Meta","namespace":"other",)"
            R"("fields":[{"name":"owner","type":["null","ex.Tree"],"default":null}],)"
            R"("connect.name":"other.Meta"}],"default":null}],"connect.name":"ex.Tree"})");
}

TEST(RecursiveAvroSchemaTest, ProjectionFollowsTheValue) {
  SchemaPtr v1 = to_connect(kList);
  SchemaPtr v2 = to_connect(R"({"type":"record","name":"Node","namespace":"ex","fields":[
      {"name":"value","type":"long"},
      {"name":"label","type":["null","string"],"default":null},
      {"name":"next","type":["null","Node"],"default":null}]})");
  ASSERT_TRUE(v1 && v2);
  avro::SchemaPtr writer = avro_schema(kList);
  Arena arena;
  Value value;
  AvroValueDecoder decoder;
  ASSERT_TRUE(decoder.decode(unhex("02020400"), *writer, *v1, arena, &value).ok());
  auto projected = project_value(*v1, value, *v2, arena);
  ASSERT_TRUE(projected.ok()) << projected.status().message();
  EXPECT_EQ(render(*projected),
            "Struct{value=1,label=null,next=Struct{value=2,label=null,next=null}}");
  EXPECT_EQ(projected->struct_field("next")->struct_schema(), v2.get());
}

}  // namespace
}  // namespace sluice::connect
